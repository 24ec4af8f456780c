// The renderer's basemap style builders: every URL in a style is this page's origin or Electron's
// basemap scheme; a configured GIS server is reached only through the host's proxy.

import { describe, expect, it } from 'vitest';
import type { BasemapSpec, RegionSnapshot } from '../../shared/domain/region';
import {
  BASEMAP_SOURCE_ID,
  basemapLayers,
  escapeHtml,
  mapLayers,
  pmtilesSourceUrl,
  rasterSourceUrl,
} from '../../renderer/src/map/basemap/basemapStyle';
import { OMT_LAYER_PREFIX, omtLayers } from '../../renderer/src/map/basemap/omtStyle';

const PAGE = 'http://127.0.0.1:7370/?token=abcdefghijklmnop';
/** What the core announces for a raster basemap in the headless host and in Electron. */
const PROXY = '/basemap/raster/{z}/{x}/{y}';
const ELECTRON_PROXY = 'muster-basemap://raster/{z}/{x}/{y}';
const REMOTE = 'https://gis.county.local/wmts/{z}/{x}/{y}.png';
const ELECTRON_PAGE = 'file:///app/index.html';
const EMPTY = { type: 'FeatureCollection', features: [] } as const;

function region(basemap?: BasemapSpec): RegionSnapshot {
  return {
    info: {
      id: 'r',
      name: 'R',
      nameEn: 'R',
      bbox: [0, 0, 1, 1],
      center: [0.5, 0.5],
      schematic: true,
      credits: [],
      ...(basemap ? { basemap } : {}),
    },
    stations: [],
    layers: { outline: EMPTY, jurisdictions: EMPTY, places: EMPTY, rivers: EMPTY },
  };
}

