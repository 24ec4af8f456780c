import type { Layer, LayersList, PickingInfo } from '@deck.gl/core';
import { ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import type { ScatterplotLayerProps, TextLayerProps } from '@deck.gl/layers';
import type { FeatureCollection, RegionSnapshot, Station } from '../../../shared/domain/region';
import type { Lang } from '../i18n/messages';
import type { AlertsState } from '../state/alertsStore';
import type { UnitsState } from '../state/unitsStore';

// Pure layer factories: state in, layer out, ids stable so deck.gl diffs instead of rebuilding.
// High-rate unit data goes in as binary attributes; accessor layers key updateTriggers on version.

export const LAYER_IDS = {
  stations: 'stations',
  stationLabels: 'station-labels',
  placeLabels: 'place-labels',
  units: 'units',
  alertRings: 'alert-rings',
  callsigns: 'unit-callsigns',
} as const;

/** Local fonts only: Noto CJK on Linux wall PCs, YaHei on Windows, PingFang on macOS. */
export const LABEL_FONT = '"Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", sans-serif';
/** Callsigns would bury the county view in text; they appear from this zoom on. */
export const CALLSIGN_MIN_ZOOM = 11;

type Rgba = [number, number, number, number];
// Constant arrays live at module level: layers are rebuilt every animation frame, and a fresh
// literal each time would make deck.gl compare (or re-apply) props that never change.
const LABEL_OUTLINE: Rgba = [4, 8, 16, 255];
const UNIT_OUTLINE: Rgba = [2, 6, 14, 220];
const STATION_LABEL_COLOR: Rgba = [230, 238, 250, 255];
const CALLSIGN_OFFSET: [number, number] = [0, -16];
const STATION_LABEL_OFFSET: [number, number] = [0, 16];
const PLACE_LABEL_OFFSET: [number, number] = [0, -8];
const PLACE_IN_REGION: Rgba = [190, 205, 230, 230];
const PLACE_OUTSIDE: Rgba = [130, 145, 170, 170];
const TEXT_FONT_SETTINGS = { sdf: true, fontSize: 48, buffer: 6, radius: 12 } as const;
export const textDefaults = {
  characterSet: 'auto',
  fontFamily: LABEL_FONT,
  fontSettings: TEXT_FONT_SETTINGS,
  outlineWidth: 3,
  outlineColor: LABEL_OUTLINE,
  sizeUnits: 'pixels',
  billboard: true,
} as const;

const STATION_RING: Readonly<Record<Station['kind'], Rgba>> = {
  'police-station': [120, 170, 255, 255],
  'traffic-squad': [250, 204, 21, 255],
  'special-unit': [248, 113, 113, 255],
};
export const STATION_FILL: Rgba = [10, 16, 30, 235];
export const stationRingColor = (kind: Station['kind']): Rgba => STATION_RING[kind];
const NO_STATIONS: readonly Station[] = [];

/** A colour column to draw instead of the store's own (unit statuses applied), with its version. */
export interface UnitFill {
  readonly colors: Uint8Array;
  /** Changes whenever the colours do (the column may be the same array, written in place). */
  readonly version: number;
}

/** A deck.gl binary attribute. `normalized` is missing from deck.gl's typings, hence our own. */
export interface BinaryColumn {
  readonly value: Float32Array | Float64Array | Uint8Array;
  readonly size: number;
  readonly type?: 'unorm8';
  readonly normalized?: boolean;
}

const columns = new WeakMap<ArrayBufferView, { version: number | string; column: BinaryColumn }>();

/**
 * One descriptor object per (column, version). deck.gl uploads a binary attribute again only when
 * handed a different descriptor object (it compares identity, not content), so a column written in
 * place gets a new descriptor when its version moves and the same one while it does not: unchanged
 * columns are not re-uploaded every frame.
 */
export function binaryColumn(
  value: Float32Array | Float64Array | Uint8Array,
  size: number,
  version: number | string,
): BinaryColumn {
  const hit = columns.get(value);
  if (hit?.version === version) return hit.column;
  // Colours are bytes: deck.gl wants them flagged normalized, or it warns and reads 0–255 floats.
  const column: BinaryColumn =
    value instanceof Uint8Array
      ? { value, size, type: 'unorm8', normalized: true }
      : { value, size };
  columns.set(value, { version, column });
  return column;
}

/** Binary data of one units layer; `roster` tells a new roster from a moved one. */
export interface UnitsData {
  readonly length: number;
  readonly roster: readonly string[];
  readonly attributes: Readonly<Record<string, BinaryColumn>>;
}

/**
 * The data object is new every batch (it carries the new descriptors), but the data is the same
 * rows: without this deck.gl would treat each batch as new data and recompute every attribute,
 * the per-unit accessors (icons, picking colours) included.
 */
export function sameUnitsData(a: unknown, b: unknown): boolean {
  const x = a as UnitsData | undefined;
  const y = b as UnitsData | undefined;
  return x !== undefined && y !== undefined && x.length === y.length && x.roster === y.roster;
}

export function unitsLayerProps(
  s: UnitsState,
  fill?: UnitFill,
  onPick?: (unitId: string) => void,
): ScatterplotLayerProps {
  const data: UnitsData = {
    length: s.count,
    roster: s.ids,
    attributes: {
      getPosition: binaryColumn(s.positions32, 2, s.version),
      getFillColor: fill
        ? binaryColumn(fill.colors, 4, `f${String(fill.version)}`)
        : binaryColumn(s.fillColors, 4, s.colorVersion),
    },
  };
  return {
    id: LAYER_IDS.units,
    data,
    dataComparator: sameUnitsData,
    radiusUnits: 'pixels',
    getRadius: 6,
    radiusMinPixels: 4,
    stroked: true,
    lineWidthUnits: 'pixels',
    getLineWidth: 1.5,
    getLineColor: UNIT_OUTLINE,
    // Binary data has no objects: a pick reports the row, i.e. the roster index.
    pickable: onPick !== undefined,
    onClick: onPick
      ? (info: PickingInfo) => {
          const id = info.index >= 0 ? s.ids[info.index] : undefined;
          if (id !== undefined) onPick(id);
          return true;
        }
      : undefined,
    // Triggers make deck.gl look at the attributes again; the descriptors decide what uploads.
    updateTriggers: {
      getPosition: s.version,
      getFillColor: fill ? `f${String(fill.version)}` : s.colorVersion,
    },
  };
}

export function unitsLayer(
  s: UnitsState,
  fill?: UnitFill,
  onPick?: (unitId: string) => void,
): ScatterplotLayer {
  return new ScatterplotLayer(unitsLayerProps(s, fill, onPick));
}

export function showCallsigns(s: UnitsState, zoom: number): boolean {
  return zoom >= CALLSIGN_MIN_ZOOM && s.count > 0;
}

// Filtered roster orders, one per filter mask: the mask changes with the filters, not every frame.
const maskedOrders = new WeakMap<Uint8Array, readonly number[]>();
function maskedOrder(s: UnitsState, mask: Uint8Array | undefined): readonly number[] {
  if (!mask) return s.order;
  let order = maskedOrders.get(mask);
  if (!order) {
    order = s.order.filter((i) => mask[i] === 1);
    maskedOrders.set(mask, order);
  }
  return order;
}

/** `mask` (1 = drawn, per roster index) leaves out the callsigns of units the filters hide. */
export function callsignLayerProps(
  s: UnitsState,
  zoom: number,
  mask?: Uint8Array,
): TextLayerProps<number> {
  const visible = showCallsigns(s, zoom);
  return {
    ...textDefaults,
    id: LAYER_IDS.callsigns,
    // Empty data when hidden, so 10k units cost nothing while zoomed out.
    data: visible ? maskedOrder(s, mask) : [],
    getText: (i: number) => s.callsigns[i] ?? '',
    getPosition: (i: number) => [s.positions[2 * i] ?? 0, s.positions[2 * i + 1] ?? 0],
    getColor: (i: number) => [
      s.fillColors[4 * i] ?? 0,
      s.fillColors[4 * i + 1] ?? 0,
      s.fillColors[4 * i + 2] ?? 0,
      s.fillColors[4 * i + 3] ?? 0,
    ],
    getSize: 15,
    getPixelOffset: CALLSIGN_OFFSET,
    getTextAnchor: 'middle',
    getAlignmentBaseline: 'bottom',
    // Colours change with liveness, not with every position batch: re-reading 10,000 colours per
    // frame for nothing was a cost of its own while zoomed in.
    updateTriggers: { getPosition: s.version, getColor: s.colorVersion, getText: s.ids },
  };
}

export function callsignLayer(s: UnitsState, zoom: number, mask?: Uint8Array): TextLayer<number> {
  return new TextLayer(callsignLayerProps(s, zoom, mask));
}

export function stationsLayer(stations: readonly Station[]): ScatterplotLayer<Station> {
  // A dark disc with a thick coloured ring: reads as a fixed site, unlike the solid unit dots.
  return new ScatterplotLayer<Station>({
    id: LAYER_IDS.stations,
    data: stations,
    // Nothing to draw without stations: deck.gl would still run the layer's draw call every frame.
    visible: stations.length > 0,
    getPosition: (st) => [st.lonLat[0], st.lonLat[1]],
    radiusUnits: 'pixels',
    getRadius: 10,
    stroked: true,
    filled: true,
    lineWidthUnits: 'pixels',
    getLineWidth: 3.5,
    getFillColor: STATION_FILL,
    getLineColor: (st) => STATION_RING[st.kind],
  });
}

/** Stations closer than this (degrees, ~1 km) share a spot on the map at county zoom. */
const SAME_SPOT_DEG = 0.01;
const LABEL_LINE_PX = 20;

/**
 * Pixel offsets that stack the labels of co-located stations (the county seat often hosts the
 * town station, the traffic squad and the special unit) instead of printing them over each other.
 */
export function stationLabelOffsets(stations: readonly Station[]): Map<string, [number, number]> {
  const offsets = new Map<string, [number, number]>();
  const placed: Station[] = [];
  for (const st of stations) {
    const below = placed.filter(
      (p) =>
        Math.abs(p.lonLat[0] - st.lonLat[0]) < SAME_SPOT_DEG &&
        Math.abs(p.lonLat[1] - st.lonLat[1]) < SAME_SPOT_DEG,
    ).length;
    offsets.set(st.id, [STATION_LABEL_OFFSET[0], STATION_LABEL_OFFSET[1] + below * LABEL_LINE_PX]);
    placed.push(st);
  }
  return offsets;
}

export function stationLabelsLayer(stations: readonly Station[], lang: Lang): TextLayer<Station> {
  const offsets = stationLabelOffsets(stations);
  return new TextLayer<Station>({
    ...textDefaults,
    id: LAYER_IDS.stationLabels,
    data: stations,
    getText: (st) => (lang === 'en' ? st.nameEn : st.name),
    getPosition: (st) => [st.lonLat[0], st.lonLat[1]],
    getColor: STATION_LABEL_COLOR,
    getSize: 17,
    getPixelOffset: (st) => offsets.get(st.id) ?? STATION_LABEL_OFFSET,
    getAlignmentBaseline: 'top',
    updateTriggers: { getText: lang },
  });
}

export interface PlaceLabel {
  readonly lonLat: readonly [number, number];
  readonly name: string;
  readonly nameEn: string;
  readonly inRegion: boolean;
}

/** Picks label fields out of a loosely typed place layer; points without a name are skipped. */
export function placeLabels(places: FeatureCollection): PlaceLabel[] {
  const out: PlaceLabel[] = [];
  for (const f of places.features) {
    const p = f.properties ?? {};
    const c = f.geometry.type === 'Point' ? f.geometry.coordinates : undefined;
    if (!Array.isArray(c) || typeof c[0] !== 'number' || typeof c[1] !== 'number') continue;
    const str = (...keys: string[]): string | undefined => {
      for (const k of keys) if (typeof p[k] === 'string' && p[k] !== '') return p[k] as string;
      return undefined;
    };
    const nameEn = str('nameEn', 'name_en', 'name');
    const name = str('name_zh', 'nameZh', 'name') ?? nameEn;
    if (name === undefined) continue;
    out.push({
      lonLat: [c[0], c[1]],
      name,
      nameEn: nameEn ?? name,
      inRegion: p['county_role'] === undefined || p['county_role'] === 'target',
    });
  }
  return out;
}

export function placeLabelsLayer(labels: readonly PlaceLabel[], lang: Lang): TextLayer<PlaceLabel> {
  return new TextLayer<PlaceLabel>({
    ...textDefaults,
    id: LAYER_IDS.placeLabels,
    data: labels,
    getText: (p) => (lang === 'en' ? p.nameEn : p.name),
    getPosition: (p) => [p.lonLat[0], p.lonLat[1]],
    getColor: (p) => (p.inRegion ? PLACE_IN_REGION : PLACE_OUTSIDE),
    getSize: (p) => (p.inRegion ? 14 : 12),
    getPixelOffset: PLACE_LABEL_OFFSET,
    getAlignmentBaseline: 'bottom',
    updateTriggers: { getText: lang },
  });
}

const SOS_RING: Rgba = [239, 68, 68, 255];
const ALERT_RING: Rgba = [251, 191, 36, 255];

/** Roster indices of units with an open alert and a known position, SOS units last (drawn on top). */
export function alertRingIndices(units: UnitsState, alerts: AlertsState): number[] {
  if (alerts.openUnits.size === 0) return [];
  const other: number[] = [];
  const sos: number[] = [];
  units.ids.forEach((id, i) => {
    if (!alerts.openUnits.has(id) || units.hasFix[i] !== 1) return;
    (alerts.sosUnits.has(id) ? sos : other).push(i);
  });
  return [...other, ...sos];
}

/** A halo around each unit with an open alert: red for SOS, amber for the rest. */
export function alertRingsLayerProps(
  units: UnitsState,
  alerts: AlertsState,
): ScatterplotLayerProps<number> {
  return {
    id: LAYER_IDS.alertRings,
    data: alertRingIndices(units, alerts),
    getPosition: (i: number) => [units.positions[2 * i] ?? 0, units.positions[2 * i + 1] ?? 0],
    radiusUnits: 'pixels',
    getRadius: 15,
    stroked: true,
    filled: false,
    lineWidthUnits: 'pixels',
    getLineWidth: 3,
    getLineColor: (i: number) => (alerts.sosUnits.has(units.ids[i] ?? '') ? SOS_RING : ALERT_RING),
    updateTriggers: {
      getPosition: units.version,
      getLineColor: alerts.version,
    },
  };
}

export function alertRingsLayer(units: UnitsState, alerts: AlertsState): ScatterplotLayer<number> {
  return new ScatterplotLayer<number>(alertRingsLayerProps(units, alerts));
}

export interface MapLayersInput {
  readonly units: UnitsState;
  /** Open alerts to ring on the map; left out when there are none. */
  readonly alerts?: AlertsState;
  readonly region: RegionSnapshot | undefined;
  readonly places: readonly PlaceLabel[];
  readonly lang: Lang;
  readonly zoom: number;
  /** Unit colours with statuses applied; the store's own colours when left out. */
  readonly unitFill?: UnitFill;
  /** Incidents, geofences, support routes and ETAs. */
  readonly support?: { readonly under: LayersList; readonly over: LayersList };
  /** Drawn first, under everything (reach areas). */
  readonly base?: LayersList;
  /** Drawn over the units (the selected unit's track and ring). */
  readonly selection?: LayersList;
  /** Makes units clickable; called with the clicked unit's id. */
  readonly onPickUnit?: (unitId: string) => void;
  /** Map tools (unitLayers.ts): trails and drone footprints under the units, labels over them. */
  readonly tools?: MapToolLayers;
}

export interface MapToolLayers {
  readonly under: LayersList;
  readonly over: LayersList;
  /** Filter mask per roster index (1 = drawn); the unit colours come already masked. */
  readonly mask?: Uint8Array;
  /** Draws the units (as icons) from the dot layer's props, so its interaction props carry over. */
  readonly units?: (dots: ScatterplotLayerProps) => Layer;
}

/**
 * The full deck.gl layer stack, bottom to top. Text layers are left out while they have nothing to
 * show: an empty 'auto' character set makes an empty font atlas, which WebGL rejects with warnings.
 */
export function buildLayers(input: MapLayersInput): LayersList {
  // One empty array for "no region": a fresh [] per batch is new data to deck.gl, which would
  // recompute every attribute of the stations layer on each units frame.
  const stations = input.region?.stations ?? NO_STATIONS;
  return [
    ...(input.base ?? []),
    input.places.length > 0 && placeLabelsLayer(input.places, input.lang),
    stationsLayer(stations),
    ...(input.support?.under ?? []),
    input.alerts !== undefined &&
      input.alerts.openUnits.size > 0 &&
      alertRingsLayer(input.units, input.alerts),
    ...(input.tools?.under ?? []),
    input.tools?.units
      ? input.tools.units(unitsLayerProps(input.units, input.unitFill, input.onPickUnit))
      : unitsLayer(input.units, input.unitFill, input.onPickUnit),
    ...(input.selection ?? []),
    ...(input.support?.over ?? []),
    ...(input.tools?.over ?? []),
    showCallsigns(input.units, input.zoom) &&
      callsignLayer(input.units, input.zoom, input.tools?.mask),
    stations.length > 0 && stationLabelsLayer(stations, input.lang),
  ];
}
