import { join } from 'node:path';
import Database from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import { sosInject } from '../support/drill';
import type { SupportDesk } from '../../electron/core/desk/SupportDesk';
import { DrillDesk } from '../../electron/core/drill/DrillDesk';
import { InjectRunner } from '../../electron/core/drill/InjectRunner';
import { observedAfter } from '../../electron/core/drill/observed';
import { EventLog } from '../../electron/core/log/EventLog';
import { loadRegionPack } from '../../electron/core/region/loadRegion';
import { SessionClock } from '../../electron/core/session/SessionClock';
import type { SimFault } from '../../electron/core/sim/faults';
import { migrate } from '../../electron/core/store/migrate';
import { MIGRATIONS } from '../../electron/core/store/migrations';
import type { Inject } from '../../shared/domain/drill';
import type { Incident, IncidentDraft } from '../../shared/domain/incidents';
import type { LogEvent } from '../../shared/domain/log';
import { RESOURCES_DIR } from '../support/coreHarness';

const pack = loadRegionPack(join(RESOURCES_DIR, 'regions'), 'kaihua');
const MIN = 60_000;
const T0 = Date.UTC(2026, 11, 7, 14, 0, 0);

const csvOf = (rows: string[]): string =>
  [
    'id,time,kind,unit,type,grade,place,description,player,expected,objective,contingency',
    ...rows,
  ].join('\n');
const SOS = (id: string, time: string, unit = 'huabu-03', contingency = 'no') =>
  `${id},${time},sos,${unit},,,,SOS,指挥长,确认,1分钟,${contingency}`;
const INCIDENT = (id: string, time: string) =>
  `${id},${time},incident,,public-disorder,III,华埠,聚集,指挥长,请求支援,5分钟,no`;

function harness() {
  let real = T0;
  const clock = SessionClock.virtual(T0, () => real);
  const db = new Database(':memory:');
  migrate(db, MIGRATIONS);
  const log = new EventLog(db);
  const faults: { unitId: string; fault: SimFault; atMs: number }[] = [];
  const incidents: IncidentDraft[] = [];
  const desk = {
    createIncident: (d: IncidentDraft): Incident => {
      incidents.push(d);
      return { ...d, id: `inc-${incidents.length}` } as unknown as Incident;
    },
  } as unknown as SupportDesk;
  const drill = new DrillDesk({
    pack,
    clock,
    log,
    desk,
    fault: (unitId, fault) => {
      faults.push({ unitId, fault, atMs: clock.now() });
      return true;
    },
    emit: () => undefined,
  });
  /** Real time passes; the desk ticks as the session does (every 200 ms of real time). */
  const run = (ms: number): void => {
    for (let t = 0; t < ms; t += 200) {
      real += 200;
      drill.tick();
    }
  };
  return { clock, drill, log, faults, incidents, run };
}

