import type { LayersList } from '@deck.gl/core';
import type { RegionSnapshot } from '../../../shared/domain/region';
import type { Lang } from '../i18n/messages';
import type { AlertsState } from '../state/alertsStore';
import { maskColors } from '../state/mapFilters';
import type { UnitStatusState } from '../state/unitStatusStore';
import type { UnitsState } from '../state/unitsStore';
import { buildLayers, type PlaceLabel, type UnitFill } from './layers';
import { selectionLayers, type MapDetail } from './selectionLayers';
import { statusFillColors } from './supportLayers';
import { toolLayers, type MapToolsData } from './unitLayers';

// What the map draws for one units batch, outside React: MapView calls it from the units store's
// listener (no re-render per frame) and when a slower input changes; the map benchmark drives the
// same function, so what it times is what the console does per frame.

/** Everything the layer stack reads besides the live units; changes at human pace. */
export interface MapInputs {
  readonly alerts?: AlertsState;
  readonly region: RegionSnapshot | undefined;
  readonly places: readonly PlaceLabel[];
  readonly lang: Lang;
  readonly zoom: number;
  readonly statuses?: UnitStatusState;
  readonly support?: { readonly under: LayersList; readonly over: LayersList };
  readonly detail?: MapDetail;
  readonly pickUnit?: (unitId: string) => void;
  readonly tools?: MapToolsData;
  /** The unit icon atlas; dots when left out. */
  readonly atlas?: unknown;
}

/**
 * Unit colours with statuses and the filter mask applied, recomputed only when one of them or the
 * store's colours changed (not on every position batch). undefined when neither applies.
 */
export function createUnitFill(): (s: UnitsState, inputs: MapInputs) => UnitFill | undefined {
  let key: readonly unknown[] = [];
  let fill: UnitFill | undefined;
  let version = 0;
  return (s, { statuses, tools }) => {
    const next = [s.colorVersion, s.ids, statuses, tools?.mask, tools?.maskVersion];
    if (next.every((v, i) => v === key[i])) return fill;
    key = next;
    const byStatus = statuses !== undefined && statuses.byUnit.size > 0;
    const mask = tools?.mask;
    // The store's own column may come back unchanged (same array, written in place): the version
    // is ours and moves on every recompute, so the layers upload it again.
    fill =
      byStatus || mask
        ? {
            colors: maskColors(byStatus ? statusFillColors(s, statuses) : s.fillColors, mask),
            version: ++version,
          }
        : undefined;
    return fill;
  };
}

export function unitsFrameLayers(
  s: UnitsState,
  inputs: MapInputs,
  unitFill: UnitFill | undefined,
): LayersList {
  const { detail, tools, atlas } = inputs;
  return buildLayers({
    units: s,
    alerts: inputs.alerts,
    region: inputs.region,
    places: inputs.places,
    lang: inputs.lang,
    zoom: inputs.zoom,
    unitFill,
    support: inputs.support,
    base: detail?.reach,
    selection: selectionLayers(s, detail?.selectedUnitId, detail?.track),
    onPickUnit: inputs.pickUnit,
    tools: tools && toolLayers(s, unitFill?.colors ?? s.fillColors, tools, atlas),
  });
}
