import { useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import type { AuditFile } from '../../../shared/domain/audit';
import type { RegionInfo } from '../../../shared/domain/region';
import type { StatusSnapshot } from '../../../shared/domain/status';
import { useClockFormat } from '../i18n/formats';
import { useLang, useT } from '../i18n/I18nProvider';
import { brokerKey, brokerRefusalKey, rejectKey } from '../i18n/messages';
import { brokerRefusedBreakdown, rejectedBreakdown, rejectedTotal } from '../state/statusView';
import type { ConsoleLinkState } from '../transport/linkStore';
import { AuditState } from './AuditState';
import { LangToggle } from './LangToggle';
import { useNow } from './useNow';

interface Props {
  readonly status: StatusSnapshot | undefined;
  readonly link: ConsoleLinkState;
  readonly info: RegionInfo | undefined;
  readonly onAbout: () => void;
  /** Unacknowledged alerts, counted by the renderer's alert list. */
  readonly openAlerts?: number;
  /** Smaller strip for the video-wall role screens (the boards need the height). */
  readonly compact?: boolean;
  /** Extra buttons before the About button (the wall layout editor). */
  readonly tools?: ReactNode;
  /** Verifies the support audit chain again. */
  readonly verifyAudit: () => Promise<unknown>;
  /** The auditor's export of the chain; absent for anyone else. */
  readonly exportAudit?: () => Promise<AuditFile>;
  /** Opens the quarantine of refused messages. */
  readonly onQuarantine?: () => void;
  /**
   * The picture is not current: the clock shows the time it is as of (null: no data yet) instead
   * of running on. Undefined while live.
   */
  readonly dataAsOf?: number | null | undefined;
}

export function StatusStrip({
  status,
  link,
  info,
  onAbout,
  openAlerts,
  compact,
  tools,
  verifyAudit,
  exportAudit,
  onQuarantine,
  dataAsOf,
}: Props): ReactNode {
  const t = useT();
  const { lang } = useLang();
  const now = useNow();
  const num = useMemo(() => new Intl.NumberFormat(lang), [lang]);
  const clock = useClockFormat();
  const none = t('status.noData');
  const fmt = (n: number | undefined): string => (n === undefined ? none : num.format(n));

  const broker = status?.broker;
  // The link to the console itself is down: its last figures are shown dimmed, not as live.
  const frozen = link === 'closed' || link === 'refused';
  const brokerTitle = broker
    ? [
        `${broker.url} (${t(broker.embedded ? 'status.brokerEmbedded' : 'status.brokerExternal')})`,
        broker.protocol
          ? t('status.protocol', { version: broker.protocol === 5 ? '5' : '3.1.1' })
          : '',
        t('status.reconnects', { count: String(broker.reconnects ?? 0) }),
        broker.lastError ? t('status.lastError', { message: broker.lastError }) : '',
      ]
        .filter(Boolean)
        .join('\n')
    : undefined;

  return (
    <header
      className={['status-strip', compact ? 'compact' : '', frozen ? 'frozen' : '']
        .filter(Boolean)
        .join(' ')}
      data-testid="status-strip"
    >
      <div className="strip-brand">
        <span className="strip-title">{t('app.title')}</span>
        {info && (
          <span className="strip-region" data-testid="region-name">
            {lang === 'en' ? info.nameEn : info.name}
          </span>
        )}
        {status?.simulator && (
          <span className="badge badge-sim" data-testid="simulator-badge">
            {t('status.simulator')}
          </span>
        )}
        {status?.storeError !== undefined && (
          <span
            className="badge badge-bad"
            data-testid="store-error"
            title={t('status.lastError', { message: status.storeError })}
            role="alert"
          >
            {t('status.storeError')}
          </span>
        )}
      </div>

      <div className="strip-stats">
        <Stat label={t('status.alerts')}>
          <span
            className={openAlerts ? 'value warn-bad' : 'value'}
            data-testid="open-alerts"
            data-value={openAlerts ?? ''}
          >
            {fmt(openAlerts)}
          </span>
        </Stat>
        <Stat label={t('status.broker')}>
          {status?.session?.kind === 'replay' ? (
            // A replay reads a recording: no broker, and nothing to be alarmed about.
            <span className="value" data-testid="broker-state" data-state="replay">
              {t('replay.noBroker')}
            </span>
          ) : frozen ? (
            // The console cannot be asked: what it last said about its broker may no longer hold.
            <span className="state state-none" data-testid="broker-state" data-state="unknown">
              {none}
            </span>
          ) : (
            <span
              className={`state state-${broker?.state ?? 'none'}`}
              data-testid="broker-state"
              data-state={broker?.state ?? 'unknown'}
              data-reconnects={broker?.reconnects ?? 0}
              title={brokerTitle}
            >
              {broker ? t(brokerKey(broker.state)) : none}
            </span>
          )}
        </Stat>
        <Stat label={t('status.msgsPerSec')}>
          <span className="value" data-testid="msgs-per-sec" data-value={status?.msgsPerSec ?? ''}>
            {fmt(status?.msgsPerSec)}
          </span>
        </Stat>
        <Stat label={t('status.unitsOnline')}>
          <span
            className="value"
            data-testid="units-online"
            data-online={status?.unitsOnline ?? ''}
            data-total={status?.unitsTotal ?? ''}
          >
            {fmt(status?.unitsOnline)}
            <span className="value-sub">/{fmt(status?.unitsTotal)}</span>
          </span>
        </Stat>
        <Stat label={t('status.accepted')}>
          <span className="value" data-testid="accepted-count" data-value={status?.accepted ?? ''}>
            {fmt(status?.accepted)}
          </span>
        </Stat>
        <Stat label={t('status.rejected')}>
          <RejectedCount status={status} format={fmt} onInspect={onQuarantine} />
        </Stat>
        <Stat label={t('status.audit')}>
          <AuditState audit={status?.audit} verify={verifyAudit} exportAudit={exportAudit} />
        </Stat>
        <Stat label={t('status.console')}>
          <span className={`state link-${link}`} data-testid="console-link" data-state={link}>
            {t(`console.${link}`)}
          </span>
        </Stat>
      </div>

      <div className="strip-tools">
        {dataAsOf === undefined ? (
          <time className="clock" data-testid="clock" dateTime={new Date(now).toISOString()}>
            {clock.format(now)}
          </time>
        ) : (
          // Not current: the time the picture is as of, never a clock that runs on.
          <span
            className="clock clock-stale"
            data-testid="clock"
            data-stale="true"
            title={t('stale.dataAsOf', { time: dataAsOf === null ? '—' : clock.format(dataAsOf) })}
          >
            {t('stale.clockAsOf', {
              time: dataAsOf === null ? t('stale.noDataYet') : clock.format(dataAsOf),
            })}
          </span>
        )}
        <LangToggle />
        {tools}
        <button type="button" className="tool-button" data-testid="about-button" onClick={onAbout}>
          {t('about.button')}
        </button>
      </div>
    </header>
  );
}

function Stat({
  label,
  children,
}: {
  readonly label: string;
  readonly children: ReactNode;
}): ReactNode {
  return (
    <div className="stat">
      <span className="stat-label">{label}</span>
      {children}
    </div>
  );
}

function RejectedCount({
  status,
  format,
  onInspect,
}: {
  readonly status: StatusSnapshot | undefined;
  readonly format: (n: number | undefined) => string;
  readonly onInspect: (() => void) | undefined;
}): ReactNode {
  const t = useT();
  const [pinned, setPinned] = useState(false);
  const total = status ? rejectedTotal(status.rejected) : undefined;
  const rows = status ? rejectedBreakdown(status.rejected) : [];
  const refused = brokerRefusedBreakdown(status);
  const tooltip = [
    ...(rows.length === 0
      ? [t('status.rejectedNone')]
      : rows.map((r) => `${t(rejectKey(r.reason))}: ${format(r.count)}`)),
    ...(refused.length === 0 ? [] : [t('status.brokerRefusedTitle')]),
    ...refused.map((r) => `${t(brokerRefusalKey(r.reason))}: ${format(r.count)}`),
  ].join('\n');
  return (
    <div className={pinned ? 'rejected pinned' : 'rejected'}>
      <button
        type="button"
        className={total ? 'value value-button warn' : 'value value-button'}
        data-testid="rejected-count"
        data-value={total ?? ''}
        title={tooltip}
        aria-expanded={pinned}
        onClick={() => setPinned((p) => !p)}
      >
        {format(total)}
      </button>
      <div className="popover" data-testid="rejected-popover" role="tooltip">
        <div className="popover-title">{t('status.rejectedTitle')}</div>
        {rows.length === 0 ? (
          <div className="popover-empty">{t('status.rejectedNone')}</div>
        ) : (
          <CountTable
            rows={rows.map((r) => ({ ...r, label: t(rejectKey(r.reason)) }))}
            format={format}
          />
        )}
        {refused.length > 0 && (
          <>
            <div className="popover-title">{t('status.brokerRefusedTitle')}</div>
            <CountTable
              testId="broker-refused"
              rows={refused.map((r) => ({ ...r, label: t(brokerRefusalKey(r.reason)) }))}
              format={format}
            />
          </>
        )}
        {onInspect && total !== undefined && total > 0 && (
          <button
            type="button"
            className="popover-action"
            data-testid="rejected-inspect"
            onClick={onInspect}
          >
            {t('quarantine.open')}
          </button>
        )}
      </div>
    </div>
  );
}

function CountTable({
  rows,
  format,
  testId,
}: {
  readonly rows: readonly {
    readonly reason: string;
    readonly label: string;
    readonly count: number;
  }[];
  readonly format: (n: number | undefined) => string;
  readonly testId?: string;
}): ReactNode {
  return (
    <table data-testid={testId}>
      <tbody>
        {rows.map((r) => (
          <tr key={r.reason} data-reason={r.reason}>
            <th scope="row">{r.label}</th>
            <td>{format(r.count)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
