import { createServer, type AddressInfo, type Server } from 'node:net';
import { Aedes } from 'aedes';
import { connectAsync, type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Station } from '../../shared/domain/region';
import { DEVICE_KIND_OF, type RosterUnit, type UnitKind } from '../../shared/domain/units';
import { telemetryPayload, type TelemetryPayload } from '../../shared/telemetry/schemas';
import { TELEMETRY_SUBSCRIPTION, parseTelemetryTopic } from '../../shared/telemetry/topics';
import { Simulator } from '../../electron/core/sim/Simulator';

// The simulator against a real embedded broker, observed by a bare MQTT.js subscriber: what a
// console would see from the field.

const STATIONS: readonly Station[] = [
  {
    id: 'st-cg',
    name: '城关派出所',
    nameEn: 'Chengguan',
    kind: 'police-station',
    lonLat: [118.4142, 29.1373],
    simulated: true,
  },
  {
    id: 'st-jj',
    name: '交警大队',
    nameEn: 'Traffic brigade',
    kind: 'traffic-squad',
    lonLat: [118.39, 29.15],
    simulated: true,
  },
];

const KINDS: readonly UnitKind[] = [
  'officer-pair',
  'patrol-car',
  'motorbike',
  'traffic-car',
  'drone',
];
const ROSTER: readonly RosterUnit[] = KINDS.map((kind, i) => ({
  id: `kh-${i}`,
  callsign: `开化${i}`,
  kind,
  stationId: kind === 'traffic-car' ? 'st-jj' : 'st-cg',
  deviceId: `KH-DEV-${i}`,
  modules: [],
  persons: kind === 'officer-pair' ? 2 : 1,
}));

interface Received {
  readonly deviceId: string;
  readonly payload: TelemetryPayload;
  readonly atMs: number;
}

function tcpHandles(): number {
  return process.getActiveResourcesInfo().filter((r) => r.startsWith('TCP')).length;
}

async function waitFor(cond: () => boolean, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!cond() && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
}

describe('Simulator → aedes → subscriber', () => {
  let aedes: Aedes;
  let server: Server;
  let url: string;
  let baselineTcp: number;

  beforeAll(async () => {
    baselineTcp = tcpHandles();
    aedes = await Aedes.createBroker();
    server = createServer(aedes.handle);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    url = `mqtt://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => aedes.close(() => resolve()));
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('publishes valid, moving, evenly spread telemetry for every unit and shuts down cleanly', async () => {
    const sub: MqttClient = await connectAsync(url, { clientId: 'test-sub', reconnectPeriod: 0 });
    const got: Received[] = [];
    const bad: string[] = [];
    sub.on('message', (topic, buf) => {
      const deviceId = parseTelemetryTopic(topic);
      const parsed = telemetryPayload.safeParse(JSON.parse(buf.toString('utf8')));
      if (!deviceId || !parsed.success) bad.push(topic);
      else got.push({ deviceId, payload: parsed.data, atMs: Date.now() });
    });
    await sub.subscribeAsync(TELEMETRY_SUBSCRIPTION, { qos: 0 });

    const sim = new Simulator({
      brokerUrl: url,
      roster: ROSTER,
      stations: STATIONS,
      rateHz: 5,
      clientId: 'test-sim',
    });
    expect(sim.unitCount).toBe(5);
    await sim.start();
    await new Promise((r) => setTimeout(r, 1500));
    await sim.stop();
    // QoS 0 has no acknowledgement: give in-flight messages a moment to reach the subscriber.
    await waitFor(() => got.length >= sim.published, 1000);
    await sub.endAsync();

    expect(bad).toEqual([]);
    const byDevice = new Map<string, Received[]>();
    for (const r of got) byDevice.set(r.deviceId, [...(byDevice.get(r.deviceId) ?? []), r]);
    expect([...byDevice.keys()].sort()).toEqual(ROSTER.map((u) => u.deviceId).sort());

    for (const unit of ROSTER) {
      const samples = byDevice.get(unit.deviceId) ?? [];
      // 5 Hz for 1.5 s is ~7 samples; allow for timer slack on a busy CI machine.
      expect(samples.length).toBeGreaterThanOrEqual(4);
      expect(samples.length).toBeLessThanOrEqual(9);
      for (const s of samples) expect(s.payload.kind).toBe(DEVICE_KIND_OF[unit.kind]);
      const tss = samples.map((s) => s.payload.tsMs);
      expect([...tss].sort((a, b) => a - b)).toEqual(tss);
      const positions = samples.map((s) => `${s.payload.lon},${s.payload.lat}`);
      // Every sample is somewhere new: no two consecutive samples share a position.
      expect(positions.filter((p, i) => i > 0 && p === positions[i - 1])).toEqual([]);
    }
    expect(got.length).toBe(sim.published);

    // Spread across the period: 25 messages a second arrive ~40 ms apart, not in bursts.
    const ts = got.map((r) => r.payload.tsMs).sort((a, b) => a - b);
    const gaps = ts
      .slice(1)
      .map((t, i) => t - (ts[i] ?? NaN))
      .sort((a, b) => a - b);
    expect(gaps[Math.floor(gaps.length / 2)]).toBeGreaterThanOrEqual(25);
    expect(new Set(ts).size).toBeGreaterThan(ts.length * 0.8);

    // Both clients are gone: only the broker's listening socket is left over from this test.
    await waitFor(() => tcpHandles() <= baselineTcp + 1, 1000);
    expect(tcpHandles()).toBe(baselineTcp + 1);
  });

  it('start() rejects when no broker listens', async () => {
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', () => r()));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((r) => probe.close(() => r()));
    const sim = new Simulator({
      brokerUrl: `mqtt://127.0.0.1:${port}`,
      roster: ROSTER,
      stations: STATIONS,
    });
    await expect(sim.start()).rejects.toThrow();
    await sim.stop();
  });
});
