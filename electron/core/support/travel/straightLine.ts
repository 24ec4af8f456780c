// Straight line × detour factor: the travel model of a region without a road layer.
import type { LonLat } from '../../../../shared/domain/region';
import type { UnitKind } from '../../../../shared/domain/units';
import { haversineM } from '../../../../shared/domain/distance';
import type { TravelEstimate, TravelModel } from '../types';
import { DEFAULT_KIND_RULES, footOrRide, kindSpeedKmh, kmhToMs, type KindRules } from './speeds';

export interface StraightLineConfig {
  /** Road distance ÷ straight distance for ground units (≥ 1). */
  readonly detourFactor: number;
  /** Extra factor for terrain (mountains), multiplied with the detour factor. Default 1. */
  readonly terrainFactor?: number;
  /** Effective speed per kind, km/h (drones: air speed; officer pairs: walking). */
  readonly speedsKmh?: Partial<Record<UnitKind, number>>;
  readonly rules?: Partial<KindRules>;
}

export function createStraightLineModel(cfg: StraightLineConfig): TravelModel {
  const groundFactor = cfg.detourFactor * (cfg.terrainFactor ?? 1);
  if (!(groundFactor >= 1) || !Number.isFinite(groundFactor)) {
    throw new Error(`detour × terrain must be a finite number ≥ 1, got ${groundFactor}`);
  }
  const rules: KindRules = { ...DEFAULT_KIND_RULES, ...cfg.rules };
  const speedMs = (kind: UnitKind): number => kmhToMs(cfg.speedsKmh?.[kind] ?? kindSpeedKmh(kind));

  return {
    name: 'straight-line',
    priceAll(destination, units) {
      return units.map((u): TravelEstimate => {
        const straightM = haversineM(u.lonLat, destination);
        const route: readonly LonLat[] = [u.lonLat, destination];
        if (u.kind === 'drone') {
          return {
            unitId: u.id,
            etaS: rules.droneTakeoffS + straightM / speedMs('drone'),
            distanceM: straightM,
            route,
          };
        }
        const distanceM = straightM * groundFactor;
        if (u.kind === 'officer-pair') {
          const walkS = distanceM / speedMs('officer-pair');
          const rideS = rules.mountDelayS + distanceM / speedMs(rules.rideKind);
          const mode = footOrRide(straightM, walkS, rideS, rules);
          return { unitId: u.id, etaS: mode === 'walk' ? walkS : rideS, distanceM, route };
        }
        return { unitId: u.id, etaS: distanceM / speedMs(u.kind), distanceM, route };
      });
    },
  };
}
