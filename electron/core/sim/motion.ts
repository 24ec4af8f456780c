import type { LonLat } from '../../../shared/domain/region';
import { DEVICE_KIND_OF, type DeviceKind, type RosterUnit } from '../../../shared/domain/units';
import type { TelemetryPayload } from '../../../shared/telemetry/schemas';
import { bearingDeg, lerpLonLat, normDeg } from './geo';
import { haversineM } from '../../../shared/domain/distance';
import { Rng } from './rng';
import { PROFILES, buildRoute, pointAt, type Route } from './routes';

// Pure movement model for the demo roster: no clock, no Math.random, no I/O. Everything random comes
// from the seeded generator whose state travels inside SimUnitState, so the same seed and the same
// sequence of dt values always give the same track.

/** Body-cams: ~100 → 20 % over ~10 h of a shift. */
const BODYCAM_DRAIN_PCT_PER_H: readonly [number, number] = [7.2, 8.8];
/** Officers carry a spare: at this level the pack is swapped. */
const BODYCAM_SWAP_AT_PCT = 10;
/** Drones: ~100 → 25 % in ~25 min of flight (3 %/min). */
const DRONE_DRAIN_PCT_PER_H: readonly [number, number] = [168, 192];
const DRONE_RETURN_AT_PCT = 25;
const DRONE_ALT_AGL_M: readonly [number, number] = [80, 120];
export const DRONE_CLIMB_MPS = 3;
const DRONE_DESCENT_MPS = 2.5;
const DRONE_SWAP_MS: readonly [number, number] = [90_000, 180_000];
const HEART_RATE_BPM: readonly [number, number] = [70, 110];
/** Longest stretch integrated in one go; longer dt values are split so mode changes land on time. */
const MAX_SUBSTEP_MS = 1000;

/** 'loiter' only while holding over an incident (see legs.ts). */
export type DroneMode = 'auto' | 'loiter' | 'return-home' | 'landing' | 'landed';

export interface DroneState {
  readonly mode: DroneMode;
  readonly altAglM: number;
  readonly cruiseAltM: number;
  /** Time left on the ground while the battery is swapped. */
  readonly swapLeftMs: number;
  /** After a swap the drone flies back out to where it left its orbit. */
  readonly rejoining: boolean;
}

export interface SimUnitState {
  readonly unit: RosterUnit;
  readonly deviceKind: DeviceKind;
  readonly home: LonLat;
  readonly route: Route;
  readonly rngState: number;
  /** Progress along the route loop. */
  readonly distM: number;
  readonly lonLat: LonLat;
  readonly headingDeg: number;
  readonly speedKmh: number;
  readonly baseSpeedKmh: number;
  /** Mean-reverting multiplier on the base speed (traffic, terrain, pace). */
  readonly speedFactor: number;
  readonly batteryPct: number | undefined;
  readonly drainPctPerH: number;
  readonly heartRateBpm: number | undefined;
  readonly restHeartRateBpm: number;
  readonly accuracyM: number;
  readonly drone: DroneState | undefined;
}

export function createSimUnit(unit: RosterUnit, home: LonLat, seed: number): SimUnitState {
  const rng = new Rng(seed);
  const deviceKind = DEVICE_KIND_OF[unit.kind];
  const profile = PROFILES[unit.kind];
  const route = buildRoute(unit.kind, home, rng);
  const distM = rng.range(0, route.lengthM);
  const at = pointAt(route, distM);
  const baseSpeedKmh = rng.range(profile.speedKmh[0], profile.speedKmh[1]);
  const restHeartRateBpm = rng.range(78, 92);
  const cruiseAltM = rng.range(90, 110);
  return {
    unit,
    deviceKind,
    home,
    route,
    distM,
    lonLat: at.pos,
    headingDeg: at.headingDeg,
    speedKmh: baseSpeedKmh,
    baseSpeedKmh,
    speedFactor: 1,
    // Units come on shift at different times, so packs start part-used; vehicles report no battery.
    batteryPct:
      deviceKind === 'bodycam'
        ? rng.range(55, 100)
        : deviceKind === 'drone'
          ? rng.range(40, 100)
          : undefined,
    drainPctPerH:
      deviceKind === 'bodycam'
        ? rng.range(...BODYCAM_DRAIN_PCT_PER_H)
        : deviceKind === 'drone'
          ? rng.range(...DRONE_DRAIN_PCT_PER_H)
          : 0,
    heartRateBpm: deviceKind === 'bodycam' ? restHeartRateBpm : undefined,
    restHeartRateBpm,
    accuracyM:
      deviceKind === 'bodycam'
        ? rng.range(3, 8)
        : deviceKind === 'vehicle'
          ? rng.range(2, 5)
          : rng.range(1, 3),
    drone:
      deviceKind === 'drone'
        ? {
            mode: 'auto',
            altAglM: cruiseAltM,
            cruiseAltM,
            swapLeftMs: 0,
            rejoining: false,
          }
        : undefined,
    rngState: rng.state,
  };
}

