import { describe, expect, it } from 'vitest';
import type { LonLat } from '../../shared/domain/region';
import type { RosterUnit, UnitKind } from '../../shared/domain/units';
import { telemetryPayload } from '../../shared/telemetry/schemas';
import type { TravelEstimate } from '../../electron/core/support/types';
import {
  holdAt,
  planDrive,
  rejoinPatrol,
  signalsOf,
  stepLeg,
  type Leg,
} from '../../electron/core/sim/legs';
import {
  createSimUnit,
  stepSimUnit,
  toPayload,
  type SimUnitState,
} from '../../electron/core/sim/motion';
import { PROFILES, pointAt } from '../../electron/core/sim/routes';

// Movement under orders: following the travel model's route on its ETA, holding on scene,
// finding the way back onto the patrol loop.

const HOME: LonLat = [118.4142, 29.1373];
const SCENE: LonLat = [118.44, 29.15];

function unit(kind: UnitKind): RosterUnit {
  return {
    id: `${kind}-1`,
    callsign: kind,
    kind,
    stationId: 'st-1',
    deviceId: `dev-${kind}`,
    modules: [],
    persons: 1,
  };
}

/** Independent of the code under test on purpose. */
function distM(a: LonLat, b: LonLat): number {
  const rad = Math.PI / 180;
  const dLat = (b[1] - a[1]) * rad;
  const dLon = (b[0] - a[0]) * rad;
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * rad) * Math.cos(b[1] * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6_371_000 * Math.asin(Math.sqrt(h));
}

/** Distance from p to the segment a–b, in a local flat frame (fine at a few km). */
function offTrackM(p: LonLat, a: LonLat, b: LonLat): number {
  const k = Math.cos((a[1] * Math.PI) / 180);
  const [px, py, bx, by] = [(p[0] - a[0]) * k, p[1] - a[1], (b[0] - a[0]) * k, b[1] - a[1]];
  const t = Math.max(0, Math.min(1, (px * bx + py * by) / (bx * bx + by * by)));
  return Math.hypot(px - t * bx, py - t * by) * 111_195;
}

function run(s0: SimUnitState, leg0: Leg, dtMs: number, maxSteps: number) {
  let s = s0;
  let leg = leg0;
  const track: SimUnitState[] = [];
  for (let i = 1; i <= maxSteps; i++) {
    const r = stepLeg(s, leg, dtMs);
    s = r.state;
    leg = r.leg;
    track.push(s);
    if (r.arrived) return { s, leg, track, arrivedAfterMs: i * dtMs };
  }
  return { s, leg, track, arrivedAfterMs: undefined };
}

/** A dog-leg road via a corner, listed from the incident outward as a search from it would. */
const CORNER: LonLat = [118.44, 29.1373];
function roadEstimate(u: RosterUnit, from: LonLat, etaS: number | undefined): TravelEstimate {
  return { unitId: u.id, etaS, distanceM: 0, route: [SCENE, CORNER, from] };
}

describe('sim legs: driving to an order', () => {
  it('a ground unit follows the route, oriented from itself, and arrives after etaS', () => {
    const u = unit('patrol-car');
    const s0 = createSimUnit(u, HOME, 7);
    const leg = planDrive(s0, SCENE, 'respond', roadEstimate(u, s0.lonLat, 300));
    const r = run(s0, leg, 1000, 400);
    expect(r.arrivedAfterMs).toBe(300_000);
    expect(r.s.lonLat).toEqual(SCENE);
    // Every position lies on one of the two road segments, never cutting the corner.
    for (const p of r.track) {
      const off = Math.min(
        offTrackM(p.lonLat, s0.lonLat, CORNER),
        offTrackM(p.lonLat, CORNER, SCENE),
      );
      expect(off).toBeLessThan(1);
    }
    const lengthM = distM(s0.lonLat, CORNER) + distM(CORNER, SCENE);
    const expectKmh = (lengthM / 300) * 3.6;
    for (const p of r.track) expect(p.speedKmh).toBeCloseTo(expectKmh, 0);
    // Haversine speed between samples matches what the unit reports.
    const mid = r.track.slice(10, 20);
    for (let i = 1; i < mid.length; i++) {
      const a = mid[i - 1] as SimUnitState;
      const b = mid[i] as SimUnitState;
      if (Math.abs(a.headingDeg - b.headingDeg) < 1) {
        expect(distM(a.lonLat, b.lonLat) * 3.6).toBeCloseTo(expectKmh, -1);
      }
    }
  });

  it('without an ETA it goes straight at the top of its patrol band', () => {
    const u = unit('motorbike');
    const s0 = createSimUnit(u, HOME, 3);
    for (const est of [undefined, roadEstimate(u, s0.lonLat, undefined)]) {
      const leg = planDrive(s0, SCENE, 'respond', est);
      expect(leg.speedKmh).toBe(PROFILES.motorbike.speedKmh[1]);
      const r = run(s0, leg, 1000, 10_000);
      for (const p of r.track) expect(offTrackM(p.lonLat, s0.lonLat, SCENE)).toBeLessThan(1);
      const expectS = distM(s0.lonLat, SCENE) / (PROFILES.motorbike.speedKmh[1] / 3.6);
      expect((r.arrivedAfterMs ?? NaN) / 1000).toBeCloseTo(expectS, -1);
    }
  });

  it('a drone flies straight, paced by the ETA, climbing from the pad', () => {
    const u = unit('drone');
    const base = createSimUnit(u, HOME, 11);
    const d = base.drone;
    if (!d) throw new Error('drone without drone state');
    const s0: SimUnitState = { ...base, drone: { ...d, mode: 'landed', altAglM: 0 } };
    const leg = planDrive(s0, SCENE, 'respond', roadEstimate(u, s0.lonLat, 200));
    const r = run(s0, leg, 1000, 400);
    expect(r.arrivedAfterMs).toBe(200_000);
    for (const p of r.track) expect(offTrackM(p.lonLat, s0.lonLat, SCENE)).toBeLessThan(1);
    const alts = r.track.map((p) => p.drone?.altAglM ?? NaN);
    expect(alts[0]).toBeCloseTo(3, 5);
    expect(Math.max(...alts)).toBeGreaterThan(d.cruiseAltM - 6);
    expect(new Set(r.track.map((p) => p.drone?.mode))).toEqual(new Set(['auto']));
    // Battery drains in flight.
    expect(r.s.batteryPct).toBeLessThan(s0.batteryPct ?? NaN);
  });

  it('a returning drone reports return-home', () => {
    const s0 = createSimUnit(unit('drone'), HOME, 11);
    const r = run(s0, planDrive(s0, HOME, 'return', undefined), 1000, 5);
    expect(r.s.drone?.mode).toBe('return-home');
  });

  it('a body-cam keeps draining its battery on the way', () => {
    const s0 = createSimUnit(unit('officer-pair'), HOME, 5);
    const r = run(s0, planDrive(s0, SCENE, 'respond', undefined), 60_000, 30);
    expect(r.s.batteryPct).toBeLessThan((s0.batteryPct ?? NaN) - 2);
  });
});

