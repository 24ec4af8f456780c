import { Layer } from '@deck.gl/core';
import { ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import { describe, expect, it } from 'vitest';
import type { FeatureCollection, RegionSnapshot, Station } from '../../shared/domain/region';
import { LIVENESS, type UnitSnapshot, type UnitsFrame } from '../../shared/domain/units';
import {
  CALLSIGN_MIN_ZOOM,
  LABEL_FONT,
  LAYER_IDS,
  buildLayers,
  callsignLayer,
  callsignLayerProps,
  placeLabels,
  sameUnitsData,
  stationLabelOffsets,
  stationLabelsLayer,
  unitsLayer,
  unitsLayerProps,
  type UnitsData,
} from '../../renderer/src/map/layers';
import { areaBorders, baseStyle, regionLayers } from '../../renderer/src/map/regionStyle';
import { applyFrame, createUnitsStore, initUnits } from '../../renderer/src/state/unitsStore';

const units: UnitSnapshot[] = [0, 1, 2].map((i) => ({
  unit: {
    id: `u${i}`,
    callsign: `华埠0${i}`,
    kind: i === 2 ? 'drone' : 'patrol-car',
    stationId: 'ps-huabu',
    deviceId: `d${i}`,
    modules: [],
    persons: 2,
  },
  liveness: 'online',
  last: {
    tsMs: 1,
    lon: 118.3 + i / 100,
    lat: 29.0,
    headingDeg: undefined,
    speedKmh: undefined,
    batteryPct: undefined,
    altM: undefined,
  },
}));

function moveFirst(lon: number): UnitsFrame {
  return {
    seq: 1,
    tsMs: 2,
    idx: Uint32Array.of(0),
    sampleTsMs: Float64Array.of(2),
    lon: Float64Array.of(lon),
    lat: Float64Array.of(29.1),
    headingDeg: Float32Array.of(NaN),
    speedKmh: Float32Array.of(NaN),
    batteryPct: Float32Array.of(NaN),
    altM: Float32Array.of(NaN),
    liveness: Uint8Array.of(LIVENESS.indexOf('online')),
  };
}

const fc = (features: FeatureCollection['features']): FeatureCollection => ({
  type: 'FeatureCollection',
  features,
});
const point = (
  lon: number,
  lat: number,
  properties: Record<string, unknown>,
): FeatureCollection['features'][number] => ({
  type: 'Feature',
  properties,
  geometry: { type: 'Point', coordinates: [lon, lat] },
});

const stations: Station[] = [
  {
    id: 'ps-huabu',
    name: '华埠派出所',
    nameEn: 'Huabu Police Station',
    kind: 'police-station',
    lonLat: [118.35, 29.02],
    simulated: true,
  },
];
const huabu = stations[0] as Station;
const region: RegionSnapshot = {
  info: {
    id: 'kaihua',
    name: '开化县',
    nameEn: 'Kaihua County',
    bbox: [118, 28.9, 118.7, 29.4],
    center: [118.3, 29.1],
    schematic: true,
    credits: [],
  },
  stations,
  layers: {
    outline: fc([
      {
        type: 'Feature',
        properties: {},
        geometry: {
          type: 'Polygon',
          coordinates: [
            [
              [118, 29],
              [118.5, 29],
              [118.5, 29.3],
              [118, 29],
            ],
          ],
        },
      },
    ]),
    jurisdictions: fc([]),
    rivers: fc([]),
    places: fc([point(118.35, 29.02, { name: 'Huabu', name_zh: '华埠', county_role: 'target' })]),
  },
};

describe('units layer', () => {
  it('feeds positions and colours as binary attributes straight from the store columns', () => {
    const s = initUnits(units);
    const props = unitsLayerProps(s);
    const data = props.data as {
      length: number;
      attributes: Record<string, { value: unknown; size: number }>;
    };
    expect(data.length).toBe(3);
    // Float32 for the GPU (no per-update high/low split in deck.gl); the Float64 column stays.
    expect(data.attributes['getPosition']?.value).toBe(s.positions32);
    expect(data.attributes['getPosition']?.value).toBeInstanceOf(Float32Array);
    expect([...s.positions32]).toEqual([...s.positions].map((v) => Math.fround(v)));
    expect(data.attributes['getPosition']?.size).toBe(2);
    expect(data.attributes['getFillColor']?.value).toBe(s.fillColors);
    expect(data.attributes['getFillColor']?.value).toBeInstanceOf(Uint8Array);
    expect(data.attributes['getFillColor']?.size).toBe(4);
  });

  it('keeps its id and changes updateTriggers when the store version changes', () => {
    const s0 = initUnits(units);
    const s1 = applyFrame(s0, moveFirst(118.5));
    const a = unitsLayer(s0);
    const b = unitsLayer(s1);
    expect(a).toBeInstanceOf(ScatterplotLayer);
    expect(a.id).toBe(LAYER_IDS.units);
    expect(b.id).toBe(a.id);
    expect(b.props.updateTriggers).not.toEqual(a.props.updateTriggers);
    expect(unitsLayer(s1).props.updateTriggers).toEqual(b.props.updateTriggers);
  });

  it('hands deck.gl a new descriptor only for a column that changed, and keeps the data equal', () => {
    const store = createUnitsStore((flush) => flush());
    store.reset(units);
    const s0 = store.getSnapshot();
    const d0 = unitsLayerProps(s0).data as UnitsData;
    store.push(moveFirst(118.7));
    const s1 = store.getSnapshot();
    const p1 = unitsLayerProps(s1);
    const d1 = p1.data as UnitsData;
    // Written in place: same arrays, new position descriptor, same colour descriptor.
    expect(d1.attributes['getPosition']?.value).toBe(d0.attributes['getPosition']?.value);
    expect(d1.attributes['getPosition']).not.toBe(d0.attributes['getPosition']);
    expect(d1.attributes['getFillColor']).toBe(d0.attributes['getFillColor']);
    expect(p1.dataComparator?.(d1, d0)).toBe(true);
    expect(sameUnitsData(d1, unitsLayerProps(initUnits(units)).data)).toBe(false);
    // Unchanged again: the very same descriptors, so nothing is re-uploaded.
    const again = unitsLayerProps(s1).data as UnitsData;
    expect(again.attributes['getPosition']).toBe(d1.attributes['getPosition']);
  });
});

describe('callsign layer', () => {
  it('uses local CJK fonts with an automatic character set', () => {
    const layer = callsignLayer(initUnits(units), CALLSIGN_MIN_ZOOM);
    expect(layer).toBeInstanceOf(TextLayer);
    expect(layer.props.characterSet).toBe('auto');
    expect(layer.props.fontFamily).toBe(LABEL_FONT);
    expect(LABEL_FONT).toContain('"Noto Sans CJK SC"');
  });

  it('is empty when zoomed out and lists every unit when zoomed in', () => {
    const s = initUnits(units);
    expect(callsignLayerProps(s, CALLSIGN_MIN_ZOOM - 1).data).toEqual([]);
    expect(callsignLayerProps(s, CALLSIGN_MIN_ZOOM).data).toBe(s.order);
  });

  it('reads the latest positions and re-triggers on a new version, keeping its data array', () => {
    const s0 = initUnits(units);
    const s1 = applyFrame(s0, moveFirst(118.6));
    const p0 = callsignLayerProps(s0, 12);
    const p1 = callsignLayerProps(s1, 12);
    expect(p1.id).toBe(p0.id);
    expect(p1.data).toBe(p0.data); // same roster: no full data diff
    expect(p1.updateTriggers?.['getPosition']).not.toEqual(p0.updateTriggers?.['getPosition']);
    const getPosition = p1.getPosition as unknown as (i: number) => number[];
    const getText = p1.getText as unknown as (i: number) => string;
    expect(getPosition(0)).toEqual([118.6, 29.1]);
    expect(getText(2)).toBe('华埠02');
  });
});

describe('callsign colours', () => {
  it('are re-read when unit colours change, not on every position batch', () => {
    const s0 = initUnits(units);
    const moved = applyFrame(s0, moveFirst(118.6));
    const offline = applyFrame(moved, { ...moveFirst(118.6), liveness: Uint8Array.of(3) });
    const trigger = (s: typeof s0): unknown =>
      callsignLayerProps(s, 12).updateTriggers?.['getColor'];
    expect(LIVENESS[3]).toBe('offline');
    expect(trigger(moved)).toEqual(trigger(s0));
    expect(trigger(offline)).not.toEqual(trigger(moved));
    const getColor = callsignLayerProps(offline, 12).getColor as unknown as (i: number) => number[];
    expect(getColor(0)).toEqual([...offline.fillColors.subarray(0, 4)]);
  });
});

describe('label layers', () => {
  it('pick place names per language with fallbacks and skip unnamed points', () => {
    const labels = placeLabels(
      fc([
        point(1, 2, { name: 'Huabu', name_zh: '华埠', county_role: 'target' }),
        point(3, 4, { name: 'Wuyuan', county_role: 'neighbour_adjacent' }),
        point(5, 6, {}),
      ]),
    );
    expect(labels).toEqual([
      { lonLat: [1, 2], name: '华埠', nameEn: 'Huabu', inRegion: true },
      { lonLat: [3, 4], name: 'Wuyuan', nameEn: 'Wuyuan', inRegion: false },
    ]);
  });

  it('switch station names with the language', () => {
    const zh = stationLabelsLayer(stations, 'zh-CN');
    const en = stationLabelsLayer(stations, 'en');
    expect(en.id).toBe(zh.id);
    expect((zh.props.getText as (s: Station) => string)(huabu)).toBe('华埠派出所');
    expect((en.props.getText as (s: Station) => string)(huabu)).toBe('Huabu Police Station');
    expect(en.props.updateTriggers).not.toEqual(zh.props.updateTriggers);
  });
});

describe('buildLayers', () => {
  const ids = (layers: ReturnType<typeof buildLayers>): string[] =>
    (layers.flat() as unknown[]).flatMap((l) => (l instanceof Layer ? [l.id] : []));

  it('returns a stable, unique set of ids, units above stations', () => {
    const s0 = initUnits(units);
    const places = placeLabels(region.layers.places);
    const a = ids(buildLayers({ units: s0, region, places, lang: 'zh-CN', zoom: 12 }));
    const b = ids(
      buildLayers({
        units: applyFrame(s0, moveFirst(118.4)),
        region,
        places,
        lang: 'en',
        zoom: 12,
      }),
    );
    expect(b).toEqual(a);
    expect(new Set(a).size).toBe(a.length);
    expect(a.indexOf(LAYER_IDS.units)).toBeGreaterThan(a.indexOf(LAYER_IDS.stations));
    expect(a).toContain(LAYER_IDS.callsigns);
  });

  it('leaves out text layers with nothing to draw (empty font atlases upset WebGL)', () => {
    const a = ids(
      buildLayers({ units: initUnits([]), region: undefined, places: [], lang: 'zh-CN', zoom: 14 }),
    );
    expect(a).toEqual([LAYER_IDS.stations, LAYER_IDS.units]);
    const zoomedOut = ids(
      buildLayers({ units: initUnits(units), region, places: [], lang: 'zh-CN', zoom: 8 }),
    );
    expect(zoomedOut).not.toContain(LAYER_IDS.callsigns);
  });
});

describe('stations layer', () => {
  const stationsOf = (layers: ReturnType<typeof buildLayers>): ScatterplotLayer =>
    (layers.flat() as unknown[]).find(
      (l) => l instanceof Layer && l.id === LAYER_IDS.stations,
    ) as ScatterplotLayer;

  it('keeps one empty data array without a region and is not drawn; drawn with stations', () => {
    const input = { region: undefined, places: [], lang: 'zh-CN', zoom: 10 } as const;
    const a = stationsOf(buildLayers({ ...input, units: initUnits(units) }));
    const b = stationsOf(
      buildLayers({ ...input, units: applyFrame(initUnits(units), moveFirst(1)) }),
    );
    // The same empty array every batch: deck.gl sees no new data, so nothing is recomputed.
    expect(b.props.data).toBe(a.props.data);
    expect(a.props.data).toEqual([]);
    expect(a.props.visible).toBe(false);
    const withRegion = stationsOf(buildLayers({ ...input, region, units: initUnits(units) }));
    expect(withRegion.props.data).toBe(region.stations);
    expect(withRegion.props.visible).toBe(true);
  });
});

describe('map style', () => {
  it('needs no network: background only, no glyphs, sprite or URLs', () => {
    const style = baseStyle();
    expect(style.layers.map((l) => l.type)).toEqual(['background']);
    expect(style.sources).toEqual({});
    expect(style).not.toHaveProperty('glyphs');
    expect(style).not.toHaveProperty('sprite');
  });

  it('draws the region with fill/line/circle layers only, each on a source it defines', () => {
    const { sources, layers } = regionLayers(region);
    expect(new Set(layers.map((l) => l.type))).toEqual(new Set(['fill', 'line', 'circle']));
    for (const layer of layers)
      expect(Object.keys(sources)).toContain((layer as { source: string }).source);
    expect(JSON.stringify({ sources, layers })).not.toMatch(/https?:|mapbox:|pmtiles:/);
    const areaLine = layers.find((l) => l.id === 'area-line') as { paint: Record<string, unknown> };
    expect(areaLine.paint['line-dasharray']).toBeDefined(); // schematic areas are dashed
  });
});

describe('schematic station-area borders', () => {
  const square = (x0: number, coords: number[][]): FeatureCollection['features'][number] => ({
    type: 'Feature',
    properties: { stationId: `s${x0}` },
    geometry: { type: 'Polygon', coordinates: [coords] },
  });

  it('draw an edge shared by two areas once, so its dashes stay in phase', () => {
    // Two unit squares side by side share the edge x=1 (traced in opposite directions).
    const left = square(0, [
      [0, 0],
      [1, 0],
      [1, 1],
      [0, 1],
      [0, 0],
    ]);
    const right = square(1, [
      [1, 0],
      [2, 0],
      [2, 1],
      [1, 1],
      [1, 0],
    ]);
    const borders = areaBorders(fc([left, right]));
    const lines = borders.features[0]?.geometry.coordinates as number[][][];
    const segments = lines.flatMap((l) => l.slice(1).map((p, k) => [l[k], p]));
    expect(segments).toHaveLength(7); // 4 + 4 edges, one shared
    const shared = segments.filter((seg) => seg.every((p) => p?.[0] === 1));
    expect(shared).toHaveLength(1);
  });
});

describe('station labels at the same spot', () => {
  it('stack instead of overlapping', () => {
    const at = (id: string, lon: number, lat: number): Station => ({
      id,
      name: id,
      nameEn: id,
      kind: 'police-station',
      lonLat: [lon, lat],
      simulated: true,
    });
    const offsets = stationLabelOffsets([
      at('a', 118.4, 29.14),
      at('b', 118.401, 29.141),
      at('c', 118.2, 29.0),
      at('d', 118.402, 29.139),
    ]);
    const dy = (id: string): number | undefined => offsets.get(id)?.[1];
    expect(dy('a')).toBe(dy('c'));
    expect(dy('b')).toBeGreaterThan(dy('a') ?? Infinity);
    expect(dy('d')).toBeGreaterThan(dy('b') ?? Infinity);
  });
});
