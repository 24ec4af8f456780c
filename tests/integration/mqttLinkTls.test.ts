import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBrokerTls } from '../../electron/core/config';
import type { ConsoleCore } from '../../electron/core/ConsoleCore';
import type { RosterUnit } from '../../shared/domain/units';
import { telemetryTopic } from '../../shared/telemetry/topics';
import { startCore, tempDir, testConfig, waitFor } from '../support/coreHarness';
import {
  mosquittoPub,
  requireMosquittoPub,
  startMosquitto,
  type Mosquitto,
} from '../support/mosquitto';
import { payloadFor } from '../support/payloads';
import { hasOpenssl, makePasswordFile, makeTestPki, type TestPki } from '../support/tls';

const present = requireMosquittoPub({ what: 'openssl', present: hasOpenssl() });

const USER = 'console';
const PASSWORD = 'c0rrect-horse';

/** Publishes n documented samples per unit with mosquitto_pub over TLS; returns how many. */
async function publishSamples(
  port: number,
  auth: readonly string[],
  units: readonly RosterUnit[],
  t0: number,
  n: number,
): Promise<number> {
  let count = 0;
  for (const [i, u] of units.entries()) {
    for (let k = 0; k < n; k++) {
      const body = JSON.stringify(payloadFor(u, t0 + k * 1000, 118.3 + i * 0.01, 29.1 + k * 1e-3));
      await mosquittoPub([
        '-h',
        '127.0.0.1',
        '-p',
        String(port),
        ...auth,
        '-q',
        '1',
        '-t',
        telemetryTopic(u.deviceId),
        '-m',
        body,
      ]);
      count++;
    }
  }
  return count;
}

