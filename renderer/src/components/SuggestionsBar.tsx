import type { ReactNode } from 'react';
import type { SupportSuggestion } from '../../../shared/domain/support';
import { useReadOnly } from './readOnly';
import { useT } from '../i18n/I18nProvider';
import { gradeShortKey, suggestionKey } from '../i18n/messages';
import { incidentById, type IncidentsState } from '../state/incidentsStore';

interface Props {
  readonly suggestions: readonly SupportSuggestion[];
  readonly incidents: IncidentsState;
  readonly areaName: (jurisdictionId: string) => string;
  readonly onRequest: (incidentId: string) => void;
  readonly onDismiss: (suggestionId: string) => void;
  /** Incidents with support already asked for or under way: their suggestion is answered. */
  readonly supported: ReadonlySet<string>;
}

/** Support the console proposes (auto-trigger); the commander decides, nothing is dispatched. */
export function SuggestionsBar({
  suggestions,
  incidents,
  areaName,
  onRequest,
  onDismiss,
  supported,
}: Props): ReactNode {
  const t = useT();
  const commands = !useReadOnly();
  // A closed incident needs no support, one with support asked for or under way has it (the core
  // dismisses the suggestion when it closes the incident or approves its support).
  const shown = suggestions.filter(
    (g) =>
      g.incidentId === undefined ||
      (incidentById(incidents, g.incidentId)?.state !== 'closed' && !supported.has(g.incidentId)),
  );
  if (shown.length === 0) return undefined;
  return (
    <section className="suggestions-bar" data-testid="suggestions" aria-label={t('suggest.title')}>
      <ul>
        {shown.map((g) => {
          const incident = incidentById(incidents, g.incidentId);
          const text = t(suggestionKey(g.cause), {
            grade: incident ? t(gradeShortKey(incident.grade)) : '',
            area: g.jurisdictionId ? areaName(g.jurisdictionId) : '',
            available: g.available ?? '',
            needed: g.needed ?? '',
          });
          return (
            <li
              key={g.id}
              className="suggestion-item"
              data-testid="suggestion-item"
              data-suggestion-id={g.id}
              data-cause={g.cause}
              data-incident-id={g.incidentId ?? ''}
            >
              <span className="suggestion-text" title={g.detail}>
                {text}
              </span>
              {g.incidentId !== undefined && commands && (
                <button
                  type="button"
                  className="primary-button"
                  data-testid="suggestion-request"
                  onClick={() => g.incidentId !== undefined && onRequest(g.incidentId)}
                >
                  {t('suggest.request')}
                </button>
              )}
              {commands && (
                <button
                  type="button"
                  className="tool-button"
                  data-testid="suggestion-dismiss"
                  onClick={() => onDismiss(g.id)}
                >
                  {t('suggest.dismiss')}
                </button>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
