import type { LonLat } from '../../../shared/domain/region';

// Great-circle distances for the measure tool. The renderer may not import the core's geo module
// (layer fences), and a dozen lines do not justify a shared one.

const EARTH_RADIUS_M = 6_371_008.8;
const RAD = Math.PI / 180;

export function haversineM(a: LonLat, b: LonLat): number {
  const dLat = (b[1] - a[1]) * RAD;
  const dLon = (b[0] - a[0]) * RAD;
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * RAD) * Math.cos(b[1] * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Length of a polyline through the points, in metres (0 for fewer than two points). */
export function pathLengthM(points: readonly LonLat[]): number {
  let total = 0;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1];
    const b = points[i];
    if (a && b) total += haversineM(a, b);
  }
  return total;
}

/** "850 m" below a kilometre, "12.35 km" above: the precision a commander reads off a map. */
export function formatDistance(distanceM: number): { value: string; unit: 'm' | 'km' } {
  if (distanceM < 1000) return { value: String(Math.round(distanceM)), unit: 'm' };
  return { value: (distanceM / 1000).toFixed(distanceM < 10_000 ? 2 : 1), unit: 'km' };
}
