import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { FeatureCollection, Station } from '../../shared/domain/region';
import { stationAreas } from '../../electron/core/region/stationAreas';
import { inRing } from '../support/oracles';

type Ring = readonly (readonly number[])[];

/** xs[i], or a test failure naming what was missing. */
function at<T>(xs: readonly T[], i: number): T {
  const v = xs[i];
  if (v === undefined) throw new Error(`expected an element at [${i}] of ${xs.length}`);
  return v;
}

const PACK = fileURLToPath(new URL('../../resources/regions/kaihua/', import.meta.url));
const packStations = JSON.parse(readFileSync(`${PACK}stations.json`, 'utf8')) as Station[];
const packOutline = (
  JSON.parse(readFileSync(`${PACK}region.json`, 'utf8')) as {
    outline: { geometry: { coordinates: number[][][] } };
  }
).outline.geometry.coordinates[0];
if (!packOutline) throw new Error('region.json has no outline ring');

function station(id: string, lon: number, lat: number, kind: Station['kind'] = 'police-station') {
  return { id, name: id, nameEn: id, kind, lonLat: [lon, lat], simulated: true } as Station;
}

/** Same local plane the module uses, scaled to km, so areas compare in km². */
function kmPlane(ring: Ring) {
  const lat0 = ring.reduce((s, [, lat = NaN]) => s + lat, 0) / ring.length;
  const k = Math.cos((lat0 * Math.PI) / 180) * 111.195;
  return ([lon = NaN, lat = NaN]: readonly number[]): [number, number] => [lon * k, lat * 111.195];
}

function areaKm2(ring: Ring, plane: (p: readonly number[]) => [number, number]): number {
  let a = 0;
  for (let i = 0; i + 1 < ring.length; i++) {
    const [x1, y1] = plane(at(ring, i));
    const [x2, y2] = plane(at(ring, i + 1));
    a += x1 * y2 - x2 * y1;
  }
  return a / 2;
}

const cellRing = (fc: FeatureCollection, i: number): Ring =>
  at(at(fc.features, i).geometry.coordinates as number[][][], 0);

/** A grid of sample points over the ring's bbox, offset so none lands exactly on a vertex. */
function samples(ring: Ring, steps: number): [number, number][] {
  const xs = ring.map(([x = NaN]) => x);
  const ys = ring.map(([, y = NaN]) => y);
  const [w, e, s, n] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const out: [number, number][] = [];
  for (let i = 0; i < steps; i++) {
    for (let j = 0; j < steps; j++) {
      out.push([w + ((i + 0.5137) / steps) * (e - w), s + ((j + 0.4871) / steps) * (n - s)]);
    }
  }
  return out;
}

function checkPartition(stations: readonly Station[], outline: Ring) {
  const fc = stationAreas(stations, outline);
  const plane = kmPlane(outline);
  const police = stations.filter((s) => s.kind === 'police-station');
  expect(fc.features.map((f) => f.properties?.['stationId'])).toEqual(police.map((s) => s.id));

  fc.features.forEach((f, i) => {
    expect(f.geometry.type).toBe('Polygon');
    expect(f.properties).toMatchObject({ stationId: at(police, i).id, schematic: true });
    const ring = cellRing(fc, i);
    expect(ring[0]).toEqual(ring[ring.length - 1]);
    expect(areaKm2(ring, plane)).toBeGreaterThan(0); // counter-clockwise exterior
  });

  let insideOutline = 0;
  for (const p of samples(outline, 120)) {
    const owners = fc.features.map((_, i) => i).filter((i) => inRing(p, cellRing(fc, i)));
    if (!inRing(p, outline)) {
      expect(owners).toEqual([]);
      continue;
    }
    insideOutline++;
    expect(owners).toHaveLength(1);
    // Voronoi property: the owner is the nearest station in the local plane.
    const d = police.map((s) => {
      const [x, y] = plane(s.lonLat);
      const [px, py] = plane(p);
      return Math.hypot(x - px, y - py);
    });
    expect(at(d, at(owners, 0))).toBeCloseTo(Math.min(...d), 6);
  }
  expect(insideOutline).toBeGreaterThan(1000);

  const union = fc.features.reduce((s, _, i) => s + areaKm2(cellRing(fc, i), plane), 0);
  const whole = Math.abs(areaKm2(outline, plane));
  expect(Math.abs(union - whole) / whole).toBeLessThan(0.01);
  return fc;
}

describe('stationAreas', () => {
  it('partitions the real Kaihua outline into one cell per police station', () => {
    const fc = checkPartition(packStations, packOutline);
    expect(fc.features).toHaveLength(9);
    fc.features.forEach((_, i) => {
      expect(inRing(at(packStations, i).lonLat, cellRing(fc, i))).toBe(true);
    });
  });

  it('gives traffic squads and special units no area', () => {
    const fc = stationAreas(packStations, packOutline);
    const ids = fc.features.map((f) => f.properties?.['stationId']);
    expect(ids).not.toContain('traffic-chengguan');
    expect(ids).not.toContain('special-kaihua');
  });

  it('splits a square between four stations exactly', () => {
    const square = [
      [118, 29],
      [118.2, 29],
      [118.2, 29.2],
      [118, 29.2],
      [118, 29],
    ];
    const stations = [
      station('a', 118.05, 29.05),
      station('b', 118.15, 29.05),
      station('c', 118.15, 29.15),
      station('d', 118.05, 29.15),
    ];
    const fc = checkPartition(stations, square);
    fc.features.forEach((_, i) => {
      expect(inRing(at(stations, i).lonLat, cellRing(fc, i))).toBe(true);
    });
    // The four cells are the four quadrants: same area each.
    const plane = kmPlane(square);
    const areas = fc.features.map((_, i) => areaKm2(cellRing(fc, i), plane));
    for (const a of areas) expect(a).toBeCloseTo(at(areas, 0), 1);
  });

  it('handles a clockwise, concave outline', () => {
    // An L shape listed clockwise; the 'notch' station sits just outside the inner corner.
    const l = [
      [118, 29],
      [118, 29.3],
      [118.1, 29.3],
      [118.1, 29.1],
      [118.3, 29.1],
      [118.3, 29],
      [118, 29],
    ];
    const stations = [
      station('west', 118.05, 29.2),
      station('south', 118.2, 29.05),
      station('corner', 118.03, 29.03),
      station('notch', 118.11, 29.11),
    ];
    checkPartition(stations, l);
  });

  it('gives a station that duplicates an earlier position no cell', () => {
    const square = [
      [118, 29],
      [118.2, 29],
      [118.2, 29.2],
      [118, 29.2],
    ];
    const fc = stationAreas(
      [station('a', 118.05, 29.1), station('b', 118.05, 29.1), station('c', 118.15, 29.1)],
      square,
    );
    expect(fc.features.map((f) => f.properties?.['stationId'])).toEqual(['a', 'c']);
  });

  it('refuses a degenerate outline', () => {
    expect(() =>
      stationAreas(
        [station('a', 118, 29)],
        [
          [118, 29],
          [118.1, 29],
          [118, 29],
        ],
      ),
    ).toThrow(/fewer than 3 vertices/);
  });
});
