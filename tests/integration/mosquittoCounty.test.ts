import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { connectAsync, type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConsoleCore } from '../../electron/core/ConsoleCore';
import type { RosterUnit } from '../../shared/domain/units';
import { orderTopic, telemetryTopic } from '../../shared/telemetry/topics';
import { RESOURCES_DIR, startCore, tempDir, waitFor } from '../support/coreHarness';
import {
  freePort,
  mosquittoPub,
  requireMosquittoPub,
  runMosquitto,
  type Mosquitto,
} from '../support/mosquitto';
import { payloadFor } from '../support/payloads';
import { makePasswordFile } from '../support/tls';

const present = requireMosquittoPub();
const BROKER_DIR = resolve(RESOURCES_DIR, 'broker');
const ROSTER = JSON.parse(
  readFileSync(join(RESOURCES_DIR, 'regions/kaihua/roster.json'), 'utf8'),
) as RosterUnit[];
const A = ROSTER[0] as RosterUnit;
const B = ROSTER[1] as RosterUnit;
const CONSOLE_PW = 'console-secret-1';
const pwOf = (u: RosterUnit) => `pw-${u.deviceId}`;

/**
 * The shipped file with only what a test machine needs changed: the listener's port (loopback),
 * the file paths, logging to stderr, and `user root` (mosquitto started as root would otherwise
 * drop to its own user, which cannot read the test's temporary files).
 */
function testConfig(dir: string, port: number): string {
  const shipped = readFileSync(join(BROKER_DIR, 'mosquitto-county.conf'), 'utf8');
  const conf = shipped
    .replace(/^listener 1883$/m, `listener ${port} 127.0.0.1`)
    .replace(/^persistence_location .*$/m, `persistence_location ${dir}/`)
    .replace(/^password_file .*$/m, `password_file ${dir}/muster.passwd`)
    .replace(/^acl_file .*$/m, `acl_file ${dir}/muster.acl`)
    .replace(/^log_dest syslog$/m, 'log_dest stderr\nuser root');
  expect(conf).not.toBe(shipped);
  const file = join(dir, 'muster.conf');
  writeFileSync(file, conf);
  writeFileSync(join(dir, 'muster.acl'), readFileSync(join(BROKER_DIR, 'muster.acl')));
  return file;
}

describe.skipIf(!present)('the shipped county mosquitto configuration', () => {
  const tmp = tempDir();
  let port: number;
  let conf: string;
  let broker: Mosquitto;
  let core: ConsoleCore | undefined;
  const clients: MqttClient[] = [];

  const device = async (u: RosterUnit, password = pwOf(u)): Promise<MqttClient> => {
    const c = await connectAsync(broker.url, {
      clientId: `dev-${u.deviceId}`,
      username: u.deviceId,
      password,
      protocolVersion: 5,
      reconnectPeriod: 0,
    });
    clients.push(c);
    return c;
  };
  const startConsole = async (): Promise<ConsoleCore> => {
    const c = await startCore(tmp.dir, {
      brokerUrl: broker.url,
      brokerUsername: 'muster-console',
      brokerPassword: CONSOLE_PW,
      mqttProtocol: 5,
      clientId: 'muster-console-county',
    });
    await waitFor(
      async () => (await c.api.getStatus()).broker.state,
      (s) => s === 'connected',
    );
    return c;
  };
  const sample = (u: RosterUnit, tsMs: number) => JSON.stringify(payloadFor(u, tsMs, 118.4, 29.1));
  const stored = async (c: ConsoleCore, u: RosterUnit) =>
    (await c.api.getTrack(u.id, 0, Date.now())).map((p) => p.tsMs);

  beforeAll(async () => {
    port = await freePort();
    conf = testConfig(tmp.dir, port);
    makePasswordFile(
      tmp.dir,
      { 'muster-console': CONSOLE_PW, [A.deviceId]: pwOf(A), [B.deviceId]: pwOf(B) },
      'muster.passwd',
    );
    broker = await runMosquitto(conf, port);
    core = await startConsole();
  }, 60_000);
  afterAll(async () => {
    for (const c of clients) await c.endAsync(true).catch(() => undefined);
    await core?.stop();
    await broker?.stop();
    tmp.remove();
  });

  it('refuses a client without credentials, or with a wrong password', async () => {
    await expect(
      connectAsync(broker.url, { reconnectPeriod: 0, connectTimeout: 3000 }),
    ).rejects.toThrow(/Not authorized|Bad User Name or Password/i);
    await expect(device(A, 'wrong')).rejects.toThrow(/Not authorized|Bad User Name or Password/i);
  });

  it("passes a device's own reports (mosquitto_pub as the device), refuses another's topic", async () => {
    if (!core) throw new Error('no console');
    const t0 = Date.now() - 60_000;
    const pub = (u: RosterUnit, topicOf: RosterUnit, tsMs: number) =>
      mosquittoPub([
        ...['-h', '127.0.0.1', '-p', String(port), '-V', 'mqttv5', '-q', '1'],
        ...['-u', u.deviceId, '-P', pwOf(u)],
        ...['-t', telemetryTopic(topicOf.deviceId), '-m', sample(topicOf, tsMs)],
      ]);
    await pub(A, B, t0); // A pretending to be B
    await pub(A, A, t0 + 1000);
    const c = core;
    expect(
      await waitFor(
        () => stored(c, A),
        (ts) => ts.includes(t0 + 1000),
      ),
    ).toContain(t0 + 1000);
    await pub(B, B, t0 + 2000);
    expect(
      await waitFor(
        () => stored(c, B),
        (ts) => ts.length > 0,
      ),
    ).toEqual([t0 + 2000]);
  });

  it('lets a device read only its own orders; the console orders anyone', async () => {
    const a = await device(A);
    const got: string[] = [];
    a.on('message', (topic) => got.push(topic));
    await a.subscribeAsync([orderTopic(A.deviceId), orderTopic(B.deviceId)], { qos: 1 });
    const console_ = await connectAsync(broker.url, {
      clientId: 'muster-console-orders',
      username: 'muster-console',
      password: CONSOLE_PW,
      protocolVersion: 5,
    });
    clients.push(console_);
    await console_.publishAsync(orderTopic(B.deviceId), '{"for":"B"}', { qos: 1 });
    await console_.publishAsync(orderTopic(A.deviceId), '{"for":"A"}', { qos: 1 });
    await waitFor(
      () => got.length,
      (n) => n > 0,
    );
    await new Promise((r) => setTimeout(r, 300));
    expect(got).toEqual([orderTopic(A.deviceId)]);
  });

  it("keeps the console's session and its queue across a broker restart", async () => {
    if (!core) throw new Error('no console');
    await core.stop();
    core = undefined;
    const a = await device(A);
    const t0 = Date.now() - 30_000;
    for (let i = 0; i < 50; i++)
      await a.publishAsync(telemetryTopic(A.deviceId), sample(A, t0 + i), { qos: 1 });
    await a.endAsync();
    await broker.stop(); // persistence: the queue is saved on shutdown
    broker = await runMosquitto(conf, port);
    core = await startConsole();
    const c = core;
    const want = Array.from({ length: 50 }, (_, i) => t0 + i);
    const have = await waitFor(
      async () => (await stored(c, A)).filter((ts) => ts >= t0),
      (ts) => ts.length >= 50,
    );
    expect(have).toEqual(want);
    expect((await c.api.listAlerts()).filter((x) => x.kind === 'data-gap')).toEqual([]);
  });
});
