import { useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import type {
  Countersign,
  EmergencyDispatch,
  SupportSetup,
} from '../../../shared/contract/ConsoleApi';
import type { Incident } from '../../../shared/domain/incidents';
import type { SupportPackage, SupportRequest } from '../../../shared/domain/support';
import { useT } from '../i18n/I18nProvider';
import {
  gradeShortKey,
  incidentTypeKey,
  moduleKey,
  roleKey,
  supportStateKey,
} from '../i18n/messages';
import { GradeBadge } from './IncidentsPanel';
import { PackageView, SolverLine } from './PackageView';
import { ReasonAction } from './ReasonAction';
import { CountersignAction } from './CountersignAction';
import { countersignRefusal, countersignRefusalKey } from './countersignText';
import { usePendingAction } from './usePendingAction';
import { failureText } from './failureText';
import { useReadOnly } from './readOnly';

interface Props {
  readonly request: SupportRequest;
  /** For a supplement (追加支援): the units already committed to the incident, which count. */
  readonly committedUnitIds?: readonly string[];
  readonly incident: Incident | undefined;
  readonly setup: SupportSetup | undefined;
  /** Roster callsign → unit id, for adding a unit by callsign. */
  readonly unitByCallsign: ReadonlyMap<string, string>;
  readonly callsign: (unitId: string) => string;
  readonly stationName: (stationId: string) => string;
  readonly evaluate: (requestId: string, unitIds: readonly string[]) => Promise<SupportPackage>;
  readonly approve: (
    requestId: string,
    unitIds: readonly string[],
    authority?: Countersign | EmergencyDispatch,
  ) => Promise<unknown>;
  readonly reject: (requestId: string, reason: string) => Promise<unknown>;
  /** The package on screen, for the map to draw its routes. */
  readonly onPreview: (pkg: SupportPackage | undefined) => void;
  readonly onClose: () => void;
}

/** The recommendation of one request: best package and alternatives, what-if, approve or reject. */
export function RecommendationPanel(props: Props): ReactNode {
  const { request, incident, setup, onPreview } = props;
  const t = useT();
  const rec = request.recommendation;
  const packages = useMemo(() => rec?.packages ?? [], [rec]);
  const [tab, setTab] = useState(0);
  const [whatIf, setWhatIf] = useState<SupportPackage>();
  const { busy, error, setError, run } = usePendingAction();
  const [addText, setAddText] = useState('');

  const base = packages[tab];
  const shown = whatIf ?? base;
  useEffect(() => {
    onPreview(shown);
  }, [shown, onPreview]);
  useEffect(() => () => onPreview(undefined), [onPreview]);

  const shownIds = shown?.units.map((u) => u.unitId) ?? [];
  const reevaluate = (ids: readonly string[]): void =>
    run(() => props.evaluate(request.id, ids).then(setWhatIf));
  const addUnit = (): void => {
    const text = addText.trim();
    const unitId =
      props.unitByCallsign.get(text) ?? (props.callsign(text) !== text ? text : undefined);
    if (!unitId) {
      setError(t('rec.unknownCallsign', { callsign: text }));
      return;
    }
    setAddText('');
    if (!shownIds.includes(unitId)) reevaluate([...shownIds, unitId]);
  };
  const grade = incident?.grade;
  const role = grade && setup ? setup.approvalRole[grade] : undefined;
  // A wall shows the recommendation; deciding on it is a console's.
  const decidable = request.state === 'recommended' && !useReadOnly();
  // Above the operator's role, a supervisor countersigns on this screen (two roles: commander < supervisor).
  const needsCountersign = role === 'supervisor' && setup?.operator.role !== 'supervisor';
  const refusal = error === undefined ? undefined : countersignRefusal(error);

  return (
    <section
      className="side-panel recommendation-panel"
      data-testid="recommendation-panel"
      data-request-id={request.id}
      data-state={request.state}
    >
      <header className="panel-head">
        <span className="panel-title">{t('rec.title')}</span>
        {incident && <GradeBadge grade={incident.grade} />}
        {incident && <span>{t(incidentTypeKey(incident.type))}</span>}
        <button
          type="button"
          className="link-button"
          data-testid="recommendation-close"
          onClick={props.onClose}
        >
          {t('rec.close')}
        </button>
      </header>
      <div className="panel-body">
        <div className="muted small">
          {t('rec.state', { state: t(supportStateKey(request.state)) })}
          {rec && rec.needs.length > 0 && (
            <>
              {' · '}
              {t('rec.needs', {
                list: rec.needs
                  .map((n) => `${t(moduleKey(n.module))}×${n.count}`)
                  .join(t('list.sep')),
              })}
            </>
          )}
        </div>
        {request.supplementOf && (
          <div className="supplement-note" data-testid="supplement-note">
            {t('rec.supplement', {
              units: (props.committedUnitIds ?? []).map(props.callsign).join(t('list.sep')),
            })}
          </div>
        )}
        {rec && <SolverLine rec={rec} />}
        {setup && (
          <div className="muted small" data-testid="travel-model" data-model={setup.travelModel}>
            {t(setup.travelModel === 'road-graph' ? 'rec.travel.roads' : 'rec.travel.straight')}
          </div>
        )}
        {packages.length > 1 && (
          <div className="tabs" role="tablist">
            {packages.map((_, i) => (
              <button
                key={i}
                type="button"
                role="tab"
                aria-selected={i === tab}
                className={i === tab ? 'tab active' : 'tab'}
                data-testid={`package-tab-${i}`}
                onClick={() => {
                  setTab(i);
                  setWhatIf(undefined);
                }}
              >
                {t('rec.tab', { n: i + 1 })}
                {i === 0 && t('rec.best')}
              </button>
            ))}
          </div>
        )}
        {shown ? (
          <div data-testid={whatIf ? 'whatif-package' : 'recommended-package'}>
            {whatIf && <div className="panel-subtitle warn-text">{t('rec.whatIf')}</div>}
            <PackageView
              pkg={shown}
              stationName={props.stationName}
              callsign={props.callsign}
              onRemove={
                decidable ? (id) => reevaluate(shownIds.filter((x) => x !== id)) : undefined
              }
              busy={busy}
            />
          </div>
        ) : (
          <div className="shortfalls" data-testid="no-package" role="alert">
            <div className="panel-subtitle">{t('rec.noPackage')}</div>
            <div className="muted small">{t('rec.noPackageHint')}</div>
          </div>
        )}
        {decidable && (
          <div className="whatif-add">
            <input
              data-testid="whatif-add"
              list="roster-callsigns"
              placeholder={t('rec.whatIfAdd')}
              value={addText}
              onChange={(e) => setAddText(e.target.value)}
              onKeyDown={(e) => e.key === 'Enter' && addUnit()}
            />
            <datalist id="roster-callsigns">
              {[...props.unitByCallsign.keys()].map((c) => (
                <option key={c} value={c} />
              ))}
            </datalist>
            <button
              type="button"
              className="tool-button"
              data-testid="whatif-add-button"
              disabled={busy || addText.trim() === ''}
              onClick={addUnit}
            >
              {t('rec.add')}
            </button>
            {whatIf && (
              <button
                type="button"
                className="link-button"
                data-testid="whatif-reset"
                onClick={() => setWhatIf(undefined)}
              >
                {t('rec.whatIfReset')}
              </button>
            )}
          </div>
        )}
        {error && (
          <div
            className="panel-error"
            role="alert"
            data-testid="support-error"
            data-countersign={refusal?.reason ?? ''}
          >
            {refusal
              ? t(countersignRefusalKey(refusal.reason), { left: refusal.left ?? 0 })
              : t('rec.failed', { message: failureText(t, error) })}
          </div>
        )}
      </div>
      {decidable && (
        <footer className="panel-foot">
          {role && grade && (
            <span className="muted small" data-testid="approval-role" data-role={role}>
              {t('rec.approveNeeds', { grade: t(gradeShortKey(grade)), role: t(roleKey(role)) })}
            </span>
          )}
          <ReasonAction
            testId="reject"
            label={t('rec.reject')}
            placeholder={t('rec.rejectReason')}
            confirmLabel={t('rec.rejectConfirm')}
            busy={busy}
            onConfirm={(reason) => run(() => props.reject(request.id, reason))}
          />
          {needsCountersign && grade && setup?.emergencyAuthority[grade] && (
            <ReasonAction
              testId="emergency"
              openTestId="emergency-open"
              label={t('emergency.open')}
              placeholder={t('emergency.reason')}
              confirmLabel={t('emergency.confirm')}
              busy={busy || shownIds.length === 0}
              onConfirm={(reason) =>
                run(() => props.approve(request.id, shownIds, { emergencyReason: reason }))
              }
            />
          )}
          {needsCountersign ? (
            <CountersignAction
              supervisors={setup?.supervisors ?? []}
              busy={busy}
              disabled={shownIds.length === 0}
              onConfirm={(supervisor, pin) =>
                run(() => props.approve(request.id, shownIds, { supervisor, password: pin }))
              }
            />
          ) : (
            <button
              type="button"
              className="primary-button"
              data-testid="approve-support"
              disabled={busy || shownIds.length === 0}
              onClick={() => run(() => props.approve(request.id, shownIds))}
            >
              {t('rec.approve')}
            </button>
          )}
        </footer>
      )}
    </section>
  );
}
