import type { RejectReason } from '../../../shared/domain/status';

export interface QuarantinedMessage {
  readonly receivedMs: number;
  readonly topic: string;
  readonly reason: RejectReason;
  readonly detail: string;
  /** First bytes of the payload, hex, for an operator or integrator to inspect. */
  readonly previewHex: string;
}

const PREVIEW_BYTES = 64;

/** The last `capacity` rejected messages, in a fixed ring so a flood cannot grow memory. */
export class Quarantine {
  private readonly ring: (QuarantinedMessage | undefined)[];
  private next = 0;
  private size = 0;

  constructor(readonly capacity = 200) {
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
      previewHex: Array.from(preview, (b) => b.toString(16).padStart(2, '0')).join(''),
    };
    this.next = (this.next + 1) % this.capacity;
    this.size = Math.min(this.size + 1, this.capacity);
  }

  /** Oldest first. */
  list(): QuarantinedMessage[] {
    const out: QuarantinedMessage[] = [];
    for (let i = 0; i < this.size; i++) {
      const m = this.ring[(this.next - this.size + i + this.capacity) % this.capacity];
      if (m) out.push(m);
    }
    return out;
  }

  get length(): number {
    return this.size;
  }
}
