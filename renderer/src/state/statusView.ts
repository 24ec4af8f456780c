import {
  BROKER_REFUSALS,
  REJECT_REASONS,
  type BrokerRefusal,
  type RejectReason,
  type StatusSnapshot,
} from '../../../shared/domain/status';

export function rejectedTotal(rejected: StatusSnapshot['rejected']): number {
  return REJECT_REASONS.reduce((sum, r) => sum + (rejected[r] ?? 0), 0);
}

/** Reasons with a non-zero count, largest first (ties in the order of `reasons`). */
function breakdown<R extends string>(
  reasons: readonly R[],
  counts: Readonly<Partial<Record<R, number>>> | undefined,
): { readonly reason: R; readonly count: number }[] {
  return reasons
    .map((reason) => ({ reason, count: counts?.[reason] ?? 0 }))
    .filter((r) => r.count > 0)
    .sort((a, b) => b.count - a.count);
}

/** Refused messages by reason, largest first. */
export const rejectedBreakdown = (
  rejected: StatusSnapshot['rejected'],
): { readonly reason: RejectReason; readonly count: number }[] =>
  breakdown(REJECT_REASONS, rejected);

/** The embedded broker's refusals (logins, publishes, subscriptions) by reason, largest first. */
export const brokerRefusedBreakdown = (
  status: StatusSnapshot | undefined,
): { readonly reason: BrokerRefusal; readonly count: number }[] =>
  breakdown(BROKER_REFUSALS, status?.broker.refused);

/** A later snapshot wins; the initial getStatus() answer may arrive after a pushed event. */
export function newerStatus(
  prev: StatusSnapshot | undefined,
  next: StatusSnapshot,
): StatusSnapshot {
  return prev && prev.tsMs > next.tsMs ? prev : next;
}
