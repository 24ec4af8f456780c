import type { LonLat } from '../../../shared/domain/region';
import type { TravelEstimate, TravelModel } from '../support/types';
import { bearingDeg, offsetM } from './geo';
import { haversineM } from '../../../shared/domain/distance';
import {
  DRONE_CLIMB_MPS,
  SIGNALS_OFF,
  bodycamVitals,
  clamp,
  type DroneMode,
  type Signals,
  type SimUnitState,
} from './motion';
import { Rng } from './rng';
import { PROFILES, pointAt, type Route, type Segment } from './routes';
import type { Movement } from './tasking';

// Movement under orders, pure like motion.ts: a drive along a polyline at constant speed (to the
// incident, back home, or back onto the patrol loop) and a hold near a point. Only ordered units
// carry a leg, so the 10,000 patrolling units never pay for any of this.

/** respond: to an incident, siren and lights; return: home after release; rejoin: onto the loop. */
export type DrivePurpose = 'respond' | 'return' | 'rejoin';

export interface DriveLeg {
  readonly kind: 'drive';
  readonly purpose: DrivePurpose;
  /** Open polyline from where the unit set off to the destination. */
  readonly path: Route;
  readonly distM: number;
  readonly speedKmh: number;
}

export interface HoldLeg {
  readonly kind: 'hold';
  readonly at: LonLat;
  /** Offset of the unit from `at` (a crew moving about on scene, GPS wander). */
  readonly eastM: number;
  readonly northM: number;
}

export type Leg = DriveLeg | HoldLeg;

/** How far from the incident a unit on scene moves about, by device kind. */
const HOLD_RADIUS_M = { bodycam: 15, vehicle: 3, drone: 5 } as const;
/** Route vertices closer than this to the start or the destination are taken as the same point. */
const SAME_POINT_M = 1;
/**
 * No unit is driven faster than this, whatever ETA a model gives (a bad one would otherwise have
 * units report impossible speeds; the contract caps speedKmh at 400). The trip then takes longer.
 */
export const MAX_LEG_KMH = 200;

const SIREN: Signals = { siren: true, lights: true };
const LIGHTS: Signals = { siren: false, lights: true };

/** An open polyline in the shape of a patrol Route (no closing segment). */
export function openPath(points: readonly LonLat[]): Route {
  const segments: Segment[] = [];
  let startM = 0;
  for (let i = 1; i < points.length; i++) {
    const from = points[i - 1];
    const to = points[i];
    if (from === undefined || to === undefined) continue;
    const lengthM = haversineM(from, to);
    segments.push({ from, to, startM, lengthM, headingDeg: bearingDeg(from, to) });
    startM += lengthM;
  }
  return { waypoints: points, segments, lengthM: startM, radiusM: 0 };
}

/**
 * The drive from the unit's position to `dest`. With a travel estimate that has an ETA, ground
 * units follow its route at the constant speed that makes the trip take `etaS`; drones fly
 * straight at that pace. Without one, straight at the top of the kind's patrol speed band
 * (the loop's own pace when merely rejoining it).
 */
export function planDrive(
  s: SimUnitState,
  dest: LonLat,
  purpose: DrivePurpose,
  estimate: TravelEstimate | undefined,
): DriveLeg {
  const fallbackKmh = purpose === 'rejoin' ? s.baseSpeedKmh : PROFILES[s.unit.kind].speedKmh[1];
  const etaS = estimate?.etaS;
  const useRoute =
    s.deviceKind !== 'drone' &&
    etaS !== undefined &&
    estimate !== undefined &&
    estimate.route.length > 0;
  const path = openPath(useRoute ? fitRoute(estimate.route, s.lonLat, dest) : [s.lonLat, dest]);
  const paced = etaS !== undefined && etaS > 0 ? (path.lengthM / etaS) * 3.6 : NaN;
  const speedKmh = Number.isFinite(paced) && paced > 0 ? Math.min(paced, MAX_LEG_KMH) : fallbackKmh;
  return { kind: 'drive', purpose, path, distM: 0, speedKmh };
}

/**
 * The travel model's polyline, oriented from the unit to the destination (a model searching
 * outward from the incident may list it either way) and joined to both ends.
 */
function fitRoute(route: readonly LonLat[], from: LonLat, dest: LonLat): LonLat[] {
  const first = route[0];
  const last = route[route.length - 1];
  const forward =
    first === undefined || last === undefined || haversineM(from, first) <= haversineM(from, last);
  const pts = forward ? [...route] : [...route].reverse();
  const head = pts[0];
  if (head === undefined || haversineM(from, head) > SAME_POINT_M) pts.unshift(from);
  else pts[0] = from;
  const tail = pts[pts.length - 1];
  if (tail === undefined || haversineM(tail, dest) > SAME_POINT_M) pts.push(dest);
  else pts[pts.length - 1] = dest;
  return pts;
}

/** The travel model's estimate for one unit; undefined without a model. May throw. */
export function priceOne(
  travel: TravelModel | undefined,
  s: SimUnitState,
  dest: LonLat,
): TravelEstimate | undefined {
  if (travel === undefined) return undefined;
  const { id, kind } = s.unit;
  return travel.priceAll(dest, [{ id, kind, lonLat: s.lonLat }]).find((e) => e.unitId === id);
}

export function holdAt(at: LonLat): HoldLeg {
  return { kind: 'hold', at, eastM: 0, northM: 0 };
}

/**
 * Back onto the patrol loop after a return home: the loop distance is set to its vertex nearest
 * the unit, and the leg drives there at patrol pace.
 */
