import { describe, expect, it } from 'vitest';
import { ackPayload, type AckState, type OrderPayload } from '../../shared/telemetry/orders';
import {
  IDLE_TASK,
  arrived,
  dueTask,
  parseOrder,
  receiveOrder,
  startedMoving,
  viewOf,
  type Task,
  type TaskStep,
} from '../../electron/core/sim/tasking';

// The device-side order state machine, driven by hand with a fake clock.

const T0_MS = 1_767_225_600_000;
const SCENE: readonly [number, number] = [118.42, 29.14];

function order(over: Partial<OrderPayload> & Pick<OrderPayload, 'orderId' | 'type'>): OrderPayload {
  return {
    v: 1,
    tsMs: T0_MS,
    incidentId: 'inc-1',
    lonLat: [...SCENE],
    issuer: { console: 'kh-console', operator: 'wang' },
    commander: 'wang',
    expiresMs: T0_MS + 60_000,
    ...over,
  };
}

function states(step: TaskStep): (AckState | string)[] {
  return step.acks.map((a) => {
    // Every ack is a valid contract payload.
    expect(ackPayload.parse(a)).toEqual(a);
    return a.state;
  });
}

/** Dispatched, accepted, moving, and on scene at inc-1 under commander wang. */
function onScene(reactionMs = 0): Task {
  const d = receiveOrder(IDLE_TASK, order({ orderId: 'd1', type: 'dispatch' }), T0_MS, reactionMs);
  const due = dueTask(d.task, T0_MS + reactionMs);
  const moving = startedMoving(due.task, T0_MS + reactionMs + 1000);
  return arrived(moving.task, T0_MS + 60_000).task;
}

describe('sim tasking: the order life cycle', () => {
  it('dispatch → accepted (after the reaction) → en-route → on-scene → release → returning → patrol', () => {
    const d = receiveOrder(IDLE_TASK, order({ orderId: 'd1', type: 'dispatch' }), T0_MS, 1200);
    // Decided but not yet said: the crew takes a moment to answer.
    expect(states(d)).toEqual([]);
    expect(d.move).toBeUndefined();
    expect(viewOf(d.task)).toEqual({ phase: 'patrol', incidentId: 'inc-1', commander: 'wang' });

    expect(states(dueTask(d.task, T0_MS + 1199))).toEqual([]);
    const due = dueTask(d.task, T0_MS + 1200);
    expect(states(due)).toEqual(['accepted']);
    expect(due.acks[0]).toMatchObject({ orderId: 'd1', tsMs: T0_MS + 1200 });
    expect(due.move).toEqual({ to: 'incident', lonLat: SCENE });
    expect(viewOf(due.task).phase).toBe('en-route');

    const moving = startedMoving(due.task, T0_MS + 2000);
    expect(states(moving)).toEqual(['en-route']);
    // Said once only.
    expect(states(startedMoving(moving.task, T0_MS + 3000))).toEqual([]);

    const there = arrived(moving.task, T0_MS + 90_000);
    expect(states(there)).toEqual(['on-scene']);
    expect(there.move).toEqual({ to: 'hold', lonLat: SCENE });
    expect(viewOf(there.task)).toEqual({
      phase: 'on-scene',
      incidentId: 'inc-1',
      commander: 'wang',
    });

    const rel = receiveOrder(
      there.task,
      order({ orderId: 'r1', type: 'release' }),
      T0_MS + 1e6,
      1200,
    );
    expect(states(rel)).toEqual(['returning']);
    expect(rel.acks[0]?.orderId).toBe('r1');
    expect(rel.move).toEqual({ to: 'home' });
    expect(viewOf(rel.task)).toEqual({ phase: 'returning' });

    const home = arrived(rel.task, T0_MS + 2e6);
    expect(states(home)).toEqual([]);
    expect(home.move).toEqual({ to: 'patrol' });
    expect(viewOf(home.task)).toEqual({ phase: 'patrol' });
  });

  it('with no reaction delay the dispatch is accepted at once', () => {
    const d = receiveOrder(IDLE_TASK, order({ orderId: 'd1', type: 'dispatch' }), T0_MS, 0);
    expect(states(d)).toEqual(['accepted']);
    expect(d.move).toEqual({ to: 'incident', lonLat: SCENE });
  });

  it('a leg that ends in its first step still reports en-route before on-scene', () => {
    const d = receiveOrder(IDLE_TASK, order({ orderId: 'd1', type: 'dispatch' }), T0_MS, 0);
    expect(states(arrived(d.task, T0_MS + 10))).toEqual(['en-route', 'on-scene']);
  });

  it('cancel works like release', () => {
    const c = receiveOrder(onScene(), order({ orderId: 'c1', type: 'cancel' }), T0_MS + 1e5, 0);
    expect(states(c)).toEqual(['returning']);
    expect(c.move).toEqual({ to: 'home' });
  });
});

