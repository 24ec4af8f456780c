// Schematic station areas (辖区示意): the Voronoi cell of each police station clipped to the region
// outline. Used when a pack has no real jurisdictions.geojson. Pure, no I/O.

import type { FeatureCollection, LonLat, Station } from '../../../shared/domain/region';

type Xy = readonly [x: number, y: number];

/** Output precision: 1e-6° is ~0.1 m, far below what a schematic area can claim. */
const DECIMALS = 6;

/**
 * Local equirectangular plane around the outline: x = Δlon·cos(lat0), y = Δlat (degrees).
 * Over a county (< 100 km) the distortion is far below the schematic nature of the result, and it
 * keeps bisectors perpendicular in metres rather than in degrees.
 */
interface Plane {
  toXy(p: LonLat | readonly number[]): Xy;
  toLonLat(p: Xy): [number, number];
}

function planeAround(ring: readonly (readonly number[])[]): Plane {
  const lon0 = ring.reduce((s, p) => s + (p[0] ?? 0), 0) / ring.length;
  const lat0 = ring.reduce((s, p) => s + (p[1] ?? 0), 0) / ring.length;
  const k = Math.cos((lat0 * Math.PI) / 180);
  const f = 10 ** DECIMALS;
  return {
    toXy: (p) => [((p[0] ?? 0) - lon0) * k, (p[1] ?? 0) - lat0],
    toLonLat: ([x, y]) => [Math.round((x / k + lon0) * f) / f, Math.round((y + lat0) * f) / f],
  };
}

export function signedArea(ring: readonly Xy[]): number {
  let a = 0;
  let p = ring[ring.length - 1];
  for (const q of ring) {
    if (p) a += p[0] * q[1] - q[0] * p[1];
    p = q;
  }
  return a / 2;
}

/**
 * Sutherland–Hodgman against one half-plane: keeps the points p with (p − m)·n ≤ 0.
 * A concave subject that the line cuts into several pieces comes back as one ring joined by
 * zero-area seams; areas and point-in-polygon tests are unaffected.
 */
export function clipHalfPlane(poly: readonly Xy[], m: Xy, n: Xy): Xy[] {
  const side = (p: Xy): number => (p[0] - m[0]) * n[0] + (p[1] - m[1]) * n[1];
  const out: Xy[] = [];
  let a = poly[poly.length - 1];
  for (const b of poly) {
    // Edge a → b: emit b if inside, and the crossing point if the edge crosses the line.
    if (a) {
      const sa = side(a);
      const sb = side(b);
      if ((sa < 0 && sb > 0) || (sa > 0 && sb < 0)) {
        const t = sa / (sa - sb);
        out.push([a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])]);
      }
      if (sb <= 0) out.push(b);
    }
    a = b;
  }
  return out;
}

/** The part of `outline` nearer to sites[i] than to any other site (ties to the lower index). */
function voronoiCell(outline: readonly Xy[], sites: readonly Xy[], i: number, s: Xy): Xy[] {
  let cell: Xy[] = [...outline];
  for (const [j, o] of sites.entries()) {
    if (j === i) continue;
    if (cell.length < 3) break;
    const n: Xy = [o[0] - s[0], o[1] - s[1]];
    if (n[0] === 0 && n[1] === 0) {
      // Two stations on one spot: the first listed keeps the cell, the later one gets none.
      if (j < i) return [];
      continue;
    }
    cell = clipHalfPlane(cell, [(s[0] + o[0]) / 2, (s[1] + o[1]) / 2], n);
  }
  return cell.length >= 3 ? cell : [];
}

/**
 * Station areas for the police stations (派出所) in `stations`, clipped to the outline's outer ring
 * (holes are ignored). Traffic squads and special units have county-wide remits and get no area.
 * Each feature is a Polygon with properties { stationId, name, nameEn, schematic: true }; a station
 * whose cell is empty (it duplicates an earlier station's position) gets no feature.
 */
export function stationAreas(
  stations: readonly Station[],
  outlineRing: readonly (readonly number[])[],
): FeatureCollection {
  const police = stations.filter((s) => s.kind === 'police-station');
  const open = openRing(outlineRing);
  if (open.length < 3) throw new Error('station areas: outline ring has fewer than 3 vertices');

  const plane = planeAround(open);
  let outline = open.map((p) => plane.toXy(p));
  if (signedArea(outline) < 0) outline = outline.reverse(); // RFC 7946: exteriors counter-clockwise
  const sites = police.map((s) => plane.toXy(s.lonLat));

  const features: FeatureCollection['features'][number][] = [];
  police.forEach((station, i) => {
    const cell = voronoiCell(outline, sites, i, plane.toXy(station.lonLat));
    const ring = cell.map((p) => plane.toLonLat(p));
    const [first] = ring;
    if (!first) return;
    ring.push(first);
    features.push({
      type: 'Feature',
      properties: {
        stationId: station.id,
        name: station.name,
        nameEn: station.nameEn,
        schematic: true,
      },
      geometry: { type: 'Polygon', coordinates: [ring] },
    });
  });
  return { type: 'FeatureCollection', features };
}

function openRing(ring: readonly (readonly number[])[]): (readonly number[])[] {
  const out = [...ring];
  const first = out[0];
  const last = out[out.length - 1];
  if (out.length > 1 && first && last && first[0] === last[0] && first[1] === last[1]) out.pop();
  return out;
}
