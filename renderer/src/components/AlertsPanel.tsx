import { useState } from 'react';
import type { ReactNode } from 'react';
import { alertState, type Alert } from '../../../shared/domain/alerts';
import { useClockFormat, useDateTimeFormat } from '../i18n/formats';
import { useT } from '../i18n/I18nProvider';
import { alertKindKey, alertStateKey } from '../i18n/messages';
import type { AlertsState } from '../state/alertsStore';
import { failureText } from './failureText';

interface Props {
  readonly alerts: AlertsState;
  /** Callsign per unit id; the raw id is shown for a unit the roster does not know. */
  readonly callsigns: ReadonlyMap<string, string>;
  readonly muted: boolean;
  readonly onToggleMute: () => void;
  /** Absent on a wall screen: alerts are shown, not acknowledged, there. */
  readonly onAck?: (id: number) => Promise<unknown>;
}

export function AlertsPanel({ alerts, callsigns, muted, onToggleMute, onAck }: Props): ReactNode {
  const t = useT();
  const [error, setError] = useState<string>();
  const [pending, setPending] = useState<ReadonlySet<number>>(new Set());

  const ack = (id: number): void => {
    if (!onAck) return;
    setPending((p) => new Set(p).add(id));
    onAck(id)
      .then(
        () => setError(undefined),
        (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
      )
      .finally(() =>
        setPending((p) => {
          const next = new Set(p);
          next.delete(id);
          return next;
        }),
      );
  };

  return (
    <section className="alerts-panel" data-testid="alerts-panel" aria-label={t('alerts.title')}>
      <header className="alerts-head">
        <span className="alerts-title">{t('alerts.title')}</span>
        <span
          className={alerts.openCount > 0 ? 'alerts-count open' : 'alerts-count'}
          data-testid="alerts-open-count"
          data-value={alerts.openCount}
        >
          {t('alerts.openCount', { count: alerts.openCount })}
        </span>
        <button
          type="button"
          className="tool-button"
          data-testid="alert-mute"
          aria-pressed={muted}
          title={t(muted ? 'alerts.unmuteTitle' : 'alerts.muteTitle')}
          onClick={onToggleMute}
        >
          {t(muted ? 'alerts.muted' : 'alerts.sound')}
        </button>
      </header>
      {error && (
        <div className="alerts-error" role="alert" data-testid="alert-error">
          {t('alerts.ackFailed', { message: failureText(t, error) })}
        </div>
      )}
      {alerts.list.length === 0 ? (
        <div className="alerts-empty">{t('alerts.none')}</div>
      ) : (
        <ol className="alerts-list">
          {alerts.list.map((a) => (
            <AlertItem
              key={a.id}
              alert={a}
              callsign={
                a.unitId === '' ? t('alerts.consoleSubject') : (callsigns.get(a.unitId) ?? a.unitId)
              }
              busy={pending.has(a.id)}
              onAck={onAck ? ack : undefined}
            />
          ))}
        </ol>
      )}
    </section>
  );
}

function AlertItem({
  alert,
  callsign,
  busy,
  onAck,
}: {
  readonly alert: Alert;
  readonly callsign: string;
  readonly busy: boolean;
  readonly onAck: ((id: number) => void) | undefined;
}): ReactNode {
  const t = useT();
  const time = useClockFormat();
  const dateTime = useDateTimeFormat();
  const state = alertState(alert);
  const value =
    alert.value === undefined
      ? undefined
      : alert.kind === 'low-battery'
        ? t('alerts.valuePct', { value: Math.round(alert.value) })
        : alert.kind === 'heart-rate'
          ? t('alerts.valueBpm', { value: Math.round(alert.value) })
          : undefined;
  // A gap's window is a sentence, not a reading: on its own line, so the kind and the subject
  // keep their width on a 1600-wide wall.
  const gapWindow =
    alert.kind === 'data-gap' && alert.value !== undefined
      ? t(alert.detail === 'session-expired' ? 'alerts.gapExpired' : 'alerts.gapWindow', {
          from: dateTime.format(alert.value),
          to: dateTime.format(alert.raisedMs),
        })
      : undefined;
  // An SOS that reached the console late (buffered while the device was out of reach): when it
  // was pressed, by the device's clock.
  const sosLate =
    alert.kind === 'sos' && alert.detail?.endsWith('-late') === true && alert.value !== undefined
      ? t('alerts.sosLate', { at: dateTime.format(alert.value) })
      : undefined;
  return (
    <li
      className={`alert-item alert-${alert.kind} alert-${state}`}
      data-testid="alert-item"
      data-alert-id={alert.id}
      data-kind={alert.kind}
      data-state={state}
      data-unit={alert.unitId}
    >
      <div className="alert-line">
        <span className="alert-kind">{t(alertKindKey(alert.kind))}</span>
        <span className="alert-unit">{callsign}</span>
        {value && <span className="alert-value">{value}</span>}
        <time className="alert-time" dateTime={new Date(alert.raisedMs).toISOString()}>
          {time.format(alert.raisedMs)}
        </time>
      </div>
      {gapWindow && (
        <div className="alert-line alert-sub" data-testid="alert-gap-window">
          {gapWindow}
        </div>
      )}
      {sosLate && (
        <div className="alert-line alert-sub" data-testid="alert-sos-late">
          {sosLate}
        </div>
      )}
      <div className="alert-line alert-sub">
        <span className="alert-state">{t(alertStateKey(state))}</span>
        {alert.ackedMs !== undefined && (
          <span className="alert-acked" data-testid="alert-acked-by">
            {t('alerts.ackedBy', { who: alert.ackedBy ?? '', time: time.format(alert.ackedMs) })}
          </span>
        )}
        {alert.ackedMs === undefined && onAck && (
          <button
            type="button"
            className="alert-ack"
            data-testid="alert-ack"
            disabled={busy}
            onClick={() => onAck(alert.id)}
          >
            {t('alerts.ack')}
          </button>
        )}
      </div>
    </li>
  );
}
