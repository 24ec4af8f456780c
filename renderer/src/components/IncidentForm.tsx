import { useState } from 'react';
import type { FormEvent, ReactNode } from 'react';
import {
  GRADES,
  INCIDENT_TYPES,
  type Grade,
  type IncidentDraft,
  type IncidentType,
} from '../../../shared/domain/incidents';
import type { LonLat } from '../../../shared/domain/region';
import { useT } from '../i18n/I18nProvider';
import { gradeKey, incidentTypeKey } from '../i18n/messages';
import { ChoiceSelect } from './ChoiceSelect';
import { usePendingAction } from './usePendingAction';
import { failureText } from './failureText';

interface Props {
  readonly lonLat: LonLat;
  readonly onSubmit: (draft: IncidentDraft) => Promise<unknown>;
  readonly onCancel: () => void;
}

/** The details of a new incident at the point picked on the map. */
export function IncidentForm({ lonLat, onSubmit, onCancel }: Props): ReactNode {
  const t = useT();
  const [type, setType] = useState<IncidentType>('public-disorder');
  const [grade, setGrade] = useState<Grade>('III');
  const [description, setDescription] = useState('');
  const [reporter, setReporter] = useState('');
  const { busy, error, run } = usePendingAction();

  const submit = (e: FormEvent): void => {
    e.preventDefault();
    run(() => onSubmit({ type, grade, lonLat, description, reporter }));
  };

  return (
    <form className="incident-form" data-testid="incident-form" onSubmit={submit}>
      <div className="panel-subtitle">{t('incidents.formTitle')}</div>
      <div className="form-hint" data-testid="incident-location">
        {t('incidents.location', { lon: lonLat[0].toFixed(5), lat: lonLat[1].toFixed(5) })}
      </div>
      <label className="form-row">
        <span>{t('incidents.type')}</span>
        <ChoiceSelect
          testId="incident-type"
          options={INCIDENT_TYPES}
          value={type}
          label={(k) => t(incidentTypeKey(k))}
          onChange={setType}
        />
      </label>
      <label className="form-row">
        <span>{t('incidents.grade')}</span>
        <ChoiceSelect
          testId="incident-grade"
          options={GRADES}
          value={grade}
          label={(g) => t(gradeKey(g))}
          onChange={setGrade}
        />
      </label>
      <label className="form-row">
        <span>{t('incidents.description')}</span>
        <textarea
          data-testid="incident-description"
          rows={2}
          maxLength={2000}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
        />
      </label>
      <label className="form-row">
        <span>{t('incidents.reporter')}</span>
        <input
          data-testid="incident-reporter"
          maxLength={200}
          value={reporter}
          onChange={(e) => setReporter(e.target.value)}
        />
      </label>
      {error && (
        <div className="panel-error" role="alert" data-testid="incident-error">
          {t('incidents.failed', { message: failureText(t, error) })}
        </div>
      )}
      <div className="form-actions">
        <button
          type="submit"
          className="primary-button"
          data-testid="incident-submit"
          disabled={busy}
        >
          {t('incidents.submit')}
        </button>
        <button
          type="button"
          className="tool-button"
          data-testid="incident-cancel"
          onClick={onCancel}
        >
          {t('incidents.cancel')}
        </button>
      </div>
    </form>
  );
}
