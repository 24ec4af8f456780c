import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openStore } from '../../electron/core/store/openStore';
import { TelemetryRepo } from '../../electron/core/store/TelemetryRepo';
import type { TelemetrySample } from '../../electron/core/telemetry/sample';

const sample = (unit: number, tsMs: number, lon = 118 + unit * 1e-3): TelemetrySample => ({
  unitIdx: unit,
  unitId: `u${unit}`,
  tsMs,
  receivedMs: tsMs + 5,
  lon,
  lat: 29 + unit * 1e-3,
  headingDeg: unit % 2 ? 90 : undefined,
  speedKmh: 12,
  batteryPct: unit % 3 ? 55 : undefined,
  altM: unit % 5 ? undefined : 120,
});

const dirs: string[] = [];
function fileRepo(): { repo: TelemetryRepo; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'muster-writer-'));
  dirs.push(dir);
  const file = join(dir, 'muster.db');
  return { repo: new TelemetryRepo(openStore({ file })), file };
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** Lets the writer thread's reply reach this thread. */
async function until(cond: () => boolean): Promise<void> {
  const end = Date.now() + 5000;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not reached');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('TelemetryRepo.queueTick on the writer thread', () => {
  it('persists every distinct sample once and only newer latest state, visible to reads', () => {
    const { repo } = fileRepo();
    const tick = (t: number): TelemetrySample[] =>
      Array.from({ length: 137 }, (_, u) => sample(u, 1000 + t));
    const first = tick(0);
    repo.queueTick([...first, ...first.slice(0, 60)], first); // redelivered inside the tick
    repo.queueTick(tick(1), tick(1));
    repo.queueTick(first.slice(10, 90), first.slice(10, 90)); // late: older than the state
    // Reads wait for queued ticks, so these see all three.
    expect(repo.sampleCount()).toBe(137 * 2);
    const point = (s: TelemetrySample) => ({
      tsMs: s.tsMs,
      lon: s.lon,
      lat: s.lat,
      headingDeg: s.headingDeg,
      speedKmh: s.speedKmh,
      batteryPct: s.batteryPct,
      altM: s.altM,
    });
    expect(repo.track('u5', 0, 10_000, 10)).toStrictEqual([
      point(sample(5, 1000)),
      point(sample(5, 1001)),
    ]);
    const states = new Map(repo.loadStates().map((s) => [s.unitId, s]));
    expect(states.size).toBe(137);
    for (const u of [0, 10, 89, 136]) expect(states.get(`u${u}`)?.tsMs).toBe(1001);
    expect(states.get('u3')).toEqual({ ...sample(3, 1001), unitIdx: undefined, altM: undefined });
    expect(repo.writeError).toBeUndefined();
    expect(repo.lastCommitMs).toBeGreaterThan(0);
    repo.close();
  });

  it('keeps a failed tick out entirely, reports it, and clears the report on the next commit', async () => {
    const { repo } = fileRepo();
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    // lon NaN binds as NULL and breaks NOT NULL in unit_state (the sample insert's OR IGNORE would
    // skip that row): the whole tick's transaction rolls back, samples included.
    repo.queueTick([sample(1, 1000), sample(2, 1000)], [sample(1, 1000), sample(2, 1000, NaN)]);
    await until(() => repo.writeError !== undefined);
    expect(repo.writeError).toMatch(/NOT NULL/);
    expect(repo.sampleCount()).toBe(0);
    repo.queueTick([sample(1, 2000)], [sample(1, 2000)]);
    await until(() => repo.writeError === undefined);
    expect(repo.sampleCount()).toBe(1);
    expect(errors).toHaveBeenCalled();
    errors.mockRestore();
    repo.close();
  });

  it('commits what is queued when closed, for the next start to find', () => {
    const { repo, file } = fileRepo();
    repo.queueTick([sample(7, 5000)], [sample(7, 5000)]);
    repo.close();
    const again = new TelemetryRepo(openStore({ file }));
    expect(again.sampleCount()).toBe(1);
    expect(again.loadStates().map((s) => s.tsMs)).toEqual([5000]);
    again.close();
  });

  it('writes on the calling thread for an in-memory store', () => {
    const repo = new TelemetryRepo(openStore({ file: ':memory:' }));
    repo.queueTick([sample(1, 1000)], [sample(1, 1000)]);
    expect(repo.sampleCount()).toBe(1);
    repo.close();
  });
});
