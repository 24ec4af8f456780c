import { useEffect, useRef } from 'react';
import type { ReactNode } from 'react';
import type { SupportEvent } from '../../../shared/domain/support';
import { useClockFormat } from '../i18n/formats';
import { useT } from '../i18n/I18nProvider';
import { supportStateKey, timelineKindKey } from '../i18n/messages';
import { noteText } from './timelineNote';

interface Props {
  readonly events: readonly SupportEvent[];
  readonly callsign: (unitId: string) => string;
  readonly stationName: (stationId: string) => string;
}

/** Every persisted step of one request, oldest first, each with its time (HH:mm:ss). */
export function SupportTimeline({ events, callsign, stationName }: Props): ReactNode {
  const t = useT();
  const time = useClockFormat();
  const names = { callsign, stationName, time: (ms: number) => time.format(ms) };
  const ref = useRef<HTMLDivElement>(null);
  // The newest step is the one a commander looks for: keep it in view as steps arrive.
  useEffect(() => {
    const el = ref.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [events.length]);
  return (
    <div className="support-timeline" data-testid="support-timeline" ref={ref}>
      <div className="panel-subtitle">{t('board.timeline')}</div>
      {events.length === 0 ? (
        <div className="muted small">{t('board.timelineEmpty')}</div>
      ) : (
        <ol>
          {events.map((e) => (
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
              <span className="timeline-kind">{t(timelineKindKey(e.kind))}</span>
              {e.kind === 'transition' && e.to && (
                <span>
                  {e.from ? `${t(supportStateKey(e.from))} → ` : ''}
                  {t(supportStateKey(e.to))}
                </span>
              )}
              {e.unitId && <span className="unit-callsign">{callsign(e.unitId)}</span>}
              {(e.note || e.reason) && (
                <span className="muted" data-testid="timeline-text">
                  {(e.note && noteText(e.note, t, names)) ?? e.reason}
                </span>
              )}
              <span className="muted small">{t('board.by', { who: e.operator })}</span>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
