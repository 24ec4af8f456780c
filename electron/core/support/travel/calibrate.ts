// Calibration of the straight-line model from recorded tracks: the region's detour factor and each
// kind's effective speed. The method is described in docs/travel-model.md; the numbers here are its
// defaults.
import type { UnitKind } from '../../../../shared/domain/units';
import { haversineM } from '../../../../shared/domain/distance';
import { isVehicleKind } from './speeds';

/** One recorded position (UnitPosition from the store's track query fits). */
export interface TrackPoint {
  readonly tsMs: number;
  readonly lon: number;
  readonly lat: number;
}

export interface KindTrack {
  readonly kind: UnitKind;
  readonly points: readonly TrackPoint[];
}

export interface CalibrationOptions {
  /** A silence longer than this ends a trip (device off, tunnel). Default 120 s. */
  readonly maxGapS?: number;
  /** Slower than this between two samples counts as standing still. Default 3 km/h. */
  readonly stopSpeedKmh?: number;
  /** Standing still this long ends a trip (parked, on scene); shorter stops are traffic. Default 60 s. */
  readonly stopMinS?: number;
  /** Implied speeds above this are GPS jumps and the sample is dropped. Default 200 km/h. */
  readonly jumpSpeedKmh?: number;
  /** A trip counts for the detour factor when its ends are at least this far apart. Default 1000 m. */
  readonly minTripStraightM?: number;
  /** A trip counts for speeds when it is at least this long and lasts this long. Default 500 m, 60 s. */
  readonly minTripPathM?: number;
  readonly minTripS?: number;
  /** Trips needed before an estimate is used. Defaults 5 (detour), 3 (speed per kind). */
  readonly minDetourTrips?: number;
  readonly minSpeedTrips?: number;
}

export interface KindCalibration {
  /** Median trip speed, km/h; undefined without any trip. */
  readonly speedKmh: number | undefined;
  readonly trips: number;
  readonly movingS: number;
  readonly usable: boolean;
}

export interface CalibrationResult {
  /** Median path ÷ straight over qualifying vehicle trips; undefined without any. */
  readonly detourFactor: number | undefined;
  readonly detourTrips: number;
  /** True when the detour factor rests on enough trips to replace the default. */
  readonly usable: boolean;
  /** Usable speeds only, ready for createStraightLineModel's `speedsKmh`. */
  readonly speedsKmh: Partial<Record<UnitKind, number>>;
  readonly perKind: Partial<Record<UnitKind, KindCalibration>>;
  readonly samples: {
    readonly points: number;
    readonly jumpsDropped: number;
    readonly trips: number;
  };
}

interface Trip {
  readonly start: TrackPoint;
  readonly end: TrackPoint;
  readonly pathM: number;
  readonly durationS: number;
}

const dist = (a: TrackPoint, b: TrackPoint): number => haversineM([a.lon, a.lat], [b.lon, b.lat]);

/** Time-sorted, finite, one sample per timestamp, with GPS jumps removed. */
function cleanTrack(
  points: readonly TrackPoint[],
  jumpKmh: number,
  maxGapS: number,
): { kept: TrackPoint[]; dropped: number } {
  const sorted = points
    .filter((p) => Number.isFinite(p.tsMs) && Number.isFinite(p.lon) && Number.isFinite(p.lat))
    .slice()
    .sort((a, b) => a.tsMs - b.tsMs);
  const kept: TrackPoint[] = [];
  let dropped = 0;
  let rejectedInRow = 0;
  for (const p of sorted) {
    const last = kept[kept.length - 1];
    if (last && p.tsMs === last.tsMs) continue;
    const dtS = last ? (p.tsMs - last.tsMs) / 1000 : Infinity;
    // After a gap there is no speed to judge by; after three rejections in a row the kept sample
    // was the outlier, so the track restarts from here.
    if (last && dtS <= maxGapS && rejectedInRow < 3 && (dist(last, p) / dtS) * 3.6 > jumpKmh) {
      dropped++;
      rejectedInRow++;
      continue;
    }
    rejectedInRow = 0;
    kept.push(p);
  }
  return { kept, dropped };
}

