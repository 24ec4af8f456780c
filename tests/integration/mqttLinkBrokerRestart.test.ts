import { join } from 'node:path';
import Database from 'better-sqlite3';
import { connectAsync, type MqttClient } from 'mqtt';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { ConsoleCore } from '../../electron/core/ConsoleCore';
import type { RosterUnit } from '../../shared/domain/units';
import { telemetryTopic } from '../../shared/telemetry/topics';
import { startCore, tempDir, waitFor } from '../support/coreHarness';
import { mosquittoPath, requireOrSkip, startMosquitto, type Mosquitto } from '../support/mosquitto';
import { payloadFor } from '../support/payloads';

const present = requireOrSkip('mosquitto', mosquittoPath() !== undefined);

const RATE_HZ = 100;
const TOTAL = 500;
const KILL_AT = 150;
const DOWN_MS = 1200;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(!present)('broker SIGKILLed and restarted mid-stream', () => {
  const tmp = tempDir();
  let broker: Mosquitto | undefined;
  let core: ConsoleCore | undefined;
  let pub: MqttClient | undefined;
  afterAll(async () => {
    await pub?.endAsync(true);
    await core?.stop();
    await broker?.stop();
    tmp.remove();
  });

  it('reconnects by itself and keeps every QoS 1 sample exactly once', async () => {
    // Persistence: the console's session (its subscription and queue) survives the broker's death.
    // The terminal is told when the broker is lost and when it is back, once each, not per retry.
    const warned = vi.spyOn(console, 'warn');
    const logged = vi.spyOn(console, 'log');
    broker = await startMosquitto(tmp.dir, '', undefined, { persistence: true });
    const port = broker.port;
    core = await startCore(tmp.dir, { brokerUrl: broker.url, mqttProtocol: 'auto' });
    const c = core;
    await waitFor(
      () => c.live.status().broker.state,
      (s) => s === 'connected',
    );
    // A device gateway with its own persistent session: unacknowledged QoS 1 stays in its store
    // and is sent again when it reconnects.
    pub = await connectAsync(broker.url, {
      clientId: `test-gateway-${process.pid}`,
      clean: false,
      reconnectPeriod: 200,
      protocolVersion: 5,
      properties: { sessionExpiryInterval: 600 },
    });
    const units: readonly RosterUnit[] = (await c.api.getUnits()).map((s) => s.unit).slice(0, 10);
    const t0 = Date.now() - 60_000;
    const expected = new Set<string>();
    const acked: Promise<void>[] = [];
    let restartedAtMs = 0;
    for (let i = 0; i < TOTAL; i++) {
      const u = units[i % units.length] as RosterUnit;
      const tsMs = t0 + Math.floor(i / units.length) * 100;
      expected.add(`${u.id}@${tsMs}`);
      const body = JSON.stringify(payloadFor(u, tsMs, 118.4 + i * 1e-5, 29.2));
      const p = pub;
      acked.push(
        new Promise<void>((resolve, reject) =>
          p.publish(telemetryTopic(u.deviceId), body, { qos: 1 }, (err) =>
            err ? reject(err) : resolve(),
          ),
        ),
      );
      if (i === KILL_AT) {
        await broker.kill('SIGKILL');
        const killedMs = Date.now();
        void sleep(DOWN_MS).then(async () => {
          broker = await startMosquitto(tmp.dir, '', port, { persistence: true });
          restartedAtMs = Date.now() - killedMs;
        });
      }
      await sleep(1000 / RATE_HZ);
    }
    await Promise.all(acked);
    expect(restartedAtMs).toBeGreaterThanOrEqual(DOWN_MS);
    const status = await waitFor(
      () => c.live.status().broker,
      (b) => b.state === 'connected',
    );
    expect(status.reconnects).toBeGreaterThanOrEqual(1);
    await waitFor(
      () => {
        c.live.tick();
        return c.live.repo.sampleCount();
      },
      (n) => n >= TOTAL,
      15_000,
    );
    c.live.tick();

    const db = new Database(join(tmp.dir, 'muster.db'), { readonly: true });
    try {
      const rows = db
        .prepare<[], { unit_id: string; ts_ms: number }>(
          'SELECT unit_id, ts_ms FROM telemetry_sample',
        )
        .all();
      const keys = rows.map((r) => `${r.unit_id}@${r.ts_ms}`);
      expect(new Set(keys).size).toBe(keys.length);
      expect(keys.length).toBe(TOTAL);
      expect(new Set(keys)).toEqual(expected);
    } finally {
      db.close();
    }
    const said = (spy: typeof warned, text: string): number =>
      spy.mock.calls.filter((args) => String(args[0]).includes(text)).length;
    expect(said(warned, `broker ${broker.url}: NOT connected`)).toBe(1);
    expect(said(logged, `broker ${broker.url}: connected again`)).toBe(1);
    warned.mockRestore();
    logged.mockRestore();
    console.log(
      `broker restart: ${TOTAL} QoS 1 published, ${c.live.repo.sampleCount()} stored, ` +
        `${c.live.ingest.counters.accepted - TOTAL} redelivered, reconnects ${status.reconnects}, ` +
        `broker down ${restartedAtMs} ms`,
    );
  });
});
