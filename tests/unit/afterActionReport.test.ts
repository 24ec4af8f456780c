// The after-action report from a session's log: each step of the support loop timed per grade,
// the grade's target judged from approval to the whole package on scene, alerts and how fast they
// were taken, task points and their Gini, and who lent units to whom. Events outside the period
// do not count.
import { describe, expect, it } from 'vitest';
import { afterActionReport } from '../../electron/core/kpi/afterAction';
import { DEFAULT_GRADE_TARGETS } from '../../shared/domain/incidents';
import type { LogEvent } from '../../shared/domain/log';
import type { RosterUnit } from '../../shared/domain/units';

const T0 = Date.UTC(2026, 11, 8, 2, 0, 0);
let seq = 0;
const ev = (
  atS: number,
  kind: LogEvent['kind'],
  subject: string,
  more: Partial<LogEvent> = {},
): LogEvent => ({ seq: ++seq, tsMs: T0 + atS * 1000, operator: '王伟', kind, subject, ...more });

const order = (unitId: string, onSceneS: number) => ({
  unitId,
  callsign: unitId,
  state: 'on-scene',
  attempts: 1,
  etaS: 600,
  onSceneMs: T0 + onSceneS * 1000,
});

function events(): LogEvent[] {
  seq = 0;
  return [
    ev(0, 'incident-created', 'inc-1', {
      body: { id: 'inc-1', grade: 'II', jurisdictionId: 'ps-a', createdMs: T0, state: 'open' },
    }),
    ev(1, 'request', 'sup-1', {
      body: {
        id: 'sup-1',
        incidentId: 'inc-1',
        state: 'requested',
        createdMs: T0 + 1000,
        orders: [],
      },
    }),
    ev(3, 'transition', 'sup-1', { to: 'recommended' }),
    ev(63, 'transition', 'sup-1', { to: 'approved' }),
    ev(63, 'request', 'sup-1', { body: { state: 'approved', approvedMs: T0 + 63_000 } }),
    ev(64, 'transition', 'sup-1', { to: 'dispatched' }),
    ev(5, 'alert-raised', '1', {
      body: { id: 1, kind: 'sos', unitId: 'u9', raisedMs: T0 + 5000 },
    }),
    ev(35, 'alert-acked', '1', {
      body: { id: 1, kind: 'sos', unitId: 'u9', raisedMs: T0 + 5000, ackedMs: T0 + 35_000 },
    }),
    ev(964, 'request', 'sup-1', {
      body: { state: 'on-scene', orders: [order('u1', 664), order('u2', 964)] },
    }),
    ev(2000, 'points', 'sup-1', { body: { unitId: 'u1', jurisdictionId: 'ps-b', points: 4 } }),
    ev(2000, 'points', 'sup-1', { body: { unitId: 'u2', jurisdictionId: 'ps-c', points: 2 } }),
  ];
}

const ROSTER = [
  { id: 'u1', stationId: 'ps-b' },
  { id: 'u2', stationId: 'ps-c' },
] as unknown as RosterUnit[];

const input = (fromS: number, toS: number) => ({
  session: { id: 'lv-x', kind: 'live', name: '开化县' } as const,
  events: events(),
  fromMs: T0 + fromS * 1000,
  toMs: T0 + toS * 1000,
  generatedMs: T0 + toS * 1000,
  gradeTargets: DEFAULT_GRADE_TARGETS,
  roster: ROSTER,
});

describe('after-action report', () => {
  it('times each step per grade and judges the target from approval to the last arrival', () => {
    const r = afterActionReport(input(0, 3000));
    const two = r.byGrade.II;
    expect(two.incidents).toBe(1);
    expect(two.requests).toBe(1);
    expect(two.stages).toEqual({
      recommend: { n: 1, p50S: 2, p90S: 2 },
      approve: { n: 1, p50S: 60, p90S: 60 },
      dispatch: { n: 1, p50S: 1, p90S: 1 },
      'on-scene': { n: 1, p50S: 900, p90S: 900 },
      total: { n: 1, p50S: 963, p90S: 963 },
    });
    // 901 s from approval to the last unit on scene, within grade II's 30 min.
    expect(two.targetOnSceneMin).toBe(30);
    expect(two.sla).toEqual({ met: 1, missed: 0, open: 0 });
    expect(r.byGrade.I.requests).toBe(0);
    expect(r.byGrade.I.stages.total).toEqual({ n: 0, p50S: null, p90S: null });
  });

  it('counts alerts and their acknowledgement, burden and its Gini, and who helped whom', () => {
    const r = afterActionReport(input(0, 3000));
    expect(r.alerts).toEqual({ raised: 1, acked: 1, ackP50S: 30, ackP90S: 30, byKind: { sos: 1 } });
    expect(r.points.byJurisdiction).toEqual([
      { id: 'ps-b', points: 4 },
      { id: 'ps-c', points: 2 },
    ]);
    // Two jurisdictions carrying 4 and 2: G = (−1·2 + 1·4) / (2 · 6).
    expect(r.points.gini).toBe(0.167);
    expect(r.helped).toEqual([
      { from: 'ps-b', to: 'ps-a', units: 1 },
      { from: 'ps-c', to: 'ps-a', units: 1 },
    ]);
  });

  it('leaves out what happened outside the period, and what was still to come at its end', () => {
    const before = afterActionReport(input(2, 3000));
    expect(before.byGrade.II.requests).toBe(0);
    expect(before.alerts.raised).toBe(1);
    // Cut at 100 s: approved, not yet on scene, the target not yet passed.
    const early = afterActionReport(input(0, 100));
    expect(early.byGrade.II.stages['on-scene'].n).toBe(0);
    expect(early.byGrade.II.sla).toEqual({ met: 0, missed: 0, open: 1 });
    expect(early.points.byJurisdiction).toEqual([]);
  });
});
