import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LonLat } from '../../shared/domain/region';
import { ORDER_SUBSCRIPTION } from '../../shared/telemetry/topics';
import { Simulator } from '../../electron/core/sim/Simulator';
import { HOME, order, ROSTER, SCENE, setup, STATIONS, travel } from '../support/simHarness';

// The Simulator's order wiring, with fake timers and a fake MQTT client: which acks go out when,
// on which topic and QoS, and what the unit's telemetry shows meanwhile.

function distM(a: LonLat, b: LonLat): number {
  const k = Math.cos((a[1] * Math.PI) / 180);
  return Math.hypot((a[0] - b[0]) * k, a[1] - b[1]) * 111_195;
}

beforeEach(() => {
  vi.useFakeTimers({ now: 1_767_225_600_000 });
  vi.mocked(travel.priceAll).mockClear();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('Simulator orders', () => {
  it('subscribes to orders at QoS 1', async () => {
    const { sim, client } = await setup();
    expect(client.subscriptions).toEqual([{ topic: ORDER_SUBSCRIPTION, qos: 1 }]);
    await sim.stop();
  });

  it('answers a dispatch after the reaction time, drives there with the siren on, and reports on scene', async () => {
    const { sim, client } = await setup();
    await vi.advanceTimersByTimeAsync(2000);
    client.deliver('dev-1', order({ orderId: 'd1', type: 'dispatch' }));
    await vi.advanceTimersByTimeAsync(900);
    expect(client.acks()).toEqual([]);
    await vi.advanceTimersByTimeAsync(200);
    expect(client.acks()).toEqual([
      { deviceId: 'dev-1', state: 'accepted', orderId: 'd1', qos: 1 },
    ]);
    expect(travel.priceAll).toHaveBeenCalledTimes(1);
    expect(sim.taskOf('u-1')).toEqual({
      phase: 'en-route',
      incidentId: 'inc-1',
      commander: 'wang',
    });
    // The other unit is none the wiser.
    expect(sim.taskOf('u-2')).toEqual({ phase: 'patrol' });
    await vi.advanceTimersByTimeAsync(1000);
    expect(client.acks().map((a) => a.state)).toEqual(['accepted', 'en-route']);

    const before = client.telemetry('dev-1').length;
    await vi.advanceTimersByTimeAsync(30_000);
    const midway = client.telemetry('dev-1').slice(before);
    expect(midway.every((p) => p.kind === 'vehicle' && p.siren && p.lights)).toBe(true);
    await vi.advanceTimersByTimeAsync(35_000);
    expect(client.acks().map((a) => a.state)).toEqual(['accepted', 'en-route', 'on-scene']);
    expect(sim.taskOf('u-1')?.phase).toBe('on-scene');
    const pos = sim.positionOf('u-1');
    expect(distM(pos ?? [0, 0], SCENE)).toBeLessThan(5);
    const last = client.telemetry('dev-1').at(-1);
    expect(last).toMatchObject({ siren: false, lights: true });
    expect(travel.priceAll).toHaveBeenCalledTimes(1);
    await sim.stop();
  });

  it('refuses a foreign issuer while attached, and returns home then patrols on release', async () => {
    const { sim, client } = await setup({ reactionMs: [0, 0] });
    client.deliver('dev-1', order({ orderId: 'd1', type: 'dispatch' }));
    await vi.advanceTimersByTimeAsync(70_000);
    expect(sim.taskOf('u-1')?.phase).toBe('on-scene');

    client.deliver(
      'dev-1',
      order({ orderId: 'x1', type: 'release', issuer: { console: 'x', operator: 'li' } }),
    );
    expect(client.acks().at(-1)).toMatchObject({ state: 'refused', orderId: 'x1' });
    expect(client.acks().at(-1)?.reason).toContain('wang');
    expect(sim.taskOf('u-1')?.phase).toBe('on-scene');

    client.deliver('dev-1', order({ orderId: 'r1', type: 'release' }));
    expect(client.acks().at(-1)).toMatchObject({ state: 'returning', orderId: 'r1' });
    expect(sim.taskOf('u-1')).toEqual({ phase: 'returning' });
    await vi.advanceTimersByTimeAsync(65_000);
    expect(sim.taskOf('u-1')).toEqual({ phase: 'patrol' });
    const samples = client.telemetry('dev-1');
    expect(samples.at(-1)).toMatchObject({ siren: false, lights: false });
    // Back near home, then out on its loop again (the rejoin leg and the loop keep it moving).
    const p = sim.positionOf('u-1') ?? [0, 0];
    expect(distM(p, HOME)).toBeLessThan(distM(SCENE, HOME));
    await sim.stop();
  });

  it('a new dispatch taken on the way home starts a fresh trip, even if home is reached meanwhile', async () => {
    // A sample every 5 s: home is reached between two of the unit's turns, so the pending
    // dispatch is what first brings the unit up to date.
    const { sim, client } = await setup({ rateHz: 0.2 });
    client.deliver('dev-1', order({ orderId: 'd1', type: 'dispatch' }));
    // Turns fall on whole multiples of 5 s; releasing off-beat makes the return end between two.
    await vi.advanceTimersByTimeAsync(72_000);
    client.deliver('dev-1', order({ orderId: 'r1', type: 'release' }));
    await vi.advanceTimersByTimeAsync(59_500);
    expect(sim.taskOf('u-1')?.phase).toBe('returning');
    const elsewhere: LonLat = [118.4, 29.13];
    client.deliver(
      'dev-1',
      order({ orderId: 'd2', type: 'dispatch', incidentId: 'inc-2', lonLat: [...elsewhere] }),
    );
    // The reaction ends after the 60 s trip home does; en-route follows at the unit's next turn.
    await vi.advanceTimersByTimeAsync(7000);
    expect(
      client
        .acks()
        .filter((a) => a.orderId === 'd2')
        .map((a) => a.state),
    ).toEqual(['accepted', 'en-route']);
    expect(sim.taskOf('u-1')).toEqual({
      phase: 'en-route',
      incidentId: 'inc-2',
      commander: 'wang',
    });
    expect(distM(sim.positionOf('u-1') ?? [0, 0], elsewhere)).toBeGreaterThan(100);
    await vi.advanceTimersByTimeAsync(65_000);
    expect(client.acks().at(-1)).toMatchObject({ orderId: 'd2', state: 'on-scene' });
    expect(distM(sim.positionOf('u-1') ?? [0, 0], elsewhere)).toBeLessThan(5);
    await sim.stop();
  });

  it('refuses a reaction range it cannot honour', () => {
    for (const reactionMs of [
      [-1, 0],
      [2000, 1000],
      [0, NaN],
    ] as const) {
      expect(
        () =>
          new Simulator({ brokerUrl: 'mqtt://x', roster: ROSTER, stations: STATIONS, reactionMs }),
      ).toThrow('reactionMs');
    }
  });

  it('a duplicate orderId is re-acknowledged but not acted on twice', async () => {
    const { sim, client } = await setup({ reactionMs: [0, 0] });
    const d = order({ orderId: 'd1', type: 'dispatch' });
    client.deliver('dev-1', d);
    await vi.advanceTimersByTimeAsync(5000);
    const calls = vi.mocked(travel.priceAll).mock.calls.length;
    client.deliver('dev-1', d);
    expect(client.acks().map((a) => a.state)).toEqual(['accepted', 'en-route', 'en-route']);
    expect(vi.mocked(travel.priceAll).mock.calls.length).toBe(calls);
    await sim.stop();
  });

  it('ignores bad, expired and foreign-device orders without crashing, logging at a limited rate', async () => {
    const { sim, client, logs } = await setup({ reactionMs: [0, 0] });
    logs.length = 0;
    client.deliver('dev-1', 'not json');
    client.deliver('dev-1', { ...order({ orderId: 'd1', type: 'dispatch' }), lonLat: [999, 0] });
    client.deliver('dev-1', order({ orderId: 'd2', type: 'dispatch', expiresMs: Date.now() - 1 }));
    client.deliver('someone-else', order({ orderId: 'd3', type: 'dispatch' }));
    client.emit('message', 'muster/v1/devices/dev-1/telemetry', Buffer.from('{}'));
    await vi.advanceTimersByTimeAsync(3000);
    expect(client.acks()).toEqual([]);
    expect(sim.taskOf('u-1')).toEqual({ phase: 'patrol' });
    expect(logs).toHaveLength(1);
    expect(logs[0]).toContain('dev-1');
    // Telemetry carried on for both units throughout.
    expect(client.telemetry('dev-1').length).toBeGreaterThanOrEqual(2);
    await vi.advanceTimersByTimeAsync(5000);
    client.deliver('dev-1', 'still not json');
    expect(logs.at(-1)).toContain('suppressed');
    await sim.stop();
  });

  it('without a travel model it still goes, straight at patrol pace', async () => {
    const { sim, client } = await setup({ reactionMs: [0, 0], travel: undefined });
    client.deliver('dev-2', order({ orderId: 'd1', type: 'dispatch', lonLat: [118.411, 29.1405] }));
    expect(client.acks().map((a) => a.state)).toEqual(['accepted']);
    await vi.advanceTimersByTimeAsync(600_000);
    expect(client.acks().map((a) => a.state)).toEqual(['accepted', 'en-route', 'on-scene']);
    expect(distM(sim.positionOf('u-2') ?? [0, 0], [118.411, 29.1405])).toBeLessThan(25);
    await sim.stop();
  });

  it('adds no timers of its own', async () => {
    const { sim, client } = await setup();
    client.deliver('dev-1', order({ orderId: 'd1', type: 'dispatch' }));
    expect(vi.getTimerCount()).toBe(1);
    await sim.stop();
    expect(vi.getTimerCount()).toBe(0);
  });
});
