import { describe, expect, it } from 'vitest';
import type { LonLat } from '../../shared/domain/region';
import {
  DEVICE_KIND_OF,
  UNIT_KINDS,
  type RosterUnit,
  type UnitKind,
} from '../../shared/domain/units';
import { telemetryPayload } from '../../shared/telemetry/schemas';
import {
  createSimUnit,
  stepSimUnit,
  toPayload,
  type SimUnitState,
} from '../../electron/core/sim/motion';
import { PROFILES } from '../../electron/core/sim/routes';

// Kaihua county town; high enough latitude (29°N) that forgetting cos(lat) would show.
const HOME: LonLat = [118.4142, 29.1373];
const T0_MS = 1_767_225_600_000;

function unit(kind: UnitKind, n = 1): RosterUnit {
  return {
    id: `${kind}-${n}`,
    callsign: `${kind} ${n}`,
    kind,
    stationId: 'st-1',
    deviceId: `dev-${kind}-${n}`,
    modules: [],
    persons: kind === 'officer-pair' ? 2 : 1,
  };
}

/** Independent of the code under test on purpose. */
function distM(a: LonLat, b: LonLat): number {
  const r = 6_371_000;
  const rad = Math.PI / 180;
  const dLat = (b[1] - a[1]) * rad;
  const dLon = (b[0] - a[0]) * rad;
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * rad) * Math.cos(b[1] * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * r * Math.asin(Math.sqrt(h));
}

function bearing(a: LonLat, b: LonLat): number {
  const rad = Math.PI / 180;
  const y = Math.sin((b[0] - a[0]) * rad) * Math.cos(b[1] * rad);
  const x =
    Math.cos(a[1] * rad) * Math.sin(b[1] * rad) -
    Math.sin(a[1] * rad) * Math.cos(b[1] * rad) * Math.cos((b[0] - a[0]) * rad);
  return (((Math.atan2(y, x) / rad) % 360) + 360) % 360;
}

function angleDiff(a: number, b: number): number {
  const d = Math.abs(a - b) % 360;
  return d > 180 ? 360 - d : d;
}

function pairs<T>(xs: readonly T[]): [T, T][] {
  const out: [T, T][] = [];
  for (let i = 1; i < xs.length; i++) out.push([xs[i - 1] as T, xs[i] as T]);
  return out;
}

function run(s0: SimUnitState, steps: number, dtMs: number): SimUnitState[] {
  const out = [s0];
  let s = s0;
  for (let i = 0; i < steps; i++) {
    s = stepSimUnit(s, dtMs);
    out.push(s);
  }
  return out;
}

const SEEDS = [1, 42, 777, 123_456, 0xdeadbeef];

describe('sim motion: realistic speeds and heading', () => {
  for (const kind of UNIT_KINDS) {
    it(`${kind}: haversine speed over 1 s steps stays within its band`, () => {
      const [vMin, vMax] = PROFILES[kind].speedKmh;
      for (const seed of SEEDS) {
        let s0 = createSimUnit(unit(kind), HOME, seed);
        // Keep the drone on its orbit for this check; the battery cycle is tested separately.
        if (s0.drone) s0 = { ...s0, batteryPct: 100 };
        const track = run(s0, 20 * 60, 1000);
        let slow = 0;
        let matchesReported = 0;
        let headingOk = 0;
        for (const [a, b] of pairs(track)) {
          const measuredKmh = distM(a.lonLat, b.lonLat) * 3.6;
          expect(measuredKmh).toBeLessThanOrEqual(vMax * 1.01);
          expect(b.speedKmh).toBeGreaterThanOrEqual(vMin);
          expect(b.speedKmh).toBeLessThanOrEqual(vMax);
          if (measuredKmh < vMin * 0.9) slow++;
          if (Math.abs(measuredKmh - b.speedKmh) <= b.speedKmh * 0.02) matchesReported++;
          if (angleDiff(bearing(a.lonLat, b.lonLat), b.headingDeg) <= 3) headingOk++;
        }
        const n = track.length - 1;
        // Only corner-cutting steps may be slower than the band or disagree with the heading.
        expect(slow / n).toBeLessThan(0.05);
        expect(matchesReported / n).toBeGreaterThan(0.9);
        expect(headingOk / n).toBeGreaterThan(0.9);
      }
    });
  }

  it('speed varies a little rather than being constant', () => {
    const track = run(createSimUnit(unit('patrol-car'), HOME, 9), 600, 1000);
    const speeds = new Set(track.map((s) => s.speedKmh.toFixed(1)));
    expect(speeds.size).toBeGreaterThan(20);
  });
});

