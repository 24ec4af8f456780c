import type { ReactNode } from 'react';
import type { Recommendation, Shortfall, SupportPackage } from '../../../shared/domain/support';
import { useT } from '../i18n/I18nProvider';
import { gradeShortKey, moduleKey, shortfallKey, violationKey } from '../i18n/messages';
import { durationText } from '../i18n/duration';
import {
  excludedSummary,
  heldSummary,
  nearestText,
  reserveGroupText,
  violationText,
  type Names,
} from './shortfallText';

interface Props {
  readonly pkg: SupportPackage;
  /** Station display names by id; the raw id for a station the region does not name. */
  readonly stationName: (stationId: string) => string;
  readonly callsign: (unitId: string) => string;
  /** Removing a unit re-evaluates the package without it (what-if); absent when read-only. */
  readonly onRemove?: (unitId: string) => void;
  readonly busy?: boolean;
}

const hours = (h: number): string => h.toFixed(1);

/** One package: per-unit explanation, compliance with the grade's target, coverage cost, gaps. */
/** The package table's columns; each header explains itself in a tooltip. */
const COLUMNS = ['unit', 'eta', 'covers', 'reserve', 'duty', 'burden'] as const;

export function PackageView({ pkg, stationName, callsign, onRemove, busy }: Props): ReactNode {
  const t = useT();
  const c = pkg.compliance;
  const names: Names = { stationName, callsign };
  const pastDuty = new Set(
    (pkg.violations ?? []).filter((v) => v.rule === 'duty').map((v) => v.unitId),
  );
  const params = {
    grade: t(gradeShortKey(c.grade)),
    last: durationText(t, c.lastArrivalS),
    target: durationText(t, c.targetOnSceneS),
    late: c.unitsLate,
  };
  return (
    <div className="package-view">
      {pkg.units.length > 0 && (
        <table className="package-table">
          <thead>
            <tr>
              {COLUMNS.map((c) => (
                <th key={c} title={t(`rec.colTip.${c}`)} data-testid={`package-col-${c}`}>
                  {t(`rec.col.${c}`)}
                </th>
              ))}
              {onRemove && <th />}
            </tr>
          </thead>
          <tbody>
            {pkg.units.map((u) => (
              <tr
                key={u.unitId}
                data-testid="package-unit"
                data-unit-id={u.unitId}
                data-callsign={u.callsign}
                data-eta-s={Math.round(u.etaS)}
              >
                <td>
                  <span className="unit-callsign">{u.callsign}</span>
                  {u.local && (
                    <span className="local-badge" data-testid="local-badge">
                      {t('rec.local')}
                    </span>
                  )}
                  <div className="muted small">{stationName(u.stationId)}</div>
                </td>
                <td className="num">{durationText(t, u.etaS)}</td>
                <td>{u.covers.map((m) => t(moduleKey(m))).join(t('list.sep'))}</td>
                <td
                  className={u.reserveLeft <= u.reserveMin ? 'num warn-text' : 'num'}
                  data-testid="package-unit-reserve"
                  data-module={u.reserveModule ?? ''}
                  title={t('reserve.title', {
                    what: reserveGroupText(u.reserveModule, t('reserve.sameKind'), t),
                  })}
                >
                  {u.reserveLeft} / {u.reserveMin}
                </td>
                <td className={pastDuty.has(u.unitId) ? 'num bad-text' : 'num'}>
                  {t('rec.dutyHours', { now: hours(u.dutyHours), end: hours(u.dutyHoursAtEnd) })}
                </td>
                <td className="num">{Math.round(u.burdenPoints)}</td>
                {onRemove && (
                  <td>
                    <button
                      type="button"
                      className="link-button"
                      data-testid="package-unit-remove"
                      disabled={busy}
                      onClick={() => onRemove(u.unitId)}
                    >
                      {t('rec.remove')}
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div
        className={c.meetsTarget && pkg.units.length > 0 ? 'compliance ok' : 'compliance bad'}
        data-testid="compliance"
        data-meets={c.meetsTarget && pkg.units.length > 0 ? 'true' : 'false'}
      >
        {pkg.units.length === 0
          ? t('rec.noUnits', { grade: params.grade })
          : t(c.meetsTarget ? 'rec.meets' : 'rec.misses', params)}
      </div>
      {pkg.coverage.length > 0 && (
        <div className="coverage" data-testid="coverage">
          <div className="panel-subtitle">{t('rec.coverage')}</div>
          {pkg.coverage.map((cc) => (
            <div key={cc.stationId} className="muted" data-testid="coverage-row">
              {t('rec.coverageRow', {
                station: stationName(cc.stationId),
                lent: cc.unitsLent,
                before: cc.availableBefore,
                after: cc.availableAfter,
              })}
            </div>
          ))}
        </div>
      )}
      {pkg.violations && pkg.violations.length > 0 && (
        <div className="shortfalls" data-testid="violations" role="alert">
          <div className="panel-subtitle">{t('rec.violations')}</div>
          <ul>
            {pkg.violations.map((v) => (
              <li
                key={`${v.unitId}:${v.rule}`}
                data-testid="violation"
                data-unit-id={v.unitId}
                data-rule={v.rule}
              >
                <span className="unit-callsign">{callsign(v.unitId)}</span>
                <span className="shortfall-main">{t(violationKey(v.rule))}</span>
                <div className="muted small" data-testid="violation-detail">
                  {violationText(v, t, names)}
                </div>
              </li>
            ))}
          </ul>
        </div>
      )}
      <Shortfalls shortfalls={pkg.shortfalls} names={names} />
    </div>
  );
}

export function Shortfalls({
  shortfalls,
  names,
}: {
  readonly shortfalls: readonly Shortfall[];
  readonly names: Names;
}): ReactNode {
  const t = useT();
  if (shortfalls.length === 0) return undefined;
  return (
    <div className="shortfalls" data-testid="shortfalls" role="alert">
      <div className="panel-subtitle">{t('rec.shortfalls')}</div>
      <ul>
        {shortfalls.map((s) => {
          const nearest = nearestText(s, t, names);
          return (
            <li
              key={`${s.module}:${s.cause}`}
              data-testid="shortfall"
              data-module={s.module}
              data-cause={s.cause}
            >
              <div className="shortfall-main">
                {t('rec.shortfall', {
                  module: t(moduleKey(s.module)),
                  needed: s.needed,
                  found: s.found,
                })}
                {' — '}
                {t(shortfallKey(s.cause))}
              </div>
              <div className="muted small" data-testid="held-summary">
                {heldSummary(s, t)}
              </div>
              {nearest && (
                <div className="muted small" data-testid="nearest-held">
                  {nearest}
                </div>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/** The solver line: which solver, its time, and why the greedy fallback was used. */
export function SolverLine({ rec }: { readonly rec: Recommendation }): ReactNode {
  const t = useT();
  const excluded = excludedSummary(rec.excluded, t);
  return (
    <div className="solver-line" data-testid="solver" data-solver={rec.solver}>
      <div className="muted small">
        {t(rec.solver === 'highs' ? 'rec.solver.highs' : 'rec.solver.greedy', {
          ms: Math.round(rec.elapsedMs),
        })}
      </div>
      {rec.fallbackReason && (
        <div className="warn-text small" data-testid="fallback-reason">
          {t('rec.fallback', { reason: rec.fallbackReason })}
        </div>
      )}
      {excluded && <div className="muted small">{t('rec.excluded', { list: excluded })}</div>}
    </div>
  );
}