describe('sim tasking: idempotency', () => {
  it('a repeated dispatch is acknowledged again with its current state and not acted on twice', () => {
    const o = order({ orderId: 'd1', type: 'dispatch' });
    const d = receiveOrder(IDLE_TASK, o, T0_MS, 0);
    const again = receiveOrder(d.task, o, T0_MS + 500, 0);
    expect(states(again)).toEqual(['accepted']);
    expect(again.move).toBeUndefined();
    expect(again.task).toBe(d.task);

    const moving = startedMoving(d.task, T0_MS + 1000);
    expect(states(receiveOrder(moving.task, o, T0_MS + 2000, 0))).toEqual(['en-route']);
    const there = arrived(moving.task, T0_MS + 5000);
    const late = receiveOrder(there.task, o, T0_MS + 6000, 0);
    expect(states(late)).toEqual(['on-scene']);
    expect(late.move).toBeUndefined();
  });

  it('a repeat during the reaction delay stays silent: the first answer is still coming', () => {
    const o = order({ orderId: 'd1', type: 'dispatch' });
    const d = receiveOrder(IDLE_TASK, o, T0_MS, 1500);
    const again = receiveOrder(d.task, o, T0_MS + 100, 1500);
    expect(states(again)).toEqual([]);
    expect(again.task.pending?.dueMs).toBe(T0_MS + 1500);
  });

  it('a repeated release is answered again and does not restart the trip home', () => {
    const r = order({ orderId: 'r1', type: 'release' });
    const rel = receiveOrder(onScene(), r, T0_MS + 1e5, 0);
    const again = receiveOrder(rel.task, r, T0_MS + 1e5 + 10, 0);
    expect(states(again)).toEqual(['returning']);
    expect(again.move).toBeUndefined();
    // Even after it is back on patrol.
    const home = arrived(rel.task, T0_MS + 2e5);
    const late = receiveOrder(home.task, r, T0_MS + 3e5, 0);
    expect(states(late)).toEqual(['returning']);
    expect(late.move).toBeUndefined();
  });

  it('a refused order stays refused with the same reason', () => {
    const foreign = order({
      orderId: 'x1',
      type: 'release',
      issuer: { console: 'other', operator: 'li' },
    });
    const first = receiveOrder(onScene(), foreign, T0_MS + 1e5, 0);
    const again = receiveOrder(first.task, foreign, T0_MS + 1e5 + 10, 0);
    expect(again.acks).toEqual([{ ...first.acks[0], tsMs: T0_MS + 1e5 + 10 }]);
  });
});

describe('sim tasking: command authority', () => {
  const fromLi = (orderId: string, type: OrderPayload['type']): OrderPayload =>
    order({ orderId, type, incidentId: 'inc-2', issuer: { console: 'other', operator: 'li' } });

  for (const type of ['release', 'cancel', 'dispatch', 'handover'] as const) {
    it(`while attached, a ${type} from anyone but the commander is refused and changes nothing`, () => {
      const task = onScene();
      const r = receiveOrder(task, fromLi('x1', type), T0_MS + 1e5, 0);
      expect(states(r)).toEqual(['refused']);
      expect(r.acks[0]?.reason).toBe('attached to incident inc-1 under commander wang');
      expect(r.move).toBeUndefined();
      expect(viewOf(r.task)).toEqual(viewOf(task));
    });
  }

  it('is attached from the moment a dispatch is taken, before it is acknowledged', () => {
    const d = receiveOrder(IDLE_TASK, order({ orderId: 'd1', type: 'dispatch' }), T0_MS, 1500);
    const r = receiveOrder(d.task, fromLi('x1', 'dispatch'), T0_MS + 100, 1500);
    expect(states(r)).toEqual(['refused']);
    expect(r.task.pending?.order.orderId).toBe('d1');
  });

  it('a free unit takes a dispatch from anyone and attaches to the order’s commander', () => {
    const d = receiveOrder(IDLE_TASK, fromLi('d9', 'dispatch'), T0_MS, 0);
    expect(states(d)).toEqual(['accepted']);
    expect(viewOf(d.task)).toEqual({ phase: 'en-route', incidentId: 'inc-2', commander: 'wang' });
  });

  it('the commander may redirect the unit to a new dispatch', () => {
    const next = order({
      orderId: 'd2',
      type: 'dispatch',
      incidentId: 'inc-3',
      lonLat: [118.5, 29.2],
    });
    const r = receiveOrder(onScene(), next, T0_MS + 1e5, 800);
    expect(states(r)).toEqual([]);
    const due = dueTask(r.task, T0_MS + 1e5 + 800);
    expect(states(due)).toEqual(['accepted']);
    expect(due.move).toEqual({ to: 'incident', lonLat: [118.5, 29.2] });
    expect(viewOf(due.task)).toMatchObject({ phase: 'en-route', incidentId: 'inc-3' });
  });

  it('a dispatch still waiting on the crew is superseded by the commander’s next order, and says so', () => {
    const d = receiveOrder(IDLE_TASK, order({ orderId: 'd1', type: 'dispatch' }), T0_MS, 1500);
    const c = receiveOrder(d.task, order({ orderId: 'c1', type: 'cancel' }), T0_MS + 200, 1500);
    expect(c.acks.map((a) => [a.orderId, a.state])).toEqual([
      ['d1', 'refused'],
      ['c1', 'returning'],
    ]);
    expect(c.acks[0]?.reason).toContain('c1');
    expect(c.task.pending).toBeUndefined();
    expect(dueTask(c.task, T0_MS + 5000).acks).toEqual([]);
  });

  it('the commander’s release for another incident is refused', () => {
    const r = receiveOrder(
      onScene(),
      order({ orderId: 'r1', type: 'release', incidentId: 'inc-9' }),
      T0_MS,
      0,
    );
    expect(states(r)).toEqual(['refused']);
    expect(r.acks[0]?.reason).toContain('inc-9');
    expect(viewOf(r.task).phase).toBe('on-scene');
  });

  it('a release for a unit that is not attached is refused, unless it repeats the last release', () => {
    const free = receiveOrder(IDLE_TASK, order({ orderId: 'r1', type: 'release' }), T0_MS, 0);
    expect(states(free)).toEqual(['refused']);
    expect(free.move).toBeUndefined();

    const rel = receiveOrder(onScene(), order({ orderId: 'r1', type: 'release' }), T0_MS + 1e5, 0);
    const retry = receiveOrder(rel.task, order({ orderId: 'r2', type: 'release' }), T0_MS + 2e5, 0);
    expect(states(retry)).toEqual(['returning']);
    expect(retry.move).toBeUndefined();
  });
});

