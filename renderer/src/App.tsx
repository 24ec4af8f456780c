import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { ReactNode } from 'react';
import type { ConsoleApi } from '../../shared/contract/ConsoleApi';
import type { RegionSnapshot } from '../../shared/domain/region';
import type { StatusSnapshot } from '../../shared/domain/status';
import type { RosterUnit, UnitSnapshot } from '../../shared/domain/units';
import { playAlarm, readMuted, writeMuted } from './audio/alarmTone';
import { AboutDialog } from './components/AboutDialog';
import { AlertsPanel } from './components/AlertsPanel';
import { Legend } from './components/Legend';
import { useMapTools } from './components/MapTools';
import { NoTokenScreen } from './components/NoTokenScreen';
import { StatusStrip } from './components/StatusStrip';
import { useSupportDesk } from './components/useSupportDesk';
import { useMapDetail } from './components/useMapDetail';
import { useT } from './i18n/I18nProvider';
import { MapView } from './map/MapView';
import { createAlertsStore } from './state/alertsStore';
import { newerStatus } from './state/statusView';
import { createSupportStores } from './state/useSupportSync';
import type { UnitsStore } from './state/unitsStore';
import type { LinkStore } from './transport/linkStore';
import type { PickedApi } from './transport/pickApi';
import { readRole } from './wall/role';
import { WallLayoutButton } from './wall/WallLayoutDialog';
import { WallScreen } from './wall/WallScreen';

interface AppProps {
  readonly picked: PickedApi;
  readonly units: UnitsStore;
  readonly link: LinkStore;
}

export function App({ picked, units, link }: AppProps): ReactNode {
  if (picked.kind === 'no-token') return <NoTokenScreen />;
  // Video wall: `?role=` picks the screen; 'map' (the default) is the full console.
  const role = readRole(window.location.href);
  if (role !== 'map') return <WallScreen role={role} api={picked.api} units={units} link={link} />;
  return <ConsoleScreen api={picked.api} units={units} link={link} />;
}

const NO_STATIONS: readonly [] = [];
const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

function localStorageOrUndefined(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

function ConsoleScreen({
  api,
  units,
  link,
}: {
  readonly api: ConsoleApi;
  readonly units: UnitsStore;
  readonly link: LinkStore;
}): ReactNode {
  const t = useT();
  const {
    state: linkState,
    reconnects,
    failures,
  } = useSyncExternalStore(link.subscribe, link.getSnapshot);
  const [region, setRegion] = useState<RegionSnapshot>();
  const [status, setStatus] = useState<StatusSnapshot>();
  const [error, setError] = useState<string>();
  const [aboutOpen, setAboutOpen] = useState(false);

  useEffect(() => api.on('unitsFrame', (frame) => units.push(frame)), [api, units]);

  const [alertsStore] = useState(createAlertsStore);
  const alerts = useSyncExternalStore(alertsStore.subscribe, alertsStore.getSnapshot);
  const [muted, setMuted] = useState(() => readMuted(localStorageOrUndefined()));
  const mutedRef = useRef(muted);
  useEffect(() => {
    mutedRef.current = muted;
    writeMuted(localStorageOrUndefined(), muted);
  }, [muted]);
  useEffect(
    () =>
      api.on('alert', (e) => {
        if (alertsStore.push(e) && !mutedRef.current) playAlarm();
      }),
    [api, alertsStore],
  );
  // Reloaded after every reconnect: changes pushed while the link was down were missed.
  useEffect(() => {
    let live = true;
    api.listAlerts().then(
      (list) => live && alertsStore.reset(list),
      (e: unknown) => live && setError(errorText(e)),
    );
    return () => {
      live = false;
    };
  }, [api, alertsStore, reconnects]);
  // Roster ids and callsigns keep their identity between frames, so this re-renders on a new roster only.
  const rosterIds = useSyncExternalStore(units.subscribe, () => units.getSnapshot().ids);
  const callsigns = useMemo(() => {
    const s = units.getSnapshot();
    return new Map(rosterIds.map((id, i) => [id, s.callsigns[i] ?? id]));
  }, [units, rosterIds]);

  const [supportStores] = useState(createSupportStores);
  const onSupportError = useCallback((e: unknown) => setError(errorText(e)), []);
  const desk = useSupportDesk({
    api,
    stores: supportStores,
    region,
    callsigns,
    reconnects,
    onError: onSupportError,
  });

  // Station and modules of each unit, for the unit detail panel (the live columns do not carry them).
  const [roster, setRoster] = useState<ReadonlyMap<string, RosterUnit>>(new Map());
  const [snapshots, setSnapshots] = useState<readonly UnitSnapshot[]>([]);
  const detail = useMapDetail({
    api,
    units,
    stores: supportStores,
    roster,
    stations: region?.stations ?? NO_STATIONS,
    selectedIncidentId: desk.selectedIncidentId,
    selectIncident: desk.selectIncident,
    onError: onSupportError,
  });
  const tools = useMapTools({
    api,
    units,
    roster: snapshots,
    statuses: desk.map.statuses,
    region,
    selectedUnitId: detail.map.selectedUnitId,
    onNewIncident: desk.startNewIncident,
  });

  useEffect(() => {
    let live = true;
    const off = api.on('status', (s) => setStatus((prev) => newerStatus(prev, s)));
    api.getStatus().then(
      (s) => live && setStatus((prev) => newerStatus(prev, s)),
      () => undefined, // the pushed status events carry the same data
    );
    return () => {
      live = false;
      off();
    };
  }, [api]);

  // The region is static for a session; fetched once, retried when a lost link comes back.
  useEffect(() => {
    if (region) return;
    let live = true;
    api.getRegion().then(
      (r) => {
        if (!live) return;
        setRegion(r);
        setError(undefined);
      },
      (e: unknown) => live && setError(errorText(e)),
    );
    return () => {
      live = false;
    };
  }, [api, region, reconnects]);

  // Frames index into the roster, so the roster is reloaded after every reconnect.
  useEffect(() => {
    let live = true;
    api.getUnits().then(
      (list) => {
        if (!live) return;
        units.reset(list);
        setRoster(new Map(list.map((s) => [s.unit.id, s.unit])));
        setSnapshots(list);
      },
      (e: unknown) => live && setError(errorText(e)),
    );
    return () => {
      live = false;
    };
  }, [api, units, reconnects]);

  return (
    <div className="app">
      <StatusStrip
        status={status}
        link={linkState}
        info={region?.info}
        onAbout={() => setAboutOpen(true)}
        openAlerts={alerts.openCount}
        tools={<WallLayoutButton api={api} />}
      />
      <main className="map-area">
        <MapView
          region={region}
          units={units}
          alerts={alerts}
          {...desk.map}
          detail={detail.map}
          tools={tools.map}
        />
        <Legend />
        {desk.panels}
        {detail.panels}
        {tools.panel}
        <AlertsPanel
          alerts={alerts}
          callsigns={callsigns}
          muted={muted}
          onToggleMute={() => setMuted((m) => !m)}
          onAck={(id) => api.ackAlert(id)}
        />
        {region?.info.schematic && (
          <div className="map-badge" data-testid="schematic-badge">
            {t('map.schematic')}
          </div>
        )}
        {!region && !error && (
          <div className="map-message" data-testid="loading">
            {t(failures > 0 ? 'app.unreachable' : 'app.loading')}
          </div>
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
