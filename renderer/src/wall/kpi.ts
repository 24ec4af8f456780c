import { GRADES, type Grade, type Incident } from '../../../shared/domain/incidents';
import {
  SUPPORT_STATES,
  UNIT_STATUSES,
  type SupportRequest,
  type SupportState,
  type UnitStatus,
} from '../../../shared/domain/support';
import { statusOf, type UnitStatusState } from '../state/unitStatusStore';
import { isTerminal } from '../state/supportStore';

export type SlaOutcome = 'met' | 'breached' | 'pending';

/** What the KPI board shows. Task points per jurisdiction are not exposed by the core yet. */
export interface Kpis {
  readonly byStatus: Readonly<Record<UnitStatus, number>>;
  readonly openByGrade: Readonly<Record<Grade, number>>;
  readonly supportByState: Readonly<Record<SupportState, number>>;
  readonly sla: Readonly<Record<SlaOutcome, number>>;
  /** Mean of (unit on scene − approval) over every unit that arrived; undefined before the first. */
  readonly meanApprovalToOnSceneS: number | undefined;
  readonly arrivals: number;
}

const zeros = <K extends string>(keys: readonly K[]): Record<K, number> =>
  Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

/** When the whole package was on scene: the last unit's arrival, once every unit has arrived. */
function allOnSceneMs(r: SupportRequest): number | undefined {
  if (r.orders.length === 0) return undefined;
  let last = 0;
  for (const o of r.orders) {
    if (o.onSceneMs === undefined) return undefined;
    last = Math.max(last, o.onSceneMs);
  }
  return last;
}

/**
 * The on-scene SLA of one approved request, judged against its deadline: met when every unit was
 * on scene by then; breached when one arrived later, or the deadline passed (while live, or before
 * the request ended) without all of them; pending while the deadline is still ahead. Requests
 * never approved have no SLA (undefined).
 */
export function slaOutcome(r: SupportRequest, nowMs: number): SlaOutcome | undefined {
  const due = r.onSceneDueMs;
  if (r.approvedMs === undefined || due === undefined) return undefined;
  const arrived = allOnSceneMs(r);
  if (arrived !== undefined) return arrived <= due ? 'met' : 'breached';
  if (isTerminal(r.state)) return r.updatedMs > due ? 'breached' : undefined;
  return nowMs > due ? 'breached' : 'pending';
}

export function computeKpis(input: {
  readonly rosterIds: readonly string[];
  readonly statuses: UnitStatusState;
  readonly incidents: readonly Incident[];
  readonly requests: readonly SupportRequest[];
  readonly nowMs: number;
}): Kpis {
  const byStatus = zeros(UNIT_STATUSES);
  for (const id of input.rosterIds) byStatus[statusOf(input.statuses, id)]++;
  const openByGrade = zeros(GRADES);
  for (const i of input.incidents) if (i.state === 'open') openByGrade[i.grade]++;
  const supportByState = zeros(SUPPORT_STATES);
  const sla = zeros<SlaOutcome>(['met', 'breached', 'pending']);
  let totalS = 0;
  let arrivals = 0;
  for (const r of input.requests) {
    supportByState[r.state]++;
    const outcome = slaOutcome(r, input.nowMs);
    if (outcome) sla[outcome]++;
    if (r.approvedMs === undefined) continue;
    for (const o of r.orders) {
      if (o.onSceneMs === undefined) continue;
      totalS += (o.onSceneMs - r.approvedMs) / 1000;
      arrivals++;
    }
  }
  return {
    byStatus,
    openByGrade,
    supportByState,
    sla,
    meanApprovalToOnSceneS: arrivals > 0 ? totalS / arrivals : undefined,
    arrivals,
  };
}
