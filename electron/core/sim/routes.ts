import type { LonLat } from '../../../shared/domain/region';
import type { UnitKind } from '../../../shared/domain/units';
import { bearingDeg, lerpLonLat, offsetM } from './geo';
import { haversineM } from '../../../shared/domain/distance';
import type { Rng } from './rng';

// Patrol routes: closed loops of waypoints around a unit's home station. The region pack has no
// road graph yet, so loops are schematic polygons sized and paced per unit kind.

export type Range = readonly [min: number, max: number];

export interface KindProfile {
  /** Farthest a waypoint may be from home. */
  readonly radiusKm: Range;
  readonly speedKmh: Range;
  readonly shape: 'loop' | 'line' | 'orbit';
}

export const PROFILES: Readonly<Record<UnitKind, KindProfile>> = {
  'officer-pair': { radiusKm: [0.3, 1.2], speedKmh: [3.5, 5.5], shape: 'loop' },
  'patrol-car': { radiusKm: [2, 8], speedKmh: [25, 60], shape: 'loop' },
  motorbike: { radiusKm: [1.5, 6], speedKmh: [20, 45], shape: 'loop' },
  // Traffic cars work a stretch of road: out on one carriageway, back on the other.
  'traffic-car': { radiusKm: [3, 10], speedKmh: [30, 70], shape: 'line' },
  drone: { radiusKm: [0.5, 2], speedKmh: [40, 60], shape: 'orbit' },
};

export interface Segment {
  readonly from: LonLat;
  readonly to: LonLat;
  /** Loop distance at `from`. */
  readonly startM: number;
  readonly lengthM: number;
  readonly headingDeg: number;
}

export interface Route {
  /** Closed loop: the last waypoint connects back to the first. */
  readonly waypoints: readonly LonLat[];
  /** segments[i] runs from waypoints[i] to the next one, wrapping at the end. */
  readonly segments: readonly Segment[];
  readonly lengthM: number;
  readonly radiusM: number;
}

export function buildRoute(kind: UnitKind, home: LonLat, rng: Rng): Route {
  const p = PROFILES[kind];
  const radiusM = rng.range(p.radiusKm[0], p.radiusKm[1]) * 1000;
  const local =
    p.shape === 'loop'
      ? polygonLoop(radiusM, kind === 'officer-pair' ? rng.int(6, 9) : rng.int(8, 12), rng)
      : p.shape === 'line'
        ? lineLoop(radiusM, rng)
        : orbit(radiusM, rng);
  const waypoints = local.map(([e, n]) => offsetM(home, e, n));
  const segments: Segment[] = [];
  let startM = 0;
  waypoints.forEach((from, i) => {
    const to = item(waypoints, (i + 1) % waypoints.length);
    const lengthM = haversineM(from, to);
    segments.push({ from, to, startM, lengthM, headingDeg: bearingDeg(from, to) });
    startM += lengthM;
  });
  return { waypoints, segments, lengthM: startM, radiusM };
}

type Local = readonly [eastM: number, northM: number];

function polygonLoop(radiusM: number, n: number, rng: Rng): Local[] {
  const start = rng.range(0, 2 * Math.PI);
  const dir = rng.next() < 0.5 ? 1 : -1;
  const step = (2 * Math.PI) / n;
  const pts: Local[] = [];
  for (let i = 0; i < n; i++) {
    const a = start + dir * (i * step + rng.signed() * 0.3 * step);
    const r = radiusM * rng.range(0.55, 1);
    pts.push([r * Math.sin(a), r * Math.cos(a)]);
  }
  return pts;
}

function lineLoop(radiusM: number, rng: Rng): Local[] {
  const axis = rng.range(0, Math.PI);
  const k = rng.int(6, 9);
  const ax: number[] = [];
  for (let i = 0; i < k; i++) ax.push(-0.95 * radiusM + (1.9 * radiusM * i) / (k - 1));
  const side = (a: number, sign: number): Local => {
    const lateral = sign * rng.range(40, 150) + rng.signed() * 0.05 * radiusM;
    const e = a * Math.sin(axis) + lateral * Math.cos(axis);
    const n = a * Math.cos(axis) - lateral * Math.sin(axis);
    // The lateral offset could push an end point past the radius; pull it back onto the circle.
    const norm = Math.hypot(e, n);
    return norm > radiusM ? [(e * radiusM) / norm, (n * radiusM) / norm] : [e, n];
  };
  const out = ax.map((a) => side(a, 1));
  const back = [...ax].reverse().map((a) => side(a, -1));
  return [...out, ...back];
}

function orbit(radiusM: number, rng: Rng): Local[] {
  const n = 36;
  const dir = rng.next() < 0.5 ? 1 : -1;
  const pts: Local[] = [];
  for (let i = 0; i < n; i++) {
    const a = (dir * 2 * Math.PI * i) / n;
    pts.push([radiusM * Math.sin(a), radiusM * Math.cos(a)]);
  }
  return pts;
}

/** Position and direction of travel at loop distance `distM` (wrapped into the loop). */
export function pointAt(route: Route, distM: number): { pos: LonLat; headingDeg: number } {
  const { segments, lengthM } = route;
  const d = ((distM % lengthM) + lengthM) % lengthM;
  let lo = 0;
  let hi = segments.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (item(segments, mid).startM <= d) lo = mid;
    else hi = mid - 1;
  }
  const seg = item(segments, lo);
  const t = seg.lengthM > 0 ? Math.min(1, (d - seg.startM) / seg.lengthM) : 0;
  return { pos: lerpLonLat(seg.from, seg.to, t), headingDeg: seg.headingDeg };
}

function item<T>(xs: readonly T[], i: number): T {
  const x = xs[i];
  if (x === undefined) throw new RangeError(`index ${i} outside 0..${xs.length - 1}`);
  return x;
}
