// Row shapes of the support tables and their mapping to domain types; null lives only here.
import type {
  Grade,
  Incident,
  IncidentState,
  IncidentType,
} from '../../../shared/domain/incidents';
import type {
  Recommendation,
  SupportPackage,
  SupportRequest,
  EmergencyAuthority,
  SupportState,
  SupportSuggestion,
  UnitOrder,
} from '../../../shared/domain/support';

export interface IncidentRow {
  id: string;
  type: string;
  grade: string;
  lon: number;
  lat: number;
  jurisdiction_id: string;
  description: string;
  reporter: string;
  commander: string;
  state: string;
  created_ms: number;
  updated_ms: number;
  drill: number;
  closed_by: string | null;
  close_reason: string | null;
}

export interface RequestRow {
  id: string;
  incident_id: string;
  state: string;
  recommendation: string | null;
  approved: string | null;
  orders: string;
  requested_by: string;
  created_ms: number;
  updated_ms: number;
  approved_ms: number | null;
  start_due_ms: number | null;
  on_scene_due_ms: number | null;
  approved_by: string | null;
  countersigned_by: string | null;
  /** Absent on rows read before migration 0014 (the event-log migration reads them). */
  emergency?: string | null;
  supplement_of?: string | null;
}

export interface SuggestionRow {
  id: string;
  ts_ms: number;
  cause: string;
  incident_id: string | null;
  jurisdiction_id: string | null;
  available: number | null;
  needed: number | null;
  detail: string;
}

export type IdPrefix = 'inc' | 'sup' | 'sug';

export const toSql = <T>(v: T | undefined): T | null => (v === undefined ? null : v);
export const fromSql = <T>(v: T | null): T | undefined => (v === null ? undefined : v);
export const json = (v: unknown): string | null => (v === undefined ? null : JSON.stringify(v));
const parse = <T>(v: string | null): T | undefined =>
  v === null ? undefined : (JSON.parse(v) as T);

// Stored text is trusted as the domain union it was written from: only this repo writes these
// tables, and the migration chain refuses databases from newer builds.
export function incidentFromRow(r: IncidentRow): Incident {
  return {
    id: r.id,
    type: r.type as IncidentType,
    grade: r.grade as Grade,
    lonLat: [r.lon, r.lat],
    jurisdictionId: r.jurisdiction_id,
    description: r.description,
    reporter: r.reporter,
    commander: r.commander,
    state: r.state as IncidentState,
    createdMs: r.created_ms,
    updatedMs: r.updated_ms,
    drill: r.drill === 1,
    ...(r.closed_by === null ? {} : { closedBy: r.closed_by }),
    ...(r.close_reason === null ? {} : { closeReason: r.close_reason }),
  };
}

export function requestFromRow(r: RequestRow): SupportRequest {
  return {
    id: r.id,
    incidentId: r.incident_id,
    state: r.state as SupportState,
    recommendation: parse<Recommendation>(r.recommendation),
    approved: parse<SupportPackage>(r.approved),
    orders: JSON.parse(r.orders) as UnitOrder[],
    requestedBy: r.requested_by,
    createdMs: r.created_ms,
    updatedMs: r.updated_ms,
    approvedMs: fromSql(r.approved_ms),
    startDueMs: fromSql(r.start_due_ms),
    onSceneDueMs: fromSql(r.on_scene_due_ms),
    ...(r.approved_by === null ? {} : { approvedBy: r.approved_by }),
    ...(r.countersigned_by === null ? {} : { countersignedBy: r.countersigned_by }),
    ...(typeof r.emergency === 'string'
      ? { emergency: JSON.parse(r.emergency) as EmergencyAuthority }
      : {}),
    ...(typeof r.supplement_of === 'string'
      ? { supplementOf: JSON.parse(r.supplement_of) as readonly string[] }
      : {}),
  };
}

export function suggestionFromRow(r: SuggestionRow): SupportSuggestion {
  return {
    id: r.id,
    tsMs: r.ts_ms,
    cause: r.cause as SupportSuggestion['cause'],
    incidentId: fromSql(r.incident_id),
    jurisdictionId: fromSql(r.jurisdiction_id),
    available: fromSql(r.available),
    needed: fromSql(r.needed),
    detail: r.detail,
  };
}

/** yyyymmdd of the local day, for readable ids. */
export function dayStamp(ms: number): string {
  const d = new Date(ms);
  const p = (n: number, w: number) => String(n).padStart(w, '0');
  return `${p(d.getFullYear(), 4)}${p(d.getMonth() + 1, 2)}${p(d.getDate(), 2)}`;
}
