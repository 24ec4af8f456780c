import { describe, expect, it } from 'vitest';
import type { OrderState, UnitOrder } from '../../shared/domain/support';
import {
  IllegalTransitionError,
  needsRetry,
  nextOrder,
  requestProgress,
  type OrderEvent,
} from '../../electron/core/support/workflow';

const order = (state: OrderState = 'pending', extra: Partial<UnitOrder> = {}): UnitOrder => ({
  unitId: 'u-1',
  callsign: 'A1',
  state,
  attempts: 0,
  etaS: 300,
  ...extra,
});

const apply = (o: UnitOrder, ...events: OrderEvent[]): UnitOrder => events.reduce(nextOrder, o);

describe('order machine: sending and retries', () => {
  it('first send and retries count attempts and restamp sentMs', () => {
    const sent = nextOrder(order(), { type: 'sent', nowMs: 1_000 });
    expect(sent).toMatchObject({ state: 'sent', attempts: 1, sentMs: 1_000 });
    const retried = nextOrder(sent, { type: 'sent', nowMs: 6_000 });
    expect(retried).toMatchObject({ state: 'sent', attempts: 2, sentMs: 6_000 });
  });

  it('retries up to maxAttempts, then no-ack', () => {
    const max = 3;
    let o = nextOrder(order(), { type: 'sent', nowMs: 0 });
    const seen: OrderState[] = [];
    for (let t = 5_000; o.state === 'sent'; t += 5_000) {
      expect(needsRetry(o, t, 5_000)).toBe(true);
      o = nextOrder(o, { type: 'timeout', nowMs: t, maxAttempts: max });
      seen.push(o.state);
      if (o.state === 'sent') o = nextOrder(o, { type: 'sent', nowMs: t });
    }
    expect(seen).toEqual(['sent', 'sent', 'no-ack']);
    expect(o.attempts).toBe(max);
    expect(() => nextOrder(o, { type: 'sent', nowMs: 99_000 })).toThrow(IllegalTransitionError);
  });

  it('needsRetry only for a sent order past the timeout', () => {
    const sent = order('sent', { attempts: 1, sentMs: 10_000 });
    expect(needsRetry(sent, 14_999, 5_000)).toBe(false);
    expect(needsRetry(sent, 15_000, 5_000)).toBe(true);
    for (const s of ['pending', 'acknowledged', 'no-ack', 'refused'] as const) {
      expect(needsRetry(order(s, { sentMs: 0 }), 1e9, 5_000), s).toBe(false);
    }
  });

  it('timeout is only meaningful for a sent order', () => {
    for (const s of ['pending', 'acknowledged', 'on-scene', 'no-ack'] as const) {
      expect(() => nextOrder(order(s), { type: 'timeout', nowMs: 1, maxAttempts: 3 }), s).toThrow(
        IllegalTransitionError,
      );
    }
  });
});

describe('order machine: acknowledgements', () => {
  const sent = order('sent', { attempts: 1, sentMs: 1_000 });

  it('accepted → acknowledged, then en-route, then on-scene, keeping the first ack time', () => {
    const a = nextOrder(sent, { type: 'ack', state: 'accepted', nowMs: 2_000 });
    expect(a).toMatchObject({ state: 'acknowledged', ackMs: 2_000 });
    const r = nextOrder(a, { type: 'ack', state: 'en-route', nowMs: 3_000 });
    expect(r).toMatchObject({ state: 'en-route', ackMs: 2_000 });
    const s = nextOrder(r, { type: 'ack', state: 'on-scene', nowMs: 9_000 });
    expect(s).toMatchObject({ state: 'on-scene', ackMs: 2_000, onSceneMs: 9_000 });
  });

  it('a redelivered or out-of-order ack changes nothing', () => {
    const a = nextOrder(sent, { type: 'ack', state: 'accepted', nowMs: 2_000 });
    expect(nextOrder(a, { type: 'ack', state: 'accepted', nowMs: 2_500 })).toBe(a);
    const r = nextOrder(a, { type: 'ack', state: 'en-route', nowMs: 3_000 });
    expect(nextOrder(r, { type: 'ack', state: 'accepted', nowMs: 3_500 })).toBe(r);
    expect(nextOrder(r, { type: 'ack', state: 'en-route', nowMs: 3_600 })).toBe(r);
  });

  it('refused before acceptance; repeated refusal is a no-op; refusal after acceptance is illegal', () => {
    const refused = nextOrder(sent, { type: 'ack', state: 'refused', nowMs: 2_000 });
    expect(refused).toMatchObject({ state: 'refused', ackMs: 2_000 });
    expect(nextOrder(refused, { type: 'ack', state: 'refused', nowMs: 2_100 })).toBe(refused);
    expect(() => nextOrder(refused, { type: 'ack', state: 'accepted', nowMs: 2_200 })).toThrow(
      IllegalTransitionError,
    );
    const accepted = nextOrder(sent, { type: 'ack', state: 'accepted', nowMs: 2_000 });
    expect(() => nextOrder(accepted, { type: 'ack', state: 'refused', nowMs: 2_100 })).toThrow(
      'cannot go from acknowledged to refused',
    );
  });

  it('a late ack after no-ack is honoured', () => {
    const late = nextOrder(order('no-ack', { attempts: 3 }), {
      type: 'ack',
      state: 'accepted',
      nowMs: 50_000,
    });
    expect(late).toMatchObject({ state: 'acknowledged', ackMs: 50_000 });
  });

  it('an ack for an order never sent is illegal', () => {
    expect(() => nextOrder(order(), { type: 'ack', state: 'accepted', nowMs: 1 })).toThrow(
      IllegalTransitionError,
    );
  });

  it('returning only confirms a release', () => {
    const released = order('released');
    expect(nextOrder(released, { type: 'ack', state: 'returning', nowMs: 1 })).toBe(released);
    expect(nextOrder(released, { type: 'ack', state: 'en-route', nowMs: 1 })).toBe(released);
    expect(() =>
      nextOrder(order('en-route'), { type: 'ack', state: 'returning', nowMs: 1 }),
    ).toThrow(IllegalTransitionError);
  });
});

