import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConsoleCore } from '../../electron/core/ConsoleCore';
import { telemetryTopic } from '../../shared/telemetry/topics';
import { startCore, tempDir, waitFor } from '../support/coreHarness';
import {
  mosquittoPub,
  requireMosquittoPub,
  startMosquitto,
  type Mosquitto,
} from '../support/mosquitto';
import { payloadFor } from '../support/payloads';

const present = requireMosquittoPub();

describe.skipIf(!present)('core against Debian mosquitto, mosquitto_pub as the device', () => {
  const tmp = tempDir();
  let broker: Mosquitto;
  let core: ConsoleCore;

  beforeAll(async () => {
    broker = await startMosquitto(tmp.dir);
    core = await startCore(tmp.dir, { brokerUrl: broker.url, mqttProtocol: 5 });
    await waitFor(
      async () => (await core.api.getStatus()).broker.state,
      (s) => s === 'connected',
    );
  });
  afterAll(async () => {
    await core?.stop();
    await broker?.stop();
    tmp.remove();
  });

  it('persists samples published by an outside client at QoS 0 and 1', async () => {
    const status = await core.api.getStatus();
    expect(status.broker).toMatchObject({ embedded: false, state: 'connected', url: broker.url });
    const units = (await core.api.getUnits()).map((s) => s.unit).slice(0, 6);
    const t0 = Date.now() - 30_000;
    let n = 0;
    for (const [i, u] of units.entries()) {
      for (let k = 0; k < 5; k++) {
        const body = JSON.stringify(
          payloadFor(u, t0 + k * 1000, 118.2 + i * 0.01, 29.0 + k * 0.001),
        );
        await mosquittoPub([
          '-h',
          '127.0.0.1',
          '-p',
          String(broker.port),
          '-q',
          String(k % 2),
          '-t',
          telemetryTopic(u.deviceId),
          '-m',
          body,
        ]);
        n++;
      }
    }
    // One malformed message from the same outside client is counted, not fatal.
    await mosquittoPub([
      '-h',
      '127.0.0.1',
      '-p',
      String(broker.port),
      '-t',
      telemetryTopic(units[0]?.deviceId ?? 'x'),
      '-m',
      '{"v":1,',
    ]);
    await waitFor(
      () => core.live.ingest.counters.accepted + core.live.ingest.counters.rejectedTotal,
      (c) => c >= n + 1,
    );
    core.live.tick();
    expect(core.live.ingest.counters.accepted).toBe(n);
    expect(core.live.ingest.counters.rejected['malformed-json']).toBe(1);
    expect(core.live.repo.sampleCount()).toBe(n);
    const snap = await core.api.getUnits();
    for (const [i, u] of units.entries()) {
      const s = snap.find((x) => x.unit.id === u.id);
      expect(s?.last?.tsMs).toBe(t0 + 4000);
      expect(s?.last?.lon).toBeCloseTo(118.2 + i * 0.01, 9);
      expect(s?.last?.lat).toBeCloseTo(29.004, 9);
    }
  });
});
