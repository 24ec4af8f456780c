import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RosterUnit } from '../../shared/domain/units';
import { RESOURCES_DIR, tempDir, waitFor } from '../support/coreHarness';
import { mosquittoPath, requireOrSkip, startMosquitto, type Mosquitto } from '../support/mosquitto';
import { PacedPublisher } from '../support/pacedPublisher';
import {
  ensureServeBuilt,
  killServe,
  startServe,
  type ServeProcess,
} from '../support/serveProcess';

const present = requireOrSkip('mosquitto', mosquittoPath() !== undefined);

const RATE_PER_SEC = 2000;
const ROSTER = JSON.parse(
  readFileSync(join(RESOURCES_DIR, 'regions/kaihua/roster.json'), 'utf8'),
) as RosterUnit[];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(!present)('console SIGKILLed three times under QoS 1 load', () => {
  const tmp = tempDir();
  const dataDir = join(tmp.dir, 'data');
  const dbFile = join(dataDir, 'muster.db');
  let broker: Mosquitto;
  let fleet: PacedPublisher | undefined;
  const consoles: ServeProcess[] = [];

  beforeAll(async () => {
    ensureServeBuilt();
    // The console's persistent session holds everything published while it is down; the
    // in-flight window covers what the console holds between a tick and its commit.
    broker = await startMosquitto(tmp.dir, '', undefined, {
      globalConfig: 'max_queued_messages 1000000\nmax_inflight_messages 10000',
    });
  }, 150_000);
  afterAll(async () => {
    await fleet?.end().catch(() => undefined);
    for (const c of consoles) await killServe(c);
    await broker?.stop();
    tmp.remove();
  });

  const start = async (): Promise<ServeProcess> => {
    const c = await startServe([
      '--no-sim',
      '--broker',
      broker.url,
      '--data-dir',
      dataDir,
      '--tick-ms',
      '200',
    ]);
    consoles.push(c);
    return c;
  };

  /** Stored sample keys, read beside the console (WAL: a reader never blocks the writer). */
  const storedCount = (): number => {
    if (!existsSync(dbFile)) return 0;
    const db = new Database(dbFile, { readonly: true, fileMustExist: true });
    try {
      return db.prepare<[], { n: number }>('SELECT count(*) AS n FROM telemetry_sample').get()
        ?.n as number;
    } catch {
      return 0; // the schema is not there yet
    } finally {
      db.close();
    }
  };

  it('stores every sample the broker acknowledged exactly once, and the file stays sound', async () => {
    fleet = await PacedPublisher.connect(broker.url, ROSTER, RATE_PER_SEC);
    const first = await start();
    fleet.start();

    // Kill 1: streaming, console up and keeping up.
    await waitFor(storedCount, (n) => n > 2000, 15_000);
    await sleep(1000);
    await killServe(first);

    // Down long enough for a backlog the console needs a while to catch up on.
    await sleep(6000);
    const backlogAcked = fleet.acked.size;
    const storedBefore = storedCount();
    const second = await start();
    // Kill 2: during the catch-up. The broker sends the backlog from the connect on, before
    // "ready"; the kill comes at the first commit or 100 ms after ready, whichever is first.
    const mid = await waitFor(storedCount, (n) => n > storedBefore, 100);
    await killServe(second);
    expect(mid, 'the second kill must come during the catch-up').toBeLessThan(backlogAcked);
    const catchUpAtKill = `${mid - storedBefore} of ${backlogAcked - storedBefore} backlog rows`;

    // Kill 3: streaming again after a restart.
    await sleep(2000);
    const third = await start();
    await sleep(3000);
    await killServe(third);

    await sleep(1000);
    await fleet.stop();
    const acked = fleet.acked;
    const last = await start();
    // Every acknowledged sample must arrive; stop waiting once nothing more is being stored.
    let prev = -1;
    await waitFor(
      async () => {
        const n = storedCount();
        const settled = n === prev;
        prev = n;
        await sleep(500);
        return n >= acked.size || settled;
      },
      (done) => done,
      60_000,
    );
    await killServe(last, 'SIGTERM');

    const db = new Database(dbFile, { readonly: true });
    let stored: Map<string, number>;
    let integrity: unknown;
    try {
      integrity = db.pragma('integrity_check', { simple: true });
      stored = new Map(
        db
          .prepare<[], { k: string; n: number }>(
            `SELECT unit_id || '@' || ts_ms AS k, count(*) AS n FROM telemetry_sample GROUP BY 1`,
          )
          .all()
          .map((r) => [r.k, r.n]),
      );
    } finally {
      db.close();
    }
    const missing = [...acked].filter((k) => !stored.has(k));
    const duplicated = [...stored.values()].filter((n) => n > 1).length;
    // Published and stored, though the publisher's PUBACK did not come back: only fleet.failed.
    const unacked = [...stored.keys()].filter((k) => !acked.has(k)).length;
    console.log(
      `crash x3 at ${RATE_PER_SEC} msg/s QoS 1: published ${fleet.sent}, acknowledged ` +
        `${acked.size}, stored ${stored.size}, missing ${missing.length}, duplicated ` +
        `${duplicated}; second kill during catch-up at ${catchUpAtKill}`,
    );
    expect(integrity).toBe('ok');
    expect(fleet.failed).toBe(0);
    expect(missing.slice(0, 10)).toEqual([]);
    expect(duplicated).toBe(0);
    expect(unacked).toBe(0);
    expect(stored.size).toBe(acked.size);
  }, 180_000);
});
