// Current state as a fold of the event log: what the tables hold, rebuilt from the events alone.
// The same fold up to an instant gives the state at that instant (replay, reports).
import type { Alert } from '../../../shared/domain/alerts';
import type { Incident } from '../../../shared/domain/incidents';
import type { LogEvent } from '../../../shared/domain/log';
import type { SupportRequest, SupportSuggestion } from '../../../shared/domain/support';

export interface TaskPoints {
  readonly requestId: string;
  readonly unitId: string;
  readonly jurisdictionId: string;
  readonly points: number;
  readonly tsMs: number;
}

export interface Projection {
  readonly incidents: Map<string, Incident>;
  readonly requests: Map<string, SupportRequest>;
  readonly alerts: Map<number, Alert>;
  readonly suggestions: Map<string, SupportSuggestion & { readonly dismissedMs?: number }>;
  /** Keyed `requestId unitId`: a unit is awarded once per request. */
  readonly points: Map<string, TaskPoints>;
}

export function emptyProjection(): Projection {
  return {
    incidents: new Map(),
    requests: new Map(),
    alerts: new Map(),
    suggestions: new Map(),
    points: new Map(),
  };
}

type Rec = Record<string, unknown>;

/**
 * The fields of `next` that differ from `prev` (compared as JSON), as a JSON merge patch: a field
 * that `next` no longer has is null. The whole record when there is no `prev`.
 */
export function mergePatch(prev: object | undefined, next: object): Rec {
  if (prev === undefined) return { ...(next as Rec) };
  const a = prev as Rec;
  const b = next as Rec;
  const out: Rec = {};
  for (const [k, v] of Object.entries(b)) {
    if (v === undefined) continue;
    if (JSON.stringify(v) !== JSON.stringify(a[k])) out[k] = v;
  }
  for (const [k, v] of Object.entries(a)) {
    if (v !== undefined && b[k] === undefined) out[k] = null;
  }
  return out;
}

function applyPatch<T extends object>(prev: T | undefined, patch: Rec): T {
  const merged = { ...(prev as Rec | undefined), ...patch };
  return Object.fromEntries(Object.entries(merged).filter(([, v]) => v !== null)) as T;
}

/** Applies one event to the projection (in place). Support steps change no state: they are the record. */
export function applyEvent(p: Projection, e: LogEvent): void {
  const body = e.body as Rec | undefined;
  if (body === undefined) return;
  switch (e.kind) {
    case 'incident-created':
      p.incidents.set(e.subject, body as unknown as Incident);
      return;
    case 'incident-regraded':
    case 'incident-edited':
    case 'incident-handover':
    case 'incident-closed':
      p.incidents.set(e.subject, applyPatch(p.incidents.get(e.subject), body));
      return;
    case 'request':
      p.requests.set(e.subject, applyPatch(p.requests.get(e.subject), body));
      return;
    case 'alert-raised':
    case 'alert-cleared':
    case 'alert-acked':
      p.alerts.set(Number(e.subject), body as unknown as Alert);
      return;
    case 'suggestion':
      p.suggestions.set(e.subject, {
        ...(body as unknown as SupportSuggestion),
        ...dismissal(p.suggestions.get(e.subject)),
      });
      return;
    case 'suggestion-dismissed': {
      const s = p.suggestions.get(e.subject);
      if (s) p.suggestions.set(e.subject, { ...s, dismissedMs: body.dismissedMs as number });
      return;
    }
    case 'points': {
      const unitId = body.unitId as string;
      const key = `${e.subject} ${unitId}`;
      if (!p.points.has(key)) {
        p.points.set(key, {
          requestId: e.subject,
          unitId,
          jurisdictionId: body.jurisdictionId as string,
          points: body.points as number,
          tsMs: e.tsMs,
        });
      }
      return;
    }
    default:
      return;
  }
}

/** A re-saved suggestion keeps its dismissal (as the table does). */
function dismissal(s: { readonly dismissedMs?: number } | undefined): { dismissedMs?: number } {
  return s?.dismissedMs === undefined ? {} : { dismissedMs: s.dismissedMs };
}

/** The state the events leave behind, in log order. */
export function project(events: Iterable<LogEvent>): Projection {
  const p = emptyProjection();
  for (const e of events) applyEvent(p, e);
  return p;
}