describe('sim tasking: parsing orders', () => {
  it('accepts a valid order', () => {
    const o = order({ orderId: 'd1', type: 'dispatch' });
    expect(parseOrder(JSON.stringify(o), T0_MS)).toEqual({ ok: true, order: o });
  });

  it('ignores an expired order', () => {
    const o = order({ orderId: 'd1', type: 'dispatch', expiresMs: T0_MS - 1 });
    const r = parseOrder(JSON.stringify(o), T0_MS);
    expect(r.ok).toBe(false);
    expect(r.ok ? '' : r.reason).toContain('expired');
    // Exactly at the deadline it still counts.
    expect(parseOrder(JSON.stringify(o), T0_MS - 1).ok).toBe(true);
  });

  it('rejects garbage and wrong shapes without throwing', () => {
    const o = order({ orderId: 'd1', type: 'dispatch' });
    const bad = [
      'not json{',
      '',
      'null',
      JSON.stringify({ ...o, type: 'self-destruct' }),
      JSON.stringify({ ...o, orderId: 'has/slash' }),
      JSON.stringify({ ...o, lonLat: [200, 0] }),
      JSON.stringify({ ...o, v: 2 }),
    ];
    for (const body of bad) expect(parseOrder(body, T0_MS).ok, body).toBe(false);
  });
});

describe('sim tasking: command handover', () => {
  const handover = (orderId: string, over: Partial<OrderPayload> = {}): OrderPayload =>
    order({ orderId, type: 'handover', commander: 'zhao', ...over });

  it('the commander hands the unit to a successor: it stays on task and obeys the successor only', () => {
    const task = onScene();
    const h = receiveOrder(task, handover('h1'), T0_MS + 1e5, 0);
    expect(states(h)).toEqual(['accepted']);
    expect(h.move).toBeUndefined();
    expect(viewOf(h.task)).toEqual({ phase: 'on-scene', incidentId: 'inc-1', commander: 'zhao' });
    // The old commander is no longer obeyed; the successor is.
    const fromWang = receiveOrder(
      h.task,
      order({ orderId: 'r1', type: 'release' }),
      T0_MS + 2e5,
      0,
    );
    expect(states(fromWang)).toEqual(['refused']);
    expect(fromWang.acks[0]?.reason).toBe('attached to incident inc-1 under commander zhao');
    const fromZhao = receiveOrder(
      h.task,
      order({
        orderId: 'r2',
        type: 'release',
        issuer: { console: 'kh-console', operator: 'zhao' },
      }),
      T0_MS + 2e5,
      0,
    );
    expect(states(fromZhao)).toEqual(['returning']);
    // A resend of the handover is answered again, not acted on twice.
    expect(states(receiveOrder(h.task, handover('h1'), T0_MS + 1.5e5, 0))).toEqual(['accepted']);
  });

  it('a handover for another incident, or to a free unit, is refused and changes nothing', () => {
    const task = onScene();
    const other = receiveOrder(task, handover('h2', { incidentId: 'inc-9' }), T0_MS + 1e5, 0);
    expect(states(other)).toEqual(['refused']);
    expect(viewOf(other.task)).toEqual(viewOf(task));
    const free = receiveOrder(IDLE_TASK, handover('h3'), T0_MS, 0);
    expect(states(free)).toEqual(['refused']);
    expect(viewOf(free.task)).toEqual(viewOf(IDLE_TASK));
  });
});
