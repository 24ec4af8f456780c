import { Layer } from '@deck.gl/core';
import { IconLayer, PathLayer, ScatterplotLayer } from '@deck.gl/layers';
import { describe, expect, it } from 'vitest';
import {
  LIVENESS,
  UNIT_KINDS,
  type UnitSnapshot,
  type UnitsFrame,
} from '../../shared/domain/units';
import {
  LAYER_IDS,
  buildLayers,
  unitsLayerProps,
  type UnitsData,
} from '../../renderer/src/map/layers';
import { formatDistance, pathLengthM } from '../../renderer/src/map/measure';
import { haversineM } from '../../shared/domain/distance';
import {
  ATLAS_WIDTH_PX,
  ICON_CELL_PX,
  drawIconAtlas,
  iconMapping,
  iconName,
  type ShapeContext,
} from '../../renderer/src/map/unitIcons';
import {
  ICON_SIZE_PX,
  UNIT_LAYER_IDS,
  droneMarks,
  footprintRadiusM,
  iconAngles,
  iconSizes,
  toolLayers,
  trailsLayerProps,
  unitIconsLayerProps,
  type MapToolsData,
} from '../../renderer/src/map/unitLayers';
import { createTrails, recordSample, trailPaths } from '../../renderer/src/state/trails';
import { applyFrame, createUnitsStore, initUnits } from '../../renderer/src/state/unitsStore';

const snap = (i: number, kind: UnitSnapshot['unit']['kind'], alt?: number): UnitSnapshot => ({
  unit: {
    id: `u${i}`,
    callsign: `城关0${i}`,
    kind,
    stationId: 'ps',
    deviceId: `d${i}`,
    modules: [],
    persons: 2,
  },
  liveness: 'online',
  last: {
    tsMs: 1,
    lon: 118.4 + i / 100,
    lat: 29.1,
    headingDeg: i === 0 ? 90 : undefined,
    speedKmh: undefined,
    batteryPct: undefined,
    altM: alt,
  },
});
const roster = [snap(0, 'patrol-car'), snap(1, 'officer-pair'), snap(2, 'drone', 120)];
const atlas = { fake: 'canvas' };
const attrs = (props: { data?: unknown }): Record<string, { value: unknown; size: number }> =>
  (props.data as { attributes: Record<string, { value: unknown; size: number }> }).attributes;

const heading = (deg: number): UnitsFrame => ({
  seq: 1,
  tsMs: 2,
  idx: Uint32Array.of(1),
  sampleTsMs: Float64Array.of(2),
  lon: Float64Array.of(NaN),
  lat: Float64Array.of(NaN),
  headingDeg: Float32Array.of(deg),
  speedKmh: Float32Array.of(NaN),
  batteryPct: Float32Array.of(NaN),
  altM: Float32Array.of(NaN),
  liveness: Uint8Array.of(LIVENESS.indexOf('online')),
});

describe('icon atlas', () => {
  it('maps a distinct mask cell to every kind, with and without a heading nose', () => {
    const m = iconMapping();
    const names = UNIT_KINDS.flatMap((k) => [iconName(k, false), iconName(k, true)]);
    const xs = names.map((n) => m[n]?.x);
    expect(new Set(xs).size).toBe(names.length);
    for (const n of names) {
      const f = m[n];
      expect(f?.mask).toBe(true);
      expect((f?.x ?? 0) + ICON_CELL_PX).toBeLessThanOrEqual(ATLAS_WIDTH_PX);
    }
  });

  it('draws each cell inside its own bounds', () => {
    const xs: number[] = [];
    let tx = 0;
    const record = (x: number): void => {
      xs.push(tx + x);
    };
    const ctx = {
      fillStyle: '',
      strokeStyle: '',
      lineWidth: 1,
      globalCompositeOperation: 'source-over',
      beginPath: () => undefined,
      closePath: () => undefined,
      moveTo: (x: number) => record(x),
      lineTo: (x: number) => record(x),
      arc: (x: number, _y: number, r: number) => {
        record(x - r);
        record(x + r);
      },
      roundRect: (x: number, _y: number, w: number) => {
        record(x);
        record(x + w);
      },
      fill: () => undefined,
      stroke: () => undefined,
      save: () => undefined,
      restore: () => {
        tx = 0;
      },
      translate: (x: number) => {
        tx += x;
      },
      fillRect: () => undefined,
    } as unknown as ShapeContext;
    drawIconAtlas(ctx);
    expect(xs.length).toBeGreaterThan(20);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThanOrEqual(ATLAS_WIDTH_PX);
  });
});

