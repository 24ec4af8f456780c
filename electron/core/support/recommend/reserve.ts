// Station reserve book: how many units of a kind a station may still lend without going under its
// minimum. Counted over the whole pool (not just candidates): a unit that cannot go itself (low
// battery, excluded) still stands at its station and counts towards the reserve.
import type { UnitKind } from '../../../../shared/domain/units';
import type { PoolUnit, ReserveRule } from '../types';

/**
 * True when sending the unit to an incident of `incidentJurisdictionId` lends it out of its own
 * area: the station reserve binds, and the unit is not local. A region-wide squad lends nowhere in
 * the region.
 */
export function isLending(
  incidentJurisdictionId: string,
  unit: Pick<PoolUnit, 'jurisdictionId' | 'regionWide'>,
): boolean {
  return unit.regionWide !== true && unit.jurisdictionId !== incidentJurisdictionId;
}

/** Key of one reserve group (station × kind). */
export function groupKey(stationId: string, kind: UnitKind): string {
  return `${stationId}\u0000${kind}`;
}

export interface ReserveBook {
  /** Units of that kind with status 'available' at the station. */
  available(stationId: string, kind: UnitKind): number;
  /** Minimum the station keeps; the station's own rule wins over '*'. */
  min(stationId: string, kind: UnitKind): number;
  /** How many may leave: max(0, available − min). */
  spare(stationId: string, kind: UnitKind): number;
  /** Units of every kind with status 'available' at the station. */
  availableAtStation(stationId: string): number;
}

export function reserveBook(pool: readonly PoolUnit[], rules: readonly ReserveRule[]): ReserveBook {
  const available = new Map<string, number>();
  const atStation = new Map<string, number>();
  for (const u of pool) {
    if (u.status !== 'available') continue;
    const key = groupKey(u.stationId, u.kind);
    available.set(key, (available.get(key) ?? 0) + 1);
    atStation.set(u.stationId, (atStation.get(u.stationId) ?? 0) + 1);
  }
  const specific = new Map<string, number>();
  const wildcard = new Map<UnitKind, number>();
  for (const r of rules) {
    if (r.stationId === '*') wildcard.set(r.kind, r.min);
    else specific.set(groupKey(r.stationId, r.kind), r.min);
  }
  const min = (stationId: string, kind: UnitKind): number =>
    specific.get(groupKey(stationId, kind)) ?? wildcard.get(kind) ?? 0;
  const avail = (stationId: string, kind: UnitKind): number =>
    available.get(groupKey(stationId, kind)) ?? 0;
  return {
    available: avail,
    min,
    spare: (stationId, kind) => Math.max(0, avail(stationId, kind) - min(stationId, kind)),
    availableAtStation: (stationId) => atStation.get(stationId) ?? 0,
  };
}
