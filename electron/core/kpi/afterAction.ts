// The after-action report from a session's log: the same events replay and audit read. Requests are
// counted when they were made in the period; their steps are timed from the log's transitions and
// the orders' arrival times.
import { GRADES, type GradeTargets, type Incident } from '../../../shared/domain/incidents';
import type { LogEvent } from '../../../shared/domain/log';
import {
  REPORT_STAGES,
  type AfterActionReport,
  type GradeReport,
  type ReportStage,
  type StageStats,
} from '../../../shared/domain/report';
import type { SessionInfo } from '../../../shared/domain/session';
import type { SupportRequest } from '../../../shared/domain/support';
import type { RosterUnit } from '../../../shared/domain/units';
import { project } from '../log/projections';
import { gini } from '../support/workflow/points';

/** The value at quantile q of values sorted ascending (nearest rank); undefined when empty. */
export function percentile(sortedAsc: readonly number[], q: number): number | undefined {
  if (sortedAsc.length === 0) return undefined;
  const rank = Math.max(1, Math.ceil(q * sortedAsc.length));
  return sortedAsc[Math.min(sortedAsc.length, rank) - 1];
}

function stats(values: number[]): StageStats {
  values.sort((a, b) => a - b);
  const at = (q: number): number | null => {
    const v = percentile(values, q);
    return v === undefined ? null : Math.round(v);
  };
  return { n: values.length, p50S: at(0.5), p90S: at(0.9) };
}

/** When the whole package was on scene; undefined until every unit sent has arrived. */
function allOnSceneMs(r: SupportRequest): number | undefined {
  const sent = r.orders.filter((o) => o.state !== 'refused');
  if (sent.length === 0) return undefined;
  let last = 0;
  for (const o of sent) {
    if (o.onSceneMs === undefined) return undefined;
    last = Math.max(last, o.onSceneMs);
  }
  return last;
}

export interface ReportInput {
  readonly session: SessionInfo;
  readonly events: Iterable<LogEvent>;
  readonly fromMs: number;
  readonly toMs: number;
  readonly generatedMs: number;
  readonly gradeTargets: GradeTargets;
  readonly roster: readonly RosterUnit[];
}

export function afterActionReport(input: ReportInput): AfterActionReport {
  const { fromMs, toMs } = input;
  const events = [...input.events].filter((e) => e.tsMs <= toMs);
  const p = project(events);
  // First time each request reached each state, from the log.
  const reached = new Map<string, Map<string, number>>();
  for (const e of events) {
    if (e.kind !== 'transition' || e.to === undefined) continue;
    let m = reached.get(e.subject);
    if (!m) reached.set(e.subject, (m = new Map()));
    if (!m.has(e.to)) m.set(e.to, e.tsMs);
  }
  const inPeriod = (ms: number): boolean => ms >= fromMs && ms <= toMs;
  const incidents = [...p.incidents.values()].filter((i) => inPeriod(i.createdMs));
  const gradeOf = new Map<string, Incident>([...p.incidents.values()].map((i) => [i.id, i]));
  const requests = [...p.requests.values()].filter((r) => inPeriod(r.createdMs));

  const byGrade = Object.fromEntries(
    GRADES.map((g) => {
      const mine = requests.filter((r) => gradeOf.get(r.incidentId)?.grade === g);
      const samples: Record<ReportStage, number[]> = {
        recommend: [],
        approve: [],
        dispatch: [],
        'on-scene': [],
        total: [],
      };
      const sla = { met: 0, missed: 0, open: 0 };
      const targetMs = input.gradeTargets[g].onSceneMin * 60_000;
      for (const r of mine) {
        const t = reached.get(r.id) ?? new Map<string, number>();
        const rec = t.get('recommended');
        const app = t.get('approved') ?? r.approvedMs;
        const dis = t.get('dispatched');
        const onScene = allOnSceneMs(r);
        const add = (stage: ReportStage, a: number | undefined, b: number | undefined): void => {
          if (a !== undefined && b !== undefined && b >= a) samples[stage].push((b - a) / 1000);
        };
        add('recommend', r.createdMs, rec);
        add('approve', rec, app);
        add('dispatch', app, dis);
        add('on-scene', dis, onScene);
        add('total', r.createdMs, onScene);
        if (app === undefined) continue;
        if (onScene !== undefined) sla[onScene - app <= targetMs ? 'met' : 'missed']++;
        else if (toMs - app > targetMs) sla.missed++;
        else sla.open++;
      }
      const report: GradeReport = {
        incidents: incidents.filter((i) => i.grade === g).length,
        requests: mine.length,
        stages: Object.fromEntries(
          REPORT_STAGES.map((s) => [s, stats(samples[s])]),
        ) as GradeReport['stages'],
        targetOnSceneMin: input.gradeTargets[g].onSceneMin,
        sla,
      };
      return [g, report];
    }),
  ) as AfterActionReport['byGrade'];

  const alerts = [...p.alerts.values()].filter((a) => inPeriod(a.raisedMs));
  const ackS = alerts
    .filter((a) => a.ackedMs !== undefined)
    .map((a) => ((a.ackedMs as number) - a.raisedMs) / 1000);
  const ack = stats(ackS);
  const byKind: Record<string, number> = {};
  for (const a of alerts) byKind[a.kind] = (byKind[a.kind] ?? 0) + 1;

  const pointsBy = new Map<string, number>();
  for (const tp of p.points.values()) {
    if (!inPeriod(tp.tsMs)) continue;
    pointsBy.set(tp.jurisdictionId, (pointsBy.get(tp.jurisdictionId) ?? 0) + tp.points);
  }
  const stationOf = new Map(input.roster.map((u) => [u.id, u.stationId]));
  const helped = new Map<string, number>();
  for (const r of requests) {
    const to = gradeOf.get(r.incidentId)?.jurisdictionId;
    if (to === undefined) continue;
    for (const o of r.orders) {
      const from = stationOf.get(o.unitId);
      if (from === undefined || o.state === 'refused') continue;
      const key = `${from}\n${to}`;
      helped.set(key, (helped.get(key) ?? 0) + 1);
    }
  }

  return {
    session: input.session,
    fromMs,
    toMs,
    generatedMs: input.generatedMs,
    byGrade,
    alerts: {
      raised: alerts.length,
      acked: ackS.length,
      ackP50S: ack.p50S,
      ackP90S: ack.p90S,
      byKind,
    },
    points: {
      byJurisdiction: [...pointsBy]
        .map(([id, points]) => ({ id, points: Math.round(points * 100) / 100 }))
        .sort((a, b) => b.points - a.points),
      gini: Math.round(gini([...pointsBy.values()]) * 1000) / 1000,
    },
    helped: [...helped]
      .map(([k, units]) => {
        const [from = '', to = ''] = k.split('\n');
        return { from, to, units };
      })
      .sort((a, b) => b.units - a.units),
  };
}
