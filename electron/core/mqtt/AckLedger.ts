/**
 * QoS 1 messages received and handled but not yet acknowledged to the broker, in receipt order.
 *
 * The console acknowledges a QoS 1 message only once what it carried is committed to the store:
 * a PUBACK tells the broker it may forget the message, so one sent before the commit loses the
 * sample to a crash. MQTT also requires PUBACKs in the order the PUBLISHes arrived
 * [MQTT-4.6.0-2], so a mark is a count: releasing it acknowledges everything held up to it.
 *
 * A connection's packet ids mean nothing on the next one, so each connection is a generation;
 * marks of an older generation release nothing (the broker redelivers those messages when the
 * session resumes, and the store ignores samples it already holds).
 */
export interface AckMark {
  readonly generation: number;
  readonly upTo: number;
}

export class AckLedger {
  private generation = 0;
  /** Packet ids held in this generation; ids[i] is the (base + i)-th held message. */
  private ids: number[] = [];
  private base = 0;

  /** A new connection: everything held on the previous one is the broker's to redeliver. */
  reset(): void {
    this.generation++;
    this.ids = [];
    this.base = 0;
  }

  hold(messageId: number): void {
    this.ids.push(messageId);
  }

  /** Messages held and not yet released. */
  get pending(): number {
    return this.ids.length;
  }

  /** A mark covering every message held so far. */
  mark(): AckMark {
    return { generation: this.generation, upTo: this.base + this.ids.length };
  }

  /**
   * The packet ids to acknowledge now, oldest first: those held up to `mark` and not yet
   * released. Empty for a mark of an earlier connection or one already released.
   */
  release(mark: AckMark): number[] {
    if (mark.generation !== this.generation || mark.upTo <= this.base) return [];
    const n = Math.min(mark.upTo - this.base, this.ids.length);
    const out = this.ids.slice(0, n);
    this.ids = this.ids.slice(n);
    this.base += n;
    return out;
  }
}
