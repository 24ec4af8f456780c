import type { Texture } from '@luma.gl/core';
import { IconLayer, PathLayer, ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import type {
  IconLayerProps,
  PathLayerProps,
  ScatterplotLayerProps,
  TextLayerProps,
} from '@deck.gl/layers';
import type { LonLat } from '../../../shared/domain/region';
import { UNIT_KINDS } from '../../../shared/domain/units';
import type { TrailPaths } from '../state/trails';
import type { UnitsState } from '../state/unitsStore';
import { iconMapping, iconName } from './unitIcons';
import {
  binaryColumn,
  sameUnitsData,
  textDefaults,
  type MapToolLayers,
  type UnitsData,
} from './layers';

// Pure factories for the unit icons, trails, drone footprints and the measure line. Like the dot
// layer they replace, icons read the store's columns as binary attributes; the filter mask
// reaches the GPU as a size column (0 = hidden, which also keeps hidden units unpickable).

export const UNIT_LAYER_IDS = {
  trails: 'unit-trails',
  droneFootprint: 'drone-footprint',
  droneAltitude: 'drone-altitude',
  measurePath: 'measure-path',
  measurePoints: 'measure-points',
} as const;

type Rgba = [number, number, number, number];
export const ICON_SIZE_PX = 26;
const MAPPING = iconMapping();
const FOOTPRINT_FILL: Rgba = [251, 146, 60, 40];
const FOOTPRINT_LINE: Rgba = [251, 146, 60, 200];
const ALTITUDE_COLOR: Rgba = [253, 186, 116, 255];
const ALTITUDE_OFFSET: [number, number] = [0, 20];
const MEASURE_COLOR: Rgba = [255, 255, 255, 235];
const MEASURE_POINT: Rgba = [15, 23, 42, 255];

export interface UnitIconsInput {
  /** The atlas canvas (see unitIcons.ts). */
  readonly atlas: unknown;
  /** Filter mask per roster index; every unit drawn when left out. */
  readonly mask?: Uint8Array;
}

const sizeCache = new WeakMap<Uint8Array, Float32Array>();
let fullSizes = new Float32Array(0);

/** Icon size per unit: the icon size where the mask lets the unit through, 0 where it hides it. */
export function iconSizes(count: number, mask?: Uint8Array): Float32Array {
  if (!mask) {
    if (fullSizes.length !== count) fullSizes = new Float32Array(count).fill(ICON_SIZE_PX);
    return fullSizes;
  }
  let sizes = sizeCache.get(mask);
  if (!sizes) {
    sizes = new Float32Array(count);
    for (let i = 0; i < count; i++) sizes[i] = mask[i] === 1 ? ICON_SIZE_PX : 0;
    sizeCache.set(mask, sizes);
  }
  return sizes;
}

const angleCache = new WeakMap<Float32Array, { version: number; angles: Float32Array }>();

/**
 * deck.gl turns icons counter-clockwise by getAngle; a heading is clockwise from north. Unknown
 * headings (NaN) become 0 and draw the shape without a nose. The store writes its heading column
 * in place, so the angles are rewritten (into the same array) when headingVersion moves.
 */
export function iconAngles(s: Pick<UnitsState, 'headingDeg' | 'headingVersion'>): Float32Array {
  const { headingDeg } = s;
  let hit = angleCache.get(headingDeg);
  if (!hit) {
    hit = { version: NaN, angles: new Float32Array(headingDeg.length) };
    angleCache.set(headingDeg, hit);
  }
  if (hit.version !== s.headingVersion) {
    const { angles } = hit;
    for (let i = 0; i < headingDeg.length; i++) {
      const h = headingDeg[i] ?? NaN;
      angles[i] = Number.isFinite(h) ? -h : 0;
    }
    hit.version = s.headingVersion;
  }
  return hit.angles;
}

/** How many units have reported a heading; a unit never loses it again (NaN keeps the last). */
export function knownHeadings(headingDeg: Float32Array): number {
  let n = 0;
  for (const h of headingDeg) if (Number.isFinite(h)) n++;
  return n;
}

// Interaction props carried over from the dot layer, so whoever makes units pickable there (unit
// selection) gets the same behaviour on the icons.
const CARRIED = ['pickable', 'onClick', 'onHover', 'autoHighlight', 'highlightColor'] as const;

/**
 * The units drawn as icons, under the dot layer's id: same data columns, same colours (statuses and
 * filter mask applied), interaction props taken from `dots`.
 */
export function unitIconsLayerProps(
  dots: ScatterplotLayerProps,
  s: UnitsState,
  colors: Uint8Array,
  icons: UnitIconsInput,
): IconLayerProps {
  const carried: Partial<IconLayerProps> = {};
  for (const k of CARRIED) if (dots[k] !== undefined) Object.assign(carried, { [k]: dots[k] });
  // The dots' descriptors carry the versions of what they hold (statuses, masks): reused, so the
  // icons upload exactly when the dots would have.
  const dotColumns = (dots.data as Partial<UnitsData> | undefined)?.attributes;
  const dotColor = dotColumns?.['getFillColor'];
  const color =
    dotColor?.value === colors ? dotColor : binaryColumn(colors, 4, `c${String(s.colorVersion)}`);
  const heading = s.headingDeg;
  const data: UnitsData = {
    length: s.count,
    roster: s.ids,
    attributes: {
      getPosition: dotColumns?.['getPosition'] ?? binaryColumn(s.positions32, 2, s.version),
      getColor: color,
      getSize: binaryColumn(iconSizes(s.count, icons.mask), 1, 0),
      getAngle: binaryColumn(iconAngles(s), 1, s.headingVersion),
    },
  };
  return {
    ...carried,
    id: dots.id ?? 'units',
    data,
    dataComparator: sameUnitsData,
    // deck.gl's image props accept a canvas at run time; the typings only list string | Texture.
    iconAtlas: icons.atlas as Texture,
    iconMapping: MAPPING,
    getIcon: (_: unknown, { index }: { index: number }) =>
      iconName(s.kinds[index] ?? UNIT_KINDS[0], Number.isFinite(heading[index] ?? NaN)),
    sizeUnits: 'pixels',
    sizeMinPixels: 0,
    billboard: true,
    // Triggers make deck.gl look at the attributes again; the descriptors decide what uploads.
    updateTriggers: {
      getIcon: `${String(s.count)}:${String(s.knownHeadings)}:${s.ids[0] ?? ''}`,
      getPosition: s.version,
      getAngle: s.headingVersion,
      getColor:
        color === dotColor ? (dots.updateTriggers?.['getFillColor'] as unknown) : s.colorVersion,
      getSize: icons.mask,
    },
  };
}

export function unitIconsLayer(
  dots: ScatterplotLayerProps,
  s: UnitsState,
  colors: Uint8Array,
  icons: UnitIconsInput,
): IconLayer {
  return new IconLayer(unitIconsLayerProps(dots, s, colors, icons));
}

// One data object per packed trails: MapView draws every units batch, and a new data object each
// time would make deck.gl treat the trails as new data and re-tessellate every path every frame,
// although they are repacked only every few seconds.
function packTrailsData(paths: TrailPaths) {
  // Non-literal, like the units' colours: the typings omit `normalized`, which deck.gl needs.
  // The same goes for the binary path layout's `startIndices`, which the layer reads off `data`.
  const colors = { value: paths.colors, size: 4, type: 'unorm8' as const, normalized: true };
  return {
    length: paths.length,
    startIndices: paths.startIndices,
    attributes: { getPath: { value: paths.positions, size: 2 }, getColor: colors },
  };
}
const trailData = new WeakMap<TrailPaths, ReturnType<typeof packTrailsData>>();

function trailsData(paths: TrailPaths): ReturnType<typeof packTrailsData> {
  let data = trailData.get(paths);
  if (!data) {
    data = packTrailsData(paths);
    trailData.set(paths, data);
  }
  return data;
}

export function trailsLayerProps(paths: TrailPaths): PathLayerProps {
  return {
    id: UNIT_LAYER_IDS.trails,
    data: trailsData(paths),
    _pathType: 'open',
    widthUnits: 'pixels',
    getWidth: 2,
    jointRounded: true,
    capRounded: true,
    updateTriggers: { getPath: paths, getColor: paths },
  };
}

export function trailsLayer(paths: TrailPaths): PathLayer | undefined {
  return paths.length > 0 ? new PathLayer(trailsLayerProps(paths)) : undefined;
}

/** Horizontal field of view of a typical patrol-drone camera, degrees. */
export const DRONE_HFOV_DEG = 84;

/** Radius of the ground a nadir camera sees from this height: h · tan(fov / 2). */
export function footprintRadiusM(altM: number): number {
  return Math.max(0, altM) * Math.tan(((DRONE_HFOV_DEG / 2) * Math.PI) / 180);
}

export interface DroneMark {
  readonly index: number;
  readonly lonLat: LonLat;
  readonly altM: number;
}

// Roster indices of the drones, per roster (the kinds array keeps its identity until the next
// roster): the marks are rebuilt every units batch, and a roster has few drones among 10,000 units.
const droneIndices = new WeakMap<readonly string[], readonly number[]>();

function dronesOf(kinds: readonly string[]): readonly number[] {
  let out = droneIndices.get(kinds);
  if (!out) {
    out = kinds.flatMap((k, i) => (k === 'drone' ? [i] : []));
    droneIndices.set(kinds, out);
  }
  return out;
}

/** Drones drawn on the map (fix, mask) with a known altitude (live, from the units frames). */
export function droneMarks(s: UnitsState, mask?: Uint8Array): DroneMark[] {
  const out: DroneMark[] = [];
  for (const i of dronesOf(s.kinds)) {
    if (i >= s.count || s.hasFix[i] !== 1 || (mask && mask[i] !== 1)) continue;
    const alt = s.altM[i] ?? NaN;
    if (!Number.isFinite(alt)) continue;
    out.push({
      index: i,
      lonLat: [s.positions[2 * i] ?? 0, s.positions[2 * i + 1] ?? 0],
      altM: alt,
    });
  }
  return out;
}

export function droneFootprintLayerProps(
  marks: readonly DroneMark[],
): ScatterplotLayerProps<DroneMark> {
  return {
    id: UNIT_LAYER_IDS.droneFootprint,
    data: marks,
    getPosition: (d) => [d.lonLat[0], d.lonLat[1]],
    getRadius: (d) => footprintRadiusM(d.altM),
    radiusUnits: 'meters',
    stroked: true,
    filled: true,
    getFillColor: FOOTPRINT_FILL,
    getLineColor: FOOTPRINT_LINE,
    lineWidthUnits: 'pixels',
    getLineWidth: 1.5,
  };
}

export function droneAltitudeLayerProps(marks: readonly DroneMark[]): TextLayerProps<DroneMark> {
  return {
    ...textDefaults,
    id: UNIT_LAYER_IDS.droneAltitude,
    data: marks,
    getText: (d) => `${String(Math.round(d.altM))} m`,
    getPosition: (d) => [d.lonLat[0], d.lonLat[1]],
    getColor: ALTITUDE_COLOR,
    getSize: 13,
    getPixelOffset: ALTITUDE_OFFSET,
    getAlignmentBaseline: 'top',
  };
}

/** Footprints under the units, altitude labels over them; nothing when no drone is drawn. */
export function droneLayers(marks: readonly DroneMark[]): {
  under: ScatterplotLayer<DroneMark> | undefined;
  over: TextLayer<DroneMark> | undefined;
} {
  if (marks.length === 0) return { under: undefined, over: undefined };
  return {
    under: new ScatterplotLayer<DroneMark>(droneFootprintLayerProps(marks)),
    over: new TextLayer<DroneMark>(droneAltitudeLayerProps(marks)),
  };
}

export function measureLayers(points: readonly LonLat[]): (PathLayer | ScatterplotLayer)[] {
  if (points.length === 0) return [];
  return [
    new PathLayer<readonly LonLat[]>({
      id: UNIT_LAYER_IDS.measurePath,
      data: points.length > 1 ? [points] : [],
      getPath: (p) => p.map((q): [number, number] => [q[0], q[1]]),
      getColor: MEASURE_COLOR,
      widthUnits: 'pixels',
      getWidth: 2.5,
    }),
    new ScatterplotLayer<LonLat>({
      id: UNIT_LAYER_IDS.measurePoints,
      data: points,
      getPosition: (p) => [p[0], p[1]],
      radiusUnits: 'pixels',
      getRadius: 5,
      stroked: true,
      getFillColor: MEASURE_POINT,
      getLineColor: MEASURE_COLOR,
      lineWidthUnits: 'pixels',
      getLineWidth: 2,
    }),
  ];
}

/** What the map tools hand the map view each render (see MapTools.tsx). */
export interface MapToolsData {
  /** Filter mask per roster index; undefined while no filter is set. */
  readonly mask?: Uint8Array;
  /** Bumped whenever the mask changes. */
  readonly maskVersion: number;
  readonly trails?: TrailPaths;
  readonly measure: readonly LonLat[];
}

/**
 * The tool layers around the units, and the icon factory that replaces the dots. Without an atlas
 * (no canvas) the units stay dots.
 */
export function toolLayers(
  s: UnitsState,
  colors: Uint8Array,
  data: MapToolsData,
  atlas: unknown,
): MapToolLayers {
  const drones = droneLayers(droneMarks(s, data.mask));
  return {
    under: [data.trails && trailsLayer(data.trails), drones.under],
    over: [drones.over, ...measureLayers(data.measure)],
    mask: data.mask,
    units:
      atlas === undefined
        ? undefined
        : (dots) => unitIconsLayer(dots, s, colors, { atlas, mask: data.mask }),
  };
}
