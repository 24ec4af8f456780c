// `npm run bench:report`: the after-action report of a busy 24 h (issue 13: target ≤ 2 s), against
// the floor of merely reading the same log from the same SQLite file, in one run, over several
// seeded days. The log is written as the console writes it (EventLog.append, hash chain included).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { afterActionReport } from '../electron/core/kpi/afterAction';
import { EventLog } from '../electron/core/log/EventLog';
import { loadRegionPack } from '../electron/core/region/loadRegion';
import { openStore } from '../electron/core/store/openStore';
import { GRADES } from '../shared/domain/incidents';
import type { LogEvent } from '../shared/domain/log';
import { Rng } from '../electron/core/sim/rng';

const SEEDS = [101, 202, 303, 404, 505];
const DAY_MS = 24 * 3_600_000;
const T0 = Date.UTC(2026, 11, 7, 16, 0, 0); // 00:00 in Kaihua
const ROUNDS = 3;

type Draft = Omit<LogEvent, 'seq'>;

/** A busy county day: 300–600 incidents, a third with support (≈45 steps each), alerts, points. */
function dayOf(seed: number, roster: readonly { id: string; stationId: string }[]): Draft[] {
  const rng = new Rng(seed);
  const rnd = (): number => rng.next();
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const out: Draft[] = [];
  const at = (ms: number) => Math.min(T0 + DAY_MS - 1, Math.round(ms));
  const incidents = 300 + Math.floor(rnd() * 300);
  for (let i = 0; i < incidents; i++) {
    const t = T0 + rnd() * (DAY_MS - 3_600_000);
    const id = `inc-${seed}-${i}`;
    const grade = pick(GRADES);
    const juris = pick(roster).stationId;
    out.push({
      subject: id,
      tsMs: at(t),
      operator: '值班指挥长',
      kind: 'incident-created',
      body: { id, grade, jurisdictionId: juris, createdMs: at(t), state: 'open', type: 'theft' },
    });
    if (rnd() < 0.35) {
      const sid = `sup-${seed}-${i}`;
      const units = Array.from({ length: 2 + Math.floor(rnd() * 5) }, () => pick(roster));
      const rec = t + 2_000 + rnd() * 5_000;
      const app = rec + 20_000 + rnd() * 200_000;
      out.push({
        subject: sid,
        tsMs: at(t + 1000),
        operator: 'x',
        kind: 'request',
        body: { id: sid, incidentId: id, state: 'requested', createdMs: at(t + 1000), orders: [] },
      });
      out.push({
        subject: sid,
        tsMs: at(rec),
        operator: 'x',
        kind: 'transition',
        to: 'recommended',
      });
      out.push({ subject: sid, tsMs: at(app), operator: 'x', kind: 'transition', to: 'approved' });
      out.push({
        subject: sid,
        tsMs: at(app),
        operator: 'x',
        kind: 'request',
        body: { state: 'approved', approvedMs: at(app) },
      });
      out.push({
        subject: sid,
        tsMs: at(app + 500),
        operator: 'x',
        kind: 'transition',
        to: 'dispatched',
      });
      const orders = units.map((u, k) => ({
        unitId: `${u.id}#${k}`,
        callsign: u.id,
        state: 'on-scene',
        attempts: 1,
        etaS: 600,
        onSceneMs: at(app + 120_000 + rnd() * 2_400_000),
      }));
      for (const o of orders) {
        for (const kind of ['order-sent', 'order-ack', 'unit-en-route', 'unit-on-scene'] as const) {
          out.push({
            subject: sid,
            tsMs: at(app + 1000),
            operator: 'system',
            kind,
            unitId: o.unitId,
            reason: kind,
          });
        }
      }
      out.push({
        subject: sid,
        tsMs: at(app + 2_600_000),
        operator: 'system',
        kind: 'request',
        body: { state: 'on-scene', orders },
      });
      for (const o of orders) {
        out.push({
          subject: sid,
          tsMs: at(app + 3_000_000),
          operator: 'x',
          kind: 'points',
          body: { unitId: o.unitId, jurisdictionId: pick(roster).stationId, points: 1 + rnd() * 4 },
        });
      }
    }
  }
  const alerts = 500 + Math.floor(rnd() * 500);
  for (let a = 1; a <= alerts; a++) {
    const t = T0 + rnd() * (DAY_MS - 600_000);
    const body = {
      id: a,
      kind: pick(['sos', 'low-battery', 'offline'] as const),
      unitId: pick(roster).id,
      raisedMs: at(t),
    };
    out.push({ subject: String(a), tsMs: at(t), operator: 'system', kind: 'alert-raised', body });
    out.push({
      subject: String(a),
      tsMs: at(t + rnd() * 300_000),
      operator: 'x',
      kind: 'alert-acked',
      body: { ...body, ackedMs: at(t + rnd() * 300_000) },
    });
  }
  return out.sort((a, b) => a.tsMs - b.tsMs);
}

const pack = loadRegionPack(join(process.cwd(), 'resources/regions'), 'kaihua');
const rows: string[] = [];
const reportMs: number[] = [];
const ratios: number[] = [];
for (const seed of SEEDS) {
  const dir = mkdtempSync(join(tmpdir(), 'muster-bench-report-'));
  const db = openStore({ file: join(dir, 'muster.db') });
  const log = new EventLog(db);
  const day = dayOf(seed, pack.roster);
  log.write(() => {
    for (const e of day) log.append(e);
  });
  let readBest = Infinity;
  let reportBest = Infinity;
  for (let r = 0; r < ROUNDS; r++) {
    let t = performance.now();
    const n = [...log.all()].length;
    readBest = Math.min(readBest, performance.now() - t);
    t = performance.now();
    const report = afterActionReport({
      session: { id: 'lv-bench', kind: 'live', name: 'Kaihua' },
      events: log.all(),
      fromMs: T0,
      toMs: T0 + DAY_MS,
      generatedMs: T0 + DAY_MS,
      gradeTargets: pack.support.gradeTargets,
      roster: pack.roster,
    });
    reportBest = Math.min(reportBest, performance.now() - t);
    if (n !== day.length || report.alerts.raised === 0) throw new Error('bench log not read back');
  }
  db.close();
  rmSync(dir, { recursive: true, force: true });
  reportMs.push(reportBest);
  ratios.push(reportBest / readBest);
  rows.push(
    `seed ${seed}: ${day.length} events; read ${readBest.toFixed(1)} ms; report ${reportBest.toFixed(1)} ms; report/read ${(reportBest / readBest).toFixed(2)}`,
  );
}
const sorted = [...reportMs].sort((a, b) => a - b);
console.log(
  'after-action report of a 24 h log (best of 3 per seed), against reading the log alone:',
);
for (const r of rows) console.log(`  ${r}`);
console.log(
  `pooled over ${SEEDS.length} seeds: report max ${(sorted.at(-1) ?? 0).toFixed(1)} ms (target ≤ 2000 ms), median ${(sorted[Math.floor(sorted.length / 2)] ?? 0).toFixed(1)} ms; report/read median ${[...ratios].sort((a, b) => a - b)[Math.floor(ratios.length / 2)]?.toFixed(2)}`,
);
