// Pure steps of a dispatched request: ack timeouts and resends, device acks, geofence arrival and
// the request state that follows its orders. Each returns the new request and the audit events to
// persist; the desk does the I/O (store, publish, emit). No clock, no throw on device input.
import type {
  SupportEvent,
  SupportRequest,
  SupportState,
  TimelineNote,
  UnitOrder,
} from '../../../shared/domain/support';
import type { LonLat } from '../../../shared/domain/region';
import type { AckState, OrderType } from '../../../shared/telemetry/orders';
import { needsRetry, nextOrder, progressRank, requestProgress } from '../support/workflow';
import { canTransition } from '../../../shared/domain/supportTransitions';
import { haversineM } from '../../../shared/domain/distance';

/** Note of a device's answer to an order (dispatch, or a followed release/cancel/handover). */
export function ackNote(order: OrderType, state: AckState, why: string | undefined): TimelineNote {
  return state === 'refused'
    ? { code: 'ack-refused', params: { order, why: why ?? '' } }
    : { code: 'ack', params: { order, state } };
}

/** Note of an order sent again after its ack timeout. */
export function retryNote(
  order: OrderType,
  waitS: number,
  attempt: number,
  max: number,
): TimelineNote {
  return { code: 'retry', params: { order, waitS, attempt, max } };
}

/** Operator named on steps nobody clicked: timers, device acks, the geofence. */
export const SYSTEM_OPERATOR = 'system';

/** An audit event before the store numbers and times it. */
export type Step = Omit<SupportEvent, 'seq' | 'requestId' | 'tsMs'>;

export interface StepResult {
  readonly request: SupportRequest;
  readonly steps: readonly Step[];
  /** Orders to (re)publish, after the request is stored. */
  readonly sends: readonly UnitOrder[];
}

/** States in which orders are out and progress is tracked. */
export const TRACKED_STATES: ReadonlySet<SupportState> = new Set<SupportState>([
  'dispatched',
  'en-route',
  'on-scene',
]);

const withOrder = (req: SupportRequest, o: UnitOrder, nowMs: number): SupportRequest => ({
  ...req,
  orders: req.orders.map((x) => (x.unitId === o.unitId ? o : x)),
  updatedMs: nowMs,
});

/** A transition step, checked against the state table. */
export function transition(
  req: SupportRequest,
  to: SupportState,
  operator: string,
  reason: string,
  nowMs: number,
  note?: TimelineNote,
): { request: SupportRequest; step: Step } {
  if (!canTransition(req.state, to)) {
    throw new Error(`request ${req.id}: cannot go from ${req.state} to ${to}`);
  }
  return {
    request: { ...req, state: to, updatedMs: nowMs },
    step: { operator, kind: 'transition', from: req.state, to, reason, ...(note ? { note } : {}) },
  };
}

/** Moves the request forward to where its orders stand (never backwards). */
export function followOrders(req: SupportRequest, nowMs: number): StepResult {
  if (!TRACKED_STATES.has(req.state)) return { request: req, steps: [], sends: [] };
  const to = requestProgress(req.orders);
  if (progressRank(to) <= progressRank(req.state) || !canTransition(req.state, to)) {
    return { request: req, steps: [], sends: [] };
  }
  const why =
    to === 'on-scene' ? 'every unit is on scene' : 'every unit has acknowledged its order';
  const t = transition(req, to, SYSTEM_OPERATOR, why, nowMs, {
    code: to === 'on-scene' ? 'all-on-scene' : 'all-acknowledged',
  });
  return { request: t.request, steps: [t.step], sends: [] };
}

/** Ack timeouts: resend (same orderId, attempt + 1) or give up with 'no-ack'. */
export function retryDue(
  req: SupportRequest,
  nowMs: number,
  ackTimeoutMs: number,
  maxAttempts: number,
): StepResult {
  if (!TRACKED_STATES.has(req.state)) return { request: req, steps: [], sends: [] };
  let r = req;
  const steps: Step[] = [];
  const sends: UnitOrder[] = [];
  for (const o of req.orders) {
    if (!needsRetry(o, nowMs, ackTimeoutMs)) continue;
    const timedOut = nextOrder(o, { type: 'timeout', nowMs, maxAttempts });
    if (timedOut.state === 'no-ack') {
      r = withOrder(r, timedOut, nowMs);
      steps.push({
        operator: SYSTEM_OPERATOR,
        kind: 'order-no-ack',
        unitId: o.unitId,
        reason: `no acknowledgement after ${String(o.attempts)} sends`,
        note: { code: 'no-ack', params: { order: 'dispatch', sends: o.attempts } },
      });
      continue;
    }
    const resent = nextOrder(timedOut, { type: 'sent', nowMs });
    r = withOrder(r, resent, nowMs);
    sends.push(resent);
    steps.push({
      operator: SYSTEM_OPERATOR,
      kind: 'order-retry',
      unitId: o.unitId,
      reason: `no acknowledgement within ${String(ackTimeoutMs / 1000)} s: send ${String(resent.attempts)} of ${String(maxAttempts)}`,
      note: retryNote('dispatch', ackTimeoutMs / 1000, resent.attempts, maxAttempts),
    });
  }
  const follow = followOrders(r, nowMs);
  return { request: follow.request, steps: [...steps, ...follow.steps], sends };
}

