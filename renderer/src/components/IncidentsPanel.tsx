import type { ReactNode } from 'react';
import { GRADES, type Grade, type Incident } from '../../../shared/domain/incidents';
import type { SupportRequest } from '../../../shared/domain/support';
import { useClockFormat } from '../i18n/formats';
import { useT } from '../i18n/I18nProvider';
import { gradeKey, gradeShortKey, incidentTypeKey, supportStateKey } from '../i18n/messages';
import { isMajorGrade, type IncidentsState } from '../state/incidentsStore';
import { GRADE_COLORS } from '../state/supportColors';
import {
  awaitsDecision,
  isCommitted,
  requestForIncident,
  supportOutcome,
  type SupportOutcome,
  type SupportViewState,
} from '../state/supportStore';
import { cssColor } from '../state/unitColors';
import { ReasonAction } from './ReasonAction';
import { HandoverAction } from './HandoverAction';
import { usePendingAction } from './usePendingAction';
import { ChoiceSelect } from './ChoiceSelect';
import { failureText } from './failureText';
import { useReadOnly } from './readOnly';

interface Props {
  readonly incidents: IncidentsState;
  readonly support: SupportViewState;
  readonly selectedId: string | undefined;
  readonly picking: boolean;
  /** The form for a new incident, when a point has been picked. */
  readonly form?: ReactNode;
  readonly onSelect: (incidentId: string | undefined) => void;
  readonly onNew: () => void;
  readonly onCancelPick: () => void;
  readonly onRegrade: (incidentId: string, grade: Grade) => Promise<unknown>;
  readonly onRequestSupport: (incidentId: string) => Promise<unknown>;
  readonly onCloseIncident: (incidentId: string, reason: string) => Promise<unknown>;
  readonly onHandOver: (incidentId: string, successor: string, reason: string) => Promise<unknown>;
  /** This console's operator: the commander of the incidents it created or took over. */
  readonly operator: string | undefined;
  readonly onShowRequest: (requestId: string) => void;
  /** Support requests not yet ended, and the support board toggle. */
  readonly activeSupport: number;
  readonly boardOpen: boolean;
  readonly onToggleBoard: () => void;
  /** Display name of a jurisdiction (a station's area is named by its station); the id when unknown. */
  readonly areaName: (jurisdictionId: string) => string;
}

export function GradeBadge({ grade }: { readonly grade: Grade }): ReactNode {
  const t = useT();
  return (
    <span
      className={isMajorGrade(grade) ? 'grade-badge major' : 'grade-badge'}
      data-testid="grade-badge"
      data-grade={grade}
      style={{ borderColor: cssColor(GRADE_COLORS[grade]), color: cssColor(GRADE_COLORS[grade]) }}
      title={t(gradeKey(grade))}
    >
      {t(gradeShortKey(grade))}
    </span>
  );
}