describe('the scenario schedule in session time (the OpenBAS pause failures)', () => {
  let h: ReturnType<typeof harness>;
  beforeEach(() => {
    h = harness();
  });

  it('fires the first inject after a pause at its scenario time', () => {
    expect(
      h.drill.load({ csv: csvOf([SOS('A', '01:00'), SOS('B', '02:00', 'huabu-04')]), name: 's' }),
    ).toMatchObject({ ok: true });
    h.clock.resume();
    h.run(30_000);
    h.clock.pause();
    h.run(10 * MIN); // a long pause: nothing moves
    expect(h.faults).toEqual([]);
    h.clock.resume();
    h.run(30_000);
    expect(h.faults.map((f) => [f.unitId, f.atMs - T0])).toEqual([['huabu-03', 60_000]]);
    h.run(60_000);
    // Keeps its scenario time: two minutes of exercise, whatever the pause lasted.
    expect(h.faults.map((f) => f.atMs - T0)).toEqual([60_000, 120_000]);
    const fired = h.drill
      .snapshot()
      .injects.map((i) => [i.inject.id, i.state, i.atMs !== undefined ? i.atMs - T0 : undefined]);
    expect(fired).toEqual([
      ['A', 'fired', 60_000],
      ['B', 'fired', 120_000],
    ]);
  });

  it('keeps an inject added during a pause, even one whose time has passed, and fires it on resume', () => {
    h.drill.load({ csv: csvOf([SOS('A', '05:00')]), name: 's' });
    h.clock.resume();
    h.run(90_000);
    h.clock.pause();
    // Placed by hand while paused: accepted and fired at once, at the paused time.
    h.drill.act({ type: 'inject', draft: { kind: 'sos', unit: 'huabu-05', description: 'x' } });
    expect(h.faults.map((f) => [f.unitId, f.atMs - T0])).toEqual([['huabu-05', 90_000]]);
    expect(h.drill.snapshot().injects.find((i) => i.inject.id === 'adhoc-1')).toMatchObject({
      state: 'fired',
      byHand: true,
    });
    h.run(5 * MIN);
    h.clock.resume();
    h.run(210_000);
    expect(h.faults.map((f) => [f.unitId, f.atMs - T0])).toEqual([
      ['huabu-05', 90_000],
      ['huabu-03', 300_000],
    ]);
  });

  it('fires now at once after a long pause, at the present session time', () => {
    h.drill.load({ csv: csvOf([INCIDENT('A', '30:00'), SOS('B', '40:00')]), name: 's' });
    h.clock.resume();
    h.run(60_000);
    h.clock.pause();
    h.run(60 * MIN);
    h.drill.act({ type: 'fire', injectId: 'A' });
    expect(h.incidents.map((i) => i.type)).toEqual(['public-disorder']);
    const a = h.drill.snapshot().injects.find((i) => i.inject.id === 'A');
    expect(a).toMatchObject({ state: 'fired', byHand: true, incidentId: 'inc-1' });
    expect((a?.atMs ?? 0) - T0).toBe(60_000);
    // The schedule of the rest is unchanged.
    h.clock.resume();
    h.run(40 * MIN - 60_000 - 200);
    expect(h.faults).toEqual([]);
    h.run(400);
    expect(h.faults.map((f) => f.atMs - T0)).toEqual([40 * MIN]);
  });

  it('never fires a contingency inject by the clock; fire-next takes the next scheduled one', () => {
    h.drill.load({
      csv: csvOf([SOS('C', '00:10', 'huabu-01', 'yes'), SOS('A', '01:00')]),
      name: 's',
    });
    h.clock.resume();
    h.run(2 * MIN);
    expect(h.faults.map((f) => f.unitId)).toEqual(['huabu-03']);
    expect(() => h.drill.act({ type: 'fire-next' })).toThrow('no scheduled inject is left');
    h.drill.act({ type: 'fire', injectId: 'C' });
    expect(h.faults.map((f) => f.unitId)).toEqual(['huabu-03', 'huabu-01']);
  });

  it('skips an inject, refuses to fire it afterwards, and logs every step', () => {
    h.drill.load({ csv: csvOf([SOS('A', '01:00'), SOS('B', '02:00')]), name: 's' });
    h.drill.act({ type: 'skip', injectId: 'A' });
    expect(() => h.drill.act({ type: 'fire', injectId: 'A' })).toThrow(
      'inject A was already skipped',
    );
    h.drill.act({ type: 'note', text: '指挥长未及时确认SOS' });
    h.clock.resume();
    h.run(3 * MIN);
    expect(h.faults).toHaveLength(1);
    expect([...h.log.all()].map((e) => e.kind)).toEqual([
      'scenario-loaded',
      'inject-skipped',
      'drill-note',
      'inject-fired',
    ]);
    expect(h.drill.snapshot().notes).toEqual([{ tsMs: T0, text: '指挥长未及时确认SOS' }]);
  });

  it('refuses an ad-hoc inject the region does not know, naming the field', () => {
    h.drill.load({ csv: csvOf([SOS('A', '01:00')]), name: 's' });
    expect(() =>
      h.drill.act({ type: 'inject', draft: { kind: 'sos', unit: 'ghost-9', description: 'x' } }),
    ).toThrow(/line 1, field unit: unknown-unit \(ghost-9\)/);
    expect(() =>
      h.drill.act({
        type: 'inject',
        draft: { kind: 'incident', type: 'hostage', grade: 'I', place: '球川', description: 'x' },
      }),
    ).toThrow(/field place: outside-region/);
    expect(h.faults).toEqual([]);
  });
});

