import type { LonLat } from '../../../shared/domain/region';
import { Rng, seedFromId } from './rng';
import {
  orderPayload,
  type AckPayload,
  type AckState,
  type OrderPayload,
} from '../../../shared/telemetry/orders';

// The order state machine of one simulated device, as pure functions of (task, event, time): no
// clock, no I/O. The Simulator feeds it orders, the end of the reaction delay, the first step of a
// leg and arrivals; it answers with the acks to publish and where the unit should move next.
//
//   patrol ──dispatch──▶ (reaction) accepted ─▶ en-route ─▶ on-scene ──release/cancel──▶ returning
//     ▲                                                                                     │
//     └────────────────────────────── home reached, patrol resumes ◀────────────────────────┘

export type TaskPhase = 'patrol' | 'en-route' | 'on-scene' | 'returning';

/** What tests and the UI may read about a unit's tasking. */
export interface TaskView {
  readonly phase: TaskPhase;
  readonly incidentId?: string;
  readonly commander?: string;
}

interface Seen {
  /** Undefined while a dispatch waits out the reaction delay: nothing has been said yet. */
  readonly state: AckState | undefined;
  readonly reason?: string;
}

export interface Task {
  /** What the unit is physically doing. */
  readonly phase: TaskPhase;
  /** Set while attached: the incident, and the commander whose orders alone are taken. */
  readonly incidentId: string | undefined;
  readonly commander: string | undefined;
  /** The incident of the last release, so a late repeat of it is not answered with a refusal. */
  readonly releasedIncidentId: string | undefined;
  /** The order whose progress the acks report. */
  readonly orderId: string | undefined;
  readonly destination: LonLat | undefined;
  /** Whether 'en-route' has been acknowledged for the current dispatch. */
  readonly announced: boolean;
  /** A dispatch accepted in principle, acknowledged once the reaction delay is over. */
  readonly pending: { readonly order: OrderPayload; readonly dueMs: number } | undefined;
  /** Last answer per orderId: a repeated order is answered again, never acted on twice. */
  readonly seen: ReadonlyMap<string, Seen>;
}

export type Movement =
  | { readonly to: 'incident'; readonly lonLat: LonLat }
  | { readonly to: 'hold'; readonly lonLat: LonLat }
  | { readonly to: 'home' }
  | { readonly to: 'patrol' };

export interface TaskStep {
  readonly task: Task;
  readonly acks: readonly AckPayload[];
  readonly move: Movement | undefined;
}

/** Orders remembered per device; older ones are forgotten first. */
const MAX_SEEN = 64;

export const IDLE_TASK: Task = {
  phase: 'patrol',
  incidentId: undefined,
  commander: undefined,
  releasedIncidentId: undefined,
  orderId: undefined,
  destination: undefined,
  announced: false,
  pending: undefined,
  seen: new Map(),
};

export type ParsedOrder =
  | { readonly ok: true; readonly order: OrderPayload }
  | { readonly ok: false; readonly reason: string };

/** Validates an order's JSON body; an order past its expiresMs is rejected like a malformed one. */
export function parseOrder(body: string, nowMs: number): ParsedOrder {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { ok: false, reason: 'not JSON' };
  }
  const r = orderPayload.safeParse(json);
  if (!r.success) {
    const issue = r.error.issues[0];
    return { ok: false, reason: `invalid: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}` };
  }
  if (r.data.expiresMs < nowMs) {
    return {
      ok: false,
      reason: `order ${r.data.orderId} expired ${nowMs - r.data.expiresMs} ms ago`,
    };
  }
  return { ok: true, order: r.data };
}

/** The crew's reaction time to an order, in [loMs, hiMs]; seeded by the order so demos replay. */
export function reactionMs(orderId: string, seed: number, loMs: number, hiMs: number): number {
  return new Rng((seedFromId(orderId) ^ seed) >>> 0).range(loMs, Math.max(loMs, hiMs));
}

export function viewOf(task: Task): TaskView {
  return {
    phase: task.phase,
    ...(task.incidentId !== undefined ? { incidentId: task.incidentId } : {}),
    ...(task.commander !== undefined ? { commander: task.commander } : {}),
  };
}

/**
 * An order for this device. `reactionMs` is how long the crew takes to acknowledge a dispatch;
 * at 0 the dispatch is accepted in the same step.
 */