describe.skipIf(!present)('MQTT link over TLS to Debian mosquitto', () => {
  const tmp = tempDir();
  let pki: TestPki;
  let pwBroker: Mosquitto;
  let certBroker: Mosquitto;
  const cores: ConsoleCore[] = [];
  const dirs: (() => void)[] = [];

  beforeAll(async () => {
    pki = makeTestPki(tmp.dir);
    const passwd = makePasswordFile(tmp.dir, { [USER]: PASSWORD });
    const tls = [
      `cafile ${pki.caFile}`,
      `certfile ${pki.serverCertFile}`,
      `keyfile ${pki.serverKeyFile}`,
    ];
    pwBroker = await startMosquitto(
      tmp.dir,
      [...tls, 'allow_anonymous false', `password_file ${passwd}`].join('\n'),
    );
    certBroker = await startMosquitto(
      tmp.dir,
      [...tls, 'require_certificate true', 'use_identity_as_username true'].join('\n'),
    );
  });
  afterAll(async () => {
    for (const c of cores) await c.stop();
    for (const remove of dirs) remove();
    await pwBroker?.stop();
    await certBroker?.stop();
    tmp.remove();
  });

  async function core(name: string, overrides: Parameters<typeof startCore>[1]) {
    const dir = tempDir(`muster-${name}-`);
    dirs.push(dir.remove);
    const c = await startCore(dir.dir, { clientId: `muster-test-${name}`, ...overrides });
    cores.push(c);
    return c;
  }

  it('verifies the broker with the CA, logs in with a password and ingests mosquitto_pub samples', async () => {
    const c = await core('pw', {
      brokerUrl: `mqtts://127.0.0.1:${pwBroker.port}`,
      brokerCaFile: pki.caFile,
      brokerUsername: USER,
      brokerPassword: PASSWORD,
      mqttProtocol: 'auto',
    });
    const status = await waitFor(
      async () => (await c.api.getStatus()).broker,
      (b) => b.state === 'connected',
    );
    expect(status).toMatchObject({ state: 'connected', lastError: undefined, protocol: 5 });
    const units = (await c.api.getUnits()).map((s) => s.unit).slice(0, 3);
    const auth = ['--cafile', pki.caFile, '-u', USER, '-P', PASSWORD];
    const n = await publishSamples(pwBroker.port, auth, units, Date.now() - 20_000, 4);
    await waitFor(
      () => c.live.ingest.counters.accepted,
      (a) => a >= n,
    );
    c.live.tick();
    expect(c.live.ingest.counters.accepted).toBe(n);
    expect(c.live.repo.sampleCount()).toBe(n);
  });

  it('shows a wrong password as the link error and keeps running', async () => {
    const c = await core('badpw', {
      brokerUrl: `mqtts://127.0.0.1:${pwBroker.port}`,
      brokerCaFile: pki.caFile,
      brokerUsername: USER,
      brokerPassword: 'wrong',
      mqttProtocol: 5,
    });
    const b = await waitFor(
      async () => (await c.api.getStatus()).broker,
      (x) => x.lastError !== undefined,
    );
    expect(b.state).not.toBe('connected');
    expect(b.lastError).toMatch(/not authorized|bad user ?name or password/i);
    // Still alive: it keeps retrying with backoff and answers the API.
    await new Promise((r) => setTimeout(r, 700));
    expect((await c.api.getStatus()).broker.state).toMatch(/^(reconnecting|connecting)$/);
  });

  it('refuses a broker whose certificate it cannot verify (no CA given)', async () => {
    const c = await core('noca', {
      brokerUrl: `mqtts://127.0.0.1:${pwBroker.port}`,
      brokerUsername: USER,
      brokerPassword: PASSWORD,
    });
    const b = await waitFor(
      async () => (await c.api.getStatus()).broker,
      (x) => x.lastError !== undefined,
    );
    expect(b.state).not.toBe('connected');
    expect(b.lastError).toMatch(/certificate/i);
  });

  it('names an unreadable CA file at start', async () => {
    const missing = `${tmp.dir}/no-such-ca.pem`;
    await expect(
      core('missingca', { brokerUrl: `mqtts://127.0.0.1:${pwBroker.port}`, brokerCaFile: missing }),
    ).rejects.toThrow(/--broker-ca: cannot read ".*no-such-ca\.pem"/);
  });

  it('refuses a file that is not PEM, and a certificate without its key', () => {
    const base = testConfig(tmp.dir);
    expect(() => readBrokerTls({ ...base, brokerCaFile: pki.serverKeyFile })).not.toThrow();
    expect(() => readBrokerTls({ ...base, brokerCaFile: `${tmp.dir}/passwd` })).toThrow(
      /^--broker-ca: ".*passwd" is not a PEM file$/,
    );
    expect(() => readBrokerTls({ ...base, brokerCertFile: pki.clientCertFile })).toThrow(
      /--broker-cert and --broker-key must be given together/,
    );
    expect(readBrokerTls(base)).toBeUndefined();
    expect(
      readBrokerTls({
        ...base,
        brokerCaFile: pki.caFile,
        brokerCertFile: pki.clientCertFile,
        brokerKeyFile: pki.clientKeyFile,
      }),
    ).toEqual({
      ca: readFileSync(pki.caFile, 'utf8'),
      cert: readFileSync(pki.clientCertFile, 'utf8'),
      key: readFileSync(pki.clientKeyFile, 'utf8'),
    });
  });

  it('authenticates with a client certificate when the broker requires one', async () => {
    const c = await core('cert', {
      brokerUrl: `mqtts://127.0.0.1:${certBroker.port}`,
      brokerCaFile: pki.caFile,
      brokerCertFile: pki.clientCertFile,
      brokerKeyFile: pki.clientKeyFile,
    });
    await waitFor(
      async () => (await c.api.getStatus()).broker.state,
      (s) => s === 'connected',
    );
    const units = (await c.api.getUnits()).map((s) => s.unit).slice(10, 12);
    const auth = ['--cafile', pki.caFile, '--cert', pki.clientCertFile, '--key', pki.clientKeyFile];
    const n = await publishSamples(certBroker.port, auth, units, Date.now() - 10_000, 3);
    await waitFor(
      () => c.live.ingest.counters.accepted,
      (a) => a >= n,
    );
    c.live.tick();
    expect(c.live.repo.sampleCount()).toBe(n);

    // A certificate from a CA the broker does not trust is turned away.
    const stranger = await core('stranger', {
      brokerUrl: `mqtts://127.0.0.1:${certBroker.port}`,
      brokerCaFile: pki.caFile,
      brokerCertFile: pki.strangerCertFile,
      brokerKeyFile: pki.strangerKeyFile,
    });
    const b = await waitFor(
      async () => (await stranger.api.getStatus()).broker,
      (x) => x.lastError !== undefined,
    );
    expect(b.state).not.toBe('connected');
  });
});
