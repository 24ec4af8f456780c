import { describe, expect, it } from 'vitest';
import type { FeatureCollection, LonLat } from '../../shared/domain/region';
import { offsetM } from '../../electron/core/sim/geo';
import { haversineM } from '../../shared/domain/distance';
import {
  buildRoadGraph,
  createRoadModel,
  createStraightLineModel,
  createTravelModel,
  DEFAULT_KIND_RULES,
  kindSpeedKmh,
} from '../../electron/core/support/travel';
import { createNodeGrid } from '../../electron/core/support/travel/nodeGrid';
import { parseMaxspeedKmh } from '../../electron/core/support/travel/speeds';

const O: LonLat = [1.52, 42.5];
const kmh = (v: number): number => v / 3.6;

type Props = Record<string, unknown>;
function roads(...lines: [Props, LonLat[] | LonLat[][]][]): FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: lines.map(([properties, coords]) => ({
      type: 'Feature' as const,
      properties,
      geometry: {
        type: Array.isArray(coords[0]?.[0]) ? 'MultiLineString' : 'LineString',
        coordinates: coords,
      },
    })),
  };
}

describe('straight-line model', () => {
  const model = createStraightLineModel({ detourFactor: 1.4, terrainFactor: 1.25 });
  const far = offsetM(O, 3000, 4000); // ~5 km
  const d = haversineM(O, far);

  it('scales ground distance by detour × terrain and divides by the kind speed', () => {
    const [car, bike] = model.priceAll(far, [
      { id: 'c', kind: 'patrol-car', lonLat: O },
      { id: 'm', kind: 'motorbike', lonLat: O },
    ]);
    expect(car?.distanceM).toBeCloseTo(d * 1.4 * 1.25, 6);
    expect(car?.etaS).toBeCloseTo((d * 1.75) / kmh(kindSpeedKmh('patrol-car')), 6);
    expect(bike?.etaS).toBeCloseTo((d * 1.75) / kmh(kindSpeedKmh('motorbike')), 6);
    expect(car?.route).toEqual([O, far]);
    expect(car?.unitId).toBe('c');
  });

  it('flies drones straight (factor 1) after the take-off delay', () => {
    const [drone] = model.priceAll(far, [{ id: 'd', kind: 'drone', lonLat: O }]);
    expect(drone?.distanceM).toBeCloseTo(d, 6);
    expect(drone?.etaS).toBeCloseTo(DEFAULT_KIND_RULES.droneTakeoffS + d / kmh(60), 6);
  });

  it('walks officer pairs inside the foot radius and rides them beyond it', () => {
    const slowCar = createStraightLineModel({ detourFactor: 1, speedsKmh: { 'patrol-car': 30 } });
    const near = offsetM(O, 100, 0);
    const edge = offsetM(O, 900, 0);
    const pair = (to: LonLat) =>
      slowCar.priceAll(to, [{ id: 'p', kind: 'officer-pair', lonLat: O }])[0]?.etaS;
    // 100 m: walking (72 s) beats mounting (120 s + 12 s).
    expect(pair(near)).toBeCloseTo(haversineM(O, near) / kmh(5), 6);
    // 900 m: still inside the radius, but riding (120 + 108 s) beats walking (648 s).
    expect(pair(edge)).toBeCloseTo(120 + haversineM(O, edge) / kmh(30), 6);
    // 5 km: beyond the radius, riding.
    expect(pair(far)).toBeCloseTo(DEFAULT_KIND_RULES.mountDelayS + d / kmh(30), 6);
    // Monotone in distance across the radius.
    const just = offsetM(O, 1100, 0);
    expect(pair(just) ?? 0).toBeGreaterThan(pair(edge) ?? Infinity);
  });

  it('takes calibrated speeds and rejects a detour below 1', () => {
    const tuned = createStraightLineModel({ detourFactor: 1.2, speedsKmh: { 'traffic-car': 72 } });
    const [t] = tuned.priceAll(far, [{ id: 't', kind: 'traffic-car', lonLat: O }]);
    expect(t?.etaS).toBeCloseTo((d * 1.2) / 20, 6);
    expect(() => createStraightLineModel({ detourFactor: 0.9 })).toThrow();
  });
});