export function rejoinPatrol(s: SimUnitState): { state: SimUnitState; leg: DriveLeg } {
  let best = s.route.segments[0];
  let bestM = Infinity;
  for (const seg of s.route.segments) {
    const m = haversineM(s.lonLat, seg.from);
    if (m < bestM) {
      bestM = m;
      best = seg;
    }
  }
  const distM = best?.startM ?? 0;
  const state: SimUnitState = { ...s, distM };
  return { state, leg: planDrive(state, pointAt(s.route, distM).pos, 'rejoin', undefined) };
}

export interface LegStep {
  readonly state: SimUnitState;
  readonly leg: Leg;
  readonly arrived: boolean;
}

/** Advances a unit on a leg by `dtMs`. Batteries drain as they do on patrol. */
export function stepLeg(state: SimUnitState, leg: Leg, dtMs: number): LegStep {
  if (!(dtMs > 0)) {
    return { state, leg, arrived: leg.kind === 'drive' && leg.distM >= leg.path.lengthM };
  }
  const rng = new Rng(state.rngState);
  const dtS = dtMs / 1000;
  const s = bodycamVitals(state, dtMs, rng);
  const r = leg.kind === 'drive' ? drive(s, leg, dtS) : hold(s, leg, dtS, rng);
  const next = drone(r.state, leg, dtMs, rng);
  return { state: { ...next, rngState: rng.state }, leg: r.leg, arrived: r.arrived };
}

function drive(s: SimUnitState, leg: DriveLeg, dtS: number): LegStep {
  const { path } = leg;
  const distM = Math.min(path.lengthM, leg.distM + (leg.speedKmh / 3.6) * dtS);
  const arrived = distM >= path.lengthM;
  const end = path.waypoints[path.waypoints.length - 1] ?? s.lonLat;
  const at = arrived || path.segments.length === 0 ? undefined : pointAt(path, distM);
  const lastHeading = path.segments[path.segments.length - 1]?.headingDeg ?? s.headingDeg;
  return {
    state: {
      ...s,
      lonLat: at?.pos ?? end,
      headingDeg: at?.headingDeg ?? lastHeading,
      speedKmh: leg.speedKmh,
    },
    leg: { ...leg, distM },
    arrived,
  };
}

function hold(s: SimUnitState, leg: HoldLeg, dtS: number, rng: Rng): LegStep {
  const r = HOLD_RADIUS_M[s.deviceKind];
  // Walking pace at most for a crew on foot (15 m radius → ≤ ~1 m/s per step of 1 s).
  const wander = 0.05 * r * Math.sqrt(dtS);
  const eastM = clamp(leg.eastM + rng.signed() * wander, -r, r);
  const northM = clamp(leg.northM + rng.signed() * wander, -r, r);
  const lonLat = offsetM(leg.at, eastM, northM);
  const movedM = Math.hypot(eastM - leg.eastM, northM - leg.northM);
  // A parked car's GPS wanders but the car does not move: it reports standing still.
  const moving = s.deviceKind !== 'vehicle' && movedM > 0.2;
  return {
    state: {
      ...s,
      lonLat,
      headingDeg: moving ? bearingDeg(s.lonLat, lonLat) : s.headingDeg,
      speedKmh: moving ? (movedM / dtS) * 3.6 : 0,
    },
    leg: { ...leg, eastM, northM },
    arrived: false,
  };
}

/** Drones stay airborne under orders: climb to cruise, loiter on scene, drain without a swap. */
function drone(s: SimUnitState, leg: Leg, dtMs: number, rng: Rng): SimUnitState {
  const d = s.drone;
  if (d === undefined) return s;
  const dtS = dtMs / 1000;
  const mode: DroneMode =
    leg.kind === 'hold' ? 'loiter' : leg.purpose === 'return' ? 'return-home' : 'auto';
  // Climb at the real rate when low (e.g. dispatched straight off the pad), then hold cruise
  // altitude with a little mean-reverting wobble.
  const altAglM =
    d.altAglM < d.cruiseAltM - 5
      ? Math.min(d.cruiseAltM, d.altAglM + DRONE_CLIMB_MPS * dtS)
      : d.altAglM +
        (d.cruiseAltM - d.altAglM) * Math.min(1, dtS / 20) +
        rng.signed() * 0.5 * Math.sqrt(dtS);
  return {
    ...s,
    batteryPct: Math.max(0, (s.batteryPct ?? 100) - s.drainPctPerH * (dtMs / 3_600_000)),
    drone: { ...d, mode, altAglM, swapLeftMs: 0, rejoining: false },
  };
}

/** Siren and lights while responding, lights alone while on scene. */
export function signalsOf(leg: Leg | undefined): Signals {
  if (leg === undefined) return SIGNALS_OFF;
  if (leg.kind === 'hold') return LIGHTS;
  return leg.purpose === 'respond' ? SIREN : SIGNALS_OFF;
}

/**
 * The leg a movement order starts, from where the unit is: a drive priced by the travel model (a
 * failing model falls back to the straight line, reported through `warn`), a hold, or back to patrol.
 */
export function legForMove(
  s: SimUnitState,
  move: Movement,
  travel: TravelModel | undefined,
  warn: (message: string, err: unknown) => void,
): { state: SimUnitState; leg: Leg } {
  const estimate = (dest: LonLat): TravelEstimate | undefined => {
    try {
      return priceOne(travel, s, dest);
    } catch (err) {
      warn(`travel model failed for ${s.unit.id}`, err);
      return undefined;
    }
  };
  switch (move.to) {
    case 'incident':
      return { state: s, leg: planDrive(s, move.lonLat, 'respond', estimate(move.lonLat)) };
    case 'home':
      return { state: s, leg: planDrive(s, s.home, 'return', estimate(s.home)) };
    case 'hold':
      return { state: s, leg: holdAt(move.lonLat) };
    case 'patrol':
      return rejoinPatrol(s);
  }
}
