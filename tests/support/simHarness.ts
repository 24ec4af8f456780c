import { EventEmitter } from 'node:events';
import type { MqttClient } from 'mqtt';
import { vi } from 'vitest';
import type { LonLat, Station } from '../../shared/domain/region';
import type { RosterUnit } from '../../shared/domain/units';
import { ackPayload, type OrderPayload } from '../../shared/telemetry/orders';
import { telemetryPayload } from '../../shared/telemetry/schemas';
import { orderTopic, parseDeviceTopic } from '../../shared/telemetry/topics';
import type { TravelModel } from '../../electron/core/support/types';
import { Simulator, type SimulatorOptions } from '../../electron/core/sim/Simulator';

// The simulator with a fake MQTT client (and the caller's fake timers): what it publishes, when, on
// which topic and QoS. Shared by the simulator's order and fault tests.

export interface Sent {
  readonly topic: string;
  readonly body: string;
  readonly qos: number;
  readonly atMs: number;
}

export class FakeClient extends EventEmitter {
  connected = true;
  readonly sent: Sent[] = [];
  readonly subscriptions: { topic: string; qos: number }[] = [];

  publish(topic: string, body: string, opts: { qos: number }, done: (err?: Error) => void): this {
    this.sent.push({ topic, body, qos: opts.qos, atMs: Date.now() });
    queueMicrotask(() => done());
    return this;
  }

  async subscribeAsync(
    topic: string,
    opts: { qos: number },
  ): Promise<{ topic: string; qos: number }[]> {
    this.subscriptions.push({ topic, qos: opts.qos });
    return [{ topic, qos: opts.qos }];
  }

  async endAsync(): Promise<void> {
    this.connected = false;
    this.emit('close');
  }

  deliver(deviceId: string, body: unknown): void {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    this.emit('message', orderTopic(deviceId), Buffer.from(text));
  }

  acks(): { deviceId: string; state: string; orderId: string; qos: number; reason?: string }[] {
    return this.sent
      .filter((s) => parseDeviceTopic(s.topic)?.channel === 'ack')
      .map((s) => {
        const a = ackPayload.parse(JSON.parse(s.body));
        return {
          deviceId: parseDeviceTopic(s.topic)?.deviceId ?? '',
          state: a.state,
          orderId: a.orderId,
          qos: s.qos,
          ...(a.reason !== undefined ? { reason: a.reason } : {}),
        };
      });
  }

  telemetry(deviceId: string) {
    return this.sent
      .filter((s) => s.topic === `muster/v1/devices/${deviceId}/telemetry`)
      .map((s) => telemetryPayload.parse(JSON.parse(s.body)));
  }
}

export const HOME: LonLat = [118.41, 29.14];
export const SCENE: LonLat = [118.42, 29.145];
export const STATIONS: readonly Station[] = [
  {
    id: 'st-a',
    name: '城关',
    nameEn: 'Chengguan',
    kind: 'police-station',
    lonLat: HOME,
    simulated: true,
  },
];
export const ROSTER: readonly RosterUnit[] = [
  {
    id: 'u-1',
    callsign: 'U1',
    kind: 'patrol-car',
    stationId: 'st-a',
    deviceId: 'dev-1',
    modules: [],
    persons: 2,
  },
  {
    id: 'u-2',
    callsign: 'U2',
    kind: 'officer-pair',
    stationId: 'st-a',
    deviceId: 'dev-2',
    modules: [],
    persons: 2,
  },
];

/** Straight line, 60 s from anywhere: easy to reason about. */
export const travel: TravelModel = {
  name: 'fake',
  priceAll: vi.fn((dest: LonLat, units: readonly { id: string; lonLat: LonLat }[]) =>
    units.map((u) => ({ unitId: u.id, etaS: 60, distanceM: 0, route: [u.lonLat, dest] })),
  ),
};

export function order(
  over: Partial<OrderPayload> & Pick<OrderPayload, 'orderId' | 'type'>,
): OrderPayload {
  const now = Date.now();
  return {
    v: 1,
    tsMs: now,
    incidentId: 'inc-1',
    lonLat: [...SCENE],
    issuer: { console: 'kh', operator: 'wang' },
    commander: 'wang',
    expiresMs: now + 30_000,
    ...over,
  };
}

export async function setup(extra: Partial<SimulatorOptions> = {}) {
  const client = new FakeClient();
  const logs: string[] = [];
  const sim = new Simulator({
    brokerUrl: 'mqtt://fake',
    roster: ROSTER,
    stations: STATIONS,
    connectClient: async () => client as unknown as MqttClient,
    log: (m) => logs.push(m),
    travel,
    reactionMs: [1000, 1000],
    ...extra,
  });
  await sim.start();
  return { sim, client, logs };
}