/** Cut a clean track into trips at gaps and at long stops; short stops stay inside the trip. */
function splitTrips(
  pts: readonly TrackPoint[],
  maxGapS: number,
  stopKmh: number,
  stopMinS: number,
): Trip[] {
  const trips: Trip[] = [];
  let start: TrackPoint | undefined;
  let end: TrackPoint | undefined;
  let pathM = 0;
  // A run of stationary segments not yet known to be short (kept) or long (trip ends).
  let stillFrom: TrackPoint | undefined;
  let stillS = 0;
  let stillM = 0;
  const close = (): void => {
    if (start && end && end !== start) {
      trips.push({ start, end, pathM, durationS: (end.tsMs - start.tsMs) / 1000 });
    }
    start = end = stillFrom = undefined;
    pathM = stillS = stillM = 0;
  };
  for (let i = 1; i < pts.length; i++) {
    const a = pts[i - 1] as TrackPoint;
    const b = pts[i] as TrackPoint;
    const dtS = (b.tsMs - a.tsMs) / 1000;
    const d = dist(a, b);
    if (dtS > maxGapS) {
      close();
      continue;
    }
    if ((d / dtS) * 3.6 < stopKmh) {
      stillFrom ??= a;
      stillS += dtS;
      stillM += d;
      continue;
    }
    if (stillFrom) {
      if (stillS >= stopMinS) close();
      else if (start) pathM += stillM;
      stillFrom = undefined;
      stillS = stillM = 0;
    }
    start ??= a;
    pathM += d;
    end = b;
  }
  close();
  return trips;
}

function median(xs: readonly number[]): number | undefined {
  if (xs.length === 0) return undefined;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1
    ? (s[mid] as number)
    : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/**
 * Estimate the detour factor (from vehicle trips) and effective speeds (vehicles and drones) from
 * recorded tracks. Officer pairs are not calibrated: their tracks mix walking and riding.
 */
export function calibrateFromTracks(
  tracks: readonly KindTrack[],
  opts: CalibrationOptions = {},
): CalibrationResult {
  const maxGapS = opts.maxGapS ?? 120;
  const stopKmh = opts.stopSpeedKmh ?? 3;
  const stopMinS = opts.stopMinS ?? 60;
  const jumpKmh = opts.jumpSpeedKmh ?? 200;
  const minStraightM = opts.minTripStraightM ?? 1000;
  const minPathM = opts.minTripPathM ?? 500;
  const minTripS = opts.minTripS ?? 60;
  const minDetourTrips = opts.minDetourTrips ?? 5;
  const minSpeedTrips = opts.minSpeedTrips ?? 3;

  const ratios: number[] = [];
  const speedSamples = new Map<UnitKind, { speeds: number[]; movingS: number }>();
  let points = 0;
  let jumpsDropped = 0;
  let tripCount = 0;

  for (const track of tracks) {
    if (track.kind === 'officer-pair') continue;
    const { kept, dropped } = cleanTrack(track.points, jumpKmh, maxGapS);
    points += kept.length;
    jumpsDropped += dropped;
    for (const trip of splitTrips(kept, maxGapS, stopKmh, stopMinS)) {
      tripCount++;
      const straightM = dist(trip.start, trip.end);
      if (isVehicleKind(track.kind) && straightM >= minStraightM) {
        ratios.push(trip.pathM / straightM);
      }
      if (trip.pathM >= minPathM && trip.durationS >= minTripS) {
        const acc = speedSamples.get(track.kind) ?? { speeds: [], movingS: 0 };
        acc.speeds.push((trip.pathM / trip.durationS) * 3.6);
        acc.movingS += trip.durationS;
        speedSamples.set(track.kind, acc);
      }
    }
  }

  const perKind: Partial<Record<UnitKind, KindCalibration>> = {};
  const speedsKmh: Partial<Record<UnitKind, number>> = {};
  for (const [kind, acc] of speedSamples) {
    const speedKmh = median(acc.speeds);
    const usable = acc.speeds.length >= minSpeedTrips && speedKmh !== undefined;
    perKind[kind] = { speedKmh, trips: acc.speeds.length, movingS: acc.movingS, usable };
    if (usable) speedsKmh[kind] = speedKmh;
  }
  const detour = median(ratios);
  return {
    // A factor under 1 is impossible on the sphere; it can only come from sampling, so clamp.
    detourFactor: detour === undefined ? undefined : Math.max(1, detour),
    detourTrips: ratios.length,
    usable: ratios.length >= minDetourTrips,
    speedsKmh,
    perKind,
    samples: { points, jumpsDropped, trips: tripCount },
  };
}
