import { useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import type { ConsoleApi } from '../../../shared/contract/ConsoleApi';
import { readMuted, writeMuted } from '../audio/alarmTone';
import { useT } from '../i18n/I18nProvider';
import type { ConsoleFeeds } from '../wall/useConsoleFeeds';
import { WallLayoutButton } from '../wall/WallLayoutDialog';
import { mayCall } from '../../../shared/contract/access';
import { useCaller } from '../access/CallerContext';
import { WhoAmI } from '../access/WhoAmI';
import { AboutDialog } from './AboutDialog';
import { QuarantineDialog } from './QuarantineDialog';
import { StaleBanner } from './StaleBanner';
import { StatusStrip } from './StatusStrip';

function localStorageOrUndefined(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

/** The alarm mute, kept across sessions (the same setting on the console and on the wall). */
export function usePersistedMute(): readonly [boolean, (update: (m: boolean) => boolean) => void] {
  const [muted, setMuted] = useState(() => readMuted(localStorageOrUndefined()));
  useEffect(() => writeMuted(localStorageOrUndefined(), muted), [muted]);
  return [muted, setMuted];
}

interface Props {
  readonly api: ConsoleApi;
  readonly feeds: ConsoleFeeds;
  /** The wall's compact strip. */
  readonly compact?: boolean;
  readonly className: string;
  readonly mainClassName: string;
  readonly testId?: string;
  readonly role?: string;
  readonly children: ReactNode;
}

/** Every screen's frame: status strip, the body, the load error if any, and the About box. */
export function ScreenFrame(p: Props): ReactNode {
  const t = useT();
  const [aboutOpen, setAboutOpen] = useState(false);
  const [quarantineOpen, setQuarantineOpen] = useState(false);
  const { status, region, error, stale } = p.feeds;
  const { caller } = useCaller();
  return (
    <div
      className={stale ? `${p.className} stale` : p.className}
      data-testid={p.testId}
      data-role={p.role}
    >
      <StatusStrip
        status={status}
        link={p.feeds.link.state}
        info={region?.info}
        onAbout={() => setAboutOpen(true)}
        openAlerts={p.feeds.alerts.openCount}
        compact={p.compact}
        tools={
          <>
            <WhoAmI api={p.api} />
            {mayCall(caller, 'saveWallLayout', 'live') && <WallLayoutButton api={p.api} />}
          </>
        }
        verifyAudit={() => p.api.verifyAudit()}
        exportAudit={
          mayCall(caller, 'exportAudit', status?.session?.kind ?? 'live')
            ? () => p.api.exportAudit()
            : undefined
        }
        dataAsOf={stale ? (stale.dataMs ?? null) : undefined}
        onQuarantine={() => setQuarantineOpen(true)}
      />
      {status?.session?.kind === 'exercise' && (
        <div className="exercise-banner" role="status" data-testid="exercise-banner">
          <strong>{t('exercise.banner')}</strong>
          <span data-testid="exercise-name">{status.session.name}</span>
          {status.clock?.paused && (
            <span className="exercise-paused" data-testid="exercise-paused">
              {t('exercise.paused')}
            </span>
          )}
          {(status.notices ?? []).map((n) => (
            <span key={n.tsMs} className="exercise-notice" data-testid="exercise-notice">
              {t('exercise.notice', { place: n.place ?? '', text: n.text })}
            </span>
          ))}
          {status.clock && !status.clock.paused && status.clock.speed !== 1 && (
            <span data-testid="exercise-speed">
              {t('exercise.speed', { speed: status.clock.speed })}
            </span>
          )}
        </div>
      )}
      {status?.session?.kind === 'replay' && (
        <div className="exercise-banner replay-banner" role="status" data-testid="replay-banner">
          <strong>{t('replay.banner')}</strong>
          <span data-testid="replay-name">{status.session.name}</span>
          {status.clock?.paused && <span className="exercise-paused">{t('exercise.paused')}</span>}
        </div>
      )}
      {stale && <StaleBanner stale={stale} />}
      <main className={p.mainClassName}>
        {p.children}
        {error && !stale && (
          <div className="map-message error" role="alert" data-testid="load-error">
            {t('app.loadError', { message: error })}
          </div>
        )}
      </main>
      <AboutDialog
        open={aboutOpen}
        info={region?.info}
        simulator={status?.simulator ?? true}
        onClose={() => setAboutOpen(false)}
      />
      <QuarantineDialog
        api={p.api}
        open={quarantineOpen}
        onClose={() => setQuarantineOpen(false)}
      />
    </div>
  );
}
