import { noRejections, REJECT_REASONS, type RejectReason } from '../../../shared/domain/status';

/** Running counts for the status strip; msgs/s is measured over whole one-second windows. */
export class IngestCounters {
  accepted = 0;
  received = 0;
  /** Session time of the newest message accepted (restored from the store at start). */
  lastAcceptedMs: number | undefined;
  readonly rejected: Record<RejectReason, number> = noRejections();
  private windowStartMs: number;
  private windowCount = 0;
  private lastRate = 0;

  constructor(nowMs: number) {
    this.windowStartMs = nowMs;
  }

  countMessage(nowMs: number): void {
    this.received++;
    this.roll(nowMs);
    this.windowCount++;
  }

  reject(reason: RejectReason): void {
    this.rejected[reason]++;
  }

  ratePerSec(nowMs: number): number {
    this.roll(nowMs);
    return this.lastRate;
  }

  get rejectedTotal(): number {
    let t = 0;
    for (const r of REJECT_REASONS) t += this.rejected[r];
    return t;
  }

  private roll(nowMs: number): void {
    const elapsed = nowMs - this.windowStartMs;
    if (elapsed < 1000) return;
    // A gap of more than one window means nothing arrived in between.
    this.lastRate = elapsed < 2000 ? (this.windowCount * 1000) / elapsed : 0;
    this.windowStartMs = nowMs;
    this.windowCount = 0;
  }
}
