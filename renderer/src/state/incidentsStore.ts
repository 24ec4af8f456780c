import type { Grade, Incident } from '../../../shared/domain/incidents';
import { GRADES } from '../../../shared/domain/incidents';
import { createReducerStore, mergeNewer, upsertNewer, type ReducerStore } from './reducerStore';

/** Incidents as the panel lists them: newest created first, one entry per id. */
export interface IncidentsState {
  readonly list: readonly Incident[];
  /** Bumped on every change; map layers key their updateTriggers on it. */
  readonly version: number;
}

export const EMPTY_INCIDENTS: IncidentsState = { list: [], version: 0 };

const newestFirst = (a: Incident, b: Incident): number =>
  b.createdMs - a.createdMs || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

/** Loads the answer of listIncidents(); an open incident the answer does not have yet stays. */
export function resetIncidents(s: IncidentsState, list: readonly Incident[]): IncidentsState {
  const merged = mergeNewer(s.list, list, (i) => i.state === 'open');
  return { list: merged.sort(newestFirst), version: s.version + 1 };
}

/** Applies one pushed incident; an older or equal record for the same id changes nothing. */
export function applyIncident(s: IncidentsState, incident: Incident): IncidentsState {
  const next = upsertNewer(s.list, incident);
  return next ? { list: next.sort(newestFirst), version: s.version + 1 } : s;
}

export const incidentById = (s: IncidentsState, id: string | undefined): Incident | undefined =>
  id === undefined ? undefined : s.list.find((i) => i.id === id);

export const openIncidents = (s: IncidentsState): Incident[] =>
  s.list.filter((i) => i.state === 'open');

/** 0 for grade I (most severe) … 3 for grade IV. */
export const gradeRank = (g: Grade): number => GRADES.indexOf(g);

/** Grades I and II are the ones that must stand out on the wall. */
export const isMajorGrade = (g: Grade): boolean => gradeRank(g) <= 1;

export interface IncidentsStore extends ReducerStore<IncidentsState> {
  reset(list: readonly Incident[]): void;
  apply(incident: Incident): void;
}

export function createIncidentsStore(): IncidentsStore {
  const store = createReducerStore(EMPTY_INCIDENTS);
  return {
    ...store,
    reset: (list) => store.update((s) => resetIncidents(s, list)),
    apply: (incident) => store.update((s) => applyIncident(s, incident)),
  };
}
