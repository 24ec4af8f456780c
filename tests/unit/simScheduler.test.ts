import { EventEmitter } from 'node:events';
import type { MqttClient } from 'mqtt';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Station } from '../../shared/domain/region';
import type { RosterUnit, UnitKind } from '../../shared/domain/units';
import { telemetryPayload } from '../../shared/telemetry/schemas';
import { parseTelemetryTopic } from '../../shared/telemetry/topics';
import { Simulator, type SimulatorOptions } from '../../electron/core/sim/Simulator';

// The scheduler and backpressure, driven by fake timers and a fake MQTT client that lets a test
// decide when (or whether) each publish completes.

interface Sent {
  readonly topic: string;
  readonly body: string;
  readonly atMs: number;
  readonly done: (err?: Error) => void;
}

class FakeClient extends EventEmitter {
  connected = true;
  autoComplete = true;
  throwOnPublish = false;
  ended = false;
  readonly sent: Sent[] = [];

  publish(topic: string, body: string, _opts: unknown, done: (err?: Error) => void): this {
    if (this.throwOnPublish) throw new Error('socket exploded');
    this.sent.push({ topic, body, atMs: Date.now(), done });
    if (this.autoComplete) queueMicrotask(() => done());
    return this;
  }

  async subscribeAsync(
    topic: string,
    opts: { qos: number },
  ): Promise<{ topic: string; qos: number }[]> {
    return [{ topic, qos: opts.qos }];
  }

  async endAsync(): Promise<void> {
    this.ended = true;
    this.connected = false;
    this.emit('close');
  }
}

const STATIONS: readonly Station[] = [
  {
    id: 'st-a',
    name: '城关派出所',
    nameEn: 'Chengguan',
    kind: 'police-station',
    lonLat: [118.41, 29.14],
    simulated: true,
  },
  {
    id: 'st-b',
    name: '交警中队',
    nameEn: 'Traffic',
    kind: 'traffic-squad',
    lonLat: [118.3, 29.2],
    simulated: true,
  },
];

function unit(i: number, kind: UnitKind, stationId = 'st-a', deviceId = `dev-${i}`): RosterUnit {
  return { id: `u-${i}`, callsign: `U${i}`, kind, stationId, deviceId, modules: [], persons: 2 };
}

const ROSTER: readonly RosterUnit[] = [
  unit(1, 'officer-pair'),
  unit(2, 'patrol-car'),
  unit(3, 'traffic-car', 'st-b'),
  unit(4, 'drone'),
];

function setup(extra: Partial<SimulatorOptions> = {}): {
  sim: Simulator;
  client: FakeClient;
  logs: string[];
} {
  const client = new FakeClient();
  const logs: string[] = [];
  const sim = new Simulator({
    brokerUrl: 'mqtt://fake',
    roster: ROSTER,
    stations: STATIONS,
    connectClient: async () => client as unknown as MqttClient,
    log: (m) => logs.push(m),
    ...extra,
  });
  return { sim, client, logs };
}

function perDevice(sent: readonly Sent[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const s of sent) {
    const id = parseTelemetryTopic(s.topic) ?? `not a telemetry topic: ${s.topic}`;
    m.set(id, (m.get(id) ?? 0) + 1);
  }
  return m;
}

