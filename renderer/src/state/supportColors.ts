import type { Grade } from '../../../shared/domain/incidents';
import type { UnitStatus } from '../../../shared/domain/support';
import type { Rgba } from './unitColors';

/** Grade I red and II orange stand out; III amber; IV a calm blue. */
export const GRADE_COLORS: Readonly<Record<Grade, Rgba>> = {
  I: [239, 44, 44, 255],
  II: [249, 115, 22, 255],
  III: [250, 204, 21, 255],
  IV: [96, 165, 250, 255],
};

/** Pixel radius of an incident marker: the graver, the larger. */
export const GRADE_RADIUS_PX: Readonly<Record<Grade, number>> = { I: 15, II: 13, III: 11, IV: 9 };

/**
 * Unit colours by what the unit is doing. An available unit keeps its kind colour (undefined here),
 * so the map reads as before until units are committed; committed units switch to these hues.
 */
export const STATUS_COLORS: Readonly<Record<UnitStatus, Rgba | undefined>> = {
  available: undefined,
  assigned: [241, 245, 249, 255],
  'en-route': [236, 72, 153, 255],
  'on-scene': [163, 230, 53, 255],
  'off-duty': [71, 85, 105, 200],
  offline: [110, 118, 130, 150],
};

/** Recommended (not yet approved) routes are amber and translucent; approved ones solid cyan. */
export const ROUTE_PREVIEW: Rgba = [251, 191, 36, 170];
export const ROUTE_APPROVED: Rgba = [34, 211, 238, 230];
export const GEOFENCE_RING: Rgba = [244, 114, 182, 230];