/** Advances a unit by `dtMs` of simulated time. Pure: returns a new state. */
export function stepSimUnit(state: SimUnitState, dtMs: number): SimUnitState {
  if (!(dtMs > 0)) return state;
  const rng = new Rng(state.rngState);
  let s = state;
  for (let left = dtMs; left > 0; left -= MAX_SUBSTEP_MS) {
    s = substep(s, Math.min(left, MAX_SUBSTEP_MS), rng);
  }
  return { ...s, rngState: rng.state };
}

function substep(s: SimUnitState, dtMs: number, rng: Rng): SimUnitState {
  const dtS = dtMs / 1000;
  const [vMin, vMax] = PROFILES[s.unit.kind].speedKmh;
  // Ornstein–Uhlenbeck-ish wander, noise scaled by sqrt(dt) so the result does not depend on rate.
  const speedFactor = clamp(
    s.speedFactor +
      (1 - s.speedFactor) * Math.min(1, dtS / 30) +
      rng.signed() * 0.04 * Math.sqrt(dtS),
    0.85,
    1.15,
  );
  const cruiseKmh = clamp(s.baseSpeedKmh * speedFactor, vMin, vMax);
  const next: SimUnitState = { ...s, speedFactor };
  return s.drone
    ? droneStep(next, s.drone, cruiseKmh, dtMs, rng)
    : groundStep(next, cruiseKmh, dtMs, rng);
}

function alongLoop(s: SimUnitState, speedKmh: number, dtMs: number): SimUnitState {
  const distM = (s.distM + (speedKmh / 3.6) * (dtMs / 1000)) % s.route.lengthM;
  const at = pointAt(s.route, distM);
  return { ...s, distM, lonLat: at.pos, headingDeg: at.headingDeg, speedKmh };
}

function groundStep(s: SimUnitState, speedKmh: number, dtMs: number, rng: Rng): SimUnitState {
  return bodycamVitals(alongLoop(s, speedKmh, dtMs), dtMs, rng);
}

/** Body-cam battery (swapped when low) and wearer's heart rate; other devices pass through. */
export function bodycamVitals(s: SimUnitState, dtMs: number, rng: Rng): SimUnitState {
  if (s.deviceKind !== 'bodycam' || s.batteryPct === undefined) return s;
  let batteryPct = s.batteryPct - s.drainPctPerH * (dtMs / 3_600_000);
  if (batteryPct <= BODYCAM_SWAP_AT_PCT) batteryPct = 100;
  const hr = s.heartRateBpm ?? s.restHeartRateBpm;
  const dtS = dtMs / 1000;
  const heartRateBpm = clamp(
    hr + (s.restHeartRateBpm - hr) * Math.min(1, dtS / 60) + rng.signed() * 1.5 * Math.sqrt(dtS),
    HEART_RATE_BPM[0],
    HEART_RATE_BPM[1],
  );
  return { ...s, batteryPct, heartRateBpm };
}

