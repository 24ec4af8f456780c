import { useMemo } from 'react';
import type { ReactNode } from 'react';
import { GRADES, type Incident } from '../../../shared/domain/incidents';
import type { StatusSnapshot } from '../../../shared/domain/status';
import { SUPPORT_STATES, UNIT_STATUSES, type SupportRequest } from '../../../shared/domain/support';
import { useNow } from '../components/useNow';
import { useLang, useT } from '../i18n/I18nProvider';
import { gradeKey, supportStateKey, unitStatusKey } from '../i18n/messages';
import { GRADE_COLORS } from '../state/supportColors';
import { durationText } from '../i18n/duration';
import { cssColor } from '../state/unitColors';
import type { UnitStatusState } from '../state/unitStatusStore';
import { computeKpis } from './kpi';
import { ReportLink } from '../report/ReportLink';

interface Props {
  readonly status: StatusSnapshot | undefined;
  readonly rosterIds: readonly string[];
  readonly statuses: UnitStatusState;
  readonly incidents: readonly Incident[];
  readonly requests: readonly SupportRequest[];
}

function Tile({
  kpi,
  label,
  value,
  sub,
  tone,
  color,
}: {
  readonly kpi: string;
  readonly label: string;
  readonly value: string | number;
  readonly sub?: string;
  readonly tone?: 'good' | 'bad' | 'warn';
  readonly color?: string;
}): ReactNode {
  return (
    <div
      className={tone ? `kpi-tile kpi-${tone}` : 'kpi-tile'}
      data-testid="kpi-tile"
      data-kpi={kpi}
      data-value={value}
      style={color ? { borderColor: color } : undefined}
    >
      <span className="kpi-label">{label}</span>
      <span className="kpi-value">{value}</span>
      {sub && <span className="kpi-sub">{sub}</span>}
    </div>
  );
}

/** The picture in numbers: forces, incidents, support and how the SLA is holding so far. */
export function KpiBoard({ status, rosterIds, statuses, incidents, requests }: Props): ReactNode {
  const t = useT();
  const { lang } = useLang();
  const nowMs = useNow();
  const num = useMemo(() => new Intl.NumberFormat(lang), [lang]);
  const k = useMemo(
    () => computeKpis({ rosterIds, statuses, incidents, requests, nowMs }),
    [rosterIds, statuses, incidents, requests, nowMs],
  );
  const judged = k.sla.met + k.sla.breached;
  const blank = t('status.noData');
  // Only the support states that occur, so the board stays readable from across the room.
  const liveStates = SUPPORT_STATES.filter((s) => k.supportByState[s] > 0);

  return (
    <section className="wall-board kpi-board" data-testid="kpi-board">
      <header className="wall-board-head">
        <h1>{t('wall.kpi.title')}</h1>
        <ReportLink
          sessionId={status?.session?.kind === 'live' ? undefined : status?.session?.id}
        />
      </header>
      <div className="kpi-section">
        <h2>{t('wall.kpi.units')}</h2>
        <div className="kpi-grid">
          <Tile
            kpi="units-online"
            label={t('status.unitsOnline')}
            value={
              status ? `${num.format(status.unitsOnline)}/${num.format(status.unitsTotal)}` : blank
            }
          />
          {UNIT_STATUSES.map((s) => (
            <Tile
              key={s}
              kpi={`status-${s}`}
              label={t(unitStatusKey(s))}
              value={num.format(k.byStatus[s])}
            />
          ))}
        </div>
      </div>
      <div className="kpi-section">
        <h2>{t('wall.kpi.incidents')}</h2>
        <div className="kpi-grid">
          {GRADES.map((g) => (
            <Tile
              key={g}
              kpi={`grade-${g}`}
              label={t(gradeKey(g))}
              value={num.format(k.openByGrade[g])}
              color={cssColor(GRADE_COLORS[g])}
            />
          ))}
        </div>
      </div>
      <div className="kpi-section">
        <h2>{t('wall.kpi.support')}</h2>
        <div className="kpi-grid">
          {liveStates.length === 0 ? (
            <Tile kpi="support-none" label={t('board.none')} value={0} />
          ) : (
            liveStates.map((s) => (
              <Tile
                key={s}
                kpi={`support-${s}`}
                label={t(supportStateKey(s))}
                value={num.format(k.supportByState[s])}
              />
            ))
          )}
          <Tile
            kpi="sla-met"
            label={t('wall.kpi.slaMet')}
            value={num.format(k.sla.met)}
            sub={
              judged > 0
                ? t('wall.kpi.slaRate', { pct: num.format(Math.round((100 * k.sla.met) / judged)) })
                : undefined
            }
            tone={judged > 0 ? 'good' : undefined}
          />
          <Tile
            kpi="sla-breached"
            label={t('wall.kpi.slaBreached')}
            value={num.format(k.sla.breached)}
            tone={k.sla.breached > 0 ? 'bad' : undefined}
          />
          <Tile
            kpi="sla-pending"
            label={t('wall.kpi.slaPending')}
            value={num.format(k.sla.pending)}
          />
          <Tile
            kpi="mean-on-scene"
            label={t('wall.kpi.meanOnScene')}
            value={
              k.meanApprovalToOnSceneS === undefined
                ? blank
                : durationText(t, k.meanApprovalToOnSceneS)
            }
            sub={t('wall.kpi.arrivals', { count: k.arrivals })}
          />
        </div>
      </div>
    </section>
  );
}
