import { describe, expect, it } from 'vitest';
import { LIVENESS, type UnitsFrame } from '../../shared/domain/units';
import {
  createTrails,
  recordFrame,
  recordSample,
  trailCapacity,
  trailOf,
  trailPaths,
} from '../../renderer/src/state/trails';

const frame = (tsMs: number, idx: number[], lon: number[], lat: number[]): UnitsFrame => ({
  seq: tsMs,
  tsMs,
  idx: Uint32Array.from(idx),
  sampleTsMs: Float64Array.from(idx.map(() => tsMs)),
  lon: Float64Array.from(lon),
  lat: Float64Array.from(lat),
  headingDeg: Float32Array.from(idx.map(() => NaN)),
  speedKmh: Float32Array.from(idx.map(() => NaN)),
  batteryPct: Float32Array.from(idx.map(() => NaN)),
  altM: Float32Array.from(idx.map(() => NaN)),
  liveness: Uint8Array.from(idx.map(() => LIVENESS.indexOf('online'))),
});

const cfg = { windowMs: 60_000, minStepMs: 10_000 };

describe('trail ring buffer', () => {
  it('has a fixed size per unit from the window and step', () => {
    const b = createTrails(3, cfg);
    expect(b.capacity).toBe(trailCapacity(cfg));
    expect(b.capacity).toBe(7);
    expect(b.lon.length).toBe(3 * 7);
  });

  it('skips samples closer than the step and positions that are not reported', () => {
    const b = createTrails(2, cfg);
    expect(recordFrame(b, frame(0, [0, 1], [118, 119], [29, NaN]))).toBe(1);
    expect(recordFrame(b, frame(5_000, [0], [118.1], [29]))).toBe(0);
    expect(recordFrame(b, frame(10_000, [0, 5], [118.2, 1], [29, 1]))).toBe(1); // idx 5: not in roster
    expect(trailOf(b, 0, -Infinity).map((p) => p[2])).toEqual([0, 10_000]);
    expect(trailOf(b, 1, -Infinity)).toEqual([]);
  });

  it('overwrites the oldest samples once full, keeping the order', () => {
    const b = createTrails(1, cfg);
    for (let k = 0; k < 20; k++) recordSample(b, 0, 118 + k / 100, 29, k * 10_000);
    const held = trailOf(b, 0, -Infinity);
    expect(held).toHaveLength(b.capacity);
    expect(held.map((p) => p[2])).toEqual([13, 14, 15, 16, 17, 18, 19].map((k) => k * 10_000));
    expect(held[6]?.[0]).toBeCloseTo(118.19, 5);
  });
});

describe('trail paths', () => {
  const colors = Uint8Array.from([10, 20, 30, 255, 40, 50, 60, 255, 0, 0, 0, 0]);

  it('packs one path per unit within the window, fading older vertices', () => {
    const b = createTrails(3, cfg);
    for (let k = 0; k < 4; k++) {
      recordFrame(b, frame(k * 10_000, [0, 1, 2], [118 + k / 100, 119, 120], [29, 29, 29]));
    }
    const p = trailPaths(b, { nowMs: 30_000, windowMs: 25_000, colors });
    // Unit 2 has no colour (not drawn); unit 0 keeps samples at 10, 20, 30 s.
    expect(p.length).toBe(2);
    expect([...p.unitIndex]).toEqual([0, 1]);
    expect([...p.startIndices]).toEqual([0, 3]);
    expect(p.positions.length).toBe(2 * 6);
    expect(p.colors[0]).toBe(10);
    const alphas = [3, 7, 11].map((o) => p.colors[o] ?? 0);
    expect(alphas[0]).toBeLessThan(alphas[1] ?? 0);
    expect(alphas[1]).toBeLessThan(alphas[2] ?? 0);
  });

  it('leaves masked units out and ends each trail at the live position', () => {
    const b = createTrails(3, cfg);
    for (let k = 0; k < 2; k++) recordFrame(b, frame(k * 10_000, [0, 1], [118 + k, 119], [29, 29]));
    const head = {
      positions: Float64Array.from([121, 30, 119, 29, 0, 0]),
      hasFix: Uint8Array.from([1, 1, 0]),
    };
    const p = trailPaths(b, {
      nowMs: 15_000,
      windowMs: 60_000,
      colors,
      mask: Uint8Array.from([1, 0, 1]),
      head,
    });
    expect(p.length).toBe(1);
    expect(p.positions.length).toBe(2 * 3);
    expect([p.positions[4], p.positions[5]]).toEqual([121, 30]);
  });
});