function droneStep(
  s: SimUnitState,
  d: DroneState,
  cruiseKmh: number,
  dtMs: number,
  rng: Rng,
): SimUnitState {
  const dtS = dtMs / 1000;
  const airborne = d.mode !== 'landed';
  const batteryPct = Math.max(
    0,
    (s.batteryPct ?? 100) - (airborne ? s.drainPctPerH * (dtMs / 3_600_000) : 0),
  );
  const [altMin, altMax] = DRONE_ALT_AGL_M;
  switch (d.mode) {
    case 'loiter':
    case 'auto': {
      if (d.rejoining) {
        const target = pointAt(s.route, s.distM).pos;
        const m = moveToward(s.lonLat, target, (cruiseKmh / 3.6) * dtS);
        const altAglM = Math.min(d.cruiseAltM, d.altAglM + DRONE_CLIMB_MPS * dtS);
        return {
          ...s,
          lonLat: m.pos,
          headingDeg: m.headingDeg ?? s.headingDeg,
          speedKmh: cruiseKmh,
          batteryPct,
          drone: { ...d, altAglM, rejoining: !m.arrived },
        };
      }
      const moved = alongLoop(s, cruiseKmh, dtMs);
      const wobble =
        (d.cruiseAltM - d.altAglM) * Math.min(1, dtS / 20) + rng.signed() * 0.8 * Math.sqrt(dtS);
      // A short rejoin leg can end before the climb does; keep climbing rather than jump to altitude.
      const altAglM =
        d.altAglM < altMin
          ? Math.min(d.cruiseAltM, d.altAglM + DRONE_CLIMB_MPS * dtS)
          : clamp(d.altAglM + wobble, altMin, altMax);
      const mode: DroneMode = batteryPct <= DRONE_RETURN_AT_PCT ? 'return-home' : 'auto';
      return { ...moved, batteryPct, drone: { ...d, mode, altAglM } };
    }
    case 'return-home': {
      const m = moveToward(s.lonLat, s.home, (cruiseKmh / 3.6) * dtS);
      return {
        ...s,
        lonLat: m.pos,
        headingDeg: m.headingDeg ?? s.headingDeg,
        speedKmh: cruiseKmh,
        batteryPct,
        drone: { ...d, mode: m.arrived ? 'landing' : 'return-home' },
      };
    }
    case 'landing': {
      const altAglM = Math.max(0, d.altAglM - DRONE_DESCENT_MPS * dtS);
      const landed = altAglM === 0;
      return {
        ...s,
        speedKmh: 0,
        batteryPct,
        drone: {
          ...d,
          altAglM,
          mode: landed ? 'landed' : 'landing',
          swapLeftMs: landed ? rng.range(...DRONE_SWAP_MS) : 0,
        },
      };
    }
    case 'landed': {
      const swapLeftMs = d.swapLeftMs - dtMs;
      if (swapLeftMs > 0) return { ...s, speedKmh: 0, batteryPct, drone: { ...d, swapLeftMs } };
      // Fresh pack in: take off and fly back out to the point of the orbit it left.
      return {
        ...s,
        speedKmh: 0,
        batteryPct: 100,
        drone: { ...d, mode: 'auto', swapLeftMs: 0, rejoining: true },
      };
    }
  }
}

function moveToward(
  from: LonLat,
  to: LonLat,
  stepM: number,
): { pos: LonLat; headingDeg: number | undefined; arrived: boolean } {
  const remainingM = haversineM(from, to);
  if (remainingM < 0.01) return { pos: to, headingDeg: undefined, arrived: true };
  const headingDeg = bearingDeg(from, to);
  if (stepM >= remainingM) return { pos: to, headingDeg, arrived: true };
  return {
    pos: lerpLonLat(from, to, stepM / remainingM),
    headingDeg,
    arrived: false,
  };
}

/** Vehicle warning equipment; only a vehicle on an order uses it. */
export interface Signals {
  readonly siren: boolean;
  readonly lights: boolean;
}

export const SIGNALS_OFF: Signals = { siren: false, lights: false };

/** The unit's sample as its device would send it (device contract v1). */
export function toPayload(
  state: SimUnitState,
  tsMs: number,
  signals: Signals = SIGNALS_OFF,
): TelemetryPayload {
  const base = {
    v: 1 as const,
    tsMs: Math.max(1, Math.round(tsMs)),
    lon: round(state.lonLat[0], 7),
    lat: round(state.lonLat[1], 7),
    accuracyM: round(state.accuracyM, 1),
    headingDeg: normDeg(round(state.headingDeg, 1)),
    speedKmh: round(state.speedKmh, 1),
  };
  switch (state.deviceKind) {
    case 'bodycam':
      return {
        ...base,
        kind: 'bodycam',
        ...(state.batteryPct !== undefined ? { batteryPct: round(state.batteryPct, 1) } : {}),
        ...(state.heartRateBpm !== undefined
          ? { heartRateBpm: Math.round(state.heartRateBpm) }
          : {}),
        recording: false,
        sos: false,
      };
    case 'vehicle':
      return {
        ...base,
        kind: 'vehicle',
        ignition: true,
        siren: signals.siren,
        lights: signals.lights,
      };
    case 'drone': {
      const d = state.drone;
      // Link quality falls off with range from the ground station at home.
      const linkPct = clamp(100 - haversineM(state.lonLat, state.home) / 200, 0, 100);
      return {
        ...base,
        kind: 'drone',
        ...(state.batteryPct !== undefined ? { batteryPct: round(state.batteryPct, 1) } : {}),
        ...(d ? { altAglM: round(d.altAglM, 1), flightMode: d.mode } : {}),
        linkPct: Math.round(linkPct),
      };
    }
  }
}

export function clamp(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
