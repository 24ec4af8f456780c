import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import type { ConsoleApi } from '../../../shared/contract/ConsoleApi';
import { GRADES } from '../../../shared/domain/incidents';
import type { RegionSnapshot } from '../../../shared/domain/region';
import {
  REPORT_STAGES,
  type AfterActionReport,
  type StageStats,
} from '../../../shared/domain/report';
import { download } from '../components/download';
import { failureText } from '../components/failureText';
import { LangToggle } from '../components/LangToggle';
import { durationText } from '../i18n/duration';
import { useDateTimeFormat } from '../i18n/formats';
import { useLang, useT } from '../i18n/I18nProvider';
import { alertKindKey, gradeShortKey, reportStageKey } from '../i18n/messages';
import { EChart, type ChartOption } from './EChart';
import { reportCsv } from './reportCsv';

/** The address of the console the report belongs to (the same session, without the report). */
function consoleHref(href: string): string {
  const url = new URL(href);
  url.searchParams.delete('view');
  return url.toString();
}

/**
 * 复盘报告: the after-action report of the session the page shows, from its start to now. It reads
 * on screen, prints on A4 (PDF through the browser's print), and exports as JSON and CSV.
 */
export function ReportScreen({ api }: { readonly api: ConsoleApi }): ReactNode {
  const t = useT();
  const { lang } = useLang();
  const dateTime = useDateTimeFormat();
  const [report, setReport] = useState<AfterActionReport | undefined>();
  const [region, setRegion] = useState<RegionSnapshot | undefined>();
  const [error, setError] = useState<string | undefined>();
  const load = useCallback(() => {
    setError(undefined);
    api.getReport().then(setReport, (e: unknown) => setError(failureText(t, String(e))));
  }, [api, t]);
  useEffect(load, [load]);
  useEffect(() => {
    api.getRegion().then(setRegion, () => undefined);
  }, [api]);
  const station = useCallback(
    (id: string): string => {
      const s = region?.stations.find((x) => x.id === id);
      return s ? (lang === 'en' ? s.nameEn : s.name) : id;
    },
    [region, lang],
  );
  const dur = (s: number | null): string => (s === null ? '—' : durationText(t, s));
  const stage = (x: StageStats): string => (x.n === 0 ? '—' : `${dur(x.p50S)} / ${dur(x.p90S)}`);

  const responseChart = useMemo((): ChartOption | undefined => {
    if (!report) return undefined;
    const min = (s: number | null): number | null => (s === null ? null : Math.round(s / 6) / 10);
    return {
      animation: false,
      // Readable on the dark screen and on the white page.
      textStyle: { color: '#7f8fa6' },
      legend: { top: 0, textStyle: { color: '#7f8fa6' } },
      tooltip: { trigger: 'axis' },
      grid: { left: 48, right: 16, top: 36, bottom: 28 },
      xAxis: { type: 'category', data: GRADES.map((g) => t(gradeShortKey(g))) },
      yAxis: { type: 'value', name: t('report.minutes') },
      series: [
        {
          name: 'p50',
          type: 'bar',
          data: GRADES.map((g) => min(report.byGrade[g].stages.total.p50S)),
        },
        {
          name: 'p90',
          type: 'bar',
          data: GRADES.map((g) => min(report.byGrade[g].stages.total.p90S)),
        },
        {
          name: t('report.target'),
          type: 'line',
          data: GRADES.map((g) => report.byGrade[g].targetOnSceneMin),
        },
      ],
    };
  }, [report, t]);

  if (error) {
    return (
      <main className="report-screen" data-testid="report-screen">
        <p className="form-error" role="alert" data-testid="report-error">
          {error}
        </p>
      </main>
    );
  }
  if (!report) return <main className="report-screen" data-testid="report-loading" />;
  const stem = `muster-report-${report.session.id}`;
  return (
    <main className="report-screen" data-testid="report-screen" data-session={report.session.id}>
      <header className="report-head">
        <div>
          <h1>{t('report.title', { name: report.session.name })}</h1>
          <p data-testid="report-period">
            {t('report.period', {
              from: dateTime.format(report.fromMs),
              to: dateTime.format(report.toMs),
              at: dateTime.format(report.generatedMs),
            })}
          </p>
        </div>
        <div className="report-tools">
          <LangToggle />
          <button type="button" className="tool-button" data-testid="report-refresh" onClick={load}>
            {t('report.refresh')}
          </button>
          <button
            type="button"
            className="tool-button"
            data-testid="report-json"
            onClick={() =>
              download(`${stem}.json`, JSON.stringify(report, null, 2), 'application/json')
            }
          >
            {t('report.json')}
          </button>
          <button
            type="button"
            className="tool-button"
            data-testid="report-csv"
            onClick={() => download(`${stem}.csv`, reportCsv(report), 'text/csv;charset=utf-8')}
          >
            {t('report.csv')}
          </button>
          <button
            type="button"
            className="primary-button"
            data-testid="report-print"
            onClick={() => window.print()}
          >
            {t('report.print')}
          </button>
          <a
            className="tool-button"
            data-testid="report-back"
            href={consoleHref(window.location.href)}
          >
            {t('report.back')}
          </a>
        </div>
      </header>

      <section className="report-section">
        <h2>{t('report.response')}</h2>
        <p className="report-note">{t('report.responseNote')}</p>
        <table className="report-table" data-testid="report-grades">
          <thead>
            <tr>
              <th>{t('report.grade')}</th>
              <th>{t('report.incidents')}</th>
              <th>{t('report.requests')}</th>
              {REPORT_STAGES.map((s) => (
                <th key={s}>{t(reportStageKey(s))}</th>
              ))}
              <th>{t('report.target')}</th>
              <th>{t('report.sla')}</th>
            </tr>
          </thead>
          <tbody>
            {GRADES.map((g) => {
              const x = report.byGrade[g];
              return (
                <tr key={g} data-testid="report-grade" data-grade={g} data-requests={x.requests}>
                  <td>{t(gradeShortKey(g))}</td>
                  <td>{x.incidents}</td>
                  <td>{x.requests}</td>
                  {REPORT_STAGES.map((s) => (
                    <td key={s} data-stage={s} data-p50={x.stages[s].p50S ?? ''}>
                      {stage(x.stages[s])}
                    </td>
                  ))}
                  <td>{t('report.targetMin', { min: x.targetOnSceneMin })}</td>
                  <td data-testid="report-sla">
                    {t('report.slaCounts', {
                      met: x.sla.met,
                      missed: x.sla.missed,
                      open: x.sla.open,
                    })}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        {responseChart && <EChart option={responseChart} testId="report-chart-response" />}
      </section>

      <section className="report-section report-columns">
        <div>
          <h2>{t('report.alerts')}</h2>
          <p data-testid="report-alerts">
            {t('report.alertsLine', {
              raised: report.alerts.raised,
              acked: report.alerts.acked,
              p50: dur(report.alerts.ackP50S),
              p90: dur(report.alerts.ackP90S),
            })}
          </p>
          <ul>
            {Object.entries(report.alerts.byKind).map(([kind, n]) => (
              <li key={kind}>
                {t(alertKindKey(kind as Parameters<typeof alertKindKey>[0]))}: {n}
              </li>
            ))}
          </ul>
        </div>
        <div>
          <h2>{t('report.burden')}</h2>
          <p data-testid="report-gini">{t('report.gini', { gini: report.points.gini })}</p>
          <table className="report-table">
            <tbody>
              {report.points.byJurisdiction.map((p) => (
                <tr key={p.id}>
                  <td>{station(p.id)}</td>
                  <td>{p.points}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div>
          <h2>{t('report.helped')}</h2>
          <table className="report-table" data-testid="report-helped">
            <thead>
              <tr>
                <th>{t('report.from')}</th>
                <th>{t('report.to')}</th>
                <th>{t('report.units')}</th>
              </tr>
            </thead>
            <tbody>
              {report.helped.map((h) => (
                <tr key={`${h.from} ${h.to}`}>
                  <td>{station(h.from)}</td>
                  <td>{station(h.to)}</td>
                  <td>{h.units}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </main>
  );
}