describe('sim legs: on scene', () => {
  for (const [kind, radiusM] of [
    ['officer-pair', 15],
    ['patrol-car', 3],
    ['drone', 5],
  ] as const) {
    it(`${kind} holds within ${radiusM} m of the incident and keeps draining`, () => {
      const s0 = { ...createSimUnit(unit(kind), HOME, 9), lonLat: SCENE };
      const r = run(s0, holdAt(SCENE), 1000, 600);
      expect(r.arrivedAfterMs).toBeUndefined();
      const dists = r.track.map((p) => distM(p.lonLat, SCENE));
      expect(Math.max(...dists)).toBeLessThanOrEqual(radiusM * Math.SQRT2 + 0.5);
      // It is not frozen to one point either.
      expect(new Set(r.track.map((p) => p.lonLat.join())).size).toBeGreaterThan(100);
      if (kind === 'patrol-car') for (const p of r.track) expect(p.speedKmh).toBe(0);
      else expect(Math.max(...r.track.map((p) => p.speedKmh))).toBeLessThan(6);
      if (kind === 'drone') {
        expect(r.s.drone?.mode).toBe('loiter');
        expect(r.s.batteryPct).toBeLessThan(s0.batteryPct ?? NaN);
      }
    });
  }

  it('vehicles run siren and lights en route, lights alone on scene, neither going home', () => {
    const s = createSimUnit(unit('traffic-car'), HOME, 2);
    const payload = (leg: Leg | undefined) =>
      telemetryPayload.parse(toPayload(s, 1e12, signalsOf(leg)));
    expect(payload(undefined)).toMatchObject({ siren: false, lights: false });
    expect(payload(planDrive(s, SCENE, 'respond', undefined))).toMatchObject({
      siren: true,
      lights: true,
    });
    expect(payload(holdAt(SCENE))).toMatchObject({ siren: false, lights: true });
    expect(payload(planDrive(s, HOME, 'return', undefined))).toMatchObject({
      siren: false,
      lights: false,
    });
  });
});

describe('sim legs: back onto the patrol loop', () => {
  it('drives from home to the nearest loop vertex, then the loop continues without a jump', () => {
    const s0 = { ...createSimUnit(unit('patrol-car'), HOME, 4), lonLat: HOME };
    const { state, leg } = rejoinPatrol(s0);
    const target = pointAt(state.route, state.distM).pos;
    const nearest = Math.min(...state.route.waypoints.map((w) => distM(HOME, w)));
    expect(distM(HOME, target)).toBeCloseTo(nearest, 3);
    expect(leg.speedKmh).toBe(s0.baseSpeedKmh);
    const r = run(state, leg, 1000, 10_000);
    expect(r.s.lonLat).toEqual(target);
    const next = stepSimUnit(r.s, 1000);
    expect(distM(r.s.lonLat, next.lonLat)).toBeLessThan(
      (PROFILES['patrol-car'].speedKmh[1] / 3.6) * 1.01,
    );
  });
});
