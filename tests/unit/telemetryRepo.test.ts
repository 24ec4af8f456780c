import { describe, expect, it } from 'vitest';
import { openStore } from '../../electron/core/store/openStore';
import { TelemetryRepo } from '../../electron/core/store/TelemetryRepo';
import type { TelemetrySample } from '../../electron/core/telemetry/sample';

const sample = (unit: number, tsMs: number): TelemetrySample => ({
  unitIdx: unit,
  unitId: `u${unit}`,
  tsMs,
  receivedMs: tsMs + 5,
  lon: 118 + unit * 1e-3 + tsMs * 1e-9,
  lat: 29 + unit * 1e-3,
  headingDeg: unit % 2 ? 90 : undefined,
  speedKmh: 12,
  batteryPct: unit % 3 ? 55 : undefined,
  altM: undefined,
});

describe('TelemetryRepo.writeTick on large ticks (multi-row inserts)', () => {
  it('stores every distinct sample exactly once, in and across statement chunks', () => {
    const repo = new TelemetryRepo(openStore({ file: ':memory:' }));
    // 137 units × 3 samples, plus redeliveries inside the same tick and in the next one.
    const tick: TelemetrySample[] = [];
    for (let t = 0; t < 3; t++) for (let u = 0; u < 137; u++) tick.push(sample(u, 1000 + t));
    const withDupes = [...tick, ...tick.slice(0, 77)];
    repo.writeTick(withDupes, []);
    repo.writeTick(tick.slice(40, 160), []);
    expect(repo.sampleCount()).toBe(137 * 3);
    for (const u of [0, 49, 50, 136]) {
      const track = repo.track(`u${u}`, 0, 10_000, 100);
      expect(track.map((p) => p.tsMs)).toEqual([1000, 1001, 1002]);
      expect(track[2]).toEqual({
        tsMs: 1002,
        lon: sample(u, 1002).lon,
        lat: sample(u, 1002).lat,
        headingDeg: u % 2 ? 90 : undefined,
        speedKmh: 12,
        batteryPct: u % 3 ? 55 : undefined,
        altM: undefined,
      });
    }
    repo.close();
  });
});
