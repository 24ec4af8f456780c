// Approval by role, command authority, restart mid-request, auto-trigger and refusals of bad
// requests. Restarts run against Debian's mosquitto so devices stay connected across them.
import { spawnSync } from 'node:child_process';
import type { MqttClient } from 'mqtt';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConsoleCore } from '../../electron/core/ConsoleCore';
import type { LonLat } from '../../shared/domain/region';
import { orderTopic } from '../../shared/telemetry/topics';
import { connectPublisher, tempDir, waitFor } from '../support/coreHarness';
import {
  hasMosquittoPub,
  mosquittoPath,
  requireOrSkip,
  startMosquitto,
} from '../support/mosquitto';
import {
  deviceFor,
  everyoneAtStation,
  FakeClock,
  must,
  reportPositions,
  requestState,
  startAt,
} from './supportHarness';

const COMMANDER = '指挥长 王伟';
const OTHER = '值班员 李四';
/** 1.5 km north of the Chengguan police station. */
const SCENE: LonLat = [118.40903, 29.15936];
const haveMosquitto = mosquittoPath() !== undefined && hasMosquittoPub();

describe('support rules on a real core', () => {
  const cleanup: (() => Promise<unknown> | unknown)[] = [];
  afterEach(async () => {
    for (const fn of cleanup.splice(0).reverse()) await fn();
  });

  async function embedded(
    clock = new FakeClock(),
  ): Promise<{ core: ConsoleCore; pub: MqttClient; clock: FakeClock }> {
    const tmp = tempDir('muster-support-');
    cleanup.push(tmp.remove);
    const core = await startAt(tmp.dir, clock, { operator: COMMANDER });
    cleanup.push(() => core.stop());
    const pub = await connectPublisher(core);
    cleanup.push(() => pub.endAsync());
    await everyoneAtStation(core, pub, clock.now());
    return { core, pub, clock };
  }

  it.runIf(requireOrSkip('mosquitto + mosquitto_pub', haveMosquitto))(
    'grade I needs a supervisor; state, orders and retries survive restarts; authority is enforced and audited',
    async () => {
      const tmp = tempDir('muster-support-restart-');
      cleanup.push(tmp.remove);
      const broker = await startMosquitto(tmp.dir);
      cleanup.push(() => broker.stop());
      const clock = new FakeClock();
      const opts = { brokerUrl: broker.url, operator: COMMANDER, role: 'commander' as const };
      let core = await startAt(tmp.dir, clock, opts);
      const pub = await connectPublisher(broker.url);
      cleanup.push(() => pub.endAsync());
      await everyoneAtStation(core, pub, clock.now());

      const inc = await core.api.createIncident({
        type: 'public-disorder',
        grade: 'I',
        lonLat: SCENE,
        description: 'several hundred people block the county government gate',
        reporter: '110',
      });
      expect(inc.jurisdictionId).toBe('ps-chengguan');
      const req = await core.api.requestSupport(inc.id);
      const units = req.recommendation?.packages[0]?.units ?? [];
      expect(req.recommendation?.packages[0]?.shortfalls).toEqual([]);
      const unitIds = units.map((u) => u.unitId);
      await expect(core.api.approveSupport(req.id, unitIds)).rejects.toThrow(
        /grade I support needs approval by a supervisor; a commander may not approve it/,
      );
      expect(await requestState(core, req.id)).toBe('recommended');
      await core.stop();

      // The supervisor's console on the same database approves.
      core = await startAt(tmp.dir, clock, { ...opts, role: 'supervisor' });
      const device = await deviceFor(core, unitIds[0], broker.url);
      cleanup.push(() => device.close());
      expect(await requestState(core, req.id)).toBe('recommended');
      const approved = await core.api.approveSupport(req.id, unitIds);
      expect(approved.state).toBe('dispatched');
      await waitFor(
        () => device.orders.length,
        (n) => n === 1,
      );
      expect(device.orders[0]?.commander).toBe(COMMANDER);
      await core.stop();

      // Down for 20 s; the restarted console resends the unacknowledged order by itself (nobody
      // has logged in yet: the system is its issuer), still in the incident commander's name.
      clock.advance(20_000);
      core = await startAt(tmp.dir, clock, { ...opts, operator: OTHER });
      cleanup.push(() => core.stop());
      expect(await requestState(core, req.id)).toBe('dispatched');
      await waitFor(
        () => device.orders.length,
        (n) => n === 2,
      );
      expect(device.orders[1]?.orderId).toBe(device.orders[0]?.orderId);
      expect(device.orders[1]?.issuer.operator).toBe('system');
      expect(device.orders[1]?.commander).toBe(COMMANDER);
      const stored = (await core.api.listSupport()).find((r) => r.id === req.id);
      expect(stored?.orders.find((o) => o.unitId === unitIds[0])?.attempts).toBe(2);

      // This console's operator does not command the incident: refused, audited.
      await expect(
        core.api.orderUnit(must(unitIds[0], 'unit 0'), { type: 'return' }),
      ).rejects.toThrow(`takes orders only from its commander ${COMMANDER}, not from ${OTHER}`);
      // Another console orders the attached unit home (mosquitto_pub, QoS 1).
      const foreign = {
        v: 1,
        orderId: 'county2-7',
        tsMs: clock.now(),
        type: 'release',
        incidentId: inc.id,
        lonLat: SCENE,
        issuer: { console: 'muster-console-changshan', operator: '外县 张三' },
        commander: '外县 张三',
        expiresMs: clock.now() + 15_000,
      };
      const roster = (await core.api.getUnits()).map((s) => s.unit);
      const r = spawnSync('mosquitto_pub', [
        ...['-h', '127.0.0.1', '-p', String(broker.port), '-q', '1'],
        ...[
          '-t',
          orderTopic(
            must(
              roster.find((u) => u.id === unitIds[1]),
              'unit 1',
            ).deviceId,
          ),
        ],
        ...['-m', JSON.stringify(foreign)],
      ]);
      expect(r.status).toBe(0);
      const tl = await waitFor(
        () => core.api.getSupportTimeline(req.id),
        (t) => t.filter((e) => e.kind === 'authority-refused').length === 2,
      );
      const refused = tl.filter((e) => e.kind === 'authority-refused');
      expect(refused.map((e) => [e.operator, e.unitId])).toEqual([
        [OTHER, unitIds[0]],
        ['外县 张三', unitIds[1]],
      ]);
      expect(refused[1]?.reason).toMatch(
        /release order county2-7 from console muster-console-changshan/,
      );
      expect(await requestState(core, req.id)).toBe('dispatched');
    },
    60_000,
  );

  it('keeps one support in flight per incident: asking again adds only what is not covered', async () => {
    const { core } = await embedded();
    const inc = await core.api.createIncident({
      type: 'traffic-accident',
      grade: 'III',
      lonLat: SCENE,
      description: '',
      reporter: '',
    });
    // Grade III: the console suggests support.
    expect((await core.api.listSuggestions()).some((g) => g.incidentId === inc.id)).toBe(true);
    const req = await core.api.requestSupport(inc.id);
    // While it awaits approval, that request is the answer: no second one.
    await expect(core.api.requestSupport(inc.id)).rejects.toThrow(/\[refused:support-awaiting\]/);
    const best = must(req.recommendation?.packages[0], 'a package');
    expect(best.units.length).toBeGreaterThanOrEqual(2);
    const [kept, ...rest] = best.units;
    const one = must(kept, 'a unit');
    await core.api.approveSupport(req.id, [one.unitId]);

    // Asked again with one unit committed: a supplement, its needs the run card less that unit.
    const more = await core.api.requestSupport(inc.id);
    expect(more.supplementOf).toEqual([req.id]);
    const cardNeeds = must(req.recommendation, 'rec').needs;
    const expected = cardNeeds
      .map((n) => ({ ...n, count: n.count - (one.covers.includes(n.module) ? 1 : 0) }))
      .filter((n) => n.count > 0);
    expect(must(more.recommendation, 'rec').needs).toEqual(expected);
    const moreUnits = must(more.recommendation?.packages[0], 'a package').units.map(
      (u) => u.unitId,
    );
    expect(moreUnits).not.toContain(one.unitId);
    // The rest of the first package covers what is left (it covered the whole card with `one`).
    await core.api.approveSupport(
      more.id,
      rest.map((u) => u.unitId),
    );

    // Everything the run card asks for is committed: asking again is refused, nothing is built.
    const before = (await core.api.listSupport()).length;
    await expect(core.api.requestSupport(inc.id)).rejects.toThrow(/\[refused:support-need-met\]/);
    expect(await core.api.listSupport()).toHaveLength(before);
    // The suggestion to request support is answered once support is approved, for good.
    expect((await core.api.listSuggestions()).filter((g) => g.incidentId === inc.id)).toEqual([]);
  });

  it('lets the commander return one unit; the request ends when its last unit is released', async () => {
    const { core, clock } = await embedded();
    const inc = await core.api.createIncident({
      type: 'traffic-accident',
      grade: 'IV',
      lonLat: SCENE,
      description: '',
      reporter: '',
    });
    const req = await core.api.requestSupport(inc.id);
    const unitIds = req.recommendation?.packages[0]?.units.map((u) => u.unitId) ?? [];
    expect(unitIds.length).toBeGreaterThanOrEqual(2);
    const dev = await deviceFor(core, unitIds[0]);
    cleanup.push(() => dev.close());
    await core.api.approveSupport(req.id, unitIds);
    await waitFor(
      () => dev.orders.length,
      (n) => n === 1,
    );
    await dev.ack(must(dev.orders[0], 'order').orderId, 'accepted', clock.now());
    await waitFor(
      () => core.api.listSupport(),
      (l) => l[0]?.orders[0]?.state === 'acknowledged',
    );

    await core.api.orderUnit(must(unitIds[0], 'unit 0'), { type: 'return' });
    await waitFor(
      () => dev.orders.length,
      (n) => n === 2,
    );
    expect(dev.orders[1]).toMatchObject({ type: 'release', issuer: { operator: COMMANDER } });
    expect(await requestState(core, req.id)).toBe('dispatched');
    await expect(
      core.api.orderUnit(must(unitIds[0], 'unit 0'), { type: 'return' }),
    ).rejects.toThrow(`unit ${must(unitIds[0], 'unit 0')} is not attached to any support request`);
    for (const id of unitIds.slice(1)) await core.api.orderUnit(id, { type: 'return' });
    expect(await requestState(core, req.id)).toBe('released');
    const tl = await core.api.getSupportTimeline(req.id);
    expect(tl.at(-1)).toMatchObject({ kind: 'transition', to: 'released', operator: COMMANDER });
  });

  it('reassigns a unit to the commander’s other incident, cancels with cancel orders, expires unapproved requests', async () => {
    const { core, clock } = await embedded();
    const draft = {
      type: 'traffic-accident' as const,
      grade: 'IV' as const,
      description: '',
      reporter: '',
    };
    const a = await core.api.createIncident({ ...draft, lonLat: SCENE });
    const b = await core.api.createIncident({ ...draft, lonLat: [118.34837, 29.02818] });
    const reqA = await core.api.requestSupport(a.id);
    const idsA = reqA.recommendation?.packages[0]?.units.map((u) => u.unitId) ?? [];
    await core.api.approveSupport(reqA.id, idsA);
    const reqB = await core.api.requestSupport(b.id);
    const idsB = reqB.recommendation?.packages[0]?.units.map((u) => u.unitId) ?? [];
    expect(idsB.some((id) => idsA.includes(id))).toBe(false); // A's units are assigned
    await core.api.approveSupport(reqB.id, idsB);

    const moved = must(idsA[0], 'unit of A');
    const dev = await deviceFor(core, moved);
    cleanup.push(() => dev.close());
    await core.api.orderUnit(moved, { type: 'reassign', incidentId: b.id });
    await waitFor(
      () => dev.orders.length,
      (n) => n === 2,
    );
    expect(dev.orders.map((o) => [o.type, o.incidentId])).toEqual([
      ['release', a.id],
      ['dispatch', b.id],
    ]);
    const statuses = await core.api.getUnitStatuses();
    expect(statuses.find((s) => s.unitId === moved)).toMatchObject({ requestId: reqB.id });
    await expect(core.api.orderUnit(moved, { type: 'reassign', incidentId: b.id })).rejects.toThrow(
      `unit ${moved} is already on ${b.id}`,
    );

    const cancelled = await core.api.cancelSupport(reqB.id, 'driver left the scene');
    expect(cancelled.state).toBe('cancelled');
    await waitFor(
      () => dev.orders.length,
      (n) => n === 3,
    );
    expect(dev.orders[2]).toMatchObject({ type: 'cancel', incidentId: b.id });
    const last = (await core.api.getSupportTimeline(reqB.id)).at(-1);
    expect(last).toMatchObject({ to: 'cancelled', reason: 'driver left the scene' });

    const c = await core.api.createIncident({ ...draft, lonLat: SCENE });
    const reqC = await core.api.requestSupport(c.id);
    clock.advance(30 * 60_000);
    expect(
      await waitFor(
        () => requestState(core, reqC.id),
        (s) => s === 'expired',
      ),
    ).toBe('expired');
  });

  it('suggests support for grade III+ and for a station area more than 30 % short — never dispatches', async () => {
    const { core, pub, clock } = await embedded();
    const iv = await core.api.createIncident({
      type: 'public-disorder',
      grade: 'IV',
      lonLat: SCENE,
      description: '',
      reporter: '',
    });
    expect(await core.api.listSuggestions()).toEqual([]);
    const iii = await core.api.regradeIncident(iv.id, 'III');
    expect(iii.grade).toBe('III');
    const created = await core.api.createIncident({
      type: 'missing-person',
      grade: 'II',
      lonLat: SCENE,
      description: '',
      reporter: '',
    });
    const grade = (await core.api.listSuggestions()).filter((s) => s.cause === 'grade');
    expect(grade.map((s) => s.incidentId).sort()).toEqual([iv.id, created.id].sort());
    expect(await core.api.listSupport()).toEqual([]);

    // Chengguan needs 4 available (its smallest shift); 9 are on duty. Seven stop reporting.
    const roster = (await core.api.getUnits()).map((s) => s.unit);
    const statuses = await core.api.getUnitStatuses();
    const onDuty = roster.filter(
      (u, i) => u.stationId === 'ps-chengguan' && statuses[i]?.status === 'available',
    );
    expect(onDuty).toHaveLength(9);
    const station: LonLat = [118.40903, 29.14586];
    clock.advance(60_000);
    await reportPositions(
      core,
      pub,
      onDuty.slice(7).map((unit) => ({ unit, at: station })),
      clock.now(),
    );
    clock.advance(70_000); // the seven silent ones pass the 120 s offline threshold
    await reportPositions(
      core,
      pub,
      onDuty.slice(7).map((unit) => ({ unit, at: station })),
      clock.now(),
    );
    const short = await waitFor(
      () => core.api.listSuggestions(),
      (l) => l.some((s) => s.cause === 'force-shortage' && s.jurisdictionId === 'ps-chengguan'),
    );
    const cg = short.find(
      (s) => s.cause === 'force-shortage' && s.jurisdictionId === 'ps-chengguan',
    );
    expect(cg).toMatchObject({
      jurisdictionId: 'ps-chengguan',
      available: 2,
      needed: 4,
    });
    const id = must(cg, 'chengguan suggestion').id;
    await core.api.dismissSuggestion(id);
    expect((await core.api.listSuggestions()).some((s) => s.id === id)).toBe(false);
    await expect(core.api.dismissSuggestion(id)).rejects.toThrow(/already dismissed/);
    expect(await core.api.listSupport()).toEqual([]);
  });

  it('sends the county squads to any station area as its own units (local, not lent)', async () => {
    const { core } = await embedded();
    // A hostage taking at Huabu (its station area, 15 km from the squads in the county seat).
    const inc = await core.api.createIncident({
      type: 'hostage',
      grade: 'I',
      lonLat: [118.35, 29.02],
      description: '',
      reporter: '',
    });
    expect(inc.jurisdictionId).toBe('ps-huabu');
    const req = await core.api.requestSupport(inc.id);
    const best = must(req.recommendation?.packages[0], 'a package');
    const squads = best.units.filter((u) =>
      ['special-kaihua', 'traffic-chengguan'].includes(u.stationId),
    );
    expect(squads.length).toBeGreaterThan(0);
    for (const u of best.units) {
      expect(u.local, `${u.callsign} (${u.stationId})`).toBe(
        u.stationId === 'ps-huabu' || squads.includes(u),
      );
    }
  });

  it('refuses bad requests with clear messages', async () => {
    const { core } = await embedded();
    const draft = {
      type: 'violent-crime' as const,
      grade: 'III' as const,
      lonLat: SCENE,
      description: '',
      reporter: '',
    };
    await expect(core.api.createIncident({ ...draft, lonLat: [200, 29] })).rejects.toThrow(
      /invalid arguments for createIncident/,
    );
    await expect(
      core.api.createIncident({ ...draft, jurisdictionId: 'ps-nowhere' }),
    ).rejects.toThrow('unknown jurisdiction ps-nowhere');
    await expect(core.api.requestSupport('inc-missing')).rejects.toThrow(
      'unknown incident inc-missing',
    );
    await expect(core.api.approveSupport('sup-missing', ['x'])).rejects.toThrow(
      'unknown support request sup-missing',
    );
    await expect(core.api.approveSupport('sup-1', [])).rejects.toThrow(/approve at least one unit/);
    await expect(core.api.rejectSupport('sup-1', '  ')).rejects.toThrow(/a reason is required/);
    const inc = await core.api.createIncident(draft);
    const req = await core.api.requestSupport(inc.id);
    await expect(core.api.requestSupport(inc.id)).rejects.toThrow(`already has request ${req.id}`);
    await expect(core.api.approveSupport(req.id, ['no-such-unit'])).rejects.toThrow(
      'unknown unit no-such-unit',
    );
    await expect(core.api.releaseSupport(req.id)).rejects.toThrow(
      `request ${req.id}: cannot go from recommended to released`,
    );
    // An off-duty unit (odd roster position at 09:00) cannot be approved.
    const statuses = await core.api.getUnitStatuses();
    const offDuty = must(
      statuses.find((s) => s.status === 'off-duty'),
      'off-duty unit',
    ).unitId;
    await expect(core.api.approveSupport(req.id, [offDuty])).rejects.toThrow(/cannot approve: /);
    const pkg = await core.api.evaluatePackage(req.id, [offDuty]);
    expect(pkg.units.map((u) => u.unitId)).toEqual([offDuty]);
    expect((await core.api.getSupportTimeline(req.id)).at(-1)?.kind).toBe('what-if');
    const rejected = await core.api.rejectSupport(req.id, 'handled locally');
    expect(rejected.state).toBe('rejected');
    await expect(core.api.approveSupport(req.id, [offDuty])).rejects.toThrow(
      `request ${req.id}: cannot go from rejected to approved`,
    );
    await expect(core.api.orderUnit('no-such-unit', { type: 'return' })).rejects.toThrow(
      'unknown unit no-such-unit',
    );
  });
});
