import { connectAsync, type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LonLat, Station } from '../../shared/domain/region';
import type { RosterUnit } from '../../shared/domain/units';
import { ackPayload, type AckPayload, type OrderPayload } from '../../shared/telemetry/orders';
import { telemetryPayload, type TelemetryPayload } from '../../shared/telemetry/schemas';
import {
  ACK_SUBSCRIPTION,
  TELEMETRY_SUBSCRIPTION,
  orderTopic,
  parseDeviceTopic,
} from '../../shared/telemetry/topics';
import { startGatedBroker, type GatedBroker } from '../support/gatedBroker';
import type { TravelModel } from '../../electron/core/support/types';
import { Simulator } from '../../electron/core/sim/Simulator';

// The simulator obeys orders over a real broker. A bare MQTT.js client plays the console:
// it sends orders and watches acks and telemetry exactly as the console would.

const HOME: LonLat = [118.4142, 29.1373];
const STATIONS: readonly Station[] = [
  {
    id: 'st-cg',
    name: '城关派出所',
    nameEn: 'Chengguan',
    kind: 'police-station',
    lonLat: HOME,
    simulated: true,
  },
];
const ROSTER: readonly RosterUnit[] = [
  {
    id: 'kh-car',
    callsign: '开化1',
    kind: 'patrol-car',
    stationId: 'st-cg',
    deviceId: 'KH-CAR',
    modules: [],
    persons: 2,
  },
  {
    id: 'kh-foot',
    callsign: '开化2',
    kind: 'officer-pair',
    stationId: 'st-cg',
    deviceId: 'KH-FOOT',
    modules: [],
    persons: 2,
  },
];
/** Fast but within what a device may report (the contract caps speedKmh at 400). */
const FAST_KMH = 180;
/** Where the incident is put: close to the car, so the trip takes ~2–3 s at FAST_KMH. */
const SCENE_AHEAD_M = 120;

/** Straight line at FAST_KMH. */
const fastTravel: TravelModel = {
  name: 'fake-fast',
  priceAll: (dest, units) =>
    units.map((u) => {
      const distanceM = distM(u.lonLat, dest);
      return {
        unitId: u.id,
        etaS: distanceM / (FAST_KMH / 3.6),
        distanceM,
        route: [u.lonLat, dest],
      };
    }),
};

/** A point `m` metres due north-east of `p`. */
function aheadOf(p: LonLat, m: number): LonLat {
  const k = Math.cos((p[1] * Math.PI) / 180);
  const d = m / Math.SQRT2 / 111_195;
  return [p[0] + d / k, p[1] + d];
}

function distM(a: LonLat, b: LonLat): number {
  const k = Math.cos((a[1] * Math.PI) / 180);
  return Math.hypot((a[0] - b[0]) * k, a[1] - b[1]) * 111_195;
}

