import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { FeatureCollection, LonLat } from '../../shared/domain/region';
import type { UnitKind } from '../../shared/domain/units';
import { lerpLonLat, offsetM } from '../../electron/core/sim/geo';
import { haversineM } from '../../shared/domain/distance';
import {
  buildRoadGraph,
  calibrateFromTracks,
  createRoadModel,
  type KindTrack,
  type TrackPoint,
} from '../../electron/core/support/travel';

const O: LonLat = [1.52, 42.5];

const pathLengthM = (r: readonly LonLat[]): number =>
  r.slice(1).reduce((s, p, i) => s + haversineM(r[i] ?? p, p), 0);

/** Positions every `dtS` seconds of a vehicle driving `route` at a constant speed. */
function drive(
  route: readonly LonLat[],
  speedKmh: number,
  t0Ms: number,
  dtS: number,
): TrackPoint[] {
  const stepM = (speedKmh / 3.6) * dtS;
  const segM = route.slice(1).map((p, i) => haversineM(route[i] ?? p, p));
  const total = segM.reduce((x, y) => x + y, 0);
  const out: TrackPoint[] = [];
  let seg = 0;
  let segStartM = 0;
  for (let k = 0; k * stepM <= total; k++) {
    const at = k * stepM;
    while (seg < segM.length - 1 && segStartM + (segM[seg] ?? 0) < at) {
      segStartM += segM[seg] ?? 0;
      seg++;
    }
    const a = route[seg] ?? O;
    const b = route[seg + 1] ?? a;
    const len = segM[seg] ?? 0;
    const [lon, lat] = lerpLonLat(a, b, len > 0 ? Math.min(1, (at - segStartM) / len) : 0);
    out.push({ tsMs: t0Ms + k * dtS * 1000, lon, lat });
  }
  // Always report the arrival (float sums may leave the last step a hair short of it).
  const lastAtM = (out.length - 1) * stepM;
  const end = route[route.length - 1] ?? O;
  if (total - lastAtM > 1e-6) {
    out.push({ tsMs: t0Ms + (total / (speedKmh / 3.6)) * 1000, lon: end[0], lat: end[1] });
  }
  return out;
}

/** Parked at `at` for `seconds`, reporting every 10 s with ~1 m of GPS jitter. */
function park(at: LonLat, t0Ms: number, seconds: number): TrackPoint[] {
  return Array.from({ length: Math.floor(seconds / 10) }, (_, i) => {
    const [lon, lat] = offsetM(at, (i % 3) - 1, ((i + 1) % 3) - 1);
    return { tsMs: t0Ms + (i + 1) * 10_000, lon, lat };
  });
}

/** Trips driven one after another with a long stop between them, as one recorded track. */
function journey(
  trips: readonly (readonly LonLat[])[],
  speedKmh: number,
  dtS: number,
): TrackPoint[] {
  const points: TrackPoint[] = [];
  let t = 0;
  for (const route of trips) {
    const leg = drive(route, speedKmh, t, dtS);
    points.push(...leg);
    t = leg[leg.length - 1]?.tsMs ?? t;
    const stop = park(route[route.length - 1] ?? O, t, 300);
    points.push(...stop);
    // Switched off for ten minutes before the next trip (which may start elsewhere).
    t = (stop[stop.length - 1]?.tsMs ?? t) + 600_000;
  }
  return points;
}

/** A zig-zag 45° either side of the trip's heading: path ÷ straight is exactly √2. */
function zigzag(start: LonLat, legs: number, legM: number, headingEast: boolean): LonLat[] {
  const pts: LonLat[] = [start];
  const s = legM / Math.SQRT2;
  for (let i = 0; i < legs; i++) {
    const last = pts[pts.length - 1] ?? start;
    const side = i % 2 === 0 ? s : -s;
    pts.push(headingEast ? offsetM(last, s, side) : offsetM(last, side, s));
  }
  return pts;
}

