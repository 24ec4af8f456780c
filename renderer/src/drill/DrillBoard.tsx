import { useCallback, useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import type { ConsoleApi } from '../../../shared/contract/ConsoleApi';
import { SESSION_PARAM } from '../../../shared/contract/wsProtocol';
import type { DrillSnapshot } from '../../../shared/domain/drill';
import type { SessionSummary } from '../../../shared/domain/session';
import type { StatusSnapshot } from '../../../shared/domain/status';
import { ClockToggle, SpeedSelect } from '../components/ClockControls';
import { useNow } from '../components/useNow';
import { errorText, usePendingAction } from '../components/usePendingAction';
import { useDateTimeFormat } from '../i18n/formats';
import { useT } from '../i18n/I18nProvider';
import { ReportLink } from '../report/ReportLink';
import { ROLE_PARAM } from '../wall/role';
import type { ConsoleFeeds } from '../wall/useConsoleFeeds';
import { AdHocInject } from './AdHocInject';
import { DrillNotes } from './DrillNotes';
import { InjectTable } from './InjectTable';
import { ScenarioPicker } from './ScenarioPicker';
import { DrillError } from './DrillError';

interface Props {
  readonly api: ConsoleApi;
  readonly feeds: ConsoleFeeds;
}

/** The address of one session's screen: the facilitator desk, or the commander's console. */
export function sessionUrl(href: string, sessionId: string, role?: 'drill'): string {
  const url = new URL(href);
  url.search = '';
  url.searchParams.set(SESSION_PARAM, sessionId);
  if (role) url.searchParams.set(ROLE_PARAM, role);
  return url.toString();
}

/**
 * 导调台 — the facilitator's desk. On live it lists the exercises and opens a new one; on an
 * exercise it runs the exercise's clock (start, pause, resume, speed) and ends it.
 */
export function DrillBoard({ api, feeds }: Props): ReactNode {
  const t = useT();
  const { status } = feeds;
  const session = status?.session;
  return (
    <div className="drill-board" data-testid="drill-board">
      {session?.kind === 'exercise' ? (
        <>
          <ExerciseControls api={api} status={status} />
          <ExerciseScenario api={api} feeds={feeds} />
        </>
      ) : (
        <ExerciseList api={api} />
      )}
      {!session && <div className="drill-empty">{t('app.loading')}</div>}
    </div>
  );
}

function ExerciseList({ api }: { readonly api: ConsoleApi }): ReactNode {
  const t = useT();
  const dateTime = useDateTimeFormat();
  const [sessions, setSessions] = useState<readonly SessionSummary[]>([]);
  const [name, setName] = useState('');
  const [speed, setSpeed] = useState(10);
  const action = usePendingAction();
  const { setError } = action;
  const reload = useCallback(() => {
    api.listSessions().then(setSessions, (e: unknown) => setError(errorText(e)));
  }, [api, setError]);
  useEffect(reload, [reload]);
  const exercises = sessions.filter((s) => s.kind === 'exercise');
  const live = sessions.find((s) => s.kind === 'live');
  const replay = (id: string): void =>
    action.run(async () => {
      const r = await api.openReplay(id);
      window.location.assign(sessionUrl(window.location.href, r.id));
    });
  const start = (): void =>
    action.run(async () => {
      const s = await api.startExercise({ name: name.trim(), speed });
      window.location.assign(sessionUrl(window.location.href, s.id, 'drill'));
    });
  return (
    <section className="drill-panel">
      <h2>{t('drill.title')}</h2>
      <form
        className="drill-new"
        onSubmit={(e) => {
          e.preventDefault();
          start();
        }}
      >
        <label>
          {t('drill.name')}
          <input
            data-testid="drill-name"
            value={name}
            maxLength={80}
            onChange={(e) => setName(e.target.value)}
            placeholder={t('drill.namePlaceholder')}
          />
        </label>
        <label>
          {t('drill.speed')}
          <SpeedSelect testId="drill-start-speed" value={speed} onChange={setSpeed} />
        </label>
        <button
          type="submit"
          data-testid="drill-create"
          disabled={action.busy || name.trim() === ''}
        >
          {t('drill.create')}
        </button>
      </form>
      <DrillError message={action.error} />
      <h3>{t('drill.list')}</h3>
      {live && (
        <div>
          <button type="button" data-testid="drill-replay-live" onClick={() => replay(live.id)}>
            {t('drill.replayLive')}
          </button>
        </div>
      )}
      {exercises.length === 0 ? (
        <div className="drill-empty" data-testid="drill-none">
          {t('drill.none')}
        </div>
      ) : (
        <ul className="drill-sessions">
          {exercises.map((s) => (
            <li key={s.id} data-testid="drill-session" data-state={s.state}>
              <span className="drill-session-name">{s.name}</span>
              <span>{t(s.state === 'running' ? 'drill.running' : 'drill.ended')}</span>
              <time dateTime={new Date(s.createdMs).toISOString()}>
                {dateTime.format(s.createdMs)}
              </time>
              {s.state === 'running' && (
                <a href={sessionUrl(window.location.href, s.id, 'drill')}>{t('drill.open')}</a>
              )}
              <button type="button" data-testid="drill-replay" onClick={() => replay(s.id)}>
                {t('drill.replay')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function ExerciseControls({
  api,
  status,
}: {
  readonly api: ConsoleApi;
  readonly status: StatusSnapshot | undefined;
}): ReactNode {
  const t = useT();
  const dateTime = useDateTimeFormat();
  const now = useNow(250);
  const action = usePendingAction();
  const clock = status?.clock;
  const session = status?.session;
  if (!clock || !session) return null;
  const paused = clock.paused;
  const end = (): void => {
    if (!window.confirm(t('drill.endConfirm', { name: session.name }))) return;
    action.run(async () => {
      await api.endExercise(session.id);
      const url = new URL(window.location.href);
      url.search = '';
      url.searchParams.set(ROLE_PARAM, 'drill');
      window.location.assign(url.toString());
    });
  };
  return (
    <section className="drill-panel">
      <h2>{t('drill.title')}</h2>
      <div className="drill-clock">
        <time data-testid="drill-clock" dateTime={new Date(now).toISOString()}>
          {dateTime.format(now)}
        </time>
        <span data-testid="drill-state" data-paused={paused}>
          {paused ? t('exercise.paused') : t('drill.runningAt', { speed: clock.speed })}
        </span>
      </div>
      <div className="drill-controls">
        <ClockToggle
          api={api}
          paused={paused}
          action={action}
          resume={{ testId: 'drill-resume', label: t('drill.resume') }}
          pause={{ testId: 'drill-pause', label: t('drill.pause') }}
        />
        <label>
          {t('drill.speed')}
          <SpeedSelect
            testId="drill-speed"
            value={clock.speed}
            disabled={action.busy}
            onChange={(speed) => action.run(() => api.controlClock({ type: 'speed', speed }))}
          />
        </label>
        <a
          className="drill-link"
          data-testid="drill-open-console"
          href={sessionUrl(window.location.href, session.id)}
        >
          {t('drill.openConsole')}
        </a>
        <ReportLink sessionId={session.id} />
        <button
          type="button"
          className="danger"
          data-testid="drill-end"
          disabled={action.busy}
          onClick={end}
        >
          {t('drill.end')}
        </button>
      </div>
      <DrillError message={action.error} />
    </section>
  );
}

/** The exercise's drill as the core pushes it: fetched once, then every change. */
function useDrill(api: ConsoleApi, reconnects: number): DrillSnapshot | undefined {
  const [drill, setDrill] = useState<DrillSnapshot>();
  useEffect(() => api.on('drill', setDrill), [api]);
  useEffect(() => {
    let live = true;
    api.getDrill().then(
      (d) => live && setDrill(d),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [api, reconnects]);
  return drill;
}

function ExerciseScenario({ api, feeds }: Props): ReactNode {
  const t = useT();
  const drill = useDrill(api, feeds.link.reconnects);
  const loaded = drill?.scenario !== undefined && drill.scenario.id !== 'ad-hoc';
  return (
    <section className="drill-panel">
      <h3 data-testid="drill-scenario" data-loaded={loaded}>
        {loaded
          ? t('drill.scenarioLoaded', { name: drill.scenario?.name ?? '' })
          : t('drill.scenario')}
      </h3>
      {!loaded && <ScenarioPicker api={api} />}
      {drill && drill.injects.length > 0 && (
        <InjectTable api={api} drill={drill} callsigns={feeds.callsigns} />
      )}
      <AdHocInject api={api} roster={feeds.roster} region={feeds.region} />
      <DrillNotes api={api} notes={drill?.notes ?? []} />
    </section>
  );
}
