// Speeds and the per-kind travel rules shared by every travel model. The tables are defaults: a region
// can override them, and calibrate.ts estimates effective speeds from recorded tracks.
import type { UnitKind } from '../../../../shared/domain/units';

/** Typical free-flow driving speed per OSM `highway` class when the way carries no `maxspeed`. */
export const ROAD_CLASS_SPEED_KMH: Readonly<Record<string, number>> = {
  motorway: 100,
  trunk: 80,
  primary: 60,
  secondary: 50,
  tertiary: 40,
  unclassified: 35,
  residential: 30,
  living_street: 10,
  service: 20,
  track: 15,
  road: 30,
  busway: 40,
  motorway_link: 60,
  trunk_link: 50,
  primary_link: 40,
  secondary_link: 35,
  tertiary_link: 30,
};

/** Any other drivable class (typos, local tags). */
export const DEFAULT_ROAD_SPEED_KMH = 25;

/** `highway` values no vehicle drives on: left out of the road graph. */
export const NON_VEHICLE_HIGHWAYS: ReadonlySet<string> = new Set([
  'footway',
  'path',
  'steps',
  'cycleway',
  'bridleway',
  'pedestrian',
  'corridor',
  'elevator',
  'platform',
  'via_ferrata',
  'construction',
  'proposed',
  'abandoned',
  'razed',
  'raceway',
]);

export function roadClassSpeedKmh(highway: string): number {
  return ROAD_CLASS_SPEED_KMH[highway] ?? DEFAULT_ROAD_SPEED_KMH;
}

const MAXSPEED = /^\s*(\d+(?:\.\d+)?)\s*(mph|km\/h|kmh|kph)?\s*$/i;
const KMH_PER_MPH = 1.609344;

/** A numeric OSM `maxspeed` in km/h; undefined for 'none', 'signals', zone codes and lists. */
export function parseMaxspeedKmh(value: unknown): number | undefined {
  if (typeof value === 'number') return value > 0 && Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const m = MAXSPEED.exec(value);
  if (!m) return undefined;
  const n = Number(m[1]);
  if (!(n > 0)) return undefined;
  return m[2]?.toLowerCase() === 'mph' ? n * KMH_PER_MPH : n;
}

export type VehicleKind = Extract<UnitKind, 'patrol-car' | 'motorbike' | 'traffic-car'>;

export function isVehicleKind(kind: UnitKind): kind is VehicleKind {
  return kind === 'patrol-car' || kind === 'motorbike' || kind === 'traffic-car';
}

/**
 * Top speed per vehicle kind on the road graph: an edge is driven at min(road speed, this cap).
 * Above any posted Andorran limit on purpose — the caps only bite on motorways.
 */
export const VEHICLE_CAP_KMH: Readonly<Record<VehicleKind, number>> = {
  'patrol-car': 110,
  'traffic-car': 120,
  motorbike: 100,
};

/**
 * Effective speed per kind for the straight-line model: door-to-door average along the road,
 * to be applied to straight distance × detour factor. Drones: air speed. Officer pairs: walking.
 */
export const KIND_SPEED_KMH: Readonly<Record<UnitKind, number>> = {
  'officer-pair': 5,
  'patrol-car': 45,
  motorbike: 45,
  'traffic-car': 50,
  drone: 60,
};

/** Default effective speed of a kind (straight-line model), km/h. */
export function kindSpeedKmh(kind: UnitKind): number {
  return KIND_SPEED_KMH[kind];
}

/** The rules that are about the kind, not the road. */
export interface KindRules {
  /** Officer pairs walk to destinations within this straight distance (unless riding is quicker). */
  readonly footRadiusM: number;
  /** Time for a pair to get into a station vehicle (pick-up) before riding. */
  readonly mountDelayS: number;
  /** The vehicle kind a pair rides beyond the foot radius. */
  readonly rideKind: VehicleKind;
  /** Drones: spin-up, checks and climb before they fly straight. */
  readonly droneTakeoffS: number;
}

export const DEFAULT_KIND_RULES: KindRules = {
  footRadiusM: 1000,
  mountDelayS: 120,
  rideKind: 'patrol-car',
  droneTakeoffS: 60,
};

/**
 * Detour factor (road distance ÷ straight distance) when nothing better is known. Calibrate per region
 * from tracks (calibrate.ts); 1.3–1.4 is the usual range for road networks.
 */
export const DEFAULT_DETOUR_FACTOR = 1.35;

/** Extra factor for terrain on top of the detour factor, when the detour was not calibrated locally. */
export const TERRAIN_FACTOR = { flat: 1, hilly: 1.15, mountain: 1.3 } as const;
export type Terrain = keyof typeof TERRAIN_FACTOR;

export function kmhToMs(kmh: number): number {
  return kmh / 3.6;
}

/**
 * The foot rule for officer pairs: within the foot radius they walk unless mounting a vehicle is
 * quicker; beyond it they ride (after the mount delay). Taking the quicker of the two inside the
 * radius keeps ETA monotone in distance — a pair 900 m away never looks slower than one 1.1 km away.
 * When riding is impossible (no road connection) they walk.
 */
export function footOrRide(
  straightM: number,
  walkS: number,
  rideS: number | undefined,
  rules: KindRules,
): 'walk' | 'ride' {
  if (rideS === undefined) return 'walk';
  if (straightM > rules.footRadiusM) return 'ride';
  return rideS < walkS ? 'ride' : 'walk';
}
