// Shared by the support integration tests: a fake clock, devices as mqtt.js clients that receive
// orders and answer acks, and a roster that reports positions.
import { connectAsync, type MqttClient } from 'mqtt';
import { issueDeviceLogin } from '../support/gatedBroker';
import { ConsoleCore } from '../../electron/core/ConsoleCore';
import type { CoreConfig } from '../../electron/core/config';
import type { RosterUnit } from '../../shared/domain/units';
import type { LonLat } from '../../shared/domain/region';
import { orderPayload, type AckState, type OrderPayload } from '../../shared/telemetry/orders';
import { ackTopic, orderTopic, telemetryTopic } from '../../shared/telemetry/topics';
import { payloadFor } from '../support/payloads';
import { testConfig, waitFor } from '../support/coreHarness';

/** The value, or a test failure naming what was missing. */
export function must<T>(v: T | undefined, what: string): T {
  if (v === undefined) throw new Error(`missing: ${what}`);
  return v;
}

/** 09:00 in Kaihua (UTC+8): units at even roster positions are 1 h into their shift. */
export const T0 = Date.UTC(2026, 2, 2, 0, 30, 0);

export class FakeClock {
  ms = T0;
  readonly now = (): number => this.ms;
  advance(ms: number): void {
    this.ms += ms;
  }
}

export async function startAt(
  dir: string,
  clock: FakeClock,
  overrides: Partial<CoreConfig> = {},
): Promise<ConsoleCore> {
  return ConsoleCore.start(testConfig(dir, overrides), clock.now);
}

/** One device: receives its orders (validated by the contract schema) and publishes acks. */
export class Device {
  readonly orders: OrderPayload[] = [];
  private constructor(
    readonly unit: RosterUnit,
    private readonly client: MqttClient,
  ) {}

  static async connect(
    url: string,
    unit: RosterUnit,
    login?: { username: string; password: string },
  ): Promise<Device> {
    const client = await connectAsync(url, {
      clientId: `dev-${unit.deviceId}-${Math.random().toString(36).slice(2, 8)}`,
      ...login,
    });
    const d = new Device(unit, client);
    client.on('message', (_topic, payload) => {
      d.orders.push(orderPayload.parse(JSON.parse(payload.toString())));
    });
    await client.subscribeAsync(orderTopic(unit.deviceId), { qos: 1 });
    return d;
  }

  async ack(orderId: string, state: AckState, tsMs: number, reason?: string): Promise<void> {
    const body = { v: 1, orderId, tsMs, state, ...(reason !== undefined ? { reason } : {}) };
    await this.client.publishAsync(ackTopic(this.unit.deviceId), JSON.stringify(body), { qos: 1 });
  }

  async report(at: LonLat, tsMs: number): Promise<void> {
    await this.client.publishAsync(
      telemetryTopic(this.unit.deviceId),
      JSON.stringify(payloadFor(this.unit, tsMs, at[0], at[1])),
      { qos: 1 },
    );
  }

  async close(): Promise<void> {
    await this.client.endAsync();
  }
}

/**
 * Plays the device of one roster unit (by unit id) on `url`: on the core's embedded broker it logs
 * in as itself, with a secret issued for it as `npm run devices` would.
 */
export async function deviceFor(
  core: ConsoleCore,
  unitId: string | undefined,
  url: string = core.url,
): Promise<Device> {
  const roster = (await core.api.getUnits()).map((s) => s.unit);
  const unit = must(
    roster.find((u) => u.id === unitId),
    `unit ${String(unitId)}`,
  );
  const embedded = url === core.url && core.simulatorLogin !== undefined;
  const login = embedded ? await issueDeviceLogin(core.config.dataDir, unit.deviceId) : undefined;
  return Device.connect(url, unit, login);
}

/** Publishes one position per unit and waits until the core has applied them all. */
export async function reportPositions(
  core: ConsoleCore,
  pub: MqttClient,
  units: readonly { unit: RosterUnit; at: LonLat }[],
  tsMs: number,
): Promise<void> {
  await Promise.all(
    units.map(({ unit, at }) =>
      pub.publishAsync(
        telemetryTopic(unit.deviceId),
        JSON.stringify(payloadFor(unit, tsMs, at[0], at[1])),
        { qos: 1 },
      ),
    ),
  );
  const ids = new Set(units.map((u) => u.unit.id));
  await waitFor(
    () => core.api.getUnits(),
    (snap) => snap.filter((s) => ids.has(s.unit.id) && s.last?.tsMs === tsMs).length === ids.size,
  );
}

/** Every roster unit at its home station. */
export async function everyoneAtStation(
  core: ConsoleCore,
  pub: MqttClient,
  tsMs: number,
): Promise<RosterUnit[]> {
  const region = await core.api.getRegion();
  const roster = (await core.api.getUnits()).map((s) => s.unit);
  const at = new Map(region.stations.map((s) => [s.id, s.lonLat]));
  await reportPositions(
    core,
    pub,
    roster.map((unit) => ({ unit, at: at.get(unit.stationId) ?? region.info.center })),
    tsMs,
  );
  return roster;
}

export async function requestState(core: ConsoleCore, id: string): Promise<string | undefined> {
  return (await core.api.listSupport()).find((r) => r.id === id)?.state;
}
