import type { UnitStatusEntry } from '../../../shared/contract/ConsoleApi';
import { UNIT_STATUSES, type UnitStatus } from '../../../shared/domain/support';
import { createReducerStore, type ReducerStore } from './reducerStore';

export interface UnitStatusState {
  readonly byUnit: ReadonlyMap<string, UnitStatusEntry>;
  /** Bumped on every change; the unit layer keys its colour updateTrigger on it. */
  readonly version: number;
}

export const EMPTY_UNIT_STATUSES: UnitStatusState = { byUnit: new Map(), version: 0 };

/** The answer of getUnitStatuses() is the whole picture: it replaces what is held. */
export function resetUnitStatuses(
  s: UnitStatusState,
  list: readonly UnitStatusEntry[],
): UnitStatusState {
  return { byUnit: new Map(list.map((e) => [e.unitId, e])), version: s.version + 1 };
}

/** A pushed batch names the units that changed; the others keep their status. */
export function applyUnitStatuses(
  s: UnitStatusState,
  list: readonly UnitStatusEntry[],
): UnitStatusState {
  if (list.length === 0) return s;
  const byUnit = new Map(s.byUnit);
  for (const e of list) byUnit.set(e.unitId, e);
  return { byUnit, version: s.version + 1 };
}

/** A unit the core has not reported is taken as available: that is what the roster implies. */
export const statusOf = (s: UnitStatusState, unitId: string): UnitStatus =>
  s.byUnit.get(unitId)?.status ?? 'available';

export function countByStatus(s: UnitStatusState): Record<UnitStatus, number> {
  const out = Object.fromEntries(UNIT_STATUSES.map((k) => [k, 0])) as Record<UnitStatus, number>;
  for (const e of s.byUnit.values()) out[e.status]++;
  return out;
}

export interface UnitStatusStore extends ReducerStore<UnitStatusState> {
  reset(list: readonly UnitStatusEntry[]): void;
  apply(list: readonly UnitStatusEntry[]): void;
}

export function createUnitStatusStore(): UnitStatusStore {
  const store = createReducerStore(EMPTY_UNIT_STATUSES);
  return {
    ...store,
    reset: (list) => store.update((s) => resetUnitStatuses(s, list)),
    apply: (list) => store.update((s) => applyUnitStatuses(s, list)),
  };
}