beforeEach(() => {
  vi.useFakeTimers({ now: 1_767_225_600_000 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('Simulator scheduling', () => {
  it('publishes one valid sample per unit per period, spread across the period', async () => {
    const { sim, client } = setup();
    await sim.start();
    const t0 = Date.now();
    await vi.advanceTimersByTimeAsync(10_000);
    await sim.stop();

    const counts = perDevice(client.sent);
    expect([...counts.keys()].sort()).toEqual(['dev-1', 'dev-2', 'dev-3', 'dev-4']);
    for (const n of counts.values()) expect(n).toBeGreaterThanOrEqual(9);
    for (const n of counts.values()) expect(n).toBeLessThanOrEqual(11);
    expect(sim.published).toBe(client.sent.length);

    // Four units at 1 Hz: one every ~250 ms, never two in the same instant.
    const times = client.sent.map((s) => s.atMs);
    const gaps = times.slice(1).map((t, i) => t - (times[i] ?? NaN));
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(200);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(300);

    for (const s of client.sent) {
      const p = telemetryPayload.parse(JSON.parse(s.body));
      expect(p.tsMs).toBe(s.atMs);
      expect(p.tsMs).toBeGreaterThanOrEqual(t0);
    }
    const kinds = client.sent.map((s) => (JSON.parse(s.body) as { kind: string }).kind);
    expect(new Set(kinds)).toEqual(new Set(['bodycam', 'vehicle', 'drone']));
  });

  it('honours rateHz', async () => {
    const { sim, client } = setup({ rateHz: 5 });
    await sim.start();
    await vi.advanceTimersByTimeAsync(2000);
    await sim.stop();
    for (const n of perDevice(client.sent).values()) {
      expect(n).toBeGreaterThanOrEqual(9);
      expect(n).toBeLessThanOrEqual(11);
    }
  });

  it('stop() ends the timer and closes the client', async () => {
    const { sim, client } = setup();
    await sim.start();
    await vi.advanceTimersByTimeAsync(1000);
    expect(vi.getTimerCount()).toBe(1);
    await sim.stop();
    expect(client.ended).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
    const n = client.sent.length;
    await vi.advanceTimersByTimeAsync(5000);
    expect(client.sent.length).toBe(n);
  });

  it('skips units it cannot place or address, and says why', () => {
    const { sim, logs } = setup({
      roster: [...ROSTER, unit(5, 'motorbike', 'nowhere'), unit(6, 'motorbike', 'st-a', 'bad/id')],
    });
    expect(sim.unitCount).toBe(4);
    expect(logs.some((l) => l.includes('u-5') && l.includes('nowhere'))).toBe(true);
    expect(logs.some((l) => l.includes('u-6'))).toBe(true);
  });

  it('a failed connect rejects start() and leaves no timer behind', async () => {
    const sim = new Simulator({
      brokerUrl: 'mqtt://fake',
      roster: ROSTER,
      stations: STATIONS,
      connectClient: () => Promise.reject(new Error('ECONNREFUSED')),
    });
    await expect(sim.start()).rejects.toThrow('ECONNREFUSED');
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('Simulator backpressure and failures', () => {
  it("skips a unit's sample while its previous publish is pending, then resumes", async () => {
    const { sim, client } = setup();
    client.autoComplete = false;
    await sim.start();
    await vi.advanceTimersByTimeAsync(5000);
    // Nothing completed: exactly one publish per unit, the rest skipped rather than queued.
    expect(perDevice(client.sent)).toEqual(
      new Map([
        ['dev-1', 1],
        ['dev-2', 1],
        ['dev-3', 1],
        ['dev-4', 1],
      ]),
    );
    expect(sim.published).toBe(0);
    expect(sim.skipped).toBeGreaterThanOrEqual(15);

    // dev-1's write drains: only dev-1 gets going again.
    const first = client.sent.find((s) => s.topic.includes('/dev-1/'));
    expect(first).toBeDefined();
    first?.done();
    client.autoComplete = true;
    await vi.advanceTimersByTimeAsync(3000);
    const counts = perDevice(client.sent);
    expect(counts.get('dev-1')).toBeGreaterThanOrEqual(3);
    expect(counts.get('dev-2')).toBe(1);
    // Only dev-1's publishes have completed: the one released by hand, then each new one.
    expect(sim.published).toBe(counts.get('dev-1'));
    await sim.stop();
  });

  it('a dropped connection releases samples stuck on the old socket', async () => {
    const { sim, client } = setup();
    client.autoComplete = false;
    await sim.start();
    await vi.advanceTimersByTimeAsync(2000);
    expect(client.sent.length).toBe(4);
    client.emit('close');
    await vi.advanceTimersByTimeAsync(1000);
    expect(client.sent.length).toBe(8);
    await sim.stop();
  });

  it('while offline it publishes nothing and counts the samples skipped', async () => {
    const { sim, client } = setup();
    client.connected = false;
    await sim.start();
    await vi.advanceTimersByTimeAsync(3000);
    expect(client.sent.length).toBe(0);
    expect(sim.skipped).toBeGreaterThanOrEqual(11);
    client.connected = true;
    await vi.advanceTimersByTimeAsync(1000);
    expect(perDevice(client.sent).size).toBe(4);
    await sim.stop();
  });

  it('never throws out of the timer: a failing publish is logged (rate-limited) and the loop goes on', async () => {
    const { sim, client, logs } = setup();
    client.throwOnPublish = true;
    await sim.start();
    await vi.advanceTimersByTimeAsync(3000);
    expect(logs.filter((l) => l.includes('socket exploded') || l.includes('failed')).length).toBe(
      1,
    );
    client.throwOnPublish = false;
    await vi.advanceTimersByTimeAsync(1000);
    expect(perDevice(client.sent).size).toBe(4);
    await sim.stop();
  });
});
