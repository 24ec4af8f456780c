// The basemap a region pack asks for in region.json, and the workstation's --basemap over it.

import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BASEMAP_SERVE_PATH, resolveBasemap } from '../../electron/core/basemap/basemapOption';
import { loadRegionPack } from '../../electron/core/region/loadRegion';

const PACK = fileURLToPath(new URL('../../resources/regions/kaihua', import.meta.url));
const PMTILES_HEAD = Uint8Array.from([...new TextEncoder().encode('PMTiles'), 3, 0, 0]);
const TEMPLATE = 'https://gis.county.local/wmts/{z}/{x}/{y}.png';

let regions: string;
let dir: string;
beforeEach(() => {
  regions = mkdtempSync(join(tmpdir(), 'muster-basemap-pack-'));
  dir = join(regions, 'kaihua');
  cpSync(PACK, dir, { recursive: true });
});
afterEach(() => rmSync(regions, { recursive: true, force: true }));

function setBasemap(basemap: unknown): void {
  const path = join(dir, 'region.json');
  const json = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  json['basemap'] = basemap;
  writeFileSync(path, JSON.stringify(json));
}

describe('region pack basemap', () => {
  it('is the region GeoJSON when region.json names none (the Kaihua pack)', () => {
    const pack = loadRegionPack(regions, 'kaihua');
    expect(pack.snapshot.info.basemap).toEqual({ kind: 'region' });
    expect(pack.basemapFile).toBeUndefined();
  });

  it('serves a PMTiles file from the pack folder under the host URL', () => {
    writeFileSync(join(dir, 'streets.pmtiles'), PMTILES_HEAD);
    setBasemap({ kind: 'pmtiles', file: 'streets.pmtiles', attribution: '© OSM' });
    const pack = loadRegionPack(regions, 'kaihua', {
      option: undefined,
      pmtilesUrl: 'muster-basemap://basemap/tiles.pmtiles',
    });
    expect(pack.snapshot.info.basemap).toEqual({
      kind: 'pmtiles',
      url: 'muster-basemap://basemap/tiles.pmtiles',
      attribution: '© OSM',
    });
    expect(pack.basemapFile).toBe(join(dir, 'streets.pmtiles'));
  });

  it('refuses a PMTiles name that could leave the pack, and a file that is not PMTiles', () => {
    setBasemap({ kind: 'pmtiles', file: '../other/streets.pmtiles', attribution: '' });
    expect(() => loadRegionPack(regions, 'kaihua')).toThrow(
      /region\.json: basemap\.file: must be a \.pmtiles file name inside the pack/,
    );
    writeFileSync(join(dir, 'fake.pmtiles'), 'not tiles');
    setBasemap({ kind: 'pmtiles', file: 'fake.pmtiles', attribution: '' });
    expect(() => loadRegionPack(regions, 'kaihua')).toThrow(
      /region\.json: basemap\.file: .*not a PMTiles v3 archive/,
    );
    setBasemap({ kind: 'pmtiles', file: 'missing.pmtiles', attribution: '' });
    expect(() => loadRegionPack(regions, 'kaihua')).toThrow(/cannot read PMTiles file/);
  });

  it('takes a raster template with its tile size and max zoom, announcing the host proxy', () => {
    setBasemap({ kind: 'raster', urlTemplate: TEMPLATE, attribution: 'County GIS', maxZoom: 18 });
    const pack = loadRegionPack(regions, 'kaihua');
    expect(pack.snapshot.info.basemap).toEqual({
      kind: 'raster',
      urlTemplate: '/basemap/raster/{z}/{x}/{y}',
      tileSize: 256,
      attribution: 'County GIS',
      maxZoom: 18,
    });
    // The GIS server's template stays with the host.
    expect(pack.basemapRasterTemplate).toBe(TEMPLATE);
    expect(JSON.stringify(pack.snapshot)).not.toContain('gis.county.local');
    setBasemap({ kind: 'raster', urlTemplate: 'ftp://x/{z}/{x}/{y}', attribution: '' });
    expect(() => loadRegionPack(regions, 'kaihua')).toThrow(/basemap\.urlTemplate/);
    setBasemap({ kind: 'raster', urlTemplate: TEMPLATE, tileSize: 300, attribution: '' });
    expect(() => loadRegionPack(regions, 'kaihua')).toThrow(/basemap\.tileSize/);
  });

  it('gives way to the workstation option, which skips the pack file check', () => {
    setBasemap({ kind: 'pmtiles', file: 'missing.pmtiles', attribution: '' });
    const pack = loadRegionPack(regions, 'kaihua', {
      option: { kind: 'region' },
      pmtilesUrl: BASEMAP_SERVE_PATH,
    });
    expect(pack.snapshot.info.basemap).toEqual({ kind: 'region' });
    expect(pack.basemapFile).toBeUndefined();
  });
});

describe('resolveBasemap', () => {
  it('prefers the option, then the pack, then region', () => {
    const file = '/data/a.pmtiles';
    const opt = { kind: 'pmtiles', file, attribution: 'A' } as const;
    const pack = {
      kind: 'raster',
      urlTemplate: TEMPLATE,
      tileSize: 512,
      attribution: 'B',
    } as const;
    expect(resolveBasemap(opt, pack, '/u')).toEqual({
      spec: { kind: 'pmtiles', url: '/u', attribution: 'A' },
      file,
    });
    expect(resolveBasemap(undefined, pack, '/u')).toEqual({
      spec: {
        kind: 'raster',
        urlTemplate: '/basemap/raster/{z}/{x}/{y}',
        tileSize: 512,
        attribution: 'B',
      },
      file: undefined,
      rasterTemplate: TEMPLATE,
    });
    expect(resolveBasemap(undefined, undefined, '/u')).toEqual({
      spec: { kind: 'region' },
      file: undefined,
    });
  });

  it('gives a command-line raster template 256-pixel tiles', () => {
    const opt = { kind: 'raster', urlTemplate: TEMPLATE, attribution: '' } as const;
    expect(resolveBasemap(opt, undefined, '/u', '/r/{z}/{x}/{y}').spec).toEqual({
      kind: 'raster',
      urlTemplate: '/r/{z}/{x}/{y}',
      tileSize: 256,
      attribution: '',
    });
  });
});
