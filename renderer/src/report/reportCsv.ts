import { GRADES } from '../../../shared/domain/incidents';
import { REPORT_STAGES, type AfterActionReport } from '../../../shared/domain/report';

const cell = (v: string | number | null): string => {
  const s = v === null ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/**
 * The report's per-grade table as CSV a spreadsheet opens (BOM, CRLF): one row per grade, every
 * stage's p50 and p90 in seconds, the target and the SLA counts. Column names are English ids.
 */
export function reportCsv(r: AfterActionReport): string {
  const head = [
    'grade',
    'incidents',
    'requests',
    ...REPORT_STAGES.flatMap((s) => [`${s}_p50_s`, `${s}_p90_s`]),
    'target_on_scene_min',
    'sla_met',
    'sla_missed',
    'sla_open',
  ];
  const rows = GRADES.map((g) => {
    const x = r.byGrade[g];
    return [
      g,
      x.incidents,
      x.requests,
      ...REPORT_STAGES.flatMap((s) => [x.stages[s].p50S, x.stages[s].p90S]),
      x.targetOnSceneMin,
      x.sla.met,
      x.sla.missed,
      x.sla.open,
    ];
  });
  return '\uFEFF' + [head, ...rows].map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
}
