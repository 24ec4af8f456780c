import { useCallback, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import type { ReactNode } from 'react';
import type { ConsoleApi } from '../../../shared/contract/ConsoleApi';
import type { ScreenRole } from '../../../shared/domain/wall';
import { playAlarm, readMuted, writeMuted } from '../audio/alarmTone';
import { AboutDialog } from '../components/AboutDialog';
import { StatusStrip } from '../components/StatusStrip';
import { useT } from '../i18n/I18nProvider';
import { createSupportStores, useSupportSync, type SupportStores } from '../state/useSupportSync';
import type { UnitsStore } from '../state/unitsStore';
import type { LinkStore } from '../transport/linkStore';
import { AlertsBoard } from './AlertsBoard';
import { KpiBoard } from './KpiBoard';
import { SupportWall } from './SupportWall';
import { UnitBoard } from './UnitBoard';
import { useConsoleFeeds, type ConsoleFeeds } from './useConsoleFeeds';
import { WallLayoutButton } from './WallLayoutDialog';

interface Props {
  /** Any role but 'map', which is the full console (App's ConsoleScreen). */
  readonly role: Exclude<ScreenRole, 'map'>;
  readonly api: ConsoleApi;
  readonly units: UnitsStore;
  readonly link: LinkStore;
}

function localStorageOrUndefined(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

/** One full-screen wall role under a compact status strip, fed from the same core as the console. */
export function WallScreen({ role, api, units, link }: Props): ReactNode {
  const t = useT();
  const [aboutOpen, setAboutOpen] = useState(false);
  const [muted, setMuted] = useState(() => readMuted(localStorageOrUndefined()));
  useEffect(() => writeMuted(localStorageOrUndefined(), muted), [muted]);
  // Only the alerts screen sounds: a wall of screens all beeping at once helps nobody.
  const feeds = useConsoleFeeds(
    api,
    units,
    link,
    role === 'alerts' && !muted ? playAlarm : undefined,
  );
  const [stores] = useState(createSupportStores);
  const { status, region, error } = feeds;

  return (
    <div className={`app wall wall-role-${role}`} data-testid="wall-screen" data-role={role}>
      <StatusStrip
        status={status}
        link={feeds.link.state}
        info={region?.info}
        onAbout={() => setAboutOpen(true)}
        openAlerts={feeds.alerts.openCount}
        compact
        tools={<WallLayoutButton api={api} />}
      />
      <main className="wall-body">
        {role === 'alerts' ? (
          <AlertsBoard
            api={api}
            alerts={feeds.alerts}
            callsigns={feeds.callsigns}
            muted={muted}
            onToggleMute={() => setMuted((m) => !m)}
          />
        ) : role === 'support' ? (
          <SupportWall
            api={api}
            stores={stores}
            region={region}
            callsigns={feeds.callsigns}
            reconnects={feeds.link.reconnects}
            onError={feeds.setError}
          />
        ) : (
          <SyncedBoard role={role} api={api} stores={stores} feeds={feeds} units={units} />
        )}
        {error && (
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
    </div>
  );
}

/** The unit and KPI boards read the support stores without the desk's panels. */
function SyncedBoard({
  role,
  api,
  stores,
  feeds,
  units,
}: {
  readonly role: 'units' | 'kpi';
  readonly api: ConsoleApi;
  readonly stores: SupportStores;
  readonly feeds: ConsoleFeeds;
  readonly units: UnitsStore;
}): ReactNode {
  const { setError } = feeds;
  const onError = useCallback(
    (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
    [setError],
  );
  useSupportSync(api, stores, feeds.link.reconnects, onError);
  const statuses = useSyncExternalStore(
    stores.unitStatuses.subscribe,
    stores.unitStatuses.getSnapshot,
  );
  const incidents = useSyncExternalStore(stores.incidents.subscribe, stores.incidents.getSnapshot);
  const support = useSyncExternalStore(stores.support.subscribe, stores.support.getSnapshot);
  const rosterIds = useMemo(() => feeds.roster.map((u) => u.id), [feeds.roster]);
  return role === 'units' ? (
    <UnitBoard roster={feeds.roster} region={feeds.region} units={units} statuses={statuses} />
  ) : (
    <KpiBoard
      status={feeds.status}
      rosterIds={rosterIds}
      statuses={statuses}
      incidents={incidents.list}
      requests={support.requests}
    />
  );
}
