// SLA timers per grade: deadlines from approval, warnings before and alerts at breach.
import type { GradeTarget } from '../../../../shared/domain/incidents';
import { TERMINAL_SUPPORT_STATES, type SupportRequest } from '../../../../shared/domain/support';
import { requestProgress } from './orderMachine';
import { progressRank } from './stateMachine';

export interface SlaMark {
  readonly kind: 'sla-warning' | 'sla-breach';
  readonly which: 'start' | 'on-scene';
  readonly dueMs: number;
  /** `${requestId}:${which}:${kind}` — the caller keeps the keys it has raised so none repeats. */
  readonly key: string;
}

const MIN_MS = 60_000;

export function slaDeadlines(
  approvedMs: number,
  target: GradeTarget,
): { startDueMs: number; onSceneDueMs: number } {
  return {
    startDueMs: approvedMs + target.startMin * MIN_MS,
    onSceneDueMs: approvedMs + target.onSceneMin * MIN_MS,
  };
}

export const slaKey = (requestId: string, which: SlaMark['which'], kind: SlaMark['kind']): string =>
  `${requestId}:${which}:${kind}`;

/**
 * Marks now due for one request and not yet in `already`. 'start' is met once the request (its
 * state or its orders' progress) reaches en-route, 'on-scene' once it reaches on-scene; met
 * deadlines and terminal requests raise nothing. Past a deadline only the breach is raised: a
 * warning that was never seen is moot by then.
 */
export function dueSlaMarks(
  req: SupportRequest,
  nowMs: number,
  warnBeforeMs: number,
  already: ReadonlySet<string>,
): SlaMark[] {
  if (TERMINAL_SUPPORT_STATES.has(req.state)) return [];
  const reached = Math.max(
    progressRank(req.state),
    req.orders.length > 0 ? progressRank(requestProgress(req.orders)) : -1,
  );
  const checks: [SlaMark['which'], number | undefined, boolean][] = [
    ['start', req.startDueMs, reached >= progressRank('en-route')],
    ['on-scene', req.onSceneDueMs, reached >= progressRank('on-scene')],
  ];
  const marks: SlaMark[] = [];
  for (const [which, dueMs, met] of checks) {
    if (dueMs === undefined || met) continue;
    const kind =
      nowMs >= dueMs ? 'sla-breach' : nowMs >= dueMs - warnBeforeMs ? 'sla-warning' : undefined;
    if (kind === undefined) continue;
    const key = slaKey(req.id, which, kind);
    if (!already.has(key)) marks.push({ kind, which, dueMs, key });
  }
  return marks;
}

/**
 * True when a request still awaiting approval (requested / recommended) has waited
 * `expireAfterMs` since it was created: the caller moves it to 'expired'.
 */
export function approvalOverdue(
  req: SupportRequest,
  nowMs: number,
  expireAfterMs: number,
): boolean {
  return (
    (req.state === 'requested' || req.state === 'recommended') &&
    nowMs - req.createdMs >= expireAfterMs
  );
}
