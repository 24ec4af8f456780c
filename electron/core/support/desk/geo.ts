// Small geometry for the desk: distances for the geofence and the station area of a point.
import type { FeatureCollection, LonLat, Station } from '../../../../shared/domain/region';

const EARTH_RADIUS_M = 6_371_008.8;
const RAD = Math.PI / 180;

/** Great-circle distance in metres (haversine). */
export function distanceM(a: LonLat, b: LonLat): number {
  const dLat = (b[1] - a[1]) * RAD;
  const dLon = (b[0] - a[0]) * RAD;
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * RAD) * Math.cos(b[1] * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

type Ring = readonly (readonly number[])[];

/** Even-odd ray casting; points on an edge may fall either way (areas share their edges). */
export function inRing(p: LonLat, ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi = 0, yi = 0] = ring[i] ?? [];
    const [xj = 0, yj = 0] = ring[j] ?? [];
    if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) {
      inside = !inside;
    }
  }
  return inside;
}

function inPolygon(p: LonLat, rings: readonly Ring[]): boolean {
  const [outer, ...holes] = rings;
  return outer !== undefined && inRing(p, outer) && holes.every((h) => !inRing(p, h));
}

/** Polygon and MultiPolygon coordinates as a list of polygons (each [outer, ...holes]). */
function polygonsOf(geometry: { type: string; coordinates: unknown }): Ring[][] {
  if (geometry.type === 'Polygon') return [geometry.coordinates as Ring[]];
  if (geometry.type === 'MultiPolygon') return geometry.coordinates as Ring[][];
  return [];
}

/**
 * The station whose area (jurisdictions layer, property stationId) contains the point; outside
 * every area, the nearest police station (or nearest station of any kind when there is none).
 */
export function jurisdictionOf(
  p: LonLat,
  areas: FeatureCollection,
  stations: readonly Station[],
): string {
  for (const f of areas.features) {
    const sid = f.properties?.['stationId'];
    if (typeof sid !== 'string') continue;
    if (polygonsOf(f.geometry).some((rings) => inPolygon(p, rings))) return sid;
  }
  const police = stations.filter((s) => s.kind === 'police-station');
  const from = police.length > 0 ? police : stations;
  let best: Station | undefined;
  let bestM = Infinity;
  for (const s of from) {
    const d = distanceM(p, s.lonLat);
    if (d < bestM) {
      bestM = d;
      best = s;
    }
  }
  if (!best) throw new Error('the region has no stations');
  return best.id;
}
