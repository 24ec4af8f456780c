// The travel-time layer of the support engine: pick the road graph when the region has roads,
// straight line × detour factor when it has none.
import type { UnitKind } from '../../../../shared/domain/units';
import type { TravelModel } from '../types';
import { buildRoadGraph, type RoadFeatures, type RoadGraph } from './roadGraph';
import { createRoadModel, type RoadModelOptions } from './roadModel';
import type { KindRules } from './speeds';
import { createStraightLineModel } from './straightLine';

export interface TravelModelOptions {
  /** The region's road layer; ignored when `graph` is given. */
  readonly roads?: RoadFeatures;
  /** A graph built earlier (building Andorra's takes ~100 ms: build once per region, reuse). */
  readonly graph?: RoadGraph;
  /** Road ÷ straight distance: the straight-line model, and off-graph legs of the road model. */
  readonly detourFactor: number;
  readonly terrainFactor?: number;
  /**
   * Effective speeds per kind (straight-line model; e.g. calibrated). The road model reads only the
   * drone (air) and officer-pair (walking) entries: vehicles drive at the graph's road speeds.
   */
  readonly speedsKmh?: Partial<Record<UnitKind, number>>;
  readonly rules?: Partial<KindRules>;
  /** Road-model only options. */
  readonly road?: Pick<RoadModelOptions, 'accessSpeedKmh' | 'minComponentNodes' | 'vehicleCapsKmh'>;
}

export function createTravelModel(opts: TravelModelOptions): TravelModel {
  const graph = opts.graph ?? (opts.roads ? buildRoadGraph(opts.roads) : undefined);
  if (graph && graph.edgeCount > 0) {
    return createRoadModel(graph, {
      ...opts.road,
      detourFactor: opts.detourFactor,
      terrainFactor: opts.terrainFactor,
      speedsKmh: opts.speedsKmh,
      rules: opts.rules,
    });
  }
  return createStraightLineModel(opts);
}

export { buildRoadGraph, createRoadModel, createStraightLineModel };
export type { RoadFeatures, RoadGraph, RoadModelOptions };
export type { RoadGraphStats } from './roadGraph';
export type { StraightLineConfig } from './straightLine';
export {
  DEFAULT_DETOUR_FACTOR,
  DEFAULT_KIND_RULES,
  KIND_SPEED_KMH,
  ROAD_CLASS_SPEED_KMH,
  TERRAIN_FACTOR,
  VEHICLE_CAP_KMH,
  kindSpeedKmh,
  type KindRules,
  type Terrain,
} from './speeds';
export { calibrateFromTracks } from './calibrate';
export type { CalibrationOptions, CalibrationResult, KindTrack, TrackPoint } from './calibrate';