async function waitFor(cond: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('Simulator orders over aedes', () => {
  let gated: GatedBroker;
  let sim: Simulator;
  let desk: MqttClient;
  const acks: (AckPayload & { deviceId: string })[] = [];
  const samples: (TelemetryPayload & { deviceId: string })[] = [];
  const bad: string[] = [];
  let scene: LonLat = HOME;

  beforeAll(async () => {
    gated = await startGatedBroker(ROSTER.map((u) => u.deviceId));
    const { broker, gate } = gated;
    desk = await connectAsync(broker.url, {
      clientId: 'test-desk',
      reconnectPeriod: 0,
      ...gate.console,
    });
    desk.on('message', (topic, buf) => {
      const where = parseDeviceTopic(topic);
      const body: unknown = JSON.parse(buf.toString('utf8'));
      const ack = ackPayload.safeParse(body);
      const sample = telemetryPayload.safeParse(body);
      if (where?.channel === 'ack' && ack.success)
        acks.push({ ...ack.data, deviceId: where.deviceId });
      else if (where?.channel === 'telemetry' && sample.success) {
        samples.push({ ...sample.data, deviceId: where.deviceId });
      } else bad.push(`${topic} ${buf.toString('utf8')}`);
    });
    await desk.subscribeAsync([ACK_SUBSCRIPTION, TELEMETRY_SUBSCRIPTION], { qos: 1 });
    sim = new Simulator({
      brokerUrl: broker.url,
      roster: ROSTER,
      stations: STATIONS,
      rateHz: 10,
      clientId: 'test-sim',
      travel: fastTravel,
      reactionMs: [0, 0],
      ...gate.simulator,
    });
    await sim.start();
  });

  afterAll(async () => {
    await sim.stop();
    await desk.endAsync();
    await gated.close();
  });

  function send(
    deviceId: string,
    over: Partial<OrderPayload> & Pick<OrderPayload, 'orderId' | 'type'>,
  ) {
    const now = Date.now();
    const order: OrderPayload = {
      v: 1,
      tsMs: now,
      incidentId: 'inc-7',
      lonLat: [...scene],
      issuer: { console: 'test-desk', operator: 'wang' },
      commander: 'wang',
      expiresMs: now + 10_000,
      ...over,
    };
    return desk.publishAsync(orderTopic(deviceId), JSON.stringify(order), { qos: 1 });
  }

  const carAcks = () => acks.filter((a) => a.deviceId === 'KH-CAR');
  const carSamples = () => samples.filter((s) => s.deviceId === 'KH-CAR');

  it('dispatch → accepted, en-route, on-scene; telemetry converges on the incident with the siren on', async () => {
    scene = aheadOf(sim.positionOf('kh-car') ?? HOME, SCENE_AHEAD_M);
    await send('KH-CAR', { orderId: 'ord-1', type: 'dispatch' });
    await waitFor(() => carAcks().some((a) => a.state === 'on-scene'), 8000, 'on-scene');
    expect(carAcks().map((a) => [a.orderId, a.state])).toEqual([
      ['ord-1', 'accepted'],
      ['ord-1', 'en-route'],
      ['ord-1', 'on-scene'],
    ]);
    const ts = carAcks().map((a) => a.tsMs);
    expect([...ts].sort((a, b) => a - b)).toEqual(ts);

    // Between en-route and on-scene the car closes on the incident with siren and lights.
    const [enRouteMs, onSceneMs] = [ts[1] ?? NaN, ts[2] ?? NaN];
    const leg = carSamples().filter((s) => s.tsMs > enRouteMs && s.tsMs < onSceneMs);
    expect(leg.length).toBeGreaterThanOrEqual(5);
    for (const s of leg) expect(s).toMatchObject({ kind: 'vehicle', siren: true, lights: true });
    for (const s of leg) expect(s.speedKmh).toBeCloseTo(FAST_KMH, 0);
    const d = leg.map((s) => distM([s.lon, s.lat], scene));
    expect(d.slice(1).every((x, i) => x < (d[i] ?? NaN))).toBe(true);

    await waitFor(() => carSamples().some((s) => s.tsMs > onSceneMs), 2000, 'a sample on scene');
    const there = carSamples().filter((s) => s.tsMs > onSceneMs);
    for (const s of there) expect(distM([s.lon, s.lat], scene)).toBeLessThan(6);
    expect(sim.taskOf('kh-car')).toEqual({
      phase: 'on-scene',
      incidentId: 'inc-7',
      commander: 'wang',
    });
    // The officers on foot were not ordered and are still on patrol.
    expect(acks.filter((a) => a.deviceId === 'KH-FOOT')).toEqual([]);
    expect(sim.taskOf('kh-foot')).toEqual({ phase: 'patrol' });
  });

  it('a release from another console’s operator is refused; the commander’s is obeyed', async () => {
    await send('KH-CAR', {
      orderId: 'ord-2',
      type: 'release',
      issuer: { console: 'elsewhere', operator: 'li' },
    });
    await waitFor(() => carAcks().some((a) => a.orderId === 'ord-2'), 3000, 'refusal');
    const refusal = carAcks().find((a) => a.orderId === 'ord-2');
    expect(refusal?.state).toBe('refused');
    expect(refusal?.reason).toContain('inc-7');
    expect(refusal?.reason).toContain('wang');
    expect(sim.taskOf('kh-car')?.phase).toBe('on-scene');

    await send('KH-CAR', { orderId: 'ord-3', type: 'release' });
    await waitFor(() => carAcks().some((a) => a.orderId === 'ord-3'), 3000, 'returning');
    const released = carAcks().find((a) => a.orderId === 'ord-3');
    expect(released?.state).toBe('returning');
    const fromMs = released?.tsMs ?? NaN;
    await waitFor(() => carSamples().filter((s) => s.tsMs > fromMs).length >= 8, 3000, 'samples');
    const home = carSamples()
      .filter((s) => s.tsMs > fromMs)
      .slice(0, 8)
      .map((s) => distM([s.lon, s.lat], HOME));
    // Heading home, quiet. (Back on patrol afterwards: see tests/unit/simOrders.test.ts.)
    expect(home.slice(1).every((x, i) => x < (home[i] ?? NaN))).toBe(true);
    for (const s of carSamples().filter((x) => x.tsMs > fromMs)) {
      expect(s).toMatchObject({ siren: false, lights: false });
    }
    expect(sim.taskOf('kh-car')).toEqual({ phase: 'returning' });
    expect(bad).toEqual([]);
  });
});
