import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { vi } from 'vitest';
import { isSilent, withFault } from '../../electron/core/sim/faults';
import { deviceEventPayload } from '../../shared/telemetry/schemas';
import { order, setup } from '../support/simHarness';

// What an exercise's injects do to a simulated device, seen on the wire as the console sees it.

beforeEach(() => {
  vi.useFakeTimers({ now: 1_767_225_600_000 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('simulated device faults', () => {
  it('an SOS press goes out at once as an SOS event, at QoS 1', async () => {
    const { sim, client } = await setup();
    expect(sim.applyFault('u-2', { kind: 'sos' })).toBe(true);
    const events = client.sent.filter((s) => s.topic === 'muster/v1/devices/dev-2/event');
    expect(events.map((e) => [deviceEventPayload.parse(JSON.parse(e.body)).type, e.qos])).toEqual([
      ['sos', 1],
    ]);
    expect(JSON.parse(events[0]?.body ?? '{}')).toMatchObject({ state: 'on' });
    await sim.stop();
  });

  it('a drained battery never reads above its level', async () => {
    const { sim, client } = await setup();
    sim.applyFault('u-2', { kind: 'battery', pct: 12 });
    await vi.advanceTimersByTimeAsync(5000);
    const reports = client.telemetry('dev-2');
    expect(reports.length).toBeGreaterThanOrEqual(4);
    for (const r of reports) expect('batteryPct' in r && r.batteryPct).toBeLessThanOrEqual(12);
    await sim.stop();
  });

  it('a lost link sends nothing for its duration, then reports again; a failed device never', async () => {
    const { sim, client } = await setup();
    sim.applyFault('u-1', { kind: 'silent', untilMs: Date.now() + 10_000 });
    sim.applyFault('u-2', { kind: 'silent' });
    await vi.advanceTimersByTimeAsync(9_000);
    expect(client.telemetry('dev-1')).toEqual([]);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(client.telemetry('dev-1').length).toBeGreaterThanOrEqual(3);
    expect(client.telemetry('dev-2')).toEqual([]);
    await sim.stop();
  });

  it('an unavailable crew refuses a dispatch until its time is up, then takes one', async () => {
    const { sim, client } = await setup();
    sim.applyFault('u-1', { kind: 'unavailable', untilMs: Date.now() + 60_000 });
    client.deliver('dev-1', order({ orderId: 'd1', type: 'dispatch' }));
    expect(client.acks()).toEqual([
      { deviceId: 'dev-1', state: 'refused', orderId: 'd1', qos: 1, reason: 'unit unavailable' },
    ]);
    await vi.advanceTimersByTimeAsync(61_000);
    client.deliver('dev-1', order({ orderId: 'd2', type: 'dispatch' }));
    await vi.advanceTimersByTimeAsync(2_000);
    expect(client.acks().map((a) => [a.orderId, a.state])).toContainEqual(['d2', 'accepted']);
    await sim.stop();
  });

  it('refuses a fault for a unit it does not simulate', async () => {
    const { sim } = await setup();
    expect(sim.applyFault('nobody', { kind: 'sos' })).toBe(false);
    await sim.stop();
  });
});

describe('fault records', () => {
  it('keep every fault a unit has had; an SOS leaves no record', () => {
    const f = withFault(withFault(undefined, { kind: 'battery', pct: 20 }), { kind: 'silent' });
    expect(f).toEqual({ batteryPct: 20, silentUntilMs: Infinity });
    expect(withFault(f, { kind: 'sos' })).toBe(f);
    expect(isSilent(f, 1e15)).toBe(true);
    expect(isSilent({ silentUntilMs: 10 }, 10)).toBe(false);
    expect(isSilent(undefined, 0)).toBe(false);
  });
});
