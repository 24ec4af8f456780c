import {
  REJECT_REASONS,
  type RejectReason,
  type StatusSnapshot,
} from '../../../shared/domain/status';

export function rejectedTotal(rejected: StatusSnapshot['rejected']): number {
  return REJECT_REASONS.reduce((sum, r) => sum + (rejected[r] ?? 0), 0);
}

/** Reasons with a non-zero count, largest first (ties in REJECT_REASONS order). */
export function rejectedBreakdown(
  rejected: StatusSnapshot['rejected'],
): { readonly reason: RejectReason; readonly count: number }[] {
  return REJECT_REASONS.map((reason) => ({ reason, count: rejected[reason] ?? 0 }))
    .filter((r) => r.count > 0)
    .sort((a, b) => b.count - a.count);
}

/** A later snapshot wins; the initial getStatus() answer may arrive after a pushed event. */
export function newerStatus(
  prev: StatusSnapshot | undefined,
  next: StatusSnapshot,
): StatusSnapshot {
  return prev && prev.tsMs > next.tsMs ? prev : next;
}
