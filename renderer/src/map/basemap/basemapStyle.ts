import type { BasemapSpec, RegionSnapshot } from '../../../../shared/domain/region';
import { regionLayers, type LayerSpec, type SourceSpec } from '../regionStyle';
import { omtLayers } from './omtStyle';

// Pure builders for what lies under the region layers. Every basemap URL points at the host that
// served this page (or Electron's own scheme): raster tiles of a configured GIS server are fetched
// by the host and served same-origin, so no style ever names a remote server (the CSP forbids it).

export const BASEMAP_SOURCE_ID = 'basemap';
export const RASTER_LAYER_ID = 'basemap-raster';

export interface MapLayers {
  readonly sources: Readonly<Record<string, SourceSpec>>;
  /** Bottom to top. */
  readonly layers: readonly LayerSpec[];
  /** HTML-escaped credit for MapLibre's attribution control; empty when there is none. */
  readonly attribution: string;
}

/** MapLibre's attribution control renders HTML: a credit from a region pack is text, never markup. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * The pmtiles:// source URL for the host's PMTiles URL. A host-relative URL resolves against the
 * page, so it stays same-origin; anything that would resolve to another origin is refused (the
 * core never announces one, so that would be a fault, not a choice).
 */
export function pmtilesSourceUrl(url: string, pageUrl: string): string | undefined {
  let resolved: URL;
  try {
    resolved = new URL(url, pageUrl);
  } catch {
    return undefined;
  }
  const page = new URL(pageUrl);
  const web = resolved.protocol === 'http:' || resolved.protocol === 'https:';
  if (web && resolved.origin !== page.origin) return undefined;
  if (!web && resolved.protocol !== 'muster-basemap:') return undefined;
  return `pmtiles://${resolved.href}`;
}

/**
 * The raster tile template for the host's raster proxy URL: a host-relative path becomes this
 * page's origin plus the path (built by hand: URL parsing would escape the {z}/{x}/{y} braces), the
 * Electron scheme stays as it is, and anything on another origin or scheme is refused.
 */
export function rasterSourceUrl(template: string, pageUrl: string): string | undefined {
  let resolved: URL;
  try {
    resolved = new URL(template.replace(/\{-?[a-z]\}/g, '0'), pageUrl);
  } catch {
    return undefined;
  }
  const page = new URL(pageUrl);
  if (resolved.protocol === 'muster-basemap:') {
    return template.startsWith('muster-basemap://') ? template : undefined;
  }
  const web = resolved.protocol === 'http:' || resolved.protocol === 'https:';
  if (!web || resolved.origin !== page.origin) return undefined;
  if (template.startsWith('/') && !template.startsWith('//') && !template.includes('\\')) {
    return `${page.origin}${template}`;
  }
  return template.startsWith(`${page.origin}/`) ? template : undefined;
}

/** The basemap's sources and layers; empty for 'region' (the region layers are the whole map). */
export function basemapLayers(spec: BasemapSpec | undefined, pageUrl: string): MapLayers {
  if (!spec || spec.kind === 'region') return { sources: {}, layers: [], attribution: '' };
  const attribution = escapeHtml(spec.attribution);
  if (spec.kind === 'pmtiles') {
    const url = pmtilesSourceUrl(spec.url, pageUrl);
    if (url === undefined) return { sources: {}, layers: [], attribution: '' };
    return {
      sources: { [BASEMAP_SOURCE_ID]: { type: 'vector', url } },
      layers: omtLayers(BASEMAP_SOURCE_ID),
      attribution,
    };
  }
  const tiles = rasterSourceUrl(spec.urlTemplate, pageUrl);
  if (tiles === undefined) return { sources: {}, layers: [], attribution: '' };
  return {
    sources: {
      [BASEMAP_SOURCE_ID]: {
        type: 'raster',
        tiles: [tiles],
        tileSize: spec.tileSize,
        ...(spec.maxZoom !== undefined ? { maxzoom: spec.maxZoom } : {}),
      },
    },
    layers: [{ id: RASTER_LAYER_ID, type: 'raster', source: BASEMAP_SOURCE_ID }],
    attribution,
  };
}

/** Basemap first, region GeoJSON (station areas, rivers, places) on top, as one set. */
export function mapLayers(region: RegionSnapshot, pageUrl: string): MapLayers {
  const base = basemapLayers(region.info.basemap, pageUrl);
  const own = regionLayers(region);
  return {
    sources: { ...base.sources, ...own.sources },
    layers: [...base.layers, ...own.layers],
    attribution: base.attribution,
  };
}
