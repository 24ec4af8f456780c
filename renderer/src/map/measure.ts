import { haversineM } from '../../../shared/domain/distance';
import type { LonLat } from '../../../shared/domain/region';

// Distances for the measure tool, from the great-circle formula the core uses too.

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
