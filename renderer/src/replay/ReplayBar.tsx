import { useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import type { ConsoleApi } from '../../../shared/contract/ConsoleApi';
import type { TimelineMark } from '../../../shared/domain/session';
import type { StatusSnapshot } from '../../../shared/domain/status';
import { ClockToggle, SpeedSelect } from '../components/ClockControls';
import { useNow } from '../components/useNow';
import { errorText, usePendingAction } from '../components/usePendingAction';
import { DrillError } from '../drill/DrillError';
import { useDateTimeFormat } from '../i18n/formats';
import { useT } from '../i18n/I18nProvider';
import { ReportLink } from '../report/ReportLink';

const STEP_MS = 60_000;

interface Props {
  readonly api: ConsoleApi;
  readonly status: StatusSnapshot;
}

/** 回放 — the replay's controls over the map: play, pause, speed, step, scrub, jump to an event. */
export function ReplayBar({ api, status }: Props): ReactNode {
  const t = useT();
  const dateTime = useDateTimeFormat();
  const now = useNow(200);
  const action = usePendingAction();
  const { setError } = action;
  const [marks, setMarks] = useState<readonly TimelineMark[]>([]);
  useEffect(() => {
    api.listMarks().then(setMarks, (e: unknown) => setError(errorText(e)));
  }, [api, setError]);
  const replay = status.replay;
  const clock = status.clock;
  if (!replay || !clock) return null;
  const { fromMs, toMs } = replay;
  const span = Math.max(1, toMs - fromMs);
  const seek = (ms: number): void =>
    action.run(() =>
      api.controlClock({
        type: 'seek',
        sessionMs: Math.round(Math.min(toMs, Math.max(fromMs, ms))),
      }),
    );
  const close = (): void =>
    action.run(async () => {
      await api.closeReplay(status.session?.id ?? '');
      window.location.assign(new URL('/', window.location.href).toString());
    });
  return (
    <div className="replay-bar" data-testid="replay-bar">
      <div className="replay-row">
        <ClockToggle
          api={api}
          paused={clock.paused}
          action={action}
          resume={{ testId: 'replay-play', label: t('replay.play') }}
          pause={{ testId: 'replay-pause', label: t('replay.pause') }}
        />
        <button type="button" data-testid="replay-back" onClick={() => seek(now - STEP_MS)}>
          {t('replay.back')}
        </button>
        <button type="button" data-testid="replay-forward" onClick={() => seek(now + STEP_MS)}>
          {t('replay.forward')}
        </button>
        <SpeedSelect
          testId="replay-speed"
          value={clock.speed}
          onChange={(speed) => action.run(() => api.controlClock({ type: 'speed', speed }))}
        />
        <time
          className="replay-time"
          data-testid="replay-time"
          dateTime={new Date(now).toISOString()}
        >
          {dateTime.format(now)}
        </time>
        <span className="replay-range">
          {dateTime.format(fromMs)} – {dateTime.format(toMs)}
        </span>
        <ReportLink sessionId={status.session?.id} />
        <button type="button" className="replay-close" data-testid="replay-close" onClick={close}>
          {t('replay.close')}
        </button>
      </div>
      <div className="replay-track">
        <input
          type="range"
          data-testid="replay-scrub"
          min={fromMs}
          max={toMs}
          step={1000}
          value={Math.min(toMs, Math.max(fromMs, now))}
          onChange={(e) => seek(Number(e.target.value))}
          aria-label={t('replay.scrub')}
        />
        <div className="replay-marks">
          {marks.map((m, i) => (
            <button
              key={i}
              type="button"
              className={`replay-mark mark-${m.kind}`}
              data-testid="replay-mark"
              data-kind={m.kind}
              style={{ left: `${((m.tsMs - fromMs) / span) * 100}%` }}
              title={`${t(`replay.mark.${m.kind}`)} ${dateTime.format(m.tsMs)} ${m.label}`}
              onClick={() => seek(m.tsMs)}
            />
          ))}
        </div>
      </div>
      <DrillError message={action.error} />
    </div>
  );
}
