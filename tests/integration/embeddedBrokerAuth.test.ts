import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { connectAsync } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConsoleCore } from '../../electron/core/ConsoleCore';
import type { BrokerRefusal } from '../../shared/domain/status';
import { eventTopic, orderTopic, telemetryTopic } from '../../shared/telemetry/topics';
import { startCore, tempDir, waitFor } from '../support/coreHarness';
import { freePort, mosquittoPub, requireMosquittoPub } from '../support/mosquitto';
import { issueDeviceLogin } from '../support/gatedBroker';
import { hasOpenssl, makeTestPki, type TestPki } from '../support/tls';

// The embedded broker asks everyone who they are (issue 14, item 2). Debian's mosquitto_pub and
// mosquitto_sub play outside clients: a local process with no login, a wrong one, a device that
// reaches for another device's topics. (The console's own sources and its simulator log in with
// logins made at each start: coreEmbedded.test.ts runs the simulator end to end through the gate.)
const present = requireMosquittoPub({ what: 'openssl', present: hasOpenssl() });
const run = promisify(execFile);

const CAM = 'bc-chengguan-01';
const CAM_UNIT = 'chengguan-01';
const OTHER = 'bc-chengguan-02';
const OTHER_UNIT = 'chengguan-02';

type Login = { readonly username: string; readonly password: string };
const loginArgs = (who: Login | undefined): string[] =>
  who ? ['-u', who.username, '-P', who.password] : [];

const sos = (tsMs: number): string => JSON.stringify({ v: 1, tsMs, type: 'sos', state: 'on' });
const fix = (tsMs: number): string =>
  JSON.stringify({ v: 1, kind: 'bodycam', tsMs, lon: 118.41, lat: 29.14 });

/** Runs an outside client; its exit code and what it printed. */
async function outside(
  cmd: string,
  args: readonly string[],
): Promise<{ code: number; out: string }> {
  try {
    const r = await run(cmd, [...args], { timeout: 10_000 });
    return { code: 0, out: r.stdout + r.stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, out: `${e.stdout}${e.stderr}` };
  }
}

