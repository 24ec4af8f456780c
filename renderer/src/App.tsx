import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import type { ConsoleApi } from '../../shared/contract/ConsoleApi';
import { playAlarm } from './audio/alarmTone';
import { AlertsPanel } from './components/AlertsPanel';
import { Legend } from './components/Legend';
import { useMapTools } from './components/MapTools';
import { NoTokenScreen, UnknownRoleScreen } from './components/NoTokenScreen';
import { ScreenFrame, usePersistedMute } from './components/ScreenFrame';
import { useSupportDesk } from './components/useSupportDesk';
import { useMapDetail } from './components/useMapDetail';
import { useT } from './i18n/I18nProvider';
import { MapView } from './map/MapView';
import { createSupportStores } from './state/useSupportSync';
import type { UnitsStore } from './state/unitsStore';
import type { LinkStore } from './transport/linkStore';
import type { PickedApi } from './transport/pickApi';
import { readRole } from './wall/role';
import { errorText } from './components/usePendingAction';
import { ReplayBar } from './replay/ReplayBar';
import { useConsoleFeeds } from './wall/useConsoleFeeds';
import { WallScreen } from './wall/WallScreen';
import { mayCall } from '../../shared/contract/access';
import { AccessGate } from './access/AccessGate';
import { callerKey, useCaller } from './access/CallerContext';
import { ReadOnlyScreen } from './components/readOnly';
import { ReportScreen } from './report/ReportScreen';

const isReportPage = (href: string): boolean => new URL(href).searchParams.get('view') === 'report';

interface AppProps {
  readonly picked: PickedApi;
  readonly units: UnitsStore;
  readonly link: LinkStore;
}

export function App({ picked, units, link }: AppProps): ReactNode {
  if (picked.kind === 'no-token') return <NoTokenScreen />;
  // Video wall: `?role=` picks the screen; 'map' (the default) is the full console.
  const asked = readRole(window.location.href);
  if (typeof asked !== 'string') return <UnknownRoleScreen value={asked.unknown} />;
  const api = picked.api;
  return (
    <AccessGate api={api} link={link}>
      {(caller) => {
        // 复盘报告: an operator's (a wall shows its screen only).
        if (caller.kind === 'operator' && isReportPage(window.location.href)) {
          return <ReportScreen key={callerKey(caller)} api={api} />;
        }
        // A wall token shows its own screen, whatever the address asks for.
        const role = caller.kind === 'wall' ? caller.screen : asked;
        const key = callerKey(caller);
        return role === 'map' ? (
          <ConsoleScreen key={key} api={api} units={units} link={link} />
        ) : (
          <WallScreen key={key} role={role} api={api} units={units} link={link} />
        );
      }}
    </AccessGate>
  );
}

const NO_STATIONS: readonly [] = [];

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
  const [muted, setMuted] = usePersistedMute();
  const mutedRef = useRef(muted);
  useEffect(() => {
    mutedRef.current = muted;
  }, [muted]);
  const onAlarm = useCallback(() => {
    if (!mutedRef.current) playAlarm();
  }, []);
  const feeds = useConsoleFeeds(api, units, link, onAlarm);
  const { region, alerts, callsigns, snapshots, error, setError } = feeds;
  const { failures } = feeds.link;

  const [supportStores] = useState(createSupportStores);
  const onSupportError = useCallback((e: unknown) => setError(errorText(e)), [setError]);
  const desk = useSupportDesk({
    api,
    stores: supportStores,
    region,
    callsigns,
    reconnects: feeds.reloads,
    onError: onSupportError,
  });

  // Station and modules of each unit, for the unit detail panel (the live columns do not carry them).
  const roster = useMemo(() => new Map(feeds.roster.map((u) => [u.id, u])), [feeds.roster]);
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
    onChooseUnit: detail.map.onPickUnit,
  });

  const replaying = feeds.status?.session?.kind === 'replay';
  const { caller } = useCaller();
  const commanding = mayCall(caller, 'createIncident', feeds.status?.session?.kind ?? 'live');
  return (
    <ReadOnlyScreen when={!commanding}>
      <ScreenFrame
        api={api}
        feeds={feeds}
        className={replaying ? 'app replaying' : 'app'}
        mainClassName="map-area"
      >
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
          onAck={commanding ? (id) => api.ackAlert(id) : undefined}
        />
        {replaying && feeds.status && <ReplayBar api={api} status={feeds.status} />}
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
      </ScreenFrame>
    </ReadOnlyScreen>
  );
}
