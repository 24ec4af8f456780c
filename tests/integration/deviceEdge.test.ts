import { afterAll, describe, expect, it } from 'vitest';
import type { ConsoleCore } from '../../electron/core/ConsoleCore';
import { eventTopic, statusTopic, telemetryTopic } from '../../shared/telemetry/topics';
import { connectPublisher, startCore, tempDir, waitFor } from '../support/coreHarness';

// The device edge as an integrator meets it on day one (issue 14, item 5), over the embedded broker
// and a real store: a Last Will marks its unit offline at once, whatever time it carries; a deleted
// retained status is not an error; a late SOS still reaches the commander; and what was refused
// survives a restart, counted and inspectable.
const CAM = { deviceId: 'bc-chengguan-01', unitId: 'chengguan-01' };

describe('the device edge', () => {
  const tmp = tempDir('muster-edge-');
  let core: ConsoleCore | undefined;
  afterAll(async () => {
    await core?.stop();
    tmp.remove();
  });

  it('takes Wills, deleted statuses and late SOS; keeps its refusals across a restart', async () => {
    const first = await startCore(tmp.dir);
    core = first;
    const units = (await first.api.getUnits()).map((s) => s.unit);
    const car = units.find((u) => u.kind === 'patrol-car');
    if (!car) throw new Error('no patrol car in the roster');
    const pub = await connectPublisher(first);
    const now = Date.now();
    await pub.publishAsync(
      telemetryTopic(CAM.deviceId),
      JSON.stringify({
        v: 1,
        kind: 'bodycam',
        tsMs: now,
        lon: 118.41,
        lat: 29.14,
        sos: false,
        batteryPct: null,
      }),
      { qos: 1 },
    );
    await pub.publishAsync(
      telemetryTopic(car.deviceId),
      JSON.stringify({ v: 1, kind: 'vehicle', tsMs: now, lon: 118.42, lat: 29.15 }),
      { qos: 1 },
    );
    const online = await waitFor(
      () => first.api.getUnits(),
      (l) => l.find((u) => u.unit.id === car.id)?.liveness === 'online',
    );
    expect(online.find((u) => u.unit.id === CAM.unitId)?.liveness).toBe('online');

    // The car's Will, registered when it connected three days ago, and the cam's SOS pressed a
    // minute ago while it was out of reach, after its newer report said sos:false.
    await pub.publishAsync(
      statusTopic(car.deviceId),
      JSON.stringify({ v: 1, tsMs: now - 3 * 86_400_000, online: false }),
      { qos: 1 },
    );
    await pub.publishAsync(
      eventTopic(CAM.deviceId),
      JSON.stringify({ v: 1, tsMs: now - 60_000, type: 'sos', state: 'on' }),
      { qos: 1 },
    );
    // An empty retained status (how MQTT deletes one), and three messages that are refused.
    await pub.publishAsync(statusTopic(CAM.deviceId), '', { qos: 1, retain: true });
    const bad = ['{not json', JSON.stringify({ v: 2 }), JSON.stringify({ v: 1, kind: 'bodycam' })];
    for (const b of bad) await pub.publishAsync(telemetryTopic(CAM.deviceId), b, { qos: 1 });

    const offline = await waitFor(
      () => first.api.getUnits(),
      (l) => l.find((u) => u.unit.id === car.id)?.liveness === 'offline',
    );
    expect(offline.find((u) => u.unit.id === car.id)?.liveness).toBe('offline');
    const alerts = await waitFor(
      () => first.api.listAlerts(),
      (l) => l.some((a) => a.kind === 'sos'),
    );
    expect(alerts.filter((a) => a.kind === 'sos')).toEqual([
      expect.objectContaining({ unitId: CAM.unitId, value: now - 60_000, detail: 'event-late' }),
    ]);
    const rejected = await waitFor(
      async () => (await first.api.getStatus()).rejected,
      (r) => r['malformed-json'] + r.schema === 3,
    );
    expect(rejected).toMatchObject({ 'malformed-json': 1, schema: 2 });
    // Stored with the next tick's write.
    const before = await waitFor(
      () => first.api.listQuarantine(),
      (l) => l.length === 3,
    );
    expect(before.map((q) => q.topic)).toEqual(bad.map(() => telemetryTopic(CAM.deviceId)));
    expect(before[0]?.previewHex).toBe(Buffer.from(bad[2] as string).toString('hex'));
    await pub.endAsync();

    // A restart keeps the counts and the quarantine.
    await first.stop();
    const second = await startCore(tmp.dir);
    core = second;
    const after = await second.api.getStatus();
    expect(after.rejected).toEqual(rejected);
    expect(await second.api.listQuarantine()).toEqual(before);
  });
});
