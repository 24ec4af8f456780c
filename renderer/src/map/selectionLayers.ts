import type { LayersList } from '@deck.gl/core';
import { PathLayer, ScatterplotLayer } from '@deck.gl/layers';
import type { PathLayerProps, ScatterplotLayerProps } from '@deck.gl/layers';
import type { UnitsState } from '../state/unitsStore';

// The selected unit on the map: its recent track as a path and a ring around it. Pure factories.

export const SELECTION_LAYER_IDS = {
  track: 'selected-track',
  ring: 'selected-unit',
} as const;

type Rgba = [number, number, number, number];
const TRACK_COLOR: Rgba = [56, 189, 248, 220];
const RING_COLOR: Rgba = [255, 255, 255, 255];

export interface SelectedTrack {
  readonly unitId: string;
  readonly path: readonly [number, number][];
  /** Changes whenever the path does (a fetch count, or the newest fix time). */
  readonly version: number | string;
}

export function selectedTrackLayerProps(t: SelectedTrack): PathLayerProps<SelectedTrack> {
  return {
    id: SELECTION_LAYER_IDS.track,
    data: t.path.length >= 2 ? [t] : [],
    getPath: (d) => d.path as [number, number][],
    getColor: TRACK_COLOR,
    widthUnits: 'pixels',
    getWidth: 3,
    jointRounded: true,
    capRounded: true,
    updateTriggers: { getPath: `${t.unitId}:${String(t.version)}` },
  };
}

/** Roster index of the unit, or -1 (unknown id, or no fix yet: nothing to ring). */
export function selectedIndex(units: UnitsState, unitId: string | undefined): number {
  if (unitId === undefined) return -1;
  const i = units.ids.indexOf(unitId);
  return i >= 0 && units.hasFix[i] === 1 ? i : -1;
}

export function selectedRingLayerProps(
  units: UnitsState,
  unitId: string | undefined,
): ScatterplotLayerProps<number> {
  const i = selectedIndex(units, unitId);
  return {
    id: SELECTION_LAYER_IDS.ring,
    data: i >= 0 ? [i] : [],
    getPosition: (k: number) => [units.positions[2 * k] ?? 0, units.positions[2 * k + 1] ?? 0],
    radiusUnits: 'pixels',
    getRadius: 12,
    stroked: true,
    filled: false,
    lineWidthUnits: 'pixels',
    getLineWidth: 2.5,
    getLineColor: RING_COLOR,
    updateTriggers: { getPosition: `${unitId ?? ''}:${String(units.version)}` },
  };
}

/** Both layers, track under the ring; nothing when no unit is selected. */
export function selectionLayers(
  units: UnitsState,
  unitId: string | undefined,
  track: SelectedTrack | undefined,
): LayersList {
  if (unitId === undefined) return [];
  return [
    track && track.unitId === unitId && new PathLayer(selectedTrackLayerProps(track)),
    new ScatterplotLayer<number>(selectedRingLayerProps(units, unitId)),
  ];
}

/** What the map draws and reports for the reach areas and the unit detail panel. */
export interface MapDetail {
  /** Reach areas, drawn under everything. */
  readonly reach?: LayersList;
  readonly selectedUnitId?: string;
  readonly track?: SelectedTrack;
  /** A click on a unit selects it. */
  readonly onPickUnit?: (unitId: string) => void;
}

/** Ids of the layers in a stack (falsy entries, i.e. layers left out, skipped), bottom to top. */
export function layerIdsOf(layers: LayersList): string[] {
  const out: string[] = [];
  const walk = (list: LayersList): void => {
    for (const l of list) {
      if (Array.isArray(l)) walk(l as LayersList);
      else if (l) out.push(l.id);
    }
  };
  walk(layers);
  return out;
}
