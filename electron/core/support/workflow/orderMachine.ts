// One unit's order inside an approved request: pure transitions driven by sends, device acks,
// ack timeouts, geofence arrivals and release.
import type { UnitOrder } from '../../../../shared/domain/support';
import type { AckState } from '../../../../shared/telemetry/orders';
import { IllegalTransitionError } from './stateMachine';

export type OrderEvent =
  | { type: 'sent'; nowMs: number }
  | { type: 'ack'; state: AckState; nowMs: number; reason?: string }
  | { type: 'timeout'; nowMs: number; maxAttempts: number }
  | { type: 'arrived'; nowMs: number }
  | { type: 'released'; nowMs: number };

// How far along an order is; acks only move it forward, an ack at or behind the current rank is
// a QoS 1 redelivery or arrived out of order and changes nothing.
const RANK = { acknowledged: 1, 'en-route': 2, 'on-scene': 3 } as const;
const rankOf = (o: UnitOrder): number =>
  o.state === 'acknowledged' || o.state === 'en-route' || o.state === 'on-scene'
    ? RANK[o.state]
    : 0;

/**
 * The next state of an order. Rules beyond the obvious:
 * - 'sent' from pending is the first send, from sent a retry; both count an attempt.
 * - 'timeout' with attempts < maxAttempts leaves the order 'sent' (the caller resends); at the
 *   limit it becomes 'no-ack'.
 * - A late ack after 'no-ack' is honoured: the device did get the order and the unit is moving.
 * - 'refused' is legal only before the device accepted (sent / no-ack); repeated, it is a no-op.
 * - 'returning' confirms a release and is only a no-op on a released order.
 * - Arrival by geofence counts from sent / acknowledged / en-route / no-ack (a unit may arrive
 *   before its ack lands); repeated or after release it is a no-op.
 * - Release ends every live order; on a refused order (the unit never left) it is a no-op.
 * Anything else throws IllegalTransitionError.
 */
export function nextOrder(order: UnitOrder, e: OrderEvent): UnitOrder {
  const s = order.state;
  switch (e.type) {
    case 'sent':
      if (s !== 'pending' && s !== 'sent') throw new IllegalTransitionError(s, 'sent');
      return { ...order, state: 'sent', attempts: order.attempts + 1, sentMs: e.nowMs };
    case 'timeout':
      if (s !== 'sent') throw new IllegalTransitionError(s, 'timeout');
      return order.attempts < e.maxAttempts ? order : { ...order, state: 'no-ack' };
    case 'arrived':
      if (s === 'on-scene' || s === 'released') return order;
      if (s === 'pending' || s === 'refused') throw new IllegalTransitionError(s, 'on-scene');
      return { ...order, state: 'on-scene', onSceneMs: e.nowMs };
    case 'released':
      if (s === 'released' || s === 'refused') return order;
      return { ...order, state: 'released' };
    case 'ack':
      return applyAck(order, e.state, e.nowMs);
  }
}

function applyAck(order: UnitOrder, ack: AckState, nowMs: number): UnitOrder {
  const s = order.state;
  if (s === 'pending') throw new IllegalTransitionError(s, ack, 'ack before any send');
  if (ack === 'returning') {
    if (s === 'released') return order;
    throw new IllegalTransitionError(s, ack, 'returning without a release');
  }
  if (ack === 'refused') {
    if (s === 'refused') return order;
    if (s === 'sent' || s === 'no-ack') return { ...order, state: 'refused', ackMs: nowMs };
    throw new IllegalTransitionError(s, ack, 'the unit had already accepted');
  }
  if (s === 'released') return order; // late progress from a unit already sent home
  if (s === 'refused') throw new IllegalTransitionError(s, ack, 'the unit had refused');
  const to = ack === 'accepted' ? 'acknowledged' : ack;
  if (RANK[to] <= rankOf(order)) return order;
  const ackMs = order.ackMs ?? nowMs;
  return to === 'on-scene'
    ? { ...order, state: to, ackMs, onSceneMs: order.onSceneMs ?? nowMs }
    : { ...order, state: to, ackMs };
}

/**
 * True when a sent order has waited `ackTimeoutMs` without an ack. The caller then applies a
 * 'timeout' event, which decides between another attempt and 'no-ack'.
 */
export function needsRetry(order: UnitOrder, nowMs: number, ackTimeoutMs: number): boolean {
  return order.state === 'sent' && nowMs - (order.sentMs ?? nowMs) >= ackTimeoutMs;
}

/**
 * Where a dispatched request stands, from its orders. Orders that can no longer contribute
 * (no-ack, refused) are ignored; a released order counts as having arrived so an individually
 * released unit does not hold the request back. The slowest live order decides:
 * pending / sent → 'dispatched'; acknowledged / en-route → 'en-route'; on-scene / released →
 * 'on-scene'. No live orders at all → 'dispatched' (nothing has progressed; the operator decides).
 */
export function requestProgress(
  orders: readonly UnitOrder[],
): 'dispatched' | 'en-route' | 'on-scene' {
  let live = 0;
  let slowest = 2;
  for (const o of orders) {
    if (o.state === 'no-ack' || o.state === 'refused') continue;
    live++;
    const r =
      o.state === 'pending' || o.state === 'sent'
        ? 0
        : o.state === 'acknowledged' || o.state === 'en-route'
          ? 1
          : 2;
    slowest = Math.min(slowest, r);
  }
  if (live === 0) return 'dispatched';
  return slowest === 0 ? 'dispatched' : slowest === 1 ? 'en-route' : 'on-scene';
}