describe('sim motion: stays around home', () => {
  for (const kind of UNIT_KINDS) {
    it(`${kind}: within its loop radius of the home station and actually roams`, () => {
      const [rMinKm, rMaxKm] = PROFILES[kind].radiusKm;
      for (const seed of SEEDS) {
        const s0 = createSimUnit(unit(kind), HOME, seed);
        // Long enough for a full loop of the biggest patrol-car route (~50 km at ≥25 km/h).
        const track = run(s0, 2 * 3600, 1000);
        let farthest = 0;
        for (const s of track) farthest = Math.max(farthest, distM(HOME, s.lonLat));
        expect(farthest).toBeLessThanOrEqual(rMaxKm * 1000 * 1.002);
        expect(farthest).toBeGreaterThan(rMinKm * 1000 * 0.5);
      }
    });
  }

  it('different seeds give different routes; the same seed gives the same track', () => {
    const a = run(createSimUnit(unit('motorbike'), HOME, 5), 300, 1000);
    const b = run(createSimUnit(unit('motorbike'), HOME, 5), 300, 1000);
    const c = run(createSimUnit(unit('motorbike'), HOME, 6), 300, 1000);
    expect(b).toEqual(a);
    expect(c.at(0)?.route.waypoints).not.toEqual(a.at(0)?.route.waypoints);
    expect(c.at(300)?.lonLat).not.toEqual(a.at(300)?.lonLat);
  });

  it('one long step equals many short ones, and steps never mutate their input', () => {
    const s0 = Object.freeze(createSimUnit(unit('drone'), HOME, 11));
    const long = stepSimUnit(s0, 3_600_000);
    const track = run(s0, 3600, 1000);
    expect(long).toEqual(track[3600]);
    expect(stepSimUnit(s0, 0)).toBe(s0);
    expect(s0.distM).toBe(createSimUnit(unit('drone'), HOME, 11).distM);
  });

  it('units start at different points of their loops', () => {
    const starts = SEEDS.map((seed) => createSimUnit(unit('officer-pair'), HOME, seed));
    const fractions = starts.map((s) => s.distM / s.route.lengthM);
    expect(new Set(fractions.map((f) => f.toFixed(2))).size).toBe(SEEDS.length);
  });
});