describe.skipIf(!present)('the embedded broker authenticates and authorises', () => {
  const tmp = tempDir('muster-auth-');
  let core: ConsoleCore;
  let port: string;
  let pki: TestPki;
  let tlsPort: number;
  const refused = async (): Promise<Record<BrokerRefusal, number>> =>
    (await core.api.getStatus()).broker.refused as Record<BrokerRefusal, number>;
  /** mosquitto_pub at QoS 1 on the plain listener, logged in as `who` (or as nobody). */
  const publish = (who: Login | undefined, topic: string, message: string) =>
    outside('mosquitto_pub', [
      '-p',
      port,
      '-q',
      '1',
      ...loginArgs(who),
      '-t',
      topic,
      '-m',
      message,
    ]);
  /** mosquitto_sub for 2 s on the plain listener. */
  const subscribe = (who: Login, filter: string) =>
    outside('mosquitto_sub', ['-p', port, ...loginArgs(who), '-t', filter, '-W', '2']);

  beforeAll(async () => {
    pki = makeTestPki(tmp.dir, CAM);
    tlsPort = await freePort();
    core = await startCore(tmp.dir, {
      brokerListen: {
        host: '127.0.0.1',
        port: 0,
        tls: {
          port: tlsPort,
          certFile: pki.serverCertFile,
          keyFile: pki.serverKeyFile,
          caFile: pki.caFile,
        },
      },
    });
    port = new URL(core.url).port;
  }, 30_000);
  afterAll(async () => {
    await core?.stop();
    tmp.remove();
  });

  it('refuses a client with no login, a wrong one, or a name not in the roster, and counts each', async () => {
    const before = await refused();
    const anonymous = await publish(undefined, eventTopic(CAM), sos(Date.now()));
    expect(anonymous.code).not.toBe(0);
    expect(anonymous.out).toMatch(/not authori[sz]ed/i);
    await issueDeviceLogin(tmp.dir, CAM);
    const wrong = await publish(
      { username: CAM, password: 'not-the-secret' },
      eventTopic(CAM),
      sos(Date.now()),
    );
    expect(wrong.code).not.toBe(0);
    expect(wrong.out).toMatch(/bad user name or password/i);
    const stranger = await publish(
      { username: 'laptop-7', password: 'whatever' },
      eventTopic(CAM),
      'x',
    );
    expect(stranger.code).not.toBe(0);
    const after = await refused();
    expect(after['no-credentials'] - before['no-credentials']).toBe(1);
    expect(after['bad-credentials'] - before['bad-credentials']).toBe(1);
    expect(after['unknown-device'] - before['unknown-device']).toBe(1);
  });

  it("never lets a fake SOS reach the alert list; a device's own SOS does", async () => {
    const cam = await issueDeviceLogin(tmp.dir, CAM);
    const before = await refused();
    // A local process with no login, then the body-cam itself raising an SOS for another unit.
    await publish(undefined, eventTopic(OTHER), sos(Date.now()));
    await publish(cam, eventTopic(OTHER), sos(Date.now()));
    // Then its own: it must arrive, and be the only SOS the console shows.
    expect((await publish(cam, eventTopic(CAM), sos(Date.now()))).code).toBe(0);
    const alerts = await waitFor(
      () => core.api.listAlerts(),
      (l) => l.some((a) => a.kind === 'sos'),
    );
    expect(alerts.filter((a) => a.kind === 'sos').map((a) => a.unitId)).toEqual([CAM_UNIT]);
    expect(alerts.some((a) => a.unitId === OTHER_UNIT)).toBe(false);
    const after = await refused();
    expect(after['no-credentials'] - before['no-credentials']).toBe(1);
    expect(after['publish-denied'] - before['publish-denied']).toBe(1);
  });

  it('lets a device read its own orders only', async () => {
    const cam = await issueDeviceLogin(tmp.dir, CAM);
    const before = await refused();
    const wide = await subscribe(cam, '#');
    expect(wide.out).toMatch(/denied/i);
    const others = await subscribe(cam, orderTopic(OTHER));
    expect(others.out).toMatch(/denied/i);
    const own = await connectAsync(core.url, { ...cam, reconnectPeriod: 0 });
    try {
      const granted = await own.subscribeAsync(orderTopic(CAM), { qos: 1 });
      expect(granted.map((g) => g.qos)).toEqual([1]);
    } finally {
      await own.endAsync();
    }
    const after = await refused();
    expect(after['subscribe-denied'] - before['subscribe-denied']).toBe(2);
  });

  it('takes a device certificate (CN = deviceId) or a secret on TLS, and refuses a stranger', async () => {
    const tls = `mqtts://127.0.0.1:${tlsPort}`;
    expect(core.tlsUrl).toBe(tls);
    const ts = Date.now() + 1_000;
    await mosquittoPub([
      '-p',
      String(tlsPort),
      '--cafile',
      pki.caFile,
      '--cert',
      pki.deviceCertFile,
      '--key',
      pki.deviceKeyFile,
      '-q',
      '1',
      '-t',
      telemetryTopic(CAM),
      '-m',
      fix(ts),
    ]);
    const stored = await waitFor(
      async () => (await core.api.getUnits()).find((u) => u.unit.id === CAM_UNIT)?.last?.tsMs,
      (t) => t === ts,
    );
    expect(stored).toBe(ts);
    const cam = await issueDeviceLogin(tmp.dir, CAM);
    const bySecret = await connectAsync(tls, {
      ...cam,
      ca: readFileSync(pki.caFile),
      reconnectPeriod: 0,
    });
    expect(bySecret.connected).toBe(true);
    await bySecret.endAsync();
    const before = await refused();
    const stranger = await outside('mosquitto_pub', [
      '-p',
      String(tlsPort),
      '--cafile',
      pki.caFile,
      '--cert',
      pki.strangerCertFile,
      '--key',
      pki.strangerKeyFile,
      '-t',
      telemetryTopic(CAM),
      '-m',
      fix(Date.now()),
    ]);
    expect(stranger.code).not.toBe(0);
    const after = await refused();
    expect(after['bad-certificate'] - before['bad-certificate']).toBe(1);
  });
});