describe('unit icons layer', () => {
  it('reads the store columns as binary attributes under the dot layer id', () => {
    const s = initUnits(roster);
    const dots = unitsLayerProps(s, undefined, () => undefined);
    const props = unitIconsLayerProps(dots, s, s.fillColors, { atlas });
    expect(props.id).toBe(LAYER_IDS.units);
    expect(props.pickable).toBe(true);
    expect(props.onClick).toBe(dots.onClick);
    const a = attrs(props);
    expect(a['getPosition']?.value).toBe(s.positions32);
    expect(a['getPosition']).toBe((dots.data as UnitsData).attributes['getPosition']);
    expect(a['getColor']?.value).toBe(s.fillColors);
    expect([...(a['getAngle']?.value as Float32Array)]).toEqual([-90, 0, 0]);
    expect([...(a['getSize']?.value as Float32Array)]).toEqual([
      ICON_SIZE_PX,
      ICON_SIZE_PX,
      ICON_SIZE_PX,
    ]);
  });

  it('picks the nose icon only where a heading is known, re-triggered when one arrives', () => {
    const s0 = initUnits(roster);
    const p0 = unitIconsLayerProps(unitsLayerProps(s0), s0, s0.fillColors, { atlas });
    const getIcon = p0.getIcon as (o: unknown, info: { index: number }) => string;
    expect([0, 1, 2].map((index) => getIcon(undefined, { index }))).toEqual([
      iconName('patrol-car', true),
      iconName('officer-pair', false),
      iconName('drone', false),
    ]);
    const s1 = applyFrame(s0, heading(45));
    const p1 = unitIconsLayerProps(unitsLayerProps(s1), s1, s1.fillColors, { atlas });
    expect(p1.updateTriggers?.['getIcon']).not.toEqual(p0.updateTriggers?.['getIcon']);
    expect((p1.getIcon as typeof getIcon)(undefined, { index: 1 })).toBe(
      iconName('officer-pair', true),
    );
    expect(iconAngles(s1)[1]).toBe(-45);
  });

  it('rewrites the angles when headings change in place, and only then re-uploads them', () => {
    const store = createUnitsStore((flush) => flush());
    store.reset(roster);
    const s0 = store.getSnapshot();
    const a0 = attrs(unitIconsLayerProps(unitsLayerProps(s0), s0, s0.fillColors, { atlas }));
    store.push(heading(30));
    const s1 = store.getSnapshot();
    const p1 = unitIconsLayerProps(unitsLayerProps(s1), s1, s1.fillColors, { atlas });
    const a1 = attrs(p1);
    expect(s1.headingDeg).toBe(s0.headingDeg); // the store writes in place
    expect(a1['getAngle']?.value).toBe(a0['getAngle']?.value);
    expect((a1['getAngle']?.value as Float32Array)[1]).toBe(-30);
    expect(a1['getAngle']).not.toBe(a0['getAngle']);
    expect(a1['getColor']).toBe(a0['getColor']); // colours did not change
    expect(a1['getSize']).toBe(a0['getSize']);
    expect(p1.updateTriggers?.['getIcon']).toContain(':2:'); // two units now have a heading
  });

  it('sizes hidden units to zero and reuses the size column per mask', () => {
    const mask = Uint8Array.of(1, 0, 1);
    const sizes = iconSizes(3, mask);
    expect([...sizes]).toEqual([ICON_SIZE_PX, 0, ICON_SIZE_PX]);
    expect(iconSizes(3, mask)).toBe(sizes);
  });
});

describe('tool layers', () => {
  const base: MapToolsData = {
    maskVersion: 0,
    measure: [],
  };
  const ids = (list: unknown[]): string[] =>
    list.flat().flatMap((l) => (l instanceof Layer ? [l.id] : []));

  it('draws drone footprints growing with altitude, and their altitude labels', () => {
    expect(footprintRadiusM(200)).toBeCloseTo(2 * footprintRadiusM(100), 6);
    expect(footprintRadiusM(100)).toBeGreaterThan(50);
    const s = initUnits(roster);
    const t = toolLayers(s, s.fillColors, base, atlas);
    expect(ids([...t.under])).toEqual([UNIT_LAYER_IDS.droneFootprint]);
    expect(ids([...t.over])).toEqual([UNIT_LAYER_IDS.droneAltitude]);
    const foot = t.under.flat().find((l) => l instanceof ScatterplotLayer) as ScatterplotLayer;
    expect((foot.props.data as unknown[]).length).toBe(1);
    expect((foot.props.data as { altM: number }[])[0]?.altM).toBe(120);
    // Altitude is live: a frame that reports the drone climbing moves the footprint with it.
    const climbed = applyFrame(s, {
      ...heading(0),
      idx: Uint32Array.of(2),
      altM: Float32Array.of(240),
    });
    const foot2 = toolLayers(climbed, climbed.fillColors, base, atlas)
      .under.flat()
      .find((l) => l instanceof ScatterplotLayer) as ScatterplotLayer;
    expect((foot2.props.data as { altM: number }[])[0]?.altM).toBe(240);
    // A drone the filters hide loses its footprint too.
    const hidden = toolLayers(s, s.fillColors, { ...base, mask: Uint8Array.of(1, 1, 0) }, atlas);
    expect(ids([...hidden.under])).toEqual([]);
  });

  it('adds trails under the units and the measure line over them; icons replace the dots', () => {
    const s = initUnits(roster);
    const b = createTrails(3, { windowMs: 60_000, minStepMs: 1000 });
    recordSample(b, 0, 118.4, 29.1, 0);
    recordSample(b, 0, 118.41, 29.1, 5000);
    const trails = trailPaths(b, { nowMs: 6000, windowMs: 60_000, colors: s.fillColors });
    const t = toolLayers(
      s,
      s.fillColors,
      {
        ...base,
        trails,
        measure: [
          [118.4, 29.1],
          [118.5, 29.1],
        ],
      },
      atlas,
    );
    const layers = buildLayers({
      units: s,
      region: undefined,
      places: [],
      lang: 'zh-CN',
      zoom: 8,
      tools: t,
    });
    const order = ids(layers as unknown[]);
    expect(order.indexOf(UNIT_LAYER_IDS.trails)).toBeLessThan(order.indexOf(LAYER_IDS.units));
    expect(order.indexOf(UNIT_LAYER_IDS.measurePath)).toBeGreaterThan(
      order.indexOf(LAYER_IDS.units),
    );
    const units = (layers.flat() as unknown[]).find((l) => l instanceof Layer && l.id === 'units');
    expect(units).toBeInstanceOf(IconLayer);
    const trail = t.under.flat().find((l) => l instanceof PathLayer) as PathLayer;
    expect(trail.id).toBe(UNIT_LAYER_IDS.trails);
    // Without an atlas (no canvas) the units stay dots.
    const dots = buildLayers({
      units: s,
      region: undefined,
      places: [],
      lang: 'zh-CN',
      zoom: 8,
      tools: toolLayers(s, s.fillColors, base, undefined),
    });
    const u = (dots.flat() as unknown[]).find((l) => l instanceof Layer && l.id === 'units');
    expect(u).toBeInstanceOf(ScatterplotLayer);
  });
});

