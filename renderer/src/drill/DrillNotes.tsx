import { useState } from 'react';
import type { ReactNode } from 'react';
import type { ConsoleApi } from '../../../shared/contract/ConsoleApi';
import type { DrillSnapshot } from '../../../shared/domain/drill';
import { usePendingAction } from '../components/usePendingAction';
import { useClockFormat } from '../i18n/formats';
import { useT } from '../i18n/I18nProvider';

/** The facilitator's private notes: logged with the exercise, shown on drill control only. */
export function DrillNotes({
  api,
  notes,
}: {
  readonly api: ConsoleApi;
  readonly notes: DrillSnapshot['notes'];
}): ReactNode {
  const t = useT();
  const clock = useClockFormat();
  const [text, setText] = useState('');
  const action = usePendingAction();
  return (
    <section className="drill-notes" data-testid="drill-notes">
      <h3>{t('drill.notes')}</h3>
      <div className="drill-new">
        <textarea
          data-testid="drill-note-text"
          value={text}
          maxLength={2000}
          placeholder={t('drill.notePlaceholder')}
          onChange={(e) => setText(e.target.value)}
        />
        <button
          type="button"
          data-testid="drill-note-add"
          disabled={action.busy || text.trim() === ''}
          onClick={() =>
            action.run(async () => {
              await api.drillAction({ type: 'note', text });
              setText('');
            })
          }
        >
          {t('drill.noteAdd')}
        </button>
      </div>
      <ol className="drill-note-list">
        {notes.map((n, i) => (
          <li key={i} data-testid="drill-note">
            <time dateTime={new Date(n.tsMs).toISOString()}>{clock.format(n.tsMs)}</time> {n.text}
          </li>
        ))}
      </ol>
    </section>
  );
}