describe('road graph construction', () => {
  const a = O;
  const b = offsetM(O, 500, 0);
  const c = offsetM(O, 1000, 0);

  it('merges shared vertices and honours oneway yes / -1 / no', () => {
    const g = buildRoadGraph(
      roads(
        [{ highway: 'primary', oneway: 'yes' }, [a, b]],
        [{ highway: 'primary', oneway: '-1' }, [b, c]],
        [{ highway: 'residential', oneway: 'no' }, [a, c]],
      ),
    );
    expect(g.stats.nodes).toBe(3);
    expect(g.stats.edges).toBe(4);
    expect(g.stats.oneWayEdges).toBe(2);
    expect(g.stats.components).toBe(1);
    const pairs = Array.from({ length: g.edgeCount }, (_, e) => `${g.edgeFrom[e]}>${g.edgeTo[e]}`);
    // Node ids follow first appearance: a=0, b=1, c=2.
    expect(pairs.sort()).toEqual(['0>1', '0>2', '2>0', '2>1']);
  });

  it('implies one-way on roundabouts, skips footways, reads MultiLineStrings and maxspeed', () => {
    const g = buildRoadGraph(
      roads(
        [{ highway: 'tertiary', junction: 'roundabout' }, [a, b]],
        [{ highway: 'footway' }, [b, c]],
        [
          { highway: 'secondary', maxspeed: '30' },
          [
            [b, c],
            [c, offsetM(O, 1000, 500)],
          ],
        ],
        [{ name: 'no highway tag' }, [a, c]],
      ),
    );
    expect(g.stats.skippedFeatures).toBe(2);
    expect(g.stats.nodes).toBe(4);
    expect(g.stats.edges).toBe(1 + 4);
    expect(Array.from(g.edgeSpeedKmh).sort()).toEqual([30, 30, 30, 30, 40]);
    expect(g.classNames).toEqual(['tertiary', 'secondary']);
  });

  it('parses numeric maxspeed only', () => {
    expect(parseMaxspeedKmh('50')).toBe(50);
    expect(parseMaxspeedKmh('30 mph')).toBeCloseTo(48.28, 2);
    expect(parseMaxspeedKmh(70)).toBe(70);
    expect(parseMaxspeedKmh('none')).toBeUndefined();
    expect(parseMaxspeedKmh('50;30')).toBeUndefined();
    expect(parseMaxspeedKmh(null)).toBeUndefined();
  });
});

describe('road model on a small graph', () => {
  const a = O;
  const b = offsetM(O, 1000, 0);
  const c = offsetM(O, 2000, 0);
  const island = offsetM(O, 0, 5000);
  const island2 = offsetM(O, 500, 5000);
  const graph = buildRoadGraph(
    roads(
      [{ highway: 'primary', maxspeed: '60' }, [a, b, c]],
      [{ highway: 'residential' }, [island, island2]],
    ),
  );
  const model = createRoadModel(graph, { detourFactor: 1.5, minComponentNodes: 1 });

  it('adds detour-scaled access legs at the access speed to the graph time', () => {
    const unit = offsetM(a, 0, -200);
    const dest = offsetM(c, 0, 100);
    const [e] = model.priceAll(dest, [{ id: 'u', kind: 'patrol-car', lonLat: unit }]);
    const accessM = (haversineM(unit, a) + haversineM(dest, c)) * 1.5;
    const roadM = haversineM(a, b) + haversineM(b, c);
    expect(e?.distanceM).toBeCloseTo(accessM + roadM, 6);
    expect(e?.etaS).toBeCloseTo(accessM / kmh(15) + roadM / kmh(60), 6);
    expect(e?.route).toEqual([unit, a, b, c, dest]);
  });

  it('leaves a unit on another component without an ETA, but not a drone', () => {
    const [car, drone] = model.priceAll(c, [
      { id: 'car', kind: 'patrol-car', lonLat: island },
      { id: 'drone', kind: 'drone', lonLat: island },
    ]);
    expect(car?.etaS).toBeUndefined();
    expect(car?.route).toEqual([island, c]);
    expect(drone?.etaS).toBeCloseTo(60 + haversineM(island, c) / kmh(60), 6);
  });

  it('does not snap to fragments below the minimum component size', () => {
    const strict = createRoadModel(graph, { detourFactor: 1.5, minComponentNodes: 3 });
    const [car] = strict.priceAll(c, [{ id: 'car', kind: 'patrol-car', lonLat: island }]);
    expect(car?.route[1]).toEqual(a); // the island's nodes are skipped; a is the nearest main node
    expect(car?.etaS).toBeDefined();
  });
});

describe('node grid', () => {
  it('finds the same nearest distance as a linear scan, inside and outside the extent', () => {
    let s = 12345;
    const rand = (): number => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32;
    const n = 2000;
    const lon = new Float64Array(n);
    const lat = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      lon[i] = 1.4 + rand() * 0.3;
      lat[i] = 42.4 + rand() * 0.2;
    }
    const grid = createNodeGrid(lon, lat, (i) => i % 7 !== 0, 200);
    const kx = 111_195 * Math.cos((42.5 * Math.PI) / 180);
    for (let q = 0; q < 300; q++) {
      const p: LonLat = [1.3 + rand() * 0.5, 42.3 + rand() * 0.4];
      let best = Infinity;
      for (let i = 0; i < n; i++) {
        if (i % 7 === 0) continue;
        const dx = ((lon[i] ?? 0) - p[0]) * kx;
        const dy = ((lat[i] ?? 0) - p[1]) * 111_195;
        best = Math.min(best, Math.hypot(dx, dy));
      }
      expect(grid.nearest(p)?.distanceM).toBeCloseTo(best, 0);
      expect((grid.nearest(p)?.node ?? 0) % 7).not.toBe(0);
    }
    expect(createNodeGrid(lon, lat, () => false).nearest(O)).toBeUndefined();
  });
});

describe('createTravelModel', () => {
  it('uses the road graph when roads are given and the straight line otherwise', () => {
    const withRoads = createTravelModel({
      detourFactor: 1.3,
      roads: roads([{ highway: 'primary' }, [O, offsetM(O, 1000, 0)]]),
    });
    expect(withRoads.name).toBe('road-graph');
    expect(createTravelModel({ detourFactor: 1.3 }).name).toBe('straight-line');
    expect(createTravelModel({ detourFactor: 1.3, roads: roads() }).name).toBe('straight-line');
  });
});
