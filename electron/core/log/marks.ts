// The marks of a session's timeline, from its log: where a replay can jump to.
import type { LogEvent } from '../../../shared/domain/log';
import type { TimelineMark } from '../../../shared/domain/session';

/** At most this many marks: a day of a county is far fewer. */
const MAX_MARKS = 5000;

export function marksOf(events: Iterable<LogEvent>): TimelineMark[] {
  const out: TimelineMark[] = [];
  const seenRequests = new Set<string>();
  const mark = (e: LogEvent, kind: TimelineMark['kind'], label: string): void => {
    if (out.length < MAX_MARKS) out.push({ tsMs: e.tsMs, kind, subject: e.subject, label });
  };
  for (const e of events) {
    const body = e.body as Record<string, unknown> | undefined;
    switch (e.kind) {
      case 'incident-created':
        mark(e, 'incident', `${String(body?.['type'] ?? '')} ${String(body?.['grade'] ?? '')}`);
        break;
      case 'request':
        if (!seenRequests.has(e.subject)) {
          seenRequests.add(e.subject);
          mark(e, 'request', String(body?.['incidentId'] ?? ''));
        }
        break;
      case 'transition':
        if (e.to === 'approved') mark(e, 'approval', e.operator);
        if (e.to === 'on-scene') mark(e, 'arrival', e.subject);
        break;
      case 'alert-raised':
        mark(e, 'alert', String(body?.['kind'] ?? ''));
        break;
      case 'inject-fired':
        mark(e, 'inject', e.reason ?? '');
        break;
      default:
        break;
    }
  }
  return out;
}
