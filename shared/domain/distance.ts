// Great-circle distance, the one formula the core (simulator, travel models, geofence) and the
// renderer (measure tool) share.
import type { LonLat } from './region';

/** Mean Earth radius (IUGG), metres. */
export const EARTH_RADIUS_M = 6_371_008.8;
const RAD = Math.PI / 180;
/** Metres per degree of latitude on the sphere (and of longitude at the equator). */
export const M_PER_DEG = EARTH_RADIUS_M * RAD;

/** Great-circle distance in metres (haversine). */
export function haversineM(a: LonLat, b: LonLat): number {
  const dLat = (b[1] - a[1]) * RAD;
  const dLon = (b[0] - a[0]) * RAD;
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * RAD) * Math.cos(b[1] * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}
