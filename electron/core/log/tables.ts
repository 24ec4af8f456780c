// The state tables read back into the projection's shape: what rebuilding from the log must equal.
import type Database from 'better-sqlite3';
import {
  incidentFromRow,
  requestFromRow,
  suggestionFromRow,
  type IncidentRow,
  type RequestRow,
  type SuggestionRow,
} from '../store/supportRows';
import { alertFromRow, type AlertRow } from '../store/AlertRepo';
import { emptyProjection, type Projection } from './projections';

const opt = <K extends string, V>(k: K, v: V | null): { [P in K]?: V } =>
  (v === null ? {} : { [k]: v }) as { [P in K]?: V };

export function projectionOfTables(db: Database.Database): Projection {
  const p = emptyProjection();
  const all = <T>(sql: string): T[] => db.prepare<[], T>(sql).all();
  for (const r of all<IncidentRow>('SELECT * FROM incident')) {
    p.incidents.set(r.id, incidentFromRow(r));
  }
  for (const r of all<RequestRow>('SELECT * FROM support_request')) {
    p.requests.set(r.id, requestFromRow(r));
  }
  for (const r of all<AlertRow>('SELECT * FROM alert')) p.alerts.set(r.id, alertFromRow(r));
  for (const r of all<SuggestionRow & { dismissed_ms: number | null }>(
    'SELECT * FROM support_suggestion',
  )) {
    p.suggestions.set(r.id, { ...suggestionFromRow(r), ...opt('dismissedMs', r.dismissed_ms) });
  }
  for (const r of all<{
    request_id: string;
    unit_id: string;
    jurisdiction_id: string;
    points: number;
    ts_ms: number;
  }>('SELECT * FROM task_point')) {
    p.points.set(`${r.request_id} ${r.unit_id}`, {
      requestId: r.request_id,
      unitId: r.unit_id,
      jurisdictionId: r.jurisdiction_id,
      points: r.points,
      tsMs: r.ts_ms,
    });
  }
  return p;
}

/** A projection as plain sorted JSON data, for comparing two (undefined fields dropped). */
export function projectionJson(p: Projection): unknown {
  const sorted = <K, V>(m: ReadonlyMap<K, V>): [string, unknown][] =>
    [...m.entries()]
      .map(([k, v]) => [String(k), JSON.parse(JSON.stringify(v)) as unknown] as [string, unknown])
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return {
    incidents: sorted(p.incidents),
    requests: sorted(p.requests),
    alerts: sorted(p.alerts),
    suggestions: sorted(p.suggestions),
    points: sorted(p.points),
  };
}
