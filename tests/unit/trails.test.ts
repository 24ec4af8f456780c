import { describe, expect, it } from 'vitest';
import { LIVENESS, type UnitsFrame } from '../../shared/domain/units';
import {
  createTrails,
  recordFrame,
  recordSample,
  trailCapacity,
  trailPaths,
  type TrailBuffer,
  type TrailDrawInput,
} from '../../renderer/src/state/trails';

/**
 * One unit's samples newer than sinceMs, oldest first, as [lon, lat, tsMs] triples: the ring read
 * sample by sample, independently of trailPaths, which it checks.
 */
function trailOf(b: TrailBuffer, i: number, sinceMs: number): [number, number, number][] {
  const out: [number, number, number][] = [];
  const n = b.size[i] ?? 0;
  const start = ((b.head[i] ?? 0) + b.capacity - n) % b.capacity;
  for (let k = 0; k < n; k++) {
    const at = i * b.capacity + ((start + k) % b.capacity);
    const ts = b.tsMs[at] ?? 0;
    if (ts >= sinceMs) out.push([b.lon[at] ?? 0, b.lat[at] ?? 0, ts]);
  }
  return out;
}

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

  it("keeps each unit's newest sample time, and uses the frame time where a sample has none", () => {
    const b = createTrails(2, cfg);
    expect([...b.lastTsMs]).toEqual([-Infinity, -Infinity]);
    const f = frame(20_000, [0, 1], [118, 119], [29, 29]);
    f.sampleTsMs[1] = NaN;
    f.sampleTsMs[0] = 12_000;
    expect(recordFrame(b, f)).toBe(2);
    expect([...b.lastTsMs]).toEqual([12_000, 20_000]);
    expect(trailOf(b, 1, -Infinity).map((p) => p[2])).toEqual([20_000]);
    // Inside the step of the newest sample: skipped, and the newest stays.
    expect(recordFrame(b, frame(25_000, [0, 1], [118.1, 119.1], [29, 29]))).toBe(1);
    expect([...b.lastTsMs]).toEqual([25_000, 20_000]);
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

/** The packing spelled out unit by unit from trailOf: what trailPaths must produce. */
function referencePaths(b: TrailBuffer, input: TrailDrawInput) {
  const paths: { unit: number; pts: [number, number, number][] }[] = [];
  for (let i = 0; i < b.count; i++) {
    if (input.mask && input.mask[i] !== 1) continue;
    if ((input.colors[4 * i + 3] ?? 0) === 0) continue;
    const pts = trailOf(b, i, input.nowMs - input.windowMs);
    const h = input.head;
    if (h && h.hasFix[i] === 1) {
      const lon = h.positions[2 * i] ?? 0;
      const lat = h.positions[2 * i + 1] ?? 0;
      const last = pts[pts.length - 1];
      if (!last || Math.abs(last[0] - lon) > 1e-6 || Math.abs(last[1] - lat) > 1e-6) {
        pts.push([lon, lat, input.nowMs]);
      }
    }
    if (pts.length >= 2) paths.push({ unit: i, pts });
  }
  const alpha = (ts: number): number =>
    Math.round(30 + 170 * Math.min(1, Math.max(0, 1 - (input.nowMs - ts) / input.windowMs)));
  let v = 0;
  return {
    length: paths.length,
    unitIndex: paths.map((p) => p.unit),
    startIndices: paths.map((p) => {
      const start = v;
      v += p.pts.length;
      return start;
    }),
    positions: paths.flatMap((p) => p.pts.flatMap(([lon, lat]) => [lon, lat])),
    colors: paths.flatMap((p) =>
      p.pts.flatMap(([, , ts]) => [
        input.colors[4 * p.unit] ?? 0,
        input.colors[4 * p.unit + 1] ?? 0,
        input.colors[4 * p.unit + 2] ?? 0,
        alpha(ts),
      ]),
    ),
  };
}

describe('trail packing', () => {
  it('packs exactly the trails read unit by unit (wrapped rings, masks, parked and moving heads)', () => {
    let seed = 7;
    const rnd = (): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    const n = 40;
    const b = createTrails(n, cfg); // 7 samples a unit: 20 steps wrap every ring
    for (let step = 0; step < 20; step++) {
      for (let i = 0; i < n; i++) {
        if (rnd() < 0.3) continue; // some units miss some steps
        recordSample(b, i, 118 + rnd(), 29 + rnd(), step * 10_000 + Math.floor(rnd() * 5000));
      }
    }
    const colors = Uint8Array.from({ length: 4 * n }, (_, k) =>
      k % 4 === 3 ? (k % 28 === 3 ? 0 : 255) : k % 256,
    );
    const positions = Float64Array.from({ length: 2 * n }, () => 118 + rnd());
    for (let i = 0; i < n; i += 5) {
      // Parked units: the head sits on the newest stored sample.
      const newest = trailOf(b, i, -Infinity).at(-1);
      if (newest) [positions[2 * i], positions[2 * i + 1]] = [newest[0], newest[1]];
    }
    const head = { positions, hasFix: Uint8Array.from({ length: n }, (_, i) => (i % 7 ? 1 : 0)) };
    const mask = Uint8Array.from({ length: n }, (_, i) => (i % 3 ? 1 : 0));
    const inputs: TrailDrawInput[] = [
      { nowMs: 200_000, windowMs: 60_000, colors },
      { nowMs: 200_000, windowMs: 35_000, colors, head },
      { nowMs: 205_000, windowMs: 120_000, colors, head, mask },
      { nowMs: 400_000, windowMs: 60_000, colors, head }, // every sample outside the window
    ];
    for (const input of inputs) {
      const got = trailPaths(b, input);
      const want = referencePaths(b, input);
      expect(got.length).toBe(want.length);
      expect([...got.unitIndex]).toEqual(want.unitIndex);
      expect([...got.startIndices]).toEqual(want.startIndices);
      expect([...got.positions]).toEqual(want.positions);
      expect([...got.colors]).toEqual(want.colors);
    }
    expect(trailPaths(b, inputs[1] as TrailDrawInput).length).toBeGreaterThan(0);
    expect(trailPaths(b, inputs[3] as TrailDrawInput).length).toBe(0);
  });
});
