import type { ReactNode } from 'react';
import type { ConsoleApi } from '../../../shared/contract/ConsoleApi';
import type { DrillSnapshot, InjectRun } from '../../../shared/domain/drill';
import { usePendingAction } from '../components/usePendingAction';
import { useClockFormat } from '../i18n/formats';
import { useT } from '../i18n/I18nProvider';
import { injectKindKey, observedKey } from '../i18n/messages';
import { DrillError } from './DrillError';

/** Scenario time as m:ss or h:mm:ss. */
export function scenarioClock(s: number): string {
  const t = Math.max(0, Math.round(s));
  const h = Math.floor(t / 3600);
  const m = Math.floor((t % 3600) / 60);
  const sec = String(t % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}

interface Props {
  readonly api: ConsoleApi;
  readonly drill: DrillSnapshot;
  /** Callsign per unit id. */
  readonly callsigns: ReadonlyMap<string, string>;
}

/** The MSEL as it runs: each inject, expected against observed, fire now or skip. */
export function InjectTable({ api, drill, callsigns }: Props): ReactNode {
  const t = useT();
  const clock = useClockFormat();
  const action = usePendingAction();
  const what = (r: InjectRun): string => {
    const i = r.inject;
    const who = i.unitId !== undefined ? (callsigns.get(i.unitId) ?? i.unitId) : i.place;
    return [t(injectKindKey(i.kind)), who].filter(Boolean).join(' · ');
  };
  return (
    <section className="drill-injects">
      <header className="drill-injects-head">
        <h3>{t('drill.injects')}</h3>
        <button
          type="button"
          data-testid="drill-fire-next"
          disabled={action.busy || !drill.injects.some((r) => r.state === 'pending')}
          onClick={() => action.run(() => api.drillAction({ type: 'fire-next' }))}
        >
          {t('drill.fireNext')}
        </button>
      </header>
      <DrillError message={action.error} />
      <table className="drill-table" data-testid="inject-table">
        <thead>
          <tr>
            <th>{t('drill.col.time')}</th>
            <th>{t('drill.col.inject')}</th>
            <th>{t('drill.col.player')}</th>
            <th>{t('drill.col.expected')}</th>
            <th>{t('drill.col.objective')}</th>
            <th>{t('drill.col.state')}</th>
            <th>{t('drill.col.observed')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {drill.injects.map((r) => (
            <tr
              key={r.inject.id}
              data-testid="inject-row"
              data-inject-id={r.inject.id}
              data-kind={r.inject.kind}
              data-state={r.state}
            >
              <td className="num">{scenarioClock(r.inject.atS)}</td>
              <td>
                <div>{what(r)}</div>
                <div className="drill-dim">{r.inject.description}</div>
                {r.inject.contingency && (
                  <span className="drill-tag">{t('drill.contingency')}</span>
                )}
              </td>
              <td className="drill-player">{r.inject.player}</td>
              <td>{r.inject.expected}</td>
              <td>{r.inject.objective}</td>
              <td>
                {r.state === 'fired' && r.atMs !== undefined
                  ? `${t('drill.state.fired', { time: clock.format(r.atMs) })}${r.byHand ? t('drill.byHand') : ''}`
                  : t(r.state === 'skipped' ? 'drill.state.skipped' : 'drill.state.pending')}
              </td>
              <td data-testid="inject-observed">
                {r.observed.length === 0
                  ? t('drill.observedNone')
                  : r.observed.map((o) => (
                      <div key={o.what} data-what={o.what}>
                        {t('drill.observedAfter', {
                          what: t(observedKey(o.what)),
                          after: scenarioClock(o.afterS),
                        })}
                      </div>
                    ))}
              </td>
              <td>
                {r.state === 'pending' && (
                  <div className="drill-row-actions">
                    {(['fire', 'skip'] as const).map((type) => (
                      <button
                        key={type}
                        type="button"
                        data-testid={`inject-${type}`}
                        disabled={action.busy}
                        onClick={() =>
                          action.run(() => api.drillAction({ type, injectId: r.inject.id }))
                        }
                      >
                        {t(type === 'fire' ? 'drill.fire' : 'drill.skip')}
                      </button>
                    ))}
                  </div>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
