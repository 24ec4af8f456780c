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
import { usePendingAction } from './usePendingAction';

interface Props {
  readonly lonLat: LonLat;
  readonly onSubmit: (draft: IncidentDraft) => Promise<unknown>;
  readonly onCancel: () => void;
}

const isGrade = (v: string): v is Grade => (GRADES as readonly string[]).includes(v);
const isType = (v: string): v is IncidentType => (INCIDENT_TYPES as readonly string[]).includes(v);

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
        <select
          data-testid="incident-type"
          value={type}
          onChange={(e) => isType(e.target.value) && setType(e.target.value)}
        >
          {INCIDENT_TYPES.map((k) => (
            <option key={k} value={k}>
              {t(incidentTypeKey(k))}
            </option>
          ))}
        </select>
      </label>
      <label className="form-row">
        <span>{t('incidents.grade')}</span>
        <select
          data-testid="incident-grade"
          value={grade}
          onChange={(e) => isGrade(e.target.value) && setGrade(e.target.value)}
        >
          {GRADES.map((g) => (
            <option key={g} value={g}>
              {t(gradeKey(g))}
            </option>
          ))}
        </select>
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
          {t('incidents.failed', { message: error })}
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