describe('InjectRunner', () => {
  const inj = sosInject;

  it('is due by session time only, in scenario order', () => {
    const r = new InjectRunner([inj('b', 20), inj('a', 10), inj('c', 5, true)], 1000);
    expect(r.due(1000 + 9_999).map((i) => i.id)).toEqual([]);
    expect(r.due(1000 + 20_000).map((i) => i.id)).toEqual(['a', 'b']);
    r.fired('a', 11_000, false);
    expect(r.due(1000 + 20_000).map((i) => i.id)).toEqual(['b']);
    expect(r.next()?.id).toBe('b');
    expect(() => r.add(inj('a', 1))).toThrow(/\[refused:inject-duplicate\]/);
  });
});

describe('what an inject leads to', () => {
  it('a closed road is announced to the players', () => {
    const h = harness();
    h.drill.load({
      csv: csvOf(['R,00:10,road-closed,,,,城关镇,县城主干道交通管制,交警,绕行,准时到场,no']),
      name: 's',
    });
    h.clock.resume();
    h.run(20_000);
    expect(h.drill.notices).toEqual([
      { tsMs: T0 + 10_000, kind: 'road-closed', place: '城关镇', text: '县城主干道交通管制' },
    ]);
  });

  it('observes the players: support requested, approved, units on scene, closed; an SOS acknowledged', () => {
    const fired = T0;
    const ev = (
      s: number,
      e: Partial<LogEvent> & Pick<LogEvent, 'kind' | 'subject'>,
    ): LogEvent => ({
      seq: s,
      tsMs: fired + s * 1000,
      operator: '指挥长 王',
      ...e,
    });
    const events = [
      ev(30, { kind: 'request', subject: 'sup-1', body: { incidentId: 'inc-1' } }),
      ev(31, { kind: 'request', subject: 'sup-x', body: { incidentId: 'inc-other' } }),
      ev(90, { kind: 'transition', subject: 'sup-1', to: 'approved' }),
      ev(95, { kind: 'transition', subject: 'sup-x', to: 'on-scene' }),
      ev(600, { kind: 'transition', subject: 'sup-1', to: 'on-scene' }),
      ev(900, { kind: 'incident-closed', subject: 'inc-1', body: {} }),
    ];
    const incident: Inject = {
      id: 'N1',
      atS: 0,
      kind: 'incident',
      description: '',
      player: '',
      expected: '',
      objective: '',
      contingency: false,
    };
    expect(observedAfter({ inject: incident, atMs: fired, incidentId: 'inc-1' }, events)).toEqual([
      { what: 'support-requested', afterS: 30, by: '指挥长 王' },
      { what: 'support-approved', afterS: 90, by: '指挥长 王' },
      { what: 'units-on-scene', afterS: 600, by: '指挥长 王' },
      { what: 'incident-closed', afterS: 900, by: '指挥长 王' },
    ]);
    const sos: Inject = { ...incident, id: 'N6', kind: 'sos', unitId: 'huabu-03' };
    const acks = [
      ev(20, { kind: 'alert-acked', subject: '7', unitId: 'huabu-04', body: { kind: 'sos' } }),
      ev(45, {
        kind: 'alert-acked',
        subject: '8',
        unitId: 'huabu-03',
        body: { kind: 'low-battery' },
      }),
      ev(50, { kind: 'alert-acked', subject: '9', unitId: 'huabu-03', body: { kind: 'sos' } }),
    ];
    expect(observedAfter({ inject: sos, atMs: fired }, acks)).toEqual([
      { what: 'alert-acked', afterS: 50, by: '指挥长 王' },
    ]);
  });
});
