import { UNIT_STATUSES, type UnitStatus } from '../../../shared/domain/support';
import {
  UNIT_KINDS,
  type CapabilityModule,
  type UnitKind,
  type UnitSnapshot,
} from '../../../shared/domain/units';
import type { UnitStatusState } from './unitStatusStore';
import type { UnitsState } from './unitsStore';

// Which units the map draws. Pure: a reducer over the filter state, a predicate per unit, and a
// mask column the unit layers apply as binary attributes, so filtering never rebuilds layer data.

export interface MapFilters {
  /** Kinds and statuses are shown unless unticked: the default map shows every unit. */
  readonly hiddenKinds: ReadonlySet<UnitKind>;
  readonly hiddenStatuses: ReadonlySet<UnitStatus>;
  /** Empty = no module filter; otherwise a unit must carry at least one of these modules. */
  readonly modules: ReadonlySet<CapabilityModule>;
  /** A station id (the unit's home jurisdiction); undefined = every jurisdiction. */
  readonly jurisdiction: string | undefined;
}

export const NO_FILTERS: MapFilters = {
  hiddenKinds: new Set(),
  hiddenStatuses: new Set(),
  modules: new Set(),
  jurisdiction: undefined,
};

export type MapFilterAction =
  | { readonly type: 'toggle-kind'; readonly kind: UnitKind }
  | { readonly type: 'toggle-status'; readonly status: UnitStatus }
  | { readonly type: 'toggle-module'; readonly module: CapabilityModule }
  | { readonly type: 'set-jurisdiction'; readonly stationId: string | undefined }
  | { readonly type: 'reset' };

function toggled<T>(set: ReadonlySet<T>, value: T): ReadonlySet<T> {
  const next = new Set(set);
  if (!next.delete(value)) next.add(value);
  return next;
}

export function reduceMapFilters(s: MapFilters, a: MapFilterAction): MapFilters {
  switch (a.type) {
    case 'toggle-kind':
      return UNIT_KINDS.includes(a.kind)
        ? { ...s, hiddenKinds: toggled(s.hiddenKinds, a.kind) }
        : s;
    case 'toggle-status':
      return UNIT_STATUSES.includes(a.status)
        ? { ...s, hiddenStatuses: toggled(s.hiddenStatuses, a.status) }
        : s;
    case 'toggle-module':
      return { ...s, modules: toggled(s.modules, a.module) };
    case 'set-jurisdiction':
      return s.jurisdiction === a.stationId ? s : { ...s, jurisdiction: a.stationId || undefined };
    case 'reset':
      return isFiltering(s) ? NO_FILTERS : s;
  }
}

export function isFiltering(s: MapFilters): boolean {
  return (
    s.hiddenKinds.size > 0 ||
    s.hiddenStatuses.size > 0 ||
    s.modules.size > 0 ||
    s.jurisdiction !== undefined
  );
}

/** What the filters look at for one unit. */
export interface FilterSubject {
  readonly kind: UnitKind;
  readonly status: UnitStatus;
  readonly modules: readonly CapabilityModule[];
  readonly stationId: string;
}

export function unitPasses(f: MapFilters, u: FilterSubject): boolean {
  if (f.hiddenKinds.has(u.kind) || f.hiddenStatuses.has(u.status)) return false;
  if (f.jurisdiction !== undefined && u.stationId !== f.jurisdiction) return false;
  if (f.modules.size > 0 && !u.modules.some((m) => f.modules.has(m))) return false;
  return true;
}

/** Roster facts the live columns do not carry, by unit id. */
export type RosterFacts = ReadonlyMap<
  string,
  { readonly modules: readonly CapabilityModule[]; readonly stationId: string }
>;

export function rosterFacts(roster: readonly UnitSnapshot[]): RosterFacts {
  return new Map(
    roster.map((s) => [s.unit.id, { modules: s.unit.modules, stationId: s.unit.stationId }]),
  );
}

const NO_MODULES: readonly CapabilityModule[] = [];

/**
 * 1 for each roster index the filters let through, 0 otherwise. Depends on the roster, statuses
 * and filters only (not positions), so it is rebuilt when those change, not every frame.
 */
export function visibilityMask(
  units: Pick<UnitsState, 'count' | 'ids' | 'kinds'>,
  facts: RosterFacts,
  statuses: UnitStatusState,
  f: MapFilters,
): Uint8Array {
  const mask = new Uint8Array(units.count);
  const all = !isFiltering(f);
  for (let i = 0; i < units.count; i++) {
    if (all) {
      mask[i] = 1;
      continue;
    }
    const id = units.ids[i] ?? '';
    const fact = facts.get(id);
    const subject: FilterSubject = {
      kind: units.kinds[i] ?? UNIT_KINDS[0],
      status: statuses.byUnit.get(id)?.status ?? 'available',
      modules: fact?.modules ?? NO_MODULES,
      stationId: fact?.stationId ?? '',
    };
    mask[i] = unitPasses(f, subject) ? 1 : 0;
  }
  return mask;
}

/** Units both let through and drawn (with a fix): what a commander sees on the map. */
export function countVisible(mask: Uint8Array | undefined, hasFix: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < hasFix.length; i++) if (hasFix[i] === 1 && (!mask || mask[i] === 1)) n++;
  return n;
}

/** The colour column with hidden units made transparent; the input itself when none is hidden. */
export function maskColors(colors: Uint8Array, mask: Uint8Array | undefined): Uint8Array {
  if (!mask || !mask.includes(0)) return colors;
  const out = colors.slice();
  for (let i = 0; i < mask.length; i++) if (mask[i] === 0) out[4 * i + 3] = 0;
  return out;
}

/** Roster indices whose callsign contains the query (case-insensitive), best matches first. */
export function searchCallsigns(callsigns: readonly string[], query: string, limit = 8): number[] {
  const q = query.trim().toLowerCase();
  if (q === '') return [];
  const starts: number[] = [];
  const contains: number[] = [];
  callsigns.forEach((c, i) => {
    const lc = c.toLowerCase();
    if (lc.startsWith(q)) starts.push(i);
    else if (lc.includes(q)) contains.push(i);
  });
  return [...starts, ...contains].slice(0, Math.max(0, limit));
}
