import { M_PER_DEG } from '../../../shared/domain/distance';
import type { LonLat } from '../../../shared/domain/region';

// Small-area geodesy for the simulator. Loops are at most ~10 km across, so a local equirectangular
// frame (metres east/north of an origin, scaled by cos(lat)) is accurate to well under a metre.

const DEG = Math.PI / 180;

/** The point `eastM` / `northM` metres from `origin`. */
export function offsetM(origin: LonLat, eastM: number, northM: number): LonLat {
  const [lon0, lat0] = origin;
  return [lon0 + eastM / (M_PER_DEG * Math.cos(lat0 * DEG)), lat0 + northM / M_PER_DEG];
}

/** Initial bearing from a to b, degrees clockwise from north in [0, 360). */
export function bearingDeg(a: LonLat, b: LonLat): number {
  const lat1 = a[1] * DEG;
  const lat2 = b[1] * DEG;
  const dLon = (b[0] - a[0]) * DEG;
  const y = Math.sin(dLon) * Math.cos(lat2);
  const x = Math.cos(lat1) * Math.sin(lat2) - Math.sin(lat1) * Math.cos(lat2) * Math.cos(dLon);
  return normDeg(Math.atan2(y, x) / DEG);
}

export function normDeg(deg: number): number {
  const d = deg % 360;
  const n = d < 0 ? d + 360 : d;
  // -1e-15 % 360 + 360 rounds to exactly 360.
  return n >= 360 ? 0 : n;
}

/** Linear interpolation in lon/lat; exact enough over segments of a few kilometres. */
export function lerpLonLat(a: LonLat, b: LonLat, t: number): LonLat {
  return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t];
}