describe('sim motion: batteries and vitals', () => {
  it('body-cam drains ~8 %/h (100 → ~20 % over 10 h), then the pack is swapped', () => {
    for (const seed of SEEDS) {
      const s0 = { ...createSimUnit(unit('officer-pair'), HOME, seed), batteryPct: 100 };
      const hour = stepSimUnit(s0, 3_600_000);
      const drained = 100 - (hour.batteryPct ?? NaN);
      expect(drained).toBeGreaterThanOrEqual(7);
      expect(drained).toBeLessThanOrEqual(9);
      const shift = stepSimUnit(s0, 10 * 3_600_000);
      expect(shift.batteryPct).toBeGreaterThan(10);
      expect(shift.batteryPct).toBeLessThan(30);
      // Run on past the end of the shift: one swap back to full, never below the swap threshold.
      let s = shift;
      let swaps = 0;
      for (let min = 0; min < 4 * 60; min++) {
        const next = stepSimUnit(s, 60_000);
        expect(next.batteryPct).toBeGreaterThan(10);
        if ((next.batteryPct ?? NaN) > (s.batteryPct ?? NaN) + 50) swaps++;
        s = next;
      }
      expect(swaps).toBe(1);
    }
  });

  it('officer heart rate stays within 70–110 bpm and moves', () => {
    const track = run(createSimUnit(unit('officer-pair'), HOME, 3), 3600, 1000);
    const hrs = track.map((s) => s.heartRateBpm ?? NaN);
    expect(Math.min(...hrs)).toBeGreaterThanOrEqual(70);
    expect(Math.max(...hrs)).toBeLessThanOrEqual(110);
    expect(Math.max(...hrs) - Math.min(...hrs)).toBeGreaterThan(3);
  });

  it('vehicles report no battery', () => {
    for (const kind of ['patrol-car', 'motorbike', 'traffic-car'] as const) {
      const s = stepSimUnit(createSimUnit(unit(kind), HOME, 1), 60_000);
      expect(s.batteryPct).toBeUndefined();
      expect(toPayload(s, T0_MS)).not.toHaveProperty('batteryPct');
    }
  });

  it('drone flies ~25 min from 100 % to 25 %, returns, lands, swaps and resumes its orbit', () => {
    for (const seed of SEEDS) {
      const s0 = { ...createSimUnit(unit('drone'), HOME, seed), batteryPct: 100 };
      let s: SimUnitState = s0;
      let t = 0;
      const step = (): void => {
        s = stepSimUnit(s, 1000);
        t += 1000;
        expect(s.batteryPct).toBeGreaterThan(10);
      };
      while (s.drone?.mode === 'auto') {
        step();
        expect(s.drone?.altAglM).toBeGreaterThanOrEqual(80);
        expect(s.drone?.altAglM).toBeLessThanOrEqual(120);
      }
      expect(t / 60_000).toBeGreaterThan(22);
      expect(t / 60_000).toBeLessThan(28);
      expect(s.drone?.mode).toBe('return-home');
      expect(s.batteryPct).toBeCloseTo(25, 0);

      while (s.drone?.mode === 'return-home') step();
      expect(s.drone?.mode).toBe('landing');
      expect(distM(s.lonLat, HOME)).toBeLessThan(1);
      while (s.drone?.mode === 'landing') step();
      expect(s.drone?.mode).toBe('landed');
      expect(s.drone?.altAglM).toBe(0);
      expect(s.speedKmh).toBe(0);
      const landedBattery = s.batteryPct;
      while (s.drone?.mode === 'landed') step();
      expect(landedBattery).toBeLessThan(25);
      expect(s.batteryPct).toBe(100);
      expect(s.drone?.rejoining).toBe(true);

      // Back out to the orbit, climbing to cruise height.
      for (let i = 0; i < 5 * 60; i++) step();
      expect(s.drone?.rejoining).toBe(false);
      expect(s.drone?.altAglM).toBeGreaterThanOrEqual(80);
      // On the orbit polygon: between its chord midpoints (cos 5°) and its vertices.
      expect(distM(s.lonLat, HOME) / s.route.radiusM).toBeGreaterThan(0.995);
      expect(distM(s.lonLat, HOME) / s.route.radiusM).toBeLessThan(1.001);
      expect(t / 60_000).toBeLessThan(40);
    }
  });
});

describe('sim motion: payloads', () => {
  for (const kind of UNIT_KINDS) {
    it(`${kind}: every sample over 1 h passes the device contract schema`, () => {
      let s = createSimUnit(unit(kind), HOME, 2024);
      // Start the drone low so the hour covers a whole return / land / swap cycle.
      if (s.drone) s = { ...s, batteryPct: 30 };
      const modes = new Set<string>();
      for (let i = 0; i <= 3600; i++) {
        const tsMs = T0_MS + i * 1000;
        const p = toPayload(s, tsMs);
        const parsed = telemetryPayload.safeParse(JSON.parse(JSON.stringify(p)));
        if (!parsed.success) throw new Error(`sample ${i}: ${parsed.error.message}`);
        expect(parsed.data.kind).toBe(DEVICE_KIND_OF[kind]);
        expect(parsed.data.tsMs).toBe(tsMs);
        if (parsed.data.kind === 'drone') modes.add(parsed.data.flightMode ?? '');
        s = stepSimUnit(s, 1000);
      }
      if (kind === 'drone') {
        expect([...modes].sort()).toEqual(['auto', 'landed', 'landing', 'return-home']);
      }
    });
  }

  it('carries position, heading, speed and kind-specific fields', () => {
    const cam = toPayload(stepSimUnit(createSimUnit(unit('officer-pair'), HOME, 8), 5000), T0_MS);
    expect(cam).toMatchObject({ v: 1, kind: 'bodycam', sos: false });
    expect(cam.batteryPct).toBeGreaterThan(0);
    expect(cam.kind === 'bodycam' && cam.heartRateBpm).toBeGreaterThanOrEqual(70);
    expect(distM(HOME, [cam.lon, cam.lat])).toBeLessThan(1300);
    const drone = toPayload(createSimUnit(unit('drone'), HOME, 8), T0_MS);
    expect(drone.kind === 'drone' && drone.altAglM).toBeGreaterThanOrEqual(80);
    expect(drone.kind === 'drone' && drone.flightMode).toBe('auto');
    expect(drone.headingDeg).toBeGreaterThanOrEqual(0);
    expect(drone.headingDeg).toBeLessThan(360);
  });
});
