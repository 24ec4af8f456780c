// Expected against observed: what the players did after each inject, read from the session's log.
import type { Inject, ObservedAction } from '../../../shared/domain/drill';
import type { LogEvent } from '../../../shared/domain/log';

interface Fired {
  readonly inject: Inject;
  readonly atMs: number;
  readonly incidentId?: string;
}

/** The first time each kind of action was taken after the inject, in order. */
export function observedAfter(f: Fired, events: readonly LogEvent[]): ObservedAction[] {
  const out: ObservedAction[] = [];
  const after = (e: LogEvent) => e.tsMs >= f.atMs;
  const add = (what: ObservedAction['what'], e: LogEvent | undefined): void => {
    if (!e || out.some((o) => o.what === what)) return;
    out.push({ what, afterS: Math.round((e.tsMs - f.atMs) / 1000), by: e.operator });
  };
  if (f.incidentId !== undefined) {
    const requests = new Set<string>();
    for (const e of events) {
      if (!after(e)) continue;
      const body = e.body as { incidentId?: unknown } | undefined;
      if (e.kind === 'request' && body?.incidentId === f.incidentId && !requests.has(e.subject)) {
        requests.add(e.subject);
        add('support-requested', e);
      }
      if (e.kind === 'transition' && requests.has(e.subject)) {
        if (e.to === 'approved') add('support-approved', e);
        if (e.to === 'on-scene') add('units-on-scene', e);
      }
      if (e.kind === 'incident-closed' && e.subject === f.incidentId) add('incident-closed', e);
    }
  }
  if (f.inject.kind === 'sos' && f.inject.unitId !== undefined) {
    const sos = events.find(
      (e) =>
        after(e) &&
        e.kind === 'alert-acked' &&
        e.unitId === f.inject.unitId &&
        (e.body as { kind?: unknown } | undefined)?.kind === 'sos',
    );
    add('alert-acked', sos);
  }
  return out.sort((a, b) => a.afterS - b.afterS);
}
