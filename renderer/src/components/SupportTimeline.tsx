import { useEffect, useRef } from 'react';
import type { ReactNode } from 'react';
import type { SupportEvent } from '../../../shared/domain/support';
import { useClockFormat, useDateTimeFormat } from '../i18n/formats';
import { useT } from '../i18n/I18nProvider';
import { recordCsv } from './timelineCsv';
import { download } from './download';
import { stepWords, type NoteNames } from './timelineNote';

interface Props {
  readonly events: readonly SupportEvent[];
  readonly callsign: (unitId: string) => string;
  readonly stationName: (stationId: string) => string;
  /** The request's id and what the record's head says about it (incident, state), worded. */
  readonly record: {
    readonly requestId: string;
    readonly lines: readonly (readonly [string, string])[];
  };
}

/** Every persisted step of one request, oldest first, each with its time (HH:mm:ss). */
export function SupportTimeline({ events, callsign, stationName, record }: Props): ReactNode {
  const t = useT();
  const time = useClockFormat();
  const dateTime = useDateTimeFormat();
  const names: NoteNames = { callsign, stationName, time: (ms: number) => time.format(ms) };
  const ref = useRef<HTMLDivElement>(null);
  // The newest step is the one a commander looks for: keep it in view as steps arrive.
  useEffect(() => {
    const el = ref.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [events.length]);
  const exportRecord = (): void => {
    // When the file was made, on the machine's clock: a fact about the export, not domain time.
    // eslint-disable-next-line no-restricted-properties -- see above
    const exportedMs = Date.now();
    const head = {
      lines: [...record.lines, [t('export.exported'), dateTime.format(exportedMs)] as const],
      columns: [
        t('export.seq'),
        t('export.time'),
        t('export.timeUtc'),
        t('export.step'),
        t('export.change'),
        t('export.unit'),
        t('export.detail'),
        t('export.operator'),
      ],
    };
    const csv = recordCsv(
      head,
      events,
      (e) => stepWords(e, t, names),
      (ms) => dateTime.format(ms),
    );
    download(`support-${record.requestId}.csv`, csv, 'text/csv;charset=utf-8');
  };
  return (
    <div className="support-timeline" data-testid="support-timeline" ref={ref}>
      <div className="panel-subtitle timeline-head">
        <span>{t('board.timeline')}</span>
        <button
          type="button"
          className="link-button"
          data-testid="timeline-export"
          disabled={events.length === 0}
          title={t('export.hint')}
          onClick={exportRecord}
        >
          {t('export.button')}
        </button>
      </div>
      {events.length === 0 ? (
        <div className="muted small">{t('board.timelineEmpty')}</div>
      ) : (
        <ol>
          {events.map((e) => {
            const w = stepWords(e, t, names);
            return (
              <li
                key={e.seq}
                className={`timeline-entry timeline-${e.kind}`}
                data-testid="timeline-entry"
                data-kind={e.kind}
                data-to={e.to ?? ''}
                data-unit={e.unitId ?? ''}
                data-note={e.note?.code ?? ''}
              >
                <time className="timeline-time" dateTime={new Date(e.tsMs).toISOString()}>
                  {time.format(e.tsMs)}
                </time>
                <span className="timeline-kind">{w.kind}</span>
                {w.change && <span>{w.change}</span>}
                {w.unit && <span className="unit-callsign">{w.unit}</span>}
                {w.text && (
                  <span className="muted" data-testid="timeline-text">
                    {w.text}
                  </span>
                )}
                <span className="muted small">{t('board.by', { who: w.operator })}</span>
              </li>
            );
          })}
        </ol>
      )}
    </div>
  );
}
