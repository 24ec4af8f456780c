// Small geometry for the desk: the station area containing a point.
import { haversineM } from '../../../shared/domain/distance';
import type { FeatureCollection, LonLat, Station } from '../../../shared/domain/region';

type Ring = readonly (readonly number[])[];

/** Even-odd ray casting; points on an edge may fall either way (areas share their edges). */
function inRing(p: LonLat, ring: Ring): boolean {
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
function polygonsOf(geometry: { readonly type: string; readonly coordinates: unknown }): Ring[][] {
  if (geometry.type === 'Polygon') return [geometry.coordinates as Ring[]];
  if (geometry.type === 'MultiPolygon') return geometry.coordinates as Ring[][];
  return [];
}

/** Point in a GeoJSON Polygon or MultiPolygon geometry (holes respected); false for other types. */
export function inGeometry(
  p: LonLat,
  geometry: { readonly type: string; readonly coordinates: unknown },
): boolean {
  return polygonsOf(geometry).some((rings) => inPolygon(p, rings));
}

/** Station ids that own an area in the jurisdictions layer (property stationId). */
export function areaOwners(areas: FeatureCollection): ReadonlySet<string> {
  const out = new Set<string>();
  for (const f of areas.features) {
    const sid = f.properties?.['stationId'];
    if (typeof sid === 'string') out.add(sid);
  }
  return out;
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
    if (inGeometry(p, f.geometry)) return sid;
  }
  const police = stations.filter((s) => s.kind === 'police-station');
  const from = police.length > 0 ? police : stations;
  let best: Station | undefined;
  let bestM = Infinity;
  for (const s of from) {
    const d = haversineM(p, s.lonLat);
    if (d < bestM) {
      bestM = d;
      best = s;
    }
  }
  if (!best) throw new Error('the region has no stations');
  return best.id;
}