export function IncidentsPanel(props: Props): ReactNode {
  const { incidents, support, selectedId, picking, form, onSelect, onNew, onCancelPick } = props;
  const t = useT();
  const time = useClockFormat();
  const selected = incidents.list.find((i) => i.id === selectedId);
  const commands = !useReadOnly();
  return (
    <section className="side-panel incidents-panel" data-testid="incidents-panel">
      <header className="panel-head">
        <span className="panel-title">{t('incidents.title')}</span>
        <button
          type="button"
          className={props.boardOpen ? 'tool-button active' : 'tool-button'}
          data-testid="open-support-board"
          data-active={props.activeSupport}
          aria-pressed={props.boardOpen}
          onClick={props.onToggleBoard}
        >
          {t('board.open')}
          {props.activeSupport > 0 && <span className="tool-count">{props.activeSupport}</span>}
        </button>
        {picking ? (
          <button
            type="button"
            className="tool-button"
            data-testid="pick-cancel"
            onClick={onCancelPick}
          >
            {t('incidents.cancel')}
          </button>
        ) : (
          commands && (
            <button
              type="button"
              className="tool-button"
              data-testid="new-incident"
              onClick={onNew}
            >
              {t('incidents.new')}
            </button>
          )
        )}
      </header>
      {picking && (
        <div className="panel-hint" data-testid="pick-hint">
          {t('incidents.pickHint')}
        </div>
      )}
      {form}
      {selected && (
        <IncidentDetail
          incident={selected}
          areaName={props.areaName}
          request={requestForIncident(support, selected.id)}
          outcome={supportOutcome(support, selected.id)}
          committed={support.requests.some((r) => r.incidentId === selected.id && isCommitted(r))}
          onClose={() => onSelect(undefined)}
          onRegrade={props.onRegrade}
          onRequestSupport={props.onRequestSupport}
          onCloseIncident={props.onCloseIncident}
          onHandOver={props.onHandOver}
          operator={props.operator}
          onShowRequest={props.onShowRequest}
        />
      )}
      {incidents.list.length === 0 ? (
        <div className="panel-empty">{t('incidents.none')}</div>
      ) : (
        <ol className="panel-list">
          {incidents.list.map((i) => (
            <li key={i.id}>
              <button
                type="button"
                className={i.id === selectedId ? 'incident-item selected' : 'incident-item'}
                data-testid="incident-item"
                data-incident-id={i.id}
                data-grade={i.grade}
                data-state={i.state}
                onClick={() => onSelect(i.id === selectedId ? undefined : i.id)}
              >
                <GradeBadge grade={i.grade} />
                <span className="incident-type">{t(incidentTypeKey(i.type))}</span>
                {i.state === 'closed' && <span className="muted">{t('incidents.closed')}</span>}
                {i.drill && <span className="badge badge-sim">{t('incidents.drill')}</span>}
                <time className="muted" dateTime={new Date(i.createdMs).toISOString()}>
                  {time.format(i.createdMs)}
                </time>
              </button>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function IncidentDetail({
  incident,
  areaName,
  request,
  outcome,
  committed,
  onClose,
  onRegrade,
  onRequestSupport,
  onCloseIncident,
  onHandOver,
  operator,
  onShowRequest,
}: {
  readonly incident: Incident;
  readonly areaName: Props['areaName'];
  readonly request: SupportRequest | undefined;
  readonly outcome: SupportOutcome | undefined;
  /** Units are committed to it: asking again is 追加支援, for what they do not cover. */
  readonly committed: boolean;
  readonly onClose: () => void;
  readonly onRegrade: Props['onRegrade'];
  readonly onRequestSupport: Props['onRequestSupport'];
  readonly onCloseIncident: Props['onCloseIncident'];
  readonly onHandOver: Props['onHandOver'];
  readonly operator: Props['operator'];
  readonly onShowRequest: Props['onShowRequest'];
}): ReactNode {
  const t = useT();
  const { busy, error, run } = usePendingAction();
  const open = request && awaitsDecision(request.state);
  // A wall shows the incident; requesting, regrading, closing and handing over are a console's.
  const commands = !useReadOnly();
  return (
    <div className="incident-detail" data-testid="incident-detail" data-incident-id={incident.id}>
      <div className="detail-head">
        <GradeBadge grade={incident.grade} />
        <span className="incident-type">{t(incidentTypeKey(incident.type))}</span>
        <button
          type="button"
          className="link-button"
          data-testid="incident-close"
          onClick={onClose}
        >
          {t('incidents.close')}
        </button>
      </div>
      {incident.description && <div className="detail-text">{incident.description}</div>}
      <div className="muted" data-testid="incident-jurisdiction" data-id={incident.jurisdictionId}>
        {t('incidents.jurisdiction', { id: areaName(incident.jurisdictionId) })}
      </div>
      <div className="muted" data-testid="incident-commander" data-name={incident.commander}>
        {t('incidents.commander', { name: incident.commander })}
      </div>
      {incident.state === 'closed' && (
        <div className="muted" data-testid="incident-closed-by">
          {t('incidents.closedBy', {
            name: incident.closedBy ?? '—',
            reason: incident.closeReason ?? '—',
          })}
        </div>
      )}
      {request && outcome && (
        <div
          className="muted"
          data-testid="incident-support-state"
          data-state={request.state}
          data-outcome={outcome.kind}
        >
          {t('incidents.support', { state: outcomeText(t, outcome) })}
        </div>
      )}
      <label className="form-row inline">
        <span>{t('incidents.regrade')}</span>
        <ChoiceSelect
          testId="incident-regrade"
          options={GRADES}
          value={incident.grade}
          disabled={busy || incident.state !== 'open' || !commands}
          label={(g) => t(gradeKey(g))}
          onChange={(g) => {
            if (g !== incident.grade) run(() => onRegrade(incident.id, g));
          }}
        />
      </label>
      <div className="form-actions">
        {open ? (
          <button
            type="button"
            className="primary-button"
            data-testid="show-recommendation"
            onClick={() => onShowRequest(request.id)}
          >
            {t('incidents.showSupport')}
          </button>
        ) : (
          commands && (
            <button
              type="button"
              className="primary-button"
              data-testid="request-support"
              data-mode={committed ? 'add' : 'new'}
              title={committed ? t('incidents.addSupportTitle') : undefined}
              disabled={busy || incident.state !== 'open'}
              onClick={() => run(() => onRequestSupport(incident.id))}
            >
              {t(committed ? 'incidents.addSupport' : 'incidents.requestSupport')}
            </button>
          )
        )}
        {incident.state === 'open' && commands && (
          <ReasonAction
            testId="close-incident"
            openTestId="close-incident"
            label={t('incidents.closeCase')}
            placeholder={t('incidents.closeReason')}
            confirmLabel={t('incidents.closeConfirm')}
            busy={busy}
            onConfirm={(reason) => run(() => onCloseIncident(incident.id, reason))}
          />
        )}
        {incident.state === 'open' && commands && operator === incident.commander && (
          <HandoverAction
            busy={busy}
            onConfirm={(to, reason) => run(() => onHandOver(incident.id, to, reason))}
          />
        )}
      </div>
      {error && (
        <div className="panel-error" role="alert" data-testid="incident-error">
          {t('incidents.failed', { message: failureText(t, error) })}
        </div>
      )}
    </div>
  );
}

function outcomeText(t: ReturnType<typeof useT>, o: SupportOutcome): string {
  switch (o.kind) {
    case 'in-progress':
      return t(supportStateKey(o.state));
    case 'delivered':
    case 'partly-delivered':
      return t(`supportOutcome.${o.kind}`, { arrived: o.arrived, ordered: o.ordered });
    default:
      return t(`supportOutcome.${o.kind}`);
  }
}
