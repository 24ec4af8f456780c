import { useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import type { SupportRequest, UnitOrder } from '../../../shared/domain/support';
import { canTransition } from '../../../shared/domain/supportTransitions';
import { useClockFormat } from '../i18n/formats';
import { useT } from '../i18n/I18nProvider';
import { gradeKey, incidentTypeKey, orderStateKey, supportStateKey } from '../i18n/messages';
import { incidentById, type IncidentsState } from '../state/incidentsStore';
import {
  isTerminal,
  remainingEtaS,
  slaTimers,
  type SlaTimer,
  type SupportViewState,
} from '../state/supportStore';
import { GradeBadge } from './IncidentsPanel';
import { SupportTimeline } from './SupportTimeline';
import { useNow } from './useNow';
import { durationText } from '../i18n/duration';
import { ConfirmAction } from './ConfirmAction';
import { useReadOnly } from './readOnly';
import { EmergencyFlag } from './EmergencyFlag';
import { ReasonAction } from './ReasonAction';
import { errorText, usePendingAction } from './usePendingAction';
import { failureText } from './failureText';

/** Orders whose unit is still committed to the request: it can be sent home on its own. */
const ATTACHED_ORDER_STATES: ReadonlySet<UnitOrder['state']> = new Set<UnitOrder['state']>([
  'sent',
  'acknowledged',
  'en-route',
  'on-scene',
  'no-ack',
]);

interface Props {
  readonly support: SupportViewState;
  readonly incidents: IncidentsState;
  readonly callsign: (unitId: string) => string;
  readonly stationName: (stationId: string) => string;
  readonly release: (requestId: string) => Promise<unknown>;
  /** A supervisor approves an emergency dispatch after the fact (absent on a wall). */
  readonly confirmEmergency?: (requestId: string) => Promise<unknown>;
  readonly cancel: (requestId: string, reason: string) => Promise<unknown>;
  /** Orders one attached unit home (the rest of the package stays). */
  readonly returnUnit: (unitId: string) => Promise<unknown>;
  /** Loads a request's timeline into the store (getSupportTimeline). */
  readonly loadTimeline: (requestId: string) => Promise<unknown>;
  readonly onShowRequest: (requestId: string) => void;
  readonly onClose: () => void;
}

/** Every support request with its state, orders, SLA timers and (for the open row) timeline. */
export function SupportBoard(props: Props): ReactNode {
  const { support, incidents, loadTimeline } = props;
  const t = useT();
  const now = useNow();
  const [picked, setPicked] = useState<string>();
  const [error, setError] = useState<string>();
  const expandedId = picked ?? support.requests[0]?.id;
  const expanded = support.requests.find((r) => r.id === expandedId);

  /** The head of an exported record: the request, its incident and area, its state. */
  const recordLines = (r: SupportRequest): (readonly [string, string])[] => {
    const inc = incidentById(incidents, r.incidentId);
    return [
      [t('export.request'), r.id],
      [
        t('export.incident'),
        inc
          ? `${t(incidentTypeKey(inc.type))} ${t(gradeKey(inc.grade))} · ${props.stationName(inc.jurisdictionId)} · ${inc.id}`
          : r.incidentId,
      ],
      [t('export.state'), t(supportStateKey(r.state))],
    ];
  };

  // Reloaded whenever the request changes, in case a pushed step was missed.
  const updatedMs = expanded?.updatedMs;
  useEffect(() => {
    if (expandedId === undefined) return;
    loadTimeline(expandedId).catch((e: unknown) => setError(errorText(e)));
  }, [expandedId, updatedMs, loadTimeline]);

  return (
    <section className="support-board" data-testid="support-board">
      <header className="panel-head">
        <span className="panel-title">{t('board.title')}</span>
        <button
          type="button"
          className="link-button"
          data-testid="support-board-close"
          onClick={props.onClose}
        >
          {t('board.close')}
        </button>
      </header>
      {error && (
        <div className="panel-error" role="alert" data-testid="board-error">
          {t('board.failed', { message: failureText(t, error) })}
        </div>
      )}
      <div className="board-body">
        {support.requests.length === 0 ? (
          <div className="panel-empty">{t('board.none')}</div>
        ) : (
          <ol className="board-list">
            {support.requests.map((r) => (
              <SupportRow
                key={r.id}
                request={r}
                incidents={incidents}
                nowMs={now}
                expanded={r.id === expandedId}
                callsign={props.callsign}
                onExpand={() => setPicked(r.id)}
                onShow={() => props.onShowRequest(r.id)}
                release={props.release}
                confirmEmergency={props.confirmEmergency}
                cancel={props.cancel}
                returnUnit={props.returnUnit}
              />
            ))}
          </ol>
        )}
        {expanded && (
          <SupportTimeline
            events={support.timelines.get(expanded.id) ?? []}
            callsign={props.callsign}
            stationName={props.stationName}
            record={{ requestId: expanded.id, lines: recordLines(expanded) }}
          />
        )}
      </div>
    </section>
  );
}

function SupportRow({
  request: r,
  incidents,
  nowMs,
  expanded,
  callsign,
  onExpand,
  onShow,
  release,
  confirmEmergency,
  cancel,
  returnUnit,
}: {
  readonly request: SupportRequest;
  readonly incidents: IncidentsState;
  readonly nowMs: number;
  readonly expanded: boolean;
  readonly callsign: (unitId: string) => string;
  readonly onExpand: () => void;
  readonly onShow: () => void;
  readonly release: Props['release'];
  readonly confirmEmergency: Props['confirmEmergency'];
  readonly cancel: Props['cancel'];
  readonly returnUnit: Props['returnUnit'];
}): ReactNode {
  const t = useT();
  const time = useClockFormat();
  const { busy, error, run } = usePendingAction();
  const incident = incidentById(incidents, r.incidentId);
  const ended = isTerminal(r.state);
  // As the state table allows: 'approved' is transient (orders go out at once) and cannot release.
  // A wall shows the board; releasing, cancelling and returning units are a console's.
  const commands = !useReadOnly();
  const releasable = commands && canTransition(r.state, 'released');
  return (
    <li
      className={
        expanded ? `support-row state-${r.state} expanded` : `support-row state-${r.state}`
      }
      data-testid="support-row"
      data-request-id={r.id}
      data-incident-id={r.incidentId}
      data-state={r.state}
    >
      <div className="row-line">
        <button
          type="button"
          className="link-button"
          data-testid="support-row-expand"
          onClick={onExpand}
        >
          {incident ? t(incidentTypeKey(incident.type)) : r.incidentId}
        </button>
        {incident && <GradeBadge grade={incident.grade} />}
        <span className={`support-state state-${r.state}`}>{t(supportStateKey(r.state))}</span>
        <time className="muted small" dateTime={new Date(r.createdMs).toISOString()}>
          {time.format(r.createdMs)}
        </time>
        {slaTimers(r, nowMs).map((s) => (
          <SlaBadge key={s.kind} timer={s} />
        ))}
        <span className="row-actions">
          {r.state === 'recommended' && (
            <button
              type="button"
              className="tool-button"
              data-testid="support-row-show"
              onClick={onShow}
            >
              {t('incidents.showSupport')}
            </button>
          )}
          {releasable && (
            <ConfirmAction
              testId="release-support"
              label={t('board.release')}
              question={t('board.releaseQuestion', {
                units: r.orders
                  .filter((o) => o.state !== 'released' && o.state !== 'refused')
                  .map((o) => o.callsign)
                  .join(t('list.sep')),
              })}
              confirmLabel={t('board.releaseConfirm')}
              busy={busy}
              onConfirm={() => run(() => release(r.id))}
            />
          )}
          {!ended && commands && (
            <ReasonAction
              testId="cancel"
              label={t('board.cancel')}
              placeholder={t('board.cancelReason')}
              confirmLabel={t('board.cancelConfirm')}
              busy={busy}
              onConfirm={(reason) => run(() => cancel(r.id, reason))}
            />
          )}
        </span>
      </div>
      <EmergencyFlag request={r} confirm={confirmEmergency} />
      {r.approvedBy !== undefined && (
        <div
          className="muted small"
          data-testid="support-approved-by"
          data-countersigned-by={r.countersignedBy ?? ''}
        >
          {t('board.approvedBy', { name: r.approvedBy })}
          {r.countersignedBy !== undefined &&
            `${t('list.sep')}${t('board.countersignedBy', { name: r.countersignedBy })}`}
        </div>
      )}
      {r.orders.length > 0 && (
        <ul className="order-list">
          {r.orders.map((o) => (
            <li
              key={o.unitId}
              className={`order-state order-${o.state}`}
              data-testid="order-state"
              data-unit-id={o.unitId}
              data-state={o.state}
              title={o.attempts > 1 ? t('board.attempts', { n: o.attempts }) : undefined}
            >
              <span className="unit-callsign">{o.callsign || callsign(o.unitId)}</span>
              <span>{t(orderStateKey(o.state))}</span>
              {(o.state === 'sent' || o.state === 'acknowledged' || o.state === 'en-route') && (
                <span className="muted num" data-testid="order-eta">
                  {durationText(t, remainingEtaS(o, nowMs))}
                </span>
              )}
              {releasable && ATTACHED_ORDER_STATES.has(o.state) && (
                <button
                  type="button"
                  className="link-button"
                  data-testid="order-return"
                  title={t('board.returnUnitTitle')}
                  disabled={busy}
                  onClick={() => run(() => returnUnit(o.unitId))}
                >
                  {t('board.returnUnit')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {error && (
        <div className="panel-error" role="alert" data-testid="support-error">
          {t('board.failed', { message: failureText(t, error) })}
        </div>
      )}
    </li>
  );
}

function SlaBadge({ timer }: { readonly timer: SlaTimer }): ReactNode {
  const t = useT();
  const label = t(timer.kind === 'start' ? 'board.sla.start' : 'board.sla.on-scene');
  const cls = timer.breached ? 'sla-timer breached' : timer.met ? 'sla-timer met' : 'sla-timer';
  return (
    <span
      className={cls}
      data-testid="sla-timer"
      data-kind={timer.kind}
      data-breached={timer.breached ? 'true' : 'false'}
      data-met={timer.met ? 'true' : 'false'}
    >
      {label}{' '}
      {timer.met
        ? t(timer.breached ? 'board.sla.breached' : 'board.sla.met')
        : durationText(t, timer.remainingMs / 1000)}
    </span>
  );
}
