import { useCallback, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import type { ReactNode } from 'react';
import type { ConsoleApi } from '../../../shared/contract/ConsoleApi';
import type { IncidentDraft } from '../../../shared/domain/incidents';
import type { LonLat, RegionSnapshot } from '../../../shared/domain/region';
import type { SupportPackage, SupportRequest } from '../../../shared/domain/support';
import { useLang } from '../i18n/I18nProvider';
import { supportMapData, type SupportMapData } from '../map/supportLayers';
import { incidentById } from '../state/incidentsStore';
import { awaitsDecision, isTerminal, requestById } from '../state/supportStore';
import type { UnitStatusState } from '../state/unitStatusStore';
import { useSupportSync, type SupportStores } from '../state/useSupportSync';
import { IncidentForm } from './IncidentForm';
import { IncidentsPanel } from './IncidentsPanel';
import { RecommendationPanel } from './RecommendationPanel';
import { SuggestionsBar } from './SuggestionsBar';
import { SupportBoard } from './SupportBoard';

interface Input {
  readonly api: ConsoleApi;
  readonly stores: SupportStores;
  readonly region: RegionSnapshot | undefined;
  /** Callsign per roster unit id. */
  readonly callsigns: ReadonlyMap<string, string>;
  readonly reconnects: number;
  readonly onError: (e: unknown) => void;
  /** The support board starts open (the wall's support screen). */
  readonly boardInitiallyOpen?: boolean;
}

export interface SupportDesk {
  readonly map: {
    readonly support: SupportMapData;
    readonly statuses: UnitStatusState;
    readonly onPickPoint?: (lonLat: LonLat) => void;
    readonly onPickIncident: (incidentId: string) => void;
  };
  readonly panels: ReactNode;
  /** The incident selected on the map or in the list; the unit detail panel clears it. */
  readonly selectedIncidentId: string | undefined;
  readonly selectIncident: (incidentId: string | undefined) => void;
  /** Starts "new incident": the next map click places it (the N shortcut and the panel's button). */
  readonly startNewIncident: () => void;
}

/** The support loop's UI state and panels: incidents, recommendation, board, suggestions. */
export function useSupportDesk({
  api,
  stores,
  region,
  callsigns,
  reconnects,
  onError,
  boardInitiallyOpen = false,
}: Input): SupportDesk {
  const { lang } = useLang();
  const setup = useSupportSync(api, stores, reconnects, onError);
  const incidents = useSyncExternalStore(stores.incidents.subscribe, stores.incidents.getSnapshot);
  const support = useSyncExternalStore(stores.support.subscribe, stores.support.getSnapshot);
  const statuses = useSyncExternalStore(
    stores.unitStatuses.subscribe,
    stores.unitStatuses.getSnapshot,
  );
  const [picking, setPicking] = useState(false);
  const [draftAt, setDraftAt] = useState<LonLat>();
  const [selectedId, setSelectedId] = useState<string>();
  const [shownRequestId, setShownRequestId] = useState<string>();
  const [preview, setPreview] = useState<SupportPackage>();
  const [boardOpen, setBoardOpen] = useState(boardInitiallyOpen);
  const startNewIncident = useCallback(() => {
    setDraftAt(undefined);
    setPicking(true);
  }, []);

  useEffect(() => {
    if (!picking) return;
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') setPicking(false);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [picking]);

  const onPickPoint = useCallback((lonLat: LonLat) => {
    setPicking(false);
    setDraftAt(lonLat);
  }, []);

  const shown = requestById(support, shownRequestId);
  const showPanel = shown !== undefined && awaitsDecision(shown.state);
  const mapData = useMemo(
    () =>
      supportMapData(
        incidents,
        support,
        showPanel && preview && shownRequestId
          ? { requestId: shownRequestId, pkg: preview }
          : undefined,
        setup?.geofenceM,
      ),
    [incidents, support, preview, shownRequestId, showPanel, setup],
  );

  const stationName = useCallback(
    (id: string): string => {
      const st = region?.stations.find((s) => s.id === id);
      return st ? (lang === 'en' ? st.nameEn : st.name) : id;
    },
    [region, lang],
  );
  const callsign = useCallback((id: string) => callsigns.get(id) ?? id, [callsigns]);
  const unitByCallsign = useMemo(
    () => new Map([...callsigns].map(([id, c]) => [c, id])),
    [callsigns],
  );

  const { incidents: incidentsStore, support: supportStore } = stores;
  const applied = (r: SupportRequest): SupportRequest => {
    supportStore.apply(r);
    return r;
  };
  const requestSupport = (incidentId: string): Promise<unknown> =>
    api.requestSupport(incidentId).then((r) => {
      applied(r);
      setSelectedId(incidentId);
      setShownRequestId(r.id);
    });
  const createIncident = (draft: IncidentDraft): Promise<unknown> =>
    api.createIncident(draft).then((i) => {
      incidentsStore.apply(i);
      setDraftAt(undefined);
      setSelectedId(i.id);
    });
  const loadTimeline = useCallback(
    (id: string) => api.getSupportTimeline(id).then((ev) => supportStore.setTimeline(id, ev)),
    [api, supportStore],
  );
  const activeSupport = support.requests.filter((r) => !isTerminal(r.state)).length;
  const supported = useMemo(
    () => new Set(support.requests.filter((r) => !isTerminal(r.state)).map((r) => r.incidentId)),
    [support.requests],
  );

  const panels = (
    <>
      <div className="left-column">
        <SuggestionsBar
          suggestions={support.suggestions}
          incidents={incidents}
          areaName={stationName}
          onRequest={(id) => void requestSupport(id).catch(onError)}
          supported={supported}
          onDismiss={(id) =>
            void api.dismissSuggestion(id).then(() => supportStore.removeSuggestion(id), onError)
          }
        />
        <IncidentsPanel
          onCloseIncident={(id, reason) =>
            api.closeIncident(id, reason).then((i) => incidentsStore.apply(i))
          }
          onHandOver={(id, to, reason) =>
            api.handOverCommand(id, to, reason).then((i) => incidentsStore.apply(i))
          }
          operator={setup?.operator.name}
          incidents={incidents}
          areaName={stationName}
          support={support}
          selectedId={selectedId}
          picking={picking}
          form={
            draftAt && (
              <IncidentForm
                lonLat={draftAt}
                onSubmit={createIncident}
                onCancel={() => setDraftAt(undefined)}
              />
            )
          }
          onSelect={setSelectedId}
          onNew={startNewIncident}
          onCancelPick={() => setPicking(false)}
          onRegrade={(id, grade) =>
            api.regradeIncident(id, grade).then((i) => incidentsStore.apply(i))
          }
          onRequestSupport={requestSupport}
          onShowRequest={setShownRequestId}
          activeSupport={activeSupport}
          boardOpen={boardOpen}
          onToggleBoard={() => setBoardOpen((o) => !o)}
        />
      </div>
      {showPanel && (
        <RecommendationPanel
          key={shown.id}
          request={shown}
          committedUnitIds={support.requests
            .filter((r) => shown.supplementOf?.includes(r.id))
            .flatMap((r) => r.orders.map((o) => o.unitId))}
          incident={incidentById(incidents, shown.incidentId)}
          setup={setup}
          unitByCallsign={unitByCallsign}
          callsign={callsign}
          stationName={stationName}
          evaluate={(id, unitIds) => api.evaluatePackage(id, unitIds)}
          approve={(id, unitIds, countersign) =>
            api.approveSupport(id, unitIds, countersign).then((r) => {
              applied(r);
              setShownRequestId(undefined);
              setBoardOpen(true);
            })
          }
          reject={(id, reason) => api.rejectSupport(id, reason).then(applied)}
          onPreview={setPreview}
          onClose={() => setShownRequestId(undefined)}
        />
      )}
      {boardOpen && (
        <SupportBoard
          support={support}
          incidents={incidents}
          callsign={callsign}
          stationName={stationName}
          release={(id) => api.releaseSupport(id).then(applied)}
          confirmEmergency={(id) => api.confirmEmergency(id).then(applied)}
          cancel={(id, reason) => api.cancelSupport(id, reason).then(applied)}
          returnUnit={(unitId) => api.orderUnit(unitId, { type: 'return' })}
          loadTimeline={loadTimeline}
          onShowRequest={setShownRequestId}
          onClose={() => setBoardOpen(false)}
        />
      )}
    </>
  );

  return {
    map: {
      support: mapData,
      statuses,
      onPickPoint: picking ? onPickPoint : undefined,
      onPickIncident: setSelectedId,
    },
    panels,
    selectedIncidentId: selectedId,
    selectIncident: setSelectedId,
    startNewIncident,
  };
}
