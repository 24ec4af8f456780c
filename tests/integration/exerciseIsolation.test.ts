// An exercise beside live on one console and one real broker: its own store, its own namespace,
// its simulated units answering its orders; nothing crosses in either direction.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { connectAsync, type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConsoleCore } from '../../electron/core/ConsoleCore';
import type { ConsoleApi } from '../../shared/contract/ConsoleApi';
import type { LonLat } from '../../shared/domain/region';
import { orderPayload } from '../../shared/telemetry/orders';
import { startCore, tempDir, waitFor } from '../support/coreHarness';
import { mosquittoPath, requireOrSkip, startMosquitto, type Mosquitto } from '../support/mosquitto';
import { everyoneAtStation } from './supportHarness';

const present = requireOrSkip('mosquitto', mosquittoPath() !== undefined);
/** 2 km east of the Huabu police station. */
const SCENE: LonLat = [118.36837, 29.01818];

interface Seen {
  readonly topic: string;
  readonly body: string;
}

describe.skipIf(!present)('an exercise beside live', () => {
  const tmp = tempDir('muster-exercise-');
  let broker: Mosquitto;
  let core: ConsoleCore;
  let spy: MqttClient;
  let pub: MqttClient;
  const seen: Seen[] = [];

  beforeAll(async () => {
    broker = await startMosquitto(tmp.dir, '', undefined, {
      globalConfig: 'max_inflight_messages 10000',
    });
    spy = await connectAsync(broker.url, { clientId: 'spy-everything' });
    spy.on('message', (topic, payload) => seen.push({ topic, body: payload.toString() }));
    await spy.subscribeAsync('#', { qos: 0 });
    core = await startCore(tmp.dir, { brokerUrl: broker.url, mqttProtocol: 5, tickMs: 100 });
    pub = await connectAsync(broker.url, { clientId: 'live-devices' });
    await everyoneAtStation(core, pub, Date.now() - 1000);
  }, 60_000);
  afterAll(async () => {
    await pub?.endAsync();
    await spy?.endAsync();
    await core?.stop();
    await broker?.stop();
    tmp.remove();
  });

  it('keeps incidents, orders, telemetry and stores apart, both ways', async () => {
    const liveInc = await core.api.createIncident({
      type: 'public-disorder',
      grade: 'IV',
      lonLat: SCENE,
      description: 'live',
      reporter: '110',
    });
    expect(liveInc.drill).toBe(false);

    const ex = await core.api.startExercise({ name: '夜间联动演练', speed: 10 });
    expect(ex).toMatchObject({ kind: 'exercise', state: 'running', name: '夜间联动演练' });
    expect(ex.clock).toMatchObject({ mode: 'virtual', paused: true, speed: 10 });
    const exApi = core.apiFor(ex.id) as ConsoleApi;
    expect(exApi).toBeDefined();
    await exApi.controlClock({ type: 'resume' });
    // The exercise's simulated units report in its namespace.
    await waitFor(
      async () => (await exApi.getUnits()).filter((u) => u.last !== undefined).length,
      (n) => n >= 60,
      20_000,
    );

    const exInc = await exApi.createIncident({
      type: 'traffic-accident',
      grade: 'IV',
      lonLat: SCENE,
      description: 'exercise',
      reporter: 'facilitator',
    });
    expect(exInc.drill).toBe(true);
    expect(exInc.id.endsWith(`.${ex.id}`)).toBe(true);
    const req = await exApi.requestSupport(exInc.id);
    const unitIds = req.recommendation?.packages[0]?.units.map((u) => u.unitId) ?? [];
    expect(unitIds.length).toBeGreaterThan(0);
    await exApi.approveSupport(req.id, unitIds);
    // The simulated units obey: accepted and under way.
    const moving = await waitFor(
      async () => (await exApi.listSupport()).find((r) => r.id === req.id)?.state,
      (s) => s === 'en-route' || s === 'on-scene',
      20_000,
    );
    expect(['en-route', 'on-scene']).toContain(moving);

    // Incidents: each session sees its own only.
    expect((await core.api.listIncidents()).map((i) => i.id)).toEqual([liveInc.id]);
    expect((await exApi.listIncidents()).map((i) => i.id)).toEqual([exInc.id]);
    expect((await core.api.listSupport()).map((r) => r.id)).toEqual([]);

    // Orders: only in the exercise's namespace, each with the exercise mark.
    const prefix = `muster/v1/exercise/${ex.id}/devices/`;
    const orders = seen.filter((m) => m.topic.endsWith('/order'));
    expect(orders.length).toBeGreaterThanOrEqual(unitIds.length);
    for (const o of orders) {
      expect(o.topic.startsWith(prefix)).toBe(true);
      expect(orderPayload.parse(JSON.parse(o.body)).exercise).toEqual({
        id: ex.id,
        name: '夜间联动演练',
      });
    }
    // Telemetry: the exercise's units never published on a live topic, and live never took one.
    const liveTelemetry = seen.filter(
      (m) => m.topic.startsWith('muster/v1/devices/') && m.topic.endsWith('/telemetry'),
    );
    const roster = (await core.api.getUnits()).length;
    expect(liveTelemetry.length).toBe(roster); // the test's own one report per unit
    expect(core.live.ingest.counters.accepted).toBe(roster);
    expect(core.live.ingest.counters.rejectedTotal).toBe(0);

    // Stores: the exercise has its own file; its incident is nowhere in live's log.
    expect(existsSync(join(tmp.dir, 'exercises', `${ex.id}.db`))).toBe(true);
    expect([...core.live.log.all()].some((e) => e.subject === exInc.id)).toBe(false);
    const exLog = [...(core.exercise(ex.id)?.log.all() ?? [])];
    expect(exLog.map((e) => e.kind)).toEqual(
      expect.arrayContaining(['session-started', 'clock', 'incident-created', 'request']),
    );
    expect(exLog.some((e) => e.subject === liveInc.id)).toBe(false);

    // Ended: listed as such, its store kept; its api is gone.
    await core.api.endExercise(ex.id);
    expect(core.apiFor(ex.id)).toBeUndefined();
    const sessions = await core.api.listSessions();
    expect(sessions.map((s) => [s.kind, s.state])).toEqual([
      ['live', 'running'],
      ['exercise', 'ended'],
    ]);
    await expect(core.api.endExercise(ex.id)).rejects.toThrow(
      `exercise ${ex.id} has already ended`,
    );
  }, 90_000);

  it('refuses clock controls on live, which runs on the wall clock', async () => {
    await expect(core.api.controlClock({ type: 'pause' })).rejects.toThrow(
      'a live session runs on the wall clock',
    );
    await expect(core.api.controlClock({ type: 'speed', speed: 2 })).rejects.toThrow(
      'a live session runs on the wall clock',
    );
  });
});
