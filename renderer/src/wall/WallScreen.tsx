import { useCallback, useMemo, useState, useSyncExternalStore } from 'react';
import type { ReactNode } from 'react';
import type { ConsoleApi } from '../../../shared/contract/ConsoleApi';
import type { ScreenRole } from '../../../shared/domain/wall';
import { playAlarm } from '../audio/alarmTone';
import { ScreenFrame, usePersistedMute } from '../components/ScreenFrame';
import { createSupportStores, useSupportSync, type SupportStores } from '../state/useSupportSync';
import type { UnitsStore } from '../state/unitsStore';
import type { LinkStore } from '../transport/linkStore';
import { DrillBoard } from '../drill/DrillBoard';
import { ReadOnlyScreen } from '../components/readOnly';
import { AlertsBoard } from './AlertsBoard';
import { KpiBoard } from './KpiBoard';
import { SupportWall } from './SupportWall';
import { UnitBoard } from './UnitBoard';
import { useConsoleFeeds, type ConsoleFeeds } from './useConsoleFeeds';

interface Props {
  /** Any role but 'map', which is the full console (App's ConsoleScreen). */
  readonly role: Exclude<ScreenRole, 'map'>;
  readonly api: ConsoleApi;
  readonly units: UnitsStore;
  readonly link: LinkStore;
}

/** One full-screen wall role under a compact status strip, fed from the same core as the console. */
export function WallScreen({ role, api, units, link }: Props): ReactNode {
  const [muted, setMuted] = usePersistedMute();
  // Only the alerts screen sounds: a wall of screens all beeping at once helps nobody.
  const feeds = useConsoleFeeds(
    api,
    units,
    link,
    role === 'alerts' && !muted ? playAlarm : undefined,
  );
  const [stores] = useState(createSupportStores);

  const board =
    role === 'alerts' ? (
      <AlertsBoard
        alerts={feeds.alerts}
        callsigns={feeds.callsigns}
        muted={muted}
        onToggleMute={() => setMuted((m) => !m)}
      />
    ) : role === 'drill' ? (
      <DrillBoard api={api} feeds={feeds} />
    ) : role === 'support' ? (
      <SupportWall
        api={api}
        stores={stores}
        region={feeds.region}
        callsigns={feeds.callsigns}
        reconnects={feeds.reloads}
        onError={feeds.setError}
      />
    ) : (
      <SyncedBoard role={role} api={api} stores={stores} feeds={feeds} units={units} />
    );
  return (
    <ScreenFrame
      api={api}
      feeds={feeds}
      compact
      className={`app wall wall-role-${role}`}
      mainClassName="wall-body"
      testId="wall-screen"
      role={role}
    >
      {/* The facilitator's screen commands the exercise; the wall roles only show. */}
      {role === 'drill' ? board : <ReadOnlyScreen>{board}</ReadOnlyScreen>}
    </ScreenFrame>
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
  useSupportSync(api, stores, feeds.reloads, onError);
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
