import { describe, expect, it } from 'vitest';
import type { LonLat } from '../../shared/domain/region';
import { bearingDeg, normDeg, offsetM } from '../../electron/core/sim/geo';
import { haversineM } from '../../shared/domain/distance';
import { Rng, seedFromId } from '../../electron/core/sim/rng';
import { buildRoute, pointAt } from '../../electron/core/sim/routes';

const HOME: LonLat = [118.4142, 29.1373];

describe('sim geodesy', () => {
  it('offsets by metres in both axes, scaled by cos(lat) for longitude', () => {
    expect(haversineM(HOME, offsetM(HOME, 1000, 0))).toBeCloseTo(1000, 0);
    expect(haversineM(HOME, offsetM(HOME, 0, -1000))).toBeCloseTo(1000, 0);
    expect(haversineM(HOME, offsetM(HOME, 3000, 4000))).toBeCloseTo(5000, -1);
    // One degree of longitude at 29°N is ~97 km, not the equator's ~111 km.
    expect(haversineM([118, 29], [119, 29]) / 1000).toBeCloseTo(97.3, 0);
  });

  it('bearings are clockwise from north in [0, 360)', () => {
    expect(bearingDeg(HOME, offsetM(HOME, 0, 100))).toBeCloseTo(0, 3);
    expect(bearingDeg(HOME, offsetM(HOME, 100, 0))).toBeCloseTo(90, 1);
    expect(bearingDeg(HOME, offsetM(HOME, 0, -100))).toBeCloseTo(180, 3);
    expect(bearingDeg(HOME, offsetM(HOME, -100, 0))).toBeCloseTo(270, 1);
    expect(bearingDeg(HOME, offsetM(HOME, -100, 100))).toBeCloseTo(315, 1);
    expect(normDeg(-1e-15)).toBe(0);
    expect(normDeg(720.5)).toBeCloseTo(0.5);
  });
});

describe('sim randomness', () => {
  it('is repeatable per seed and spreads evenly', () => {
    const a = new Rng(7);
    const b = new Rng(7);
    const xs = Array.from({ length: 10_000 }, () => a.next());
    expect(Array.from({ length: 10_000 }, () => b.next())).toEqual(xs);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(mean).toBeGreaterThan(0.48);
    expect(mean).toBeLessThan(0.52);
    expect(new Rng(8).next()).not.toBe(new Rng(7).next());
  });

  it('seeds from ids are stable and distinct', () => {
    expect(seedFromId('kh-pc-01')).toBe(seedFromId('kh-pc-01'));
    const ids = Array.from({ length: 500 }, (_, i) => `kh-unit-${i}`);
    expect(new Set(ids.map(seedFromId)).size).toBe(ids.length);
  });
});

describe('sim routes', () => {
  it('pointAt walks the closed loop and wraps around', () => {
    const route = buildRoute('patrol-car', HOME, new Rng(3));
    const [s0, , s2] = route.segments;
    if (!s0 || !s2) throw new Error('route too short');
    expect(route.segments.length).toBe(route.waypoints.length);
    expect(pointAt(route, 0).pos).toEqual(s0.from);
    expect(pointAt(route, s2.startM).pos[0]).toBeCloseTo(s2.from[0], 9);
    expect(pointAt(route, s2.startM).headingDeg).toBe(s2.headingDeg);
    expect(pointAt(route, route.lengthM + 10).pos).toEqual(pointAt(route, 10).pos);
    expect(pointAt(route, -10).pos[1]).toBeCloseTo(pointAt(route, route.lengthM - 10).pos[1], 9);
    const mid = pointAt(route, s0.lengthM / 2).pos;
    expect(haversineM(s0.from, mid)).toBeCloseTo(s0.lengthM / 2, 0);
    expect(route.segments.reduce((sum, g) => sum + g.lengthM, 0)).toBeCloseTo(route.lengthM, 6);
  });

  it('traffic-car routes are long and thin; drone orbits are circles', () => {
    const line = buildRoute('traffic-car', HOME, new Rng(4));
    // Out and back along a stretch of road: the loop is about four radii long.
    expect(line.lengthM / line.radiusM).toBeGreaterThan(3.6);
    expect(line.lengthM / line.radiusM).toBeLessThan(4.4);
    const orbit = buildRoute('drone', HOME, new Rng(4));
    for (const w of orbit.waypoints) {
      expect(haversineM(HOME, w) / orbit.radiusM).toBeCloseTo(1, 3);
    }
  });
});
