// 紧急授权 (emergency authority): when no supervisor can countersign in time, a commander dispatches
// at once with a written reason, for the grades the region allows. The request carries the
// authority, flagged, until a supervisor approves it after the fact; both steps are on its
// hash-chained timeline.
import type { Countersign, EmergencyDispatch } from '../../../shared/contract/ConsoleApi';
import type { Grade } from '../../../shared/domain/incidents';
import { Refused } from '../../../shared/domain/refusal';
import type { EmergencyAuthority, SupportRequest } from '../../../shared/domain/support';
import { actor } from '../auth/callerScope';
import type { DeskRuntime } from './DeskRuntime';

/** The two ways past a grade the operator may not approve alone. */
export function splitAuthority(a: Countersign | EmergencyDispatch | undefined): {
  countersign: Countersign | undefined;
  emergencyReason: string | undefined;
} {
  if (a === undefined) return { countersign: undefined, emergencyReason: undefined };
  return 'emergencyReason' in a
    ? { countersign: undefined, emergencyReason: a.emergencyReason.trim() }
    : { countersign: a, emergencyReason: undefined };
}

/** The emergency authority an approval carries, or the refusal when the grade does not allow it. */
export function emergencyFor(
  rt: DeskRuntime,
  requestId: string,
  grade: Grade,
  reason: string,
  nowMs: number,
): EmergencyAuthority {
  if (!rt.opts.config.emergencyAuthority[grade]) {
    throw new Refused(
      'emergency-not-allowed',
      `request ${requestId}: grade ${grade} does not allow emergency authority in this region`,
    );
  }
  return { reason, by: actor().name, atMs: nowMs };
}

/** A supervisor approves, after the fact, a dispatch made under emergency authority. */
export function confirmEmergency(
  rt: DeskRuntime,
  requestId: string,
  nowMs: number,
): SupportRequest {
  const req = rt.request(requestId);
  const e = req.emergency;
  if (!e) {
    throw new Refused(
      'emergency-none',
      `request ${requestId} was not dispatched under emergency authority`,
    );
  }
  if (e.confirmedBy !== undefined) {
    throw new Refused(
      'emergency-confirmed',
      `request ${requestId} was approved by ${e.confirmedBy}`,
    );
  }
  const by = actor().name;
  return rt.commit(
    { ...req, emergency: { ...e, confirmedBy: by, confirmedMs: nowMs }, updatedMs: nowMs },
    [
      {
        operator: by,
        kind: 'emergency-confirmed',
        reason: `emergency dispatch by ${e.by} approved after the fact by ${by} (supervisor)`,
        note: { code: 'emergency-confirmed', params: { supervisor: by, by: e.by } },
      },
    ],
    nowMs,
  );
}