export function receiveOrder(
  task: Task,
  order: OrderPayload,
  nowMs: number,
  reactionMs: number,
): TaskStep {
  const seen = task.seen.get(order.orderId);
  if (seen !== undefined) {
    // QoS 1 redelivery or a console retry: say again where this order stands, change nothing.
    const acks =
      seen.state !== undefined ? [ack(order.orderId, seen.state, nowMs, seen.reason)] : [];
    return { task, acks, move: undefined };
  }
  const { commander, incidentId } = task;
  if (commander !== undefined && order.issuer.operator !== commander) {
    return refuse(
      task,
      order,
      nowMs,
      `attached to incident ${incidentId ?? '?'} under commander ${commander}`,
    );
  }
  if (order.type === 'dispatch') {
    const superseded = supersede(task, order.orderId, nowMs);
    const next: Task = {
      ...superseded.task,
      incidentId: order.incidentId,
      commander: order.commander,
      pending: { order, dueMs: nowMs + Math.max(0, reactionMs) },
      seen: remember(superseded.task.seen, order.orderId, { state: undefined }),
    };
    if (reactionMs > 0) return { task: next, acks: superseded.acks, move: undefined };
    const accepted = dueTask(next, nowMs);
    return { ...accepted, acks: [...superseded.acks, ...accepted.acks] };
  }
  if (order.type === 'handover') {
    // From the commander (checked above), for the incident the unit is on: obey the successor.
    if (commander === undefined || order.incidentId !== incidentId) {
      const where = commander === undefined ? 'any incident' : `incident ${incidentId ?? '?'}`;
      return refuse(task, order, nowMs, `not attached to ${order.incidentId} but to ${where}`);
    }
    return answer(
      { ...task, commander: order.commander },
      order,
      nowMs,
      'accepted',
      `now under commander ${order.commander}`,
    );
  }
  // release or cancel
  if (commander === undefined) {
    if (order.incidentId === task.releasedIncidentId) {
      return answer(task, order, nowMs, 'returning', `already released from ${order.incidentId}`);
    }
    return refuse(task, order, nowMs, 'not attached to any incident');
  }
  if (order.incidentId !== incidentId) {
    return refuse(
      task,
      order,
      nowMs,
      `attached to incident ${incidentId ?? '?'}, not ${order.incidentId}`,
    );
  }
  const superseded = supersede(task, order.orderId, nowMs);
  return {
    task: {
      ...superseded.task,
      phase: 'returning',
      incidentId: undefined,
      commander: undefined,
      releasedIncidentId: incidentId,
      orderId: order.orderId,
      destination: undefined,
      announced: false,
      seen: remember(superseded.task.seen, order.orderId, { state: 'returning' }),
    },
    acks: [...superseded.acks, ack(order.orderId, 'returning', nowMs)],
    move: { to: 'home' },
  };
}

/** The reaction delay of a pending dispatch is over: accept it and set off. */
export function dueTask(task: Task, nowMs: number): TaskStep {
  const p = task.pending;
  if (p === undefined || p.dueMs > nowMs) return { task, acks: [], move: undefined };
  const { orderId, lonLat } = p.order;
  return {
    task: {
      ...task,
      phase: 'en-route',
      orderId,
      destination: lonLat,
      announced: false,
      pending: undefined,
      seen: remember(task.seen, orderId, { state: 'accepted' }),
    },
    acks: [ack(orderId, 'accepted', nowMs)],
    move: { to: 'incident', lonLat },
  };
}

/** The unit has taken its first step towards the incident. */
export function startedMoving(task: Task, nowMs: number): TaskStep {
  if (task.phase !== 'en-route' || task.announced || task.orderId === undefined) {
    return { task, acks: [], move: undefined };
  }
  return {
    task: {
      ...task,
      announced: true,
      seen: remember(task.seen, task.orderId, { state: 'en-route' }),
    },
    acks: [ack(task.orderId, 'en-route', nowMs)],
    move: undefined,
  };
}

/** The current leg has ended: at the incident, or back home. */
export function arrived(task: Task, nowMs: number): TaskStep {
  if (task.phase === 'returning') {
    return {
      task: { ...task, phase: 'patrol', orderId: undefined },
      acks: [],
      move: { to: 'patrol' },
    };
  }
  const { orderId, destination } = task;
  if (task.phase !== 'en-route' || orderId === undefined || destination === undefined) {
    return { task, acks: [], move: undefined };
  }
  // A leg short enough to end in its first step still reports en-route before on-scene.
  const moving = startedMoving(task, nowMs);
  return {
    task: {
      ...moving.task,
      phase: 'on-scene',
      seen: remember(moving.task.seen, orderId, { state: 'on-scene' }),
    },
    acks: [...moving.acks, ack(orderId, 'on-scene', nowMs)],
    move: { to: 'hold', lonLat: destination },
  };
}

/** A dispatch still waiting out its reaction delay is replaced by a newer order and says so. */
function supersede(task: Task, byOrderId: string, nowMs: number): TaskStep {
  const p = task.pending;
  if (p === undefined) return { task, acks: [], move: undefined };
  const reason = `superseded by order ${byOrderId}`;
  return {
    task: {
      ...task,
      pending: undefined,
      seen: remember(task.seen, p.order.orderId, { state: 'refused', reason }),
    },
    acks: [ack(p.order.orderId, 'refused', nowMs, reason)],
    move: undefined,
  };
}

function refuse(task: Task, order: OrderPayload, nowMs: number, reason: string): TaskStep {
  return answer(task, order, nowMs, 'refused', reason);
}

function answer(
  task: Task,
  order: OrderPayload,
  nowMs: number,
  state: AckState,
  reason: string,
): TaskStep {
  return {
    task: { ...task, seen: remember(task.seen, order.orderId, { state, reason }) },
    acks: [ack(order.orderId, state, nowMs, reason)],
    move: undefined,
  };
}

function remember(
  seen: ReadonlyMap<string, Seen>,
  orderId: string,
  entry: Seen,
): ReadonlyMap<string, Seen> {
  const next = new Map(seen);
  next.set(orderId, entry);
  for (const oldest of next.keys()) {
    if (next.size <= MAX_SEEN) break;
    next.delete(oldest);
  }
  return next;
}

function ack(orderId: string, state: AckState, nowMs: number, reason?: string): AckPayload {
  return {
    v: 1,
    orderId,
    tsMs: Math.max(1, Math.round(nowMs)),
    state,
    // The contract caps reasons at 200 characters.
    ...(reason !== undefined ? { reason: reason.slice(0, 200) } : {}),
  };
}
