// loadRegionPack on a copy of the real pack, broken one way at a time.

import { cpSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadRegionPack } from '../../electron/core/region/loadRegion';

const PACK = fileURLToPath(new URL('../../resources/regions/kaihua', import.meta.url));

let regions: string;
let dir: string;
beforeEach(() => {
  regions = mkdtempSync(join(tmpdir(), 'muster-region-'));
  dir = join(regions, 'kaihua');
  cpSync(PACK, dir, { recursive: true });
});
afterEach(() => rmSync(regions, { recursive: true, force: true }));

const load = () => loadRegionPack(regions, 'kaihua');
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;
function edit(file: string, change: (json: Json) => void): void {
  const json = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Json;
  change(json);
  writeFileSync(join(dir, file), JSON.stringify(json));
}

describe('loadRegionPack errors', () => {
  it('loads the untouched copy', () => {
    expect(load().roster.length).toBeGreaterThanOrEqual(64);
  });

  it('takes an optional road layer, and refuses one it cannot route on', () => {
    expect(load().roads).toBeUndefined();
    const line = (props: Record<string, unknown>, type = 'LineString') => ({
      type: 'Feature',
      properties: props,
      geometry:
        type === 'Point'
          ? { type, coordinates: [118.4, 29.1] }
          : {
              type,
              coordinates: [
                [118.4, 29.1],
                [118.41, 29.12],
              ],
            },
    });
    const write = (features: unknown[]) =>
      writeFileSync(
        join(dir, 'roads.geojson'),
        JSON.stringify({ type: 'FeatureCollection', features }),
      );
    write([line({ highway: 'primary' }), line({ highway: 'residential', oneway: 'yes' })]);
    expect(load().roads?.features).toHaveLength(2);
    write([line({ highway: 'primary' }), line({ name: 'a bus stop' }, 'Point')]);
    expect(load).toThrow(
      'region pack "kaihua": roads.geojson: features[1]: a Point, not a road line',
    );
    write([line({ name: 'no class' })]);
    expect(load).toThrow(/roads\.geojson: no feature has a `highway` road class/);
  });

  it('names a missing required file', () => {
    unlinkSync(join(dir, 'roster.json'));
    expect(load).toThrow(/^region pack "kaihua": roster\.json: file missing \(.*roster\.json\)$/);
  });

  it('names a missing pack folder and refuses ids that leave the regions folder', () => {
    expect(() => loadRegionPack(regions, 'nowhere')).toThrow(
      /region pack "nowhere": folder not found/,
    );
    expect(() => loadRegionPack(regions, '../kaihua')).toThrow(/invalid pack id/);
  });

  it('reports invalid JSON with the file name', () => {
    writeFileSync(join(dir, 'stations.json'), '[{"id": "ps-x",');
    expect(load).toThrow(/^region pack "kaihua": stations\.json: invalid JSON: /);
  });

  it('reports a duplicate deviceId with both positions', () => {
    edit('roster.json', (r) => {
      r[1].deviceId = r[0].deviceId;
    });
    expect(load).toThrow(
      'region pack "kaihua": roster.json: duplicate deviceId "bc-chengguan-01" at [0] and [1]',
    );
  });

  it('reports a duplicate unit id and a duplicate station id', () => {
    edit('roster.json', (r) => {
      r[5].id = r[2].id;
    });
    expect(load).toThrow('roster.json: duplicate id "chengguan-03" at [2] and [5]');
    cpSync(join(PACK, 'roster.json'), join(dir, 'roster.json'));
    edit('stations.json', (s) => {
      s[3].id = 'ps-huabu';
    });
    expect(load).toThrow('stations.json: duplicate id "ps-huabu" at [1] and [3]');
  });

  it('reports a unit whose station does not exist', () => {
    edit('roster.json', (r) => {
      r[0].stationId = 'ps-nowhere';
    });
    expect(load).toThrow(
      'region pack "kaihua": roster.json: [0] chengguan-01: unknown stationId "ps-nowhere" (not in stations.json)',
    );
  });

  it('reports schema problems with the path into the file', () => {
    edit('roster.json', (r) => {
      r[2].modules = ['cooking'];
      r[4].kind = 'tank';
      r[6].deviceId = 'bad/id';
    });
    const err = (() => {
      try {
        load();
      } catch (e) {
        return (e as Error).message;
      }
      return '';
    })();
    expect(err).toMatch(/^region pack "kaihua": roster\.json: /);
    expect(err).toContain('[2].modules[0]: ');
    expect(err).toContain('[4].kind: ');
    expect(err).toContain('[6].deviceId: must be 1–64 characters');
  });

  it('reports a unit without modules', () => {
    edit('roster.json', (r) => {
      r[3].modules = [];
    });
    expect(load).toThrow('roster.json: [3].modules: a unit needs at least one capability module');
  });

  it('reports a station outside the region bbox', () => {
    edit('stations.json', (s) => {
      s[2].lonLat = [120.5, 30.2];
    });
    expect(load).toThrow(/stations\.json: \[2\] ps-majin: lonLat 120\.5,30\.2 is outside bbox \[/);
  });

  it('reports an outline that leaves the bbox, an open ring and a mismatched id', () => {
    edit('region.json', (r) => {
      r.bbox = [118.2, 28.96, 118.62, 29.4];
    });
    expect(load).toThrow(
      /region\.json: outline\.geometry\.coordinates\[0\]\[\d+\] is outside bbox/,
    );
    cpSync(join(PACK, 'region.json'), join(dir, 'region.json'));
    edit('region.json', (r) => {
      r.outline.geometry.coordinates[0].pop();
    });
    expect(load).toThrow(
      /region\.json: outline\.geometry\.coordinates\[0\]: a linear ring must be closed/,
    );
    cpSync(join(PACK, 'region.json'), join(dir, 'region.json'));
    edit('region.json', (r) => {
      r.id = 'other';
    });
    expect(load).toThrow('region.json: id "other" does not match folder "kaihua"');
  });

  it('reports a layer that is not a FeatureCollection', () => {
    writeFileSync(join(dir, 'places.geojson'), JSON.stringify({ type: 'Feature' }));
    expect(load).toThrow(/^region pack "kaihua": places\.geojson: type: /);
  });

  it('treats places and rivers as optional layers', () => {
    unlinkSync(join(dir, 'rivers.geojson'));
    unlinkSync(join(dir, 'places.geojson'));
    const { snapshot } = load();
    expect(snapshot.layers.rivers.features).toEqual([]);
    expect(snapshot.layers.places.features).toEqual([]);
  });

  it('uses jurisdictions.geojson when the pack has one, and checks its station references', () => {
    const area = {
      type: 'Feature',
      properties: { stationId: 'ps-huabu', name: '华埠辖区' },
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [118.3, 29.0],
            [118.4, 29.0],
            [118.4, 29.05],
            [118.3, 29.0],
          ],
        ],
      },
    };
    writeFileSync(
      join(dir, 'jurisdictions.geojson'),
      JSON.stringify({ type: 'FeatureCollection', features: [area] }),
    );
    expect(load().snapshot.layers.jurisdictions.features).toEqual([area]);

    area.properties.stationId = 'ps-ghost';
    writeFileSync(
      join(dir, 'jurisdictions.geojson'),
      JSON.stringify({ type: 'FeatureCollection', features: [area] }),
    );
    expect(load).toThrow('jurisdictions.geojson: features[0]: unknown stationId "ps-ghost"');
  });
});