describe('order machine: arrival and release', () => {
  it('geofence arrival from sent / acknowledged / en-route / no-ack; repeat is a no-op', () => {
    for (const s of ['sent', 'acknowledged', 'en-route', 'no-ack'] as const) {
      const o = nextOrder(order(s), { type: 'arrived', nowMs: 7_000 });
      expect(o, s).toMatchObject({ state: 'on-scene', onSceneMs: 7_000 });
      expect(nextOrder(o, { type: 'arrived', nowMs: 8_000 })).toBe(o);
    }
    for (const s of ['pending', 'refused'] as const) {
      expect(() => nextOrder(order(s), { type: 'arrived', nowMs: 1 }), s).toThrow(
        IllegalTransitionError,
      );
    }
  });

  it('release ends every live order; released and refused stay as they are', () => {
    for (const s of [
      'pending',
      'sent',
      'acknowledged',
      'en-route',
      'on-scene',
      'no-ack',
    ] as const) {
      expect(nextOrder(order(s), { type: 'released', nowMs: 1 }).state, s).toBe('released');
    }
    for (const s of ['released', 'refused'] as const) {
      const o = order(s);
      expect(nextOrder(o, { type: 'released', nowMs: 1 })).toBe(o);
    }
  });

  it('a whole life: send, timeout, retry, ack, arrive, release', () => {
    const o = apply(
      order(),
      { type: 'sent', nowMs: 0 },
      { type: 'timeout', nowMs: 5_000, maxAttempts: 3 },
      { type: 'sent', nowMs: 5_000 },
      { type: 'ack', state: 'accepted', nowMs: 5_400 },
      { type: 'ack', state: 'accepted', nowMs: 5_500 },
      { type: 'arrived', nowMs: 60_000 },
      { type: 'released', nowMs: 90_000 },
    );
    expect(o).toEqual({
      ...order(),
      state: 'released',
      attempts: 2,
      sentMs: 5_000,
      ackMs: 5_400,
      onSceneMs: 60_000,
    });
  });
});

describe('requestProgress', () => {
  const of = (...states: OrderState[]) => requestProgress(states.map((s) => order(s)));

  it('dispatched while any live order is pending or sent', () => {
    expect(of('pending', 'on-scene')).toBe('dispatched');
    expect(of('sent', 'acknowledged')).toBe('dispatched');
  });

  it('en-route once every live order is acknowledged or later', () => {
    expect(of('acknowledged', 'en-route', 'on-scene')).toBe('en-route');
    expect(of('acknowledged', 'no-ack', 'refused')).toBe('en-route');
  });

  it('on-scene once every live order is on scene (no-ack / refused ignored, released counts)', () => {
    expect(of('on-scene', 'on-scene')).toBe('on-scene');
    expect(of('on-scene', 'no-ack', 'refused', 'released')).toBe('on-scene');
  });

  it('no live order at all stays dispatched', () => {
    expect(of()).toBe('dispatched');
    expect(of('no-ack', 'refused')).toBe('dispatched');
  });
});