describe('per-batch layer inputs', () => {
  it('hand deck.gl the same trails data until the trails are repacked', () => {
    const s = initUnits(roster);
    const b = createTrails(3, { windowMs: 60_000, minStepMs: 1000 });
    recordSample(b, 0, 118.4, 29.1, 0);
    recordSample(b, 0, 118.41, 29.1, 5000);
    const input = { nowMs: 6000, windowMs: 60_000, colors: s.fillColors };
    const packed = trailPaths(b, input);
    const a = trailsLayerProps(packed);
    // Every units batch redraws the stack: the same trails must not look like new data.
    expect(trailsLayerProps(packed).data).toBe(a.data);
    const data = a.data as { length: number; startIndices: Uint32Array } & {
      attributes: Record<string, { value: unknown; size: number }>;
    };
    expect(data.length).toBe(1);
    expect(data.startIndices).toBe(packed.startIndices);
    expect(data.attributes['getPath']?.value).toBe(packed.positions);
    expect(data.attributes['getColor']?.value).toBe(packed.colors);
    const repacked = trailPaths(b, input);
    expect(trailsLayerProps(repacked).data).not.toBe(a.data);
    expect(trailsLayerProps(repacked).updateTriggers?.['getPath']).toBe(repacked);
  });

  it('find the drones of each roster, live positions and altitudes included', () => {
    const noDrones = initUnits([snap(0, 'patrol-car'), snap(1, 'motorbike')]);
    expect(droneMarks(noDrones)).toEqual([]);
    const s = initUnits([snap(0, 'drone', 80), snap(1, 'patrol-car'), snap(2, 'drone', 120)]);
    expect(droneMarks(s).map((m) => [m.index, m.altM])).toEqual([
      [0, 80],
      [2, 120],
    ]);
    const moved = applyFrame(s, {
      ...heading(0),
      idx: Uint32Array.of(2),
      lon: Float64Array.of(118.9),
      lat: Float64Array.of(29.3),
      altM: Float32Array.of(90),
    });
    expect(droneMarks(moved).at(-1)).toEqual({ index: 2, lonLat: [118.9, 29.3], altM: 90 });
    expect(droneMarks(moved, Uint8Array.of(0, 1, 1)).map((m) => m.index)).toEqual([2]);
  });
});

describe('measure', () => {
  it('measures great-circle distances and formats m / km', () => {
    // One degree of latitude is ~111.2 km on the mean sphere.
    expect(haversineM([118, 29], [118, 30])).toBeCloseTo(111_195, -1);
    expect(haversineM([118, 29], [118, 29])).toBe(0);
    const legs = pathLengthM([
      [118, 29],
      [118, 29.01],
      [118.01, 29.01],
    ]);
    expect(legs).toBeCloseTo(
      haversineM([118, 29], [118, 29.01]) + haversineM([118, 29.01], [118.01, 29.01]),
      6,
    );
    expect(formatDistance(850.4)).toEqual({ value: '850', unit: 'm' });
    expect(formatDistance(1234)).toEqual({ value: '1.23', unit: 'km' });
    expect(formatDistance(23_456)).toEqual({ value: '23.5', unit: 'km' });
  });
});