/** Every string in a style that looks like a URL. */
function urlsIn(value: unknown): string[] {
  return (JSON.stringify(value).match(/[a-z][a-z0-9+.-]*:\/\/[^"]*/g) ?? []).sort();
}

const OMT_SOURCE_LAYERS = new Set([
  'water',
  'waterway',
  'landcover',
  'landuse',
  'park',
  'transportation',
  'building',
  'boundary',
  'aeroway',
]);

describe('offline OpenMapTiles style', () => {
  const layers = omtLayers('src');

  it('uses fills and lines only (no symbol layer: no glyph or sprite requests)', () => {
    expect(new Set(layers.map((l) => l.type))).toEqual(new Set(['fill', 'line']));
    expect(urlsIn(layers)).toEqual([]);
  });

  it('draws OpenMapTiles source layers from the given source, under stable unique ids', () => {
    const ids = layers.map((l) => l.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const l of layers) {
      const layer = l as { id: string; source: string; 'source-layer': string };
      expect(layer.id.startsWith(OMT_LAYER_PREFIX)).toBe(true);
      expect(layer.source).toBe('src');
      expect(OMT_SOURCE_LAYERS).toContain(layer['source-layer']);
    }
    expect(ids).toEqual(omtLayers('other').map((l) => l.id));
    // Water under roads, roads under boundaries.
    const at = (name: string): number => ids.indexOf(`${OMT_LAYER_PREFIX}${name}`);
    expect(at('water')).toBeLessThan(at('road-major'));
    expect(at('road-major')).toBeLessThan(at('boundary-country'));
  });
});

describe('basemapLayers', () => {
  it('adds nothing for the region basemap, or none at all', () => {
    for (const spec of [undefined, { kind: 'region' } as const]) {
      expect(basemapLayers(spec, PAGE)).toEqual({ sources: {}, layers: [], attribution: '' });
    }
  });

  it('points a PMTiles basemap at the page origin through the pmtiles protocol', () => {
    const b = basemapLayers(
      { kind: 'pmtiles', url: '/basemap/tiles.pmtiles', attribution: '' },
      PAGE,
    );
    expect(b.sources).toEqual({
      [BASEMAP_SOURCE_ID]: {
        type: 'vector',
        url: 'pmtiles://http://127.0.0.1:7370/basemap/tiles.pmtiles',
      },
    });
    expect(b.layers.map((l) => l.id)).toEqual(omtLayers(BASEMAP_SOURCE_ID).map((l) => l.id));
    expect(urlsIn(b)).toEqual(['pmtiles://http://127.0.0.1:7370/basemap/tiles.pmtiles']);
  });

  it('keeps the Electron scheme as it is', () => {
    expect(
      pmtilesSourceUrl('muster-basemap://basemap/tiles.pmtiles', 'file:///app/index.html'),
    ).toBe('pmtiles://muster-basemap://basemap/tiles.pmtiles');
  });

  it('refuses a PMTiles URL on another origin or scheme: nothing is drawn and nothing fetched', () => {
    for (const url of [
      'https://tiles.example.com/x.pmtiles',
      '//evil.example/x.pmtiles',
      'ftp://h/x',
    ]) {
      expect(pmtilesSourceUrl(url, PAGE), url).toBeUndefined();
      const b = basemapLayers({ kind: 'pmtiles', url, attribution: 'x' }, PAGE);
      expect(b.layers).toEqual([]);
      expect(urlsIn(b)).toEqual([]);
    }
  });

  it('points a raster basemap at the host proxy on the page origin, braces intact', () => {
    const b = basemapLayers(
      { kind: 'raster', urlTemplate: PROXY, tileSize: 512, attribution: 'GIS', maxZoom: 17 },
      PAGE,
    );
    const tiles = 'http://127.0.0.1:7370/basemap/raster/{z}/{x}/{y}';
    expect(b.sources).toEqual({
      [BASEMAP_SOURCE_ID]: { type: 'raster', tiles: [tiles], tileSize: 512, maxzoom: 17 },
    });
    expect(b.layers.map((l) => l.type)).toEqual(['raster']);
    expect(urlsIn(b)).toEqual([tiles]);
    expect(rasterSourceUrl(ELECTRON_PROXY, ELECTRON_PAGE)).toBe(ELECTRON_PROXY);
  });

  it('refuses a raster template on another origin or scheme: nothing is drawn and nothing fetched', () => {
    for (const url of [
      REMOTE,
      'http://127.0.0.1:7371/basemap/raster/{z}/{x}/{y}',
      'https://127.0.0.1:7370/basemap/raster/{z}/{x}/{y}',
      'http://127.0.0.1:7370@evil.example/{z}/{x}/{y}',
      '//evil.example/{z}/{x}/{y}',
      '/\\evil.example/{z}/{x}/{y}',
      'ftp://h/{z}/{x}/{y}',
      'data:image/png;base64,AAAA',
      'javascript:alert(1)',
    ]) {
      expect(rasterSourceUrl(url, PAGE), url).toBeUndefined();
      const b = basemapLayers(
        { kind: 'raster', urlTemplate: url, tileSize: 256, attribution: '' },
        PAGE,
      );
      expect(b.layers, url).toEqual([]);
      expect(urlsIn(b), url).toEqual([]);
    }
    // The headless host's path means nothing to a file:// page, and vice versa for the scheme.
    expect(rasterSourceUrl(PROXY, ELECTRON_PAGE)).toBeUndefined();
    expect(rasterSourceUrl('muster-basemap:raster/{z}/{x}/{y}', PAGE)).toBeUndefined();
  });

  it('escapes the attribution: a region pack credit is text, not markup', () => {
    expect(escapeHtml('<img src=x onerror="a()">&')).toBe(
      '&#60;img src=x onerror=&#34;a()&#34;&#62;&#38;',
    );
    const b = basemapLayers(
      { kind: 'pmtiles', url: '/basemap/tiles.pmtiles', attribution: '© <b>OSM</b>' },
      PAGE,
    );
    expect(b.attribution).toBe('© &#60;b&#62;OSM&#60;/b&#62;');
  });
});

describe('mapLayers', () => {
  it('puts the basemap under the region layers, each layer on a source it defines', () => {
    const m = mapLayers(
      region({ kind: 'pmtiles', url: '/basemap/tiles.pmtiles', attribution: '' }),
      PAGE,
    );
    const ids = m.layers.map((l) => l.id);
    const lastBase = ids.findLastIndex((id) => id.startsWith(OMT_LAYER_PREFIX));
    const firstRegion = ids.findIndex((id) => !id.startsWith(OMT_LAYER_PREFIX));
    expect(lastBase).toBeGreaterThanOrEqual(0);
    expect(lastBase).toBeLessThan(firstRegion);
    for (const l of m.layers)
      expect(Object.keys(m.sources)).toContain((l as { source: string }).source);
  });

  it('lets the basemap show through the county tint, which stays opaque without one', () => {
    const tint = (r: RegionSnapshot): unknown =>
      (
        mapLayers(r, PAGE).layers.find((l) => l.id === 'county-fill') as {
          paint: Record<string, unknown>;
        }
      ).paint['fill-opacity'];
    const over = tint(
      region({ kind: 'raster', urlTemplate: PROXY, tileSize: 256, attribution: '' }),
    );
    const alone = tint(region());
    expect(over).toBeLessThan(alone as number);
  });

  it('never names a remote server, in any style, on either host', () => {
    const specs: (BasemapSpec | undefined)[] = [undefined, { kind: 'region' }];
    for (const url of [
      PROXY,
      ELECTRON_PROXY,
      REMOTE,
      '//evil.example/{z}/{x}/{y}',
      '/basemap/tiles.pmtiles',
      'muster-basemap://basemap/tiles.pmtiles',
      'https://tiles.example.com/x.pmtiles',
    ]) {
      specs.push({ kind: 'pmtiles', url, attribution: '' });
      specs.push({ kind: 'raster', urlTemplate: url, tileSize: 256, attribution: '' });
    }
    for (const page of [PAGE, ELECTRON_PAGE]) {
      // The page's own origin (none for file://) and Electron's basemap scheme, nothing else.
      const own =
        page === PAGE ? ['http://127.0.0.1:7370/', 'muster-basemap://'] : ['muster-basemap://'];
      let drawn = 0;
      for (const spec of specs) {
        const urls = urlsIn(mapLayers(region(spec), page));
        if (urls.length > 0) drawn++;
        for (const u of urls) {
          const inner = u.startsWith('pmtiles://') ? u.slice('pmtiles://'.length) : u;
          const where = `${JSON.stringify(spec)} on ${page}: ${u}`;
          expect(
            own.some((o) => inner.startsWith(o)),
            where,
          ).toBe(true);
        }
      }
      // The sweep draws something on each host (a PMTiles and a raster basemap at least).
      expect(drawn, page).toBeGreaterThanOrEqual(2);
    }
  });
});