/**
 * A device's ack of its dispatch order. A device 'on-scene' is informative (arrival is decided by
 * the geofence): it counts as accepted and moving. Illegal acks (e.g. refused after accepting)
 * leave the order as it is and are reported in `ignored`.
 */
export function applyAck(
  req: SupportRequest,
  unitId: string,
  ack: AckState,
  reason: string | undefined,
  nowMs: number,
): StepResult & { readonly ignored?: string } {
  const o = req.orders.find((x) => x.unitId === unitId);
  if (!o) return { request: req, steps: [], sends: [], ignored: `no order for ${unitId}` };
  const effective: AckState = ack === 'on-scene' ? 'en-route' : ack;
  let next: UnitOrder;
  try {
    next = nextOrder(o, { type: 'ack', state: effective, nowMs });
  } catch (err) {
    return { request: req, steps: [], sends: [], ignored: (err as Error).message };
  }
  const steps: Step[] = [];
  if (ack === 'on-scene') {
    steps.push({
      operator: SYSTEM_OPERATOR,
      kind: 'order-ack',
      unitId,
      reason: 'device reports on scene (arrival is decided by the geofence)',
      note: { code: 'device-on-scene' },
    });
  } else if (next !== o && next.state !== o.state) {
    steps.push(
      next.state === 'en-route'
        ? {
            operator: SYSTEM_OPERATOR,
            kind: 'unit-en-route',
            unitId,
            reason: 'device reports en route',
            note: { code: 'device-en-route' },
          }
        : {
            operator: SYSTEM_OPERATOR,
            kind: 'order-ack',
            unitId,
            reason: ack === 'refused' ? `refused: ${reason ?? 'no reason given'}` : ack,
            note: ackNote('dispatch', ack, reason),
          },
    );
  }
  if (next === o) return { request: req, steps, sends: [] };
  const follow = followOrders(withOrder(req, next, nowMs), nowMs);
  return { request: follow.request, steps: [...steps, ...follow.steps], sends: [] };
}

/** Latest reported position of a unit and when it was taken. */
export interface Fix {
  readonly lonLat: LonLat;
  readonly tsMs: number;
}

/** Units reporting inside the incident's geofence since approval are on scene. */
export function detectArrivals(
  req: SupportRequest,
  scene: LonLat,
  geofenceM: number,
  fixOf: (unitId: string) => Fix | undefined,
  nowMs: number,
): StepResult {
  if (!TRACKED_STATES.has(req.state)) return { request: req, steps: [], sends: [] };
  let r = req;
  const steps: Step[] = [];
  for (const o of req.orders) {
    if (o.state === 'pending' || o.state === 'refused' || o.state === 'on-scene') continue;
    if (o.state === 'released') continue;
    const fix = fixOf(o.unitId);
    // A position from before approval says where the unit was, not that it answered the order.
    if (!fix || fix.tsMs < (req.approvedMs ?? Infinity)) continue;
    const d = haversineM(fix.lonLat, scene);
    if (d > geofenceM) continue;
    r = withOrder(r, nextOrder(o, { type: 'arrived', nowMs }), nowMs);
    steps.push({
      operator: SYSTEM_OPERATOR,
      kind: 'unit-on-scene',
      unitId: o.unitId,
      reason: `${String(Math.round(d))} m from the scene (geofence ${String(geofenceM)} m)`,
      note: { code: 'in-geofence', params: { distanceM: Math.round(d), geofenceM } },
    });
  }
  if (steps.length === 0) return { request: req, steps, sends: [] };
  const follow = followOrders(r, nowMs);
  return { request: follow.request, steps: [...steps, ...follow.steps], sends: [] };
}
