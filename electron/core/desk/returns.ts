// Release, cancel and handover orders are followed until the unit answers (returning, accepted for
// a handover, or refused): resent with the same orderId after each ack timeout, up to the region's
// maxAttempts, so a device that was out of reach when the order was given still gets it once it is
// back (an order is only valid for one ack timeout, so the broker's queue alone would deliver a
// stale one). In memory: a restart forgets orders still unanswered (each is in the audit log).
import type { OrderType } from '../../../shared/telemetry/orders';

export interface PendingReturn {
  readonly requestId: string;
  readonly incidentId: string;
  readonly unitId: string;
  readonly type: Extract<OrderType, 'release' | 'cancel' | 'handover'>;
  readonly orderId: string;
  /** Sends so far (1 after the first). */
  readonly attempts: number;
  readonly sentMs: number;
}

export interface ReturnsDue {
  /** Sent once more (attempts already counted). */
  readonly resend: readonly PendingReturn[];
  /** Sent maxAttempts times without an answer: no longer followed. */
  readonly givenUp: readonly PendingReturn[];
}

export class ReturnOrders {
  private readonly pending = new Map<string, PendingReturn>();

  /** A release or cancel order has just been sent (a newer one for the same order id replaces it). */
  track(p: Omit<PendingReturn, 'attempts' | 'sentMs'>, nowMs: number): void {
    this.pending.set(p.orderId, { ...p, attempts: 1, sentMs: nowMs });
  }

  /** The ack timeouts that ran out by nowMs. */
  due(nowMs: number, ackTimeoutMs: number, maxAttempts: number): ReturnsDue {
    const resend: PendingReturn[] = [];
    const givenUp: PendingReturn[] = [];
    for (const p of this.pending.values()) {
      if (nowMs - p.sentMs < ackTimeoutMs) continue;
      if (p.attempts >= maxAttempts) {
        this.pending.delete(p.orderId);
        givenUp.push(p);
        continue;
      }
      const next = { ...p, attempts: p.attempts + 1, sentMs: nowMs };
      this.pending.set(p.orderId, next);
      resend.push(next);
    }
    return { resend, givenUp };
  }

  /** The unit answered the order (returning, or refused): no longer followed. */
  answered(orderId: string, unitId: string): PendingReturn | undefined {
    const p = this.pending.get(orderId);
    if (!p || p.unitId !== unitId) return undefined;
    this.pending.delete(orderId);
    return p;
  }

  get size(): number {
    return this.pending.size;
  }
}
