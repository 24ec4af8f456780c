import {
  noRejections,
  REJECT_REASONS,
  type QuarantinedMessage,
  type RejectReason,
} from '../../../shared/domain/status';
import type { RefusalBatch } from '../store/RefusalRepo';

const PREVIEW_BYTES = 64;

/**
 * Refused messages since the last drain, on their way to the store (RefusalRepo): the count per
 * reason, and the newest `capacity` messages in a fixed ring, so a flood cannot grow memory and the
 * store still ends up holding exactly the newest ones.
 */
export class Quarantine {
  private readonly ring: (QuarantinedMessage | undefined)[];
  private next = 0;
  private size = 0;
  private counts = noRejections();
  private counted = 0;

  constructor(readonly capacity: number) {
    this.ring = new Array<QuarantinedMessage | undefined>(capacity);
  }

  add(
    receivedMs: number,
    topic: string,
    payload: Uint8Array,
    reason: RejectReason,
    detail: string,
  ): void {
    const preview = payload.subarray(0, PREVIEW_BYTES);
    this.ring[this.next] = {
      receivedMs,
      topic: topic.slice(0, 200),
      reason,
      detail: detail.slice(0, 200),
      previewHex: Buffer.from(preview).toString('hex'),
    };
    this.next = (this.next + 1) % this.capacity;
    this.size = Math.min(this.size + 1, this.capacity);
    this.counts[reason]++;
    this.counted++;
  }

  /** What was refused since the last take, oldest first; undefined when nothing was. */
  take(): RefusalBatch | undefined {
    if (this.counted === 0) return undefined;
    const quarantined: QuarantinedMessage[] = [];
    for (let i = 0; i < this.size; i++) {
      const m = this.ring[(this.next - this.size + i + this.capacity) % this.capacity];
      if (m) quarantined.push(m);
    }
    const counts = REJECT_REASONS.filter((r) => this.counts[r] > 0).map(
      (r) => [r, this.counts[r]] as const,
    );
    this.ring.fill(undefined);
    this.next = 0;
    this.size = 0;
    this.counts = noRejections();
    this.counted = 0;
    return { counts, quarantined };
  }
}
