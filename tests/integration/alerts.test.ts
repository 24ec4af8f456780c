import { afterEach, describe, expect, it } from 'vitest';
import type { ConsoleCore } from '../../electron/core/ConsoleCore';
import type { AlertEvent } from '../../shared/domain/alerts';
import type { RosterUnit } from '../../shared/domain/units';
import { eventTopic, statusTopic, telemetryTopic } from '../../shared/telemetry/topics';
import { connectPublisher, startCore, tempDir, waitFor } from '../support/coreHarness';

const OPERATOR = '值班长 李明';

function pick(units: readonly RosterUnit[], kind: RosterUnit['kind']): RosterUnit {
  const u = units.find((x) => x.kind === kind);
  if (!u) throw new Error(`roster has no ${kind}`);
  return u;
}

describe('alerts: real core + embedded broker + SQLite', () => {
  const cleanup: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const fn of cleanup.splice(0).reverse()) await fn();
  });

  it('raises SOS and low battery from published traffic, persists them across a restart, acknowledges once', async () => {
    const tmp = tempDir();
    cleanup.push(tmp.remove);
    let core: ConsoleCore = await startCore(tmp.dir, { operator: OPERATOR });
    const units = (await core.api.getUnits()).map((s) => s.unit);
    const cam = pick(units, 'officer-pair');
    const drone = pick(units, 'drone');
    const events: AlertEvent[] = [];
    core.api.on('alert', (e) => events.push(e));

    const pub = await connectPublisher(core);
    const now = Date.now();
    // SOS pressed on the body-cam (telemetry sos:true), a drone reporting 18 % battery.
    await pub.publishAsync(
      telemetryTopic(cam.deviceId),
      JSON.stringify({ v: 1, kind: 'bodycam', tsMs: now, lon: 118.41, lat: 29.14, sos: true }),
      { qos: 1 },
    );
    await pub.publishAsync(
      telemetryTopic(drone.deviceId),
      JSON.stringify({
        v: 1,
        kind: 'drone',
        tsMs: now,
        lon: 118.4,
        lat: 29.1,
        batteryPct: 18,
        altAglM: 80,
      }),
      { qos: 1 },
    );
    const listed = await waitFor(
      () => core.api.listAlerts(),
      (l) => l.length >= 2,
    );
    expect(listed.map((a) => [a.kind, a.unitId]).sort()).toEqual([
      ['low-battery', drone.id],
      ['sos', cam.id],
    ]);
    expect(listed.find((a) => a.kind === 'low-battery')?.value).toBe(18);
    expect(events.map((e) => e.change)).toEqual(['raised', 'raised']);
    await pub.endAsync();

    await core.stop();
    core = await startCore(tmp.dir, { operator: OPERATOR });
    cleanup.push(() => core.stop());
    const afterRestart = await core.api.listAlerts();
    expect(afterRestart).toEqual(listed);

    const sos = afterRestart.find((a) => a.kind === 'sos');
    if (!sos) throw new Error('no SOS after restart');
    const before = Date.now();
    const acked = await core.api.ackAlert(sos.id);
    expect(acked.ackedBy).toBe(OPERATOR);
    expect(acked.ackedMs).toBeGreaterThanOrEqual(before);
    await expect(core.api.ackAlert(sos.id)).rejects.toThrow(
      new RegExp(`^alert ${sos.id} was already acknowledged by ${OPERATOR} at `),
    );
    await expect(core.api.ackAlert(987_654)).rejects.toThrow('unknown alert id 987654');
    expect((await core.api.listAlerts()).find((a) => a.id === sos.id)).toEqual(acked);
  });

  it('takes event and status topics from the broker and counts bad ones by reason', async () => {
    const tmp = tempDir();
    cleanup.push(tmp.remove);
    const core = await startCore(tmp.dir);
    cleanup.push(() => core.stop());
    const cam = pick(
      (await core.api.getUnits()).map((s) => s.unit),
      'officer-pair',
    );
    const events: AlertEvent[] = [];
    core.api.on('alert', (e) => events.push(e));
    const now = Date.now();
    const pub = await connectPublisher(core);
    cleanup.push(() => pub.endAsync());
    const send: [string, unknown][] = [
      [eventTopic(cam.deviceId), { v: 1, tsMs: now, type: 'sos', state: 'on' }],
      [eventTopic(cam.deviceId), { v: 1, tsMs: now + 1, type: 'sos', state: 'off' }],
      [statusTopic(cam.deviceId), { v: 1, tsMs: now, online: true, batteryPct: 9 }],
      [eventTopic(cam.deviceId), { v: 1, tsMs: now, type: 'sos', state: 'loud' }],
      [eventTopic('no-such-device'), { v: 1, tsMs: now, type: 'sos', state: 'on' }],
    ];
    // One publisher at QoS 1: the broker delivers in publish order.
    for (const [topic, body] of send)
      await pub.publishAsync(topic, JSON.stringify(body), { qos: 1 });
    await waitFor(
      () => core.live.ingest.counters.received,
      (n) => n >= send.length,
    );

    expect(events.map((e) => `${e.change}:${e.alert.kind}`)).toEqual([
      'raised:sos',
      'cleared:sos',
      'raised:low-battery',
    ]);
    const status = await core.api.getStatus();
    expect(status.accepted).toBe(3);
    expect(status.rejected.schema).toBe(1);
    expect(status.rejected['unknown-device']).toBe(1);
    // Released but never acknowledged: still listed, as cleared.
    const sos = (await core.api.listAlerts()).find((a) => a.kind === 'sos');
    expect(sos?.clearedMs).toBeDefined();
    expect(sos?.ackedMs).toBeUndefined();
  });
});