describe('calibration on synthetic tracks with a known detour and speed', () => {
  const tripsOf = (n: number): LonLat[][] =>
    Array.from({ length: n }, (_, i) =>
      zigzag(offsetM(O, i * 5000, (i % 2) * 3000), 10, 200, i % 2 === 0),
    );

  it('recovers √2 and 36 km/h, ignoring parked time and GPS jumps', () => {
    const points = journey(tripsOf(6), 36, 2);
    // Two wild fixes mid-trip (2 km off) must be dropped, not counted as distance.
    const withJumps = points.map((p, i) =>
      i === 40 || i === 300 ? { ...p, lon: p.lon + 0.03 } : p,
    );
    const r = calibrateFromTracks([{ kind: 'patrol-car', points: withJumps }]);
    expect(r.samples.jumpsDropped).toBe(2);
    expect(r.samples.trips).toBe(6);
    expect(r.detourTrips).toBe(6);
    expect(r.usable).toBe(true);
    expect(r.detourFactor).toBeCloseTo(Math.SQRT2, 2);
    expect(r.perKind['patrol-car']?.speedKmh).toBeCloseTo(36, 0);
    expect(r.speedsKmh['patrol-car']).toBeCloseTo(36, 0);
  });

  it('keeps short stops inside a trip (they are traffic) and splits at long ones', () => {
    const [route] = tripsOf(1);
    const leg = drive(route ?? [], 36, 0, 2);
    const half = leg.length >> 1;
    const mid = leg[half] ?? { tsMs: 0, lon: 0, lat: 0 };
    const shift = (pts: TrackPoint[], ms: number) => pts.map((p) => ({ ...p, tsMs: p.tsMs + ms }));
    const withStop = (stopS: number): TrackPoint[] => [
      ...leg.slice(0, half + 1),
      ...park([mid.lon, mid.lat], mid.tsMs, stopS),
      ...shift(leg.slice(half + 1), stopS * 1000),
    ];
    const short = calibrateFromTracks([{ kind: 'motorbike', points: withStop(40) }], {
      minSpeedTrips: 1,
    });
    const drivenS = ((leg[leg.length - 1]?.tsMs ?? 0) - (leg[0]?.tsMs ?? 0)) / 1000;
    expect(short.samples.trips).toBe(1);
    // The 40 s at the lights lower the effective speed in proportion.
    expect(short.perKind.motorbike?.speedKmh).toBeCloseTo((36 * drivenS) / (drivenS + 40), 0);
    const long = calibrateFromTracks([{ kind: 'motorbike', points: withStop(180) }]);
    expect(long.samples.trips).toBe(2);
  });

  it('calibrates speeds per kind; drones count for speed, never for the detour', () => {
    const tracks: KindTrack[] = [
      // 15 m/s every 4/3 s: a fix lands on every corner, so no corner is cut.
      { kind: 'traffic-car', points: journey(tripsOf(5), 54, 4 / 3) },
      {
        kind: 'drone',
        points: journey(
          tripsOf(4).map((r) => [r[0] ?? O, r[r.length - 1] ?? O]),
          60,
          2,
        ),
      },
      { kind: 'officer-pair', points: journey(tripsOf(4), 5, 10) },
    ];
    const r = calibrateFromTracks(tracks);
    expect(r.detourTrips).toBe(5);
    expect(r.detourFactor).toBeCloseTo(Math.SQRT2, 2);
    expect(r.speedsKmh['traffic-car']).toBeCloseTo(54, 0);
    expect(r.speedsKmh.drone).toBeCloseTo(60, 0);
    expect(r.perKind['officer-pair']).toBeUndefined();
  });

  it('says when there is too little data', () => {
    const r = calibrateFromTracks([{ kind: 'patrol-car', points: journey(tripsOf(2), 36, 2) }]);
    expect(r.detourTrips).toBe(2);
    expect(r.usable).toBe(false);
    expect(r.perKind['patrol-car']?.usable).toBe(false);
    expect(r.speedsKmh).toEqual({});
    const none = calibrateFromTracks([]);
    expect(none.detourFactor).toBeUndefined();
    expect(none.usable).toBe(false);
  });

  it('does not count trips whose ends are closer than the minimum straight distance', () => {
    // A 1.2 km zig-zag ends ~850 m from its start: speed yes, detour no.
    const r = calibrateFromTracks([
      { kind: 'patrol-car', points: journey([zigzag(O, 6, 200, true)], 36, 2) },
    ]);
    expect(r.detourTrips).toBe(0);
    expect(r.perKind['patrol-car']?.trips).toBe(1);
  });
});

const ROADS_PATH = fileURLToPath(
  new URL('../../../shared/data/fallback_andorra/andorra_roads_osm.geojson', import.meta.url),
);

describe.runIf(existsSync(ROADS_PATH))('calibration on tracks driven along Andorra roads', () => {
  it('recovers the routed detour and the driving speed', () => {
    const roads = JSON.parse(readFileSync(ROADS_PATH, 'utf8')) as FeatureCollection;
    const model = createRoadModel(buildRoadGraph(roads), { detourFactor: 1.35 });
    const towns: LonLat[] = [
      [1.5218, 42.5063], // Andorra la Vella
      [1.58, 42.536], // Encamp
      [1.5975, 42.5676], // Canillo
      [1.5331, 42.556], // Ordino
      [1.4913, 42.4637], // Sant Julià de Lòria
    ];
    const routes = towns.map((from, i) => {
      const to = towns[(i + 1) % towns.length] ?? from;
      const kind: UnitKind = 'patrol-car';
      return model.priceAll(to, [{ id: 'u', kind, lonLat: from }])[0]?.route ?? [];
    });
    const ratios = routes.map((r) => pathLengthM(r) / haversineM(r[0] ?? O, r[r.length - 1] ?? O));
    const truth = [...ratios].sort((a, b) => a - b)[2] ?? NaN;
    expect(truth).toBeGreaterThan(1.05);

    const r = calibrateFromTracks([{ kind: 'patrol-car', points: journey(routes, 50, 3) }]);
    expect(r.usable).toBe(true);
    expect(r.detourTrips).toBe(5);
    // 3 s fixes cut the corners of mountain bends a little: within 3 % of the routed truth.
    expect(Math.abs((r.detourFactor ?? 0) / truth - 1)).toBeLessThan(0.03);
    expect(Math.abs((r.speedsKmh['patrol-car'] ?? 0) / 50 - 1)).toBeLessThan(0.03);
  });
});
