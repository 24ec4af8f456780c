// Station reserve book: how many units a station may still lend without going under a minimum it
// keeps — of a kind (patrol cars, pairs) or of a capability module (units that can investigate).
// Counted over the whole pool (not just candidates): a unit that cannot go itself (low battery,
// excluded) still stands at its station and counts towards the reserve.
import type { CapabilityModule, UnitKind } from '../../../../shared/domain/units';
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

/** Key of one reserve group of kind (station × kind). */
export function groupKey(stationId: string, kind: UnitKind): string {
  return `${stationId}\u0000${kind}`;
}

/** Key of one reserve group of module (station × units carrying the module). */
export function moduleGroupKey(stationId: string, module: CapabilityModule): string {
  return `${stationId}\u0000module\u0000${module}`;
}

/** One minimum a station keeps, with what it has available now. */
export interface ReserveGroup {
  readonly key: string;
  readonly stationId: string;
  /** Set for a group of units carrying a module; absent for a group of a kind. */
  readonly module?: CapabilityModule;
  readonly kind?: UnitKind;
  readonly min: number;
  /** Units of the group with status 'available' at the station. */
  readonly available: number;
}

export interface ReserveBook {
  /** Units of every kind with status 'available' at the station. */
  availableAtStation(stationId: string): number;
  /**
   * Every group the unit counts in: its station × kind, then its station × each module it carries
   * that the station keeps a minimum of (> 0). A lending unit may leave only if each has spare.
   * Minimums: the station's own rule wins over '*'; no rule means none.
   */
  groupsOf(unit: Pick<PoolUnit, 'stationId' | 'kind' | 'modules'>): readonly ReserveGroup[];
  /** A group by key, once `groupsOf` has met it (undefined otherwise). */
  group(key: string): ReserveGroup | undefined;
  /** max(0, available − min) of a group by key (0 for an unknown key). */
  spareOf(key: string): number;
}

/** Per rule target (a kind or a module): the station's own minimum, else the '*' one, else 0. */
function minimums<T extends string>(
  rules: readonly ReserveRule[],
  pick: (r: ReserveRule) => T | undefined,
): (stationId: string, of: T) => number {
  const specific = new Map<string, number>();
  const wildcard = new Map<T, number>();
  for (const r of rules) {
    const of = pick(r);
    if (of === undefined) continue;
    if (r.stationId === '*') wildcard.set(of, r.min);
    else specific.set(`${r.stationId}\u0000${of}`, r.min);
  }
  return (stationId, of) => specific.get(`${stationId}\u0000${of}`) ?? wildcard.get(of) ?? 0;
}

export function reserveBook(pool: readonly PoolUnit[], rules: readonly ReserveRule[]): ReserveBook {
  const available = new Map<string, number>();
  const atStation = new Map<string, number>();
  const bump = (key: string): void => {
    available.set(key, (available.get(key) ?? 0) + 1);
  };
  for (const u of pool) {
    if (u.status !== 'available') continue;
    bump(groupKey(u.stationId, u.kind));
    for (const m of u.modules) bump(moduleGroupKey(u.stationId, m));
    atStation.set(u.stationId, (atStation.get(u.stationId) ?? 0) + 1);
  }
  const kindMin = minimums(rules, (r) => r.kind);
  const moduleMin = minimums(rules, (r) => r.module);
  const groups = new Map<string, ReserveGroup>();
  const kindGroup = (stationId: string, kind: UnitKind): ReserveGroup => {
    const key = groupKey(stationId, kind);
    let g = groups.get(key);
    if (!g) {
      g = {
        key,
        stationId,
        kind,
        min: kindMin(stationId, kind),
        available: available.get(key) ?? 0,
      };
      groups.set(key, g);
    }
    return g;
  };
  const moduleGroup = (stationId: string, module: CapabilityModule): ReserveGroup | undefined => {
    const min = moduleMin(stationId, module);
    if (min <= 0) return undefined;
    const key = moduleGroupKey(stationId, module);
    let g = groups.get(key);
    if (!g) {
      g = { key, stationId, module, min, available: available.get(key) ?? 0 };
      groups.set(key, g);
    }
    return g;
  };
  const spare = (g: ReserveGroup | undefined): number =>
    g === undefined ? 0 : Math.max(0, g.available - g.min);
  return {
    availableAtStation: (stationId) => atStation.get(stationId) ?? 0,
    groupsOf(unit) {
      const out = [kindGroup(unit.stationId, unit.kind)];
      for (const m of unit.modules) {
        const g = moduleGroup(unit.stationId, m);
        if (g) out.push(g);
      }
      return out;
    },
    group: (key) => groups.get(key),
    spareOf: (key) => spare(groups.get(key)),
  };
}
