import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../electron/core/store/openStore';
import { TelemetryRepo } from '../../electron/core/store/TelemetryRepo';
import type { TelemetrySample } from '../../electron/core/telemetry/sample';
import { tempDir } from '../support/coreHarness';

// The writer thread commits each tick to telemetry_inbox and moves it into telemetry_sample later
// (electron/core/store/TelemetryWriter.ts). What the console reads must not depend on when.

const T0 = 1_760_000_000_000;

const sample = (unitId: string, tsMs: number, lon: number): TelemetrySample => ({
  unitIdx: 0,
  unitId,
  tsMs,
  receivedMs: tsMs + 50,
  lon,
  lat: 29.1,
  headingDeg: 90,
  speedKmh: undefined,
  batteryPct: 80,
  altM: undefined,
});

describe('store: the writer thread inbox', () => {
  const cleanup: (() => void)[] = [];
  afterEach(() => {
    for (const fn of cleanup.splice(0).reverse()) fn();
  });

  function open(): { file: string; repo: TelemetryRepo; side: Database.Database } {
    const tmp = tempDir();
    cleanup.push(tmp.remove);
    const file = join(tmp.dir, 'muster.db');
    const repo = new TelemetryRepo(openStore({ file }));
    cleanup.push(() => repo.close());
    // Another connection sees the file as an outside reader would.
    const side = new Database(file, { readonly: true });
    cleanup.push(() => side.close());
    return { file, repo, side };
  }

  const count = (db: Database.Database, table: string): number =>
    db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM ${table}`).get()?.n ?? -1;

  it('commits ticks to the inbox; a read moves them first, the first arrival of a key winning', () => {
    const { repo, side } = open();
    repo.queueTick([sample('u1', T0, 118.1)], [sample('u1', T0, 118.1)]);
    // The same key again (a QoS 1 redelivery), with other values, and a newer sample.
    repo.queueTick(
      [sample('u1', T0, 118.9), sample('u1', T0 + 1000, 118.2)],
      [sample('u1', T0 + 1000, 118.2)],
    );
    expect(repo.lastCommitMs).toBeGreaterThan(0); // waits for both commits, moves nothing
    expect(count(side, 'telemetry_inbox')).toBe(3);
    expect(count(side, 'telemetry_sample')).toBe(0);

    const track = repo.track('u1', T0 - 1, T0 + 5000, 10);
    expect(track.map((p) => [p.tsMs, p.lon])).toEqual([
      [T0, 118.1],
      [T0 + 1000, 118.2],
    ]);
    expect(count(side, 'telemetry_inbox')).toBe(0);
    expect(count(side, 'telemetry_sample')).toBe(2);
    expect(repo.sampleCount()).toBe(2);
  });

  it('moves what a killed console left in the inbox when the writer starts, keeping stored rows', () => {
    const tmp = tempDir();
    cleanup.push(tmp.remove);
    const file = join(tmp.dir, 'muster.db');
    const before = openStore({ file });
    before
      .prepare(
        `INSERT INTO telemetry_sample (unit_id, ts_ms, received_ms, lon, lat) VALUES ('u1', ?, ?, 118.1, 29.1)`,
      )
      .run(T0, T0);
    const inbox = before.prepare(
      `INSERT INTO telemetry_inbox (unit_id, ts_ms, received_ms, lon, lat) VALUES (?, ?, ?, ?, 29.1)`,
    );
    inbox.run('u1', T0, T0, 118.9); // already stored: must not replace the stored row
    inbox.run('u2', T0, T0, 118.3);
    inbox.run('u2', T0, T0, 118.4); // a duplicate inside the inbox: the earlier row wins
    before.close();

    const repo = new TelemetryRepo(openStore({ file }));
    cleanup.push(() => repo.close());
    repo.queueTick([], []); // starts the writer thread, which moves the inbox first
    expect(repo.lastCommitMs).toBeGreaterThan(0);
    const side = new Database(file, { readonly: true });
    cleanup.push(() => side.close());
    expect(count(side, 'telemetry_inbox')).toBe(0);
    const rows = side
      .prepare<[], { unit_id: string; lon: number }>(
        'SELECT unit_id, lon FROM telemetry_sample ORDER BY unit_id',
      )
      .all();
    expect(rows).toEqual([
      { unit_id: 'u1', lon: 118.1 },
      { unit_id: 'u2', lon: 118.3 },
    ]);
  });

  it('moves the inbox on its own once its oldest row has waited five seconds', async () => {
    const { repo, side } = open();
    repo.queueTick([sample('u1', T0, 118.1)], []);
    expect(repo.lastCommitMs).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 5_200));
    expect(count(side, 'telemetry_inbox')).toBe(1); // nothing moves between ticks
    repo.queueTick([sample('u1', T0 + 1000, 118.2)], []);
    expect(repo.lastCommitMs).toBeGreaterThan(0);
    // The move runs after the tick is announced: wait for it through the file, not through a read.
    const deadline = Date.now() + 5_000;
    while (count(side, 'telemetry_inbox') > 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(count(side, 'telemetry_inbox')).toBe(0);
    expect(count(side, 'telemetry_sample')).toBe(2);
  }, 15_000);

  it('closing the store moves the inbox, so the file holds every sample', () => {
    const tmp = tempDir();
    cleanup.push(tmp.remove);
    const file = join(tmp.dir, 'muster.db');
    const repo = new TelemetryRepo(openStore({ file }));
    repo.queueTick([sample('u1', T0, 118.1), sample('u2', T0, 118.2)], []);
    repo.close();
    const db = new Database(file, { readonly: true });
    try {
      expect(count(db, 'telemetry_inbox')).toBe(0);
      expect(count(db, 'telemetry_sample')).toBe(2);
    } finally {
      db.close();
    }
  });
});
