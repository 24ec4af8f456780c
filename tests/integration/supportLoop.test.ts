// The support loop end to end: real core, embedded broker, SQLite file, devices as MQTT clients.
import { join } from 'node:path';
import type { MqttClient } from 'mqtt';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConsoleCore } from '../../electron/core/ConsoleCore';
import { EventLog } from '../../electron/core/log/EventLog';
import { project } from '../../electron/core/log/projections';
import { projectionJson, projectionOfTables } from '../../electron/core/log/tables';
import { openStore } from '../../electron/core/store/openStore';
import type { LonLat } from '../../shared/domain/region';
import type { SupportEvent } from '../../shared/domain/support';
import { connectPublisher, tempDir, waitFor } from '../support/coreHarness';
import {
  deviceFor,
  everyoneAtStation,
  FakeClock,
  must,
  requestState,
  startAt,
} from './supportHarness';
import { supportRepoOf } from '../support/repos';

const OPERATOR = '指挥长 王伟';
const MIN = 60_000;
/** 2 km east of the Huabu police station: inside its area. */
const SCENE: LonLat = [118.36837, 29.01818];

describe('support loop: request → recommend → approve → orders → ack → arrive → release', () => {
  const cleanup: (() => Promise<unknown> | unknown)[] = [];
  afterEach(async () => {
    for (const fn of cleanup.splice(0).reverse()) await fn();
  });

  async function setup(): Promise<{
    core: ConsoleCore;
    pub: MqttClient;
    clock: FakeClock;
    dir: string;
  }> {
    const tmp = tempDir('muster-support-');
    cleanup.push(tmp.remove);
    const clock = new FakeClock();
    const core = await startAt(tmp.dir, clock, { operator: OPERATOR });
    cleanup.push(() => core.stop());
    const pub = await connectPublisher(core);
    cleanup.push(() => pub.endAsync());
    await everyoneAtStation(core, pub, clock.now());
    return { core, pub, clock, dir: tmp.dir };
  }

  it('runs the whole loop, publishes the right orders, awards points and records every step', async () => {
    const { core, clock, dir } = await setup();
    const events: SupportEvent[] = [];
    core.api.on('supportEvent', (e) => events.push(e));
    expect((await core.api.listSuggestions()).filter((s) => s.cause === 'force-shortage')).toEqual(
      [],
    );

    const inc = await core.api.createIncident({
      type: 'traffic-accident',
      grade: 'IV',
      lonLat: SCENE,
      description: 'two cars, one injured',
      reporter: '110',
    });
    expect(inc).toMatchObject({ jurisdictionId: 'ps-huabu', commander: OPERATOR, state: 'open' });
    // Grade IV raises no suggestion.
    expect((await core.api.listSuggestions()).some((s) => s.incidentId === inc.id)).toBe(false);

    const req = await core.api.requestSupport(inc.id);
    expect(req.state).toBe('recommended');
    const best = req.recommendation?.packages[0];
    expect(best?.shortfalls).toEqual([]);
    const covered = best?.units.flatMap((u) => u.covers) ?? [];
    expect(covered).toEqual(expect.arrayContaining(['traffic', 'public-order']));
    const unitIds = best?.units.map((u) => u.unitId) ?? [];

    const devices = await Promise.all(unitIds.map((id) => deviceFor(core, id)));
    cleanup.push(() => Promise.all(devices.map((d) => d.close())));

    clock.advance(MIN);
    const approved = await core.api.approveSupport(req.id, unitIds);
    expect(approved.state).toBe('dispatched');
    expect(approved.orders.map((o) => [o.unitId, o.state, o.attempts])).toEqual(
      unitIds.map((id) => [id, 'sent', 1]),
    );
    expect(approved.onSceneDueMs).toBe(clock.now() + 60 * MIN);
    await waitFor(
      () => devices.map((d) => d.orders.length),
      (n) => n.every((x) => x === 1),
    );
    for (const d of devices) {
      expect(d.orders[0]).toMatchObject({
        type: 'dispatch',
        incidentId: inc.id,
        lonLat: SCENE,
        issuer: { console: core.config.clientId, operator: OPERATOR },
        commander: OPERATOR,
        tsMs: clock.now(),
        expiresMs: clock.now() + 15_000,
      });
    }
    const statuses = await core.api.getUnitStatuses();
    for (const id of unitIds) {
      expect(statuses.find((s) => s.unitId === id)).toMatchObject({
        status: 'assigned',
        requestId: req.id,
      });
    }

    // Within the 15 s acknowledgement window: no resend.
    clock.advance(10_000);
    for (const d of devices)
      await d.ack(must(d.orders[0], 'order').orderId, 'accepted', clock.now());
    for (const d of devices)
      await d.ack(must(d.orders[0], 'order').orderId, 'en-route', clock.now());
    expect(
      await waitFor(
        () => requestState(core, req.id),
        (s) => s === 'en-route',
      ),
    ).toBe('en-route');
    // Acknowledged orders are never resent, however long the unit takes.
    clock.advance(MIN);
    await new Promise((r) => setTimeout(r, 200));
    expect(devices.map((d) => d.orders.length)).toEqual(devices.map(() => 1));

    clock.advance(9 * MIN);
    for (const d of devices) await d.report(SCENE, clock.now());
    expect(
      await waitFor(
        () => requestState(core, req.id),
        (s) => s === 'on-scene',
      ),
    ).toBe('on-scene');
    expect((await core.api.getUnitStatuses()).find((s) => s.unitId === unitIds[0])?.status).toBe(
      'on-scene',
    );

    clock.advance(2 * 3_600_000);
    // Two hours without a report: every attached unit is offline, and that is an alert.
    const offline = (a: readonly { kind: string; unitId: string; clearedMs?: number }[]) =>
      unitIds.every((id) => a.some((x) => x.kind === 'offline' && x.unitId === id));
    await waitFor(() => core.api.listAlerts(), offline);
    const released = await core.api.releaseSupport(req.id);
    expect(released.state).toBe('released');
    await waitFor(
      () => devices.map((d) => d.orders.length),
      (n) => n.every((x) => x === 2),
    );
    for (const d of devices)
      expect(d.orders[1]).toMatchObject({ type: 'release', incidentId: inc.id });
    expect((await core.api.getUnitStatuses()).find((s) => s.unitId === unitIds[0])?.requestId).toBe(
      undefined,
    );
    // Released units are no longer assigned: their offline alerts clear.
    const cleared = await waitFor(
      () => core.api.listAlerts(),
      (a) => a.filter((x) => x.kind === 'offline').every((x) => x.clearedMs !== undefined),
    );
    expect(cleared.filter((x) => x.kind === 'offline').length).toBe(unitIds.length);

    const timeline = await core.api.getSupportTimeline(req.id);
    expect(timeline.filter((e) => e.kind === 'transition').map((e) => e.to)).toEqual([
      'requested',
      'recommended',
      'approved',
      'dispatched',
      'en-route',
      'on-scene',
      'released',
    ]);
    const kinds = timeline.map((e) => e.kind);
    for (const k of [
      'order-sent',
      'order-ack',
      'unit-en-route',
      'unit-on-scene',
      'unit-released',
    ]) {
      expect(kinds.filter((x) => x === k)).toHaveLength(unitIds.length);
    }
    expect(timeline.every((e) => e.operator.length > 0 && e.requestId === req.id)).toBe(true);
    const times = timeline.map((e) => e.tsMs);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(timeline.find((e) => e.to === 'approved')?.operator).toBe(OPERATOR);
    // The same steps were pushed live as they happened.
    expect(events.map((e) => e.seq)).toEqual(timeline.map((e) => e.seq));

    // The session goes on: an alert acknowledged, the incident regraded and closed.
    const offlineAlert = must(
      cleared.find((x) => x.kind === 'offline'),
      'an offline alert',
    );
    await core.api.ackAlert(offlineAlert.id);
    await core.api.regradeIncident(inc.id, 'III');
    await core.api.closeIncident(inc.id, 'scene cleared');

    await core.stop();
    const db = openStore({ file: join(dir, 'muster.db') });
    // State rebuilt from the event log alone equals the state the session left in its tables.
    const rebuilt = project(new EventLog(db).all());
    expect(projectionJson(rebuilt)).toEqual(projectionJson(projectionOfTables(db)));
    expect(rebuilt.incidents.get(inc.id)).toMatchObject({ state: 'closed', grade: 'III' });
    expect(rebuilt.requests.get(req.id)?.state).toBe('released');
    expect(rebuilt.alerts.get(offlineAlert.id)?.ackedBy).toBe(OPERATOR);
    expect(rebuilt.points.size).toBe(unitIds.length);
    const repo = supportRepoOf(db);
    const burden = repo.burden(0);
    const lenders = new Set(best?.units.map((u) => u.stationId));
    for (const st of lenders) expect(burden[st]).toBeGreaterThan(0);
    // traffic-accident IV: difficulty 1 × ~2 h × risk 1 per unit.
    const total = Object.values(burden).reduce((a, b) => a + b, 0);
    expect(total).toBeCloseTo(
      unitIds.length * ((2 * 3_600_000 + 10 * MIN + 10_000) / 3_600_000),
      1,
    );
    expect(repo.verifyAudit()).toMatchObject({ ok: true });
  });

  it('resends an unacknowledged order with the same id, then marks it no-ack and raises SLA alerts', async () => {
    const { core, clock } = await setup();
    const inc = await core.api.createIncident({
      type: 'traffic-accident',
      grade: 'IV',
      lonLat: SCENE,
      description: '',
      reporter: '',
    });
    const req = await core.api.requestSupport(inc.id);
    const unitIds = req.recommendation?.packages[0]?.units.map((u) => u.unitId) ?? [];
    const silent = await deviceFor(core, unitIds[0]);
    cleanup.push(() => silent.close());
    await core.api.approveSupport(req.id, unitIds);
    await waitFor(
      () => silent.orders.length,
      (n) => n === 1,
    );

    for (const expected of [2, 3]) {
      clock.advance(15_000);
      await waitFor(
        () => silent.orders.length,
        (n) => n === expected,
      );
    }
    expect(new Set(silent.orders.map((o) => o.orderId)).size).toBe(1);
    expect(silent.orders.map((o) => o.tsMs)).toEqual([...silent.orders.map((o) => o.tsMs)].sort());
    clock.advance(15_000);
    const noAck = await waitFor(
      () => core.api.listSupport(),
      (l) => l.find((r) => r.id === req.id)?.orders.every((o) => o.state === 'no-ack') === true,
    );
    expect(noAck.find((r) => r.id === req.id)?.orders[0]).toMatchObject({
      state: 'no-ack',
      attempts: 3,
    });
    const tl = await core.api.getSupportTimeline(req.id);
    expect(tl.filter((e) => e.kind === 'order-retry' && e.unitId === unitIds[0])).toHaveLength(2);
    expect(tl.filter((e) => e.kind === 'order-no-ack' && e.unitId === unitIds[0])).toHaveLength(1);
    expect(silent.orders).toHaveLength(3);

    // Grade IV: start due 30 min after approval; warned 5 min before, breached at it.
    const approvedMs = T0plus(tl, 'approved');
    clock.ms = approvedMs + 26 * MIN;
    await waitFor(
      () => core.api.listAlerts(),
      (a) => a.some((x) => x.kind === 'sla-warning' && x.unitId === unitIds[0]),
    );
    clock.ms = approvedMs + 30 * MIN;
    const alerts = await waitFor(
      () => core.api.listAlerts(),
      (a) => a.some((x) => x.kind === 'sla-breach' && x.unitId === unitIds[0]),
    );
    expect(alerts.find((x) => x.kind === 'sla-breach')?.detail).toBe(`${req.id} start`);
    const marks = (await core.api.getSupportTimeline(req.id)).filter((e) =>
      e.kind.startsWith('sla-'),
    );
    expect(marks.map((e) => [e.kind, e.reason?.split(' ')[0]])).toEqual([
      ['sla-warning', 'start'],
      ['sla-breach', 'start'],
    ]);
  });
});

function T0plus(tl: readonly SupportEvent[], to: string): number {
  const e = tl.find((x) => x.kind === 'transition' && x.to === to);
  if (!e) throw new Error(`no transition to ${to}`);
  return e.tsMs;
}
