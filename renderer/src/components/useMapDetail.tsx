import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import type { ConsoleApi } from '../../../shared/contract/ConsoleApi';
import type { Station } from '../../../shared/domain/region';
import type { RosterUnit } from '../../../shared/domain/units';
import type { ReachMode } from '../map/reachLayers';
import type { MapDetail } from '../map/selectionLayers';
import { selectedUnitId, withIncident, type MapSelection } from '../state/selection';
import type { UnitsStore } from '../state/unitsStore';
import type { SupportStores } from '../state/useSupportSync';
import { ReachControl, useReachLayer } from './ReachControl';
import { UnitDetail, useSelectedTrack, useUnitTrack } from './UnitDetail';

interface Input {
  readonly api: ConsoleApi;
  readonly units: UnitsStore;
  readonly stores: SupportStores;
  readonly roster: ReadonlyMap<string, RosterUnit>;
  readonly stations: readonly Station[];
  /** The support desk's incident selection, so one selection replaces the other. */
  readonly selectedIncidentId: string | undefined;
  readonly selectIncident: (incidentId: string | undefined) => void;
  readonly onError: (e: unknown) => void;
}

/** Reach areas and the unit detail panel: what the map draws for them, and their panels. */
export function useMapDetail(input: Input): {
  readonly map: MapDetail;
  readonly panels: ReactNode;
} {
  const { api, units, onError, selectIncident, selectedIncidentId } = input;
  const [reachMode, setReachMode] = useState<ReachMode>('off');
  const reach = useReachLayer(api, reachMode, onError);
  const [selection, setSelection] = useState<MapSelection>();

  // An incident chosen on the map or in the list replaces the selected unit.
  useEffect(
    () => setSelection((prev) => withIncident(prev, selectedIncidentId)),
    [selectedIncidentId],
  );

  const selectUnit = useCallback(
    (unitId: string) => {
      setSelection({ kind: 'unit', id: unitId });
      selectIncident(undefined);
    },
    [selectIncident],
  );
  const close = useCallback(() => setSelection((s) => (s?.kind === 'unit' ? undefined : s)), []);
  const unitId = selectedUnitId(selection);
  const track = useUnitTrack(api, unitId, onError);
  const selectedTrack = useSelectedTrack(units, track);

  const map = useMemo<MapDetail>(
    () => ({
      ...(reach.layers ? { reach: reach.layers } : {}),
      ...(unitId !== undefined ? { selectedUnitId: unitId } : {}),
      ...(selectedTrack ? { track: selectedTrack } : {}),
      onPickUnit: selectUnit,
    }),
    [reach.layers, unitId, selectedTrack, selectUnit],
  );

  const panels = (
    <>
      <ReachControl mode={reachMode} onMode={setReachMode} grid={reach.grid} />
      {unitId !== undefined && (
        <UnitDetail
          unitId={unitId}
          units={units}
          roster={input.roster}
          stations={input.stations}
          stores={input.stores}
          track={track.unitId === unitId ? track.track : []}
          onClose={close}
        />
      )}
    </>
  );
  return { map, panels };
}
