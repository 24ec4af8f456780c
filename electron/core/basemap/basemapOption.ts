// The workstation's basemap choice (--basemap / MUSTER_BASEMAP), parsed and checked at start, and
// how it combines with the region pack's own choice into the BasemapSpec renderers see.

import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { BasemapSpec } from '../../../shared/domain/region';
import { rasterTemplateProblem } from './rasterProxy';

export { isRasterTemplate } from './rasterProxy';

/** Where the headless host serves the PMTiles file (same origin as the renderer). */
export const BASEMAP_SERVE_PATH = '/basemap/tiles.pmtiles';

/** Where the headless host serves raster tiles it fetched from the configured GIS server. */
export const BASEMAP_RASTER_SERVE_PREFIX = '/basemap/raster';

/**
 * The raster tile URL a renderer is given, in the same host namespace as the PMTiles URL: a
 * host-relative PMTiles path means the headless host's route, a scheme URL (Electron's
 * muster-basemap://basemap/tiles.pmtiles) means that scheme's raster host. Never the GIS server.
 */
export function rasterProxyUrl(pmtilesUrl: string): string {
  if (pmtilesUrl.startsWith('/')) return `${BASEMAP_RASTER_SERVE_PREFIX}/{z}/{x}/{y}`;
  return `${new URL(pmtilesUrl).protocol}//raster/{z}/{x}/{y}`;
}

export type BasemapOption =
  | { readonly kind: 'region' }
  | { readonly kind: 'pmtiles'; readonly file: string; readonly attribution: string }
  | { readonly kind: 'raster'; readonly urlTemplate: string; readonly attribution: string };

/** "PMTiles" followed by spec version 3. */
const PMTILES_V3_MAGIC = Uint8Array.from([0x50, 0x4d, 0x54, 0x69, 0x6c, 0x65, 0x73, 0x03]);

/** Throws a clear error unless `file` is a readable PMTiles v3 archive; returns its absolute path. */
export function checkPmtilesFile(file: string, option = '--basemap'): string {
  const path = resolve(file);
  let fd: number;
  try {
    if (!statSync(path).isFile()) throw new Error('not a regular file');
    fd = openSync(path, 'r');
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    throw new Error(`${option}: cannot read PMTiles file ${JSON.stringify(file)}: ${why}`);
  }
  const head = new Uint8Array(PMTILES_V3_MAGIC.length);
  try {
    readSync(fd, head, 0, head.length, 0);
  } finally {
    closeSync(fd);
  }
  if (!head.every((b, i) => b === PMTILES_V3_MAGIC[i])) {
    throw new Error(
      `${option}: ${JSON.stringify(file)} is not a PMTiles v3 archive (it does not start with "PMTiles" and version 3)`,
    );
  }
  return path;
}

/**
 * Parses `region`, `pmtiles:<path>` or `raster:<url template>`; undefined when not given (the
 * region pack decides). A PMTiles file is checked here, so a wrong path fails at start.
 */
export function parseBasemapOption(
  raw: string | undefined,
  attribution: string | undefined,
): BasemapOption | undefined {
  if (raw === undefined) return undefined;
  if (raw === 'region') return { kind: 'region' };
  if (raw.startsWith('pmtiles:')) {
    const file = raw.slice('pmtiles:'.length);
    if (file === '')
      throw new Error('--basemap pmtiles: needs a file path, e.g. pmtiles:map.pmtiles');
    return { kind: 'pmtiles', file: checkPmtilesFile(file), attribution: attribution ?? '' };
  }
  if (raw.startsWith('raster:')) {
    const urlTemplate = raw.slice('raster:'.length);
    const problem = rasterTemplateProblem(urlTemplate);
    if (problem !== undefined) {
      throw new Error(
        `--basemap raster: needs an http(s) URL template with {z}, {x} and {y} or {-y} (${problem}), got ${JSON.stringify(urlTemplate)}`,
      );
    }
    return { kind: 'raster', urlTemplate, attribution: attribution ?? '' };
  }
  throw new Error(
    `--basemap must be region, pmtiles:<file.pmtiles> or raster:<url template>, got ${JSON.stringify(raw)}`,
  );
}

/** The basemap a region pack asks for in region.json, with its file already resolved. */
export type PackBasemap =
  | { readonly kind: 'region' }
  | { readonly kind: 'pmtiles'; readonly file: string; readonly attribution: string }
  | Extract<BasemapSpec, { kind: 'raster' }>;

export interface ResolvedBasemap {
  /** What renderers see: only host URLs, never the GIS server's. */
  readonly spec: BasemapSpec;
  /** The PMTiles file the host serves at the PMTiles URL. */
  readonly file: string | undefined;
  /** The GIS server template the host's raster proxy fetches from (kept out of `spec`). */
  readonly rasterTemplate?: string | undefined;
}

/**
 * The workstation option wins over the pack. A PMTiles basemap is announced under the host's URL
 * for it (`pmtilesUrl`), and `file` is what that host must serve there; a raster basemap is
 * announced under the host's raster proxy (`rasterUrl`), and `rasterTemplate` is what it fetches.
 */
export function resolveBasemap(
  option: BasemapOption | undefined,
  pack: PackBasemap | undefined,
  pmtilesUrl: string,
  rasterUrl = rasterProxyUrl(pmtilesUrl),
): ResolvedBasemap {
  const chosen = option ?? pack ?? { kind: 'region' };
  switch (chosen.kind) {
    case 'region':
      return { spec: { kind: 'region' }, file: undefined };
    case 'pmtiles':
      return {
        spec: { kind: 'pmtiles', url: pmtilesUrl, attribution: chosen.attribution },
        file: chosen.file,
      };
    case 'raster': {
      // The command line gives only a template: 256-pixel tiles, the XYZ/WMTS norm.
      const packRaster: Partial<Extract<PackBasemap, { kind: 'raster' }>> =
        chosen === pack ? chosen : {};
      return {
        spec: {
          kind: 'raster',
          urlTemplate: rasterUrl,
          tileSize: packRaster.tileSize ?? 256,
          attribution: chosen.attribution,
          ...(packRaster.maxZoom !== undefined ? { maxZoom: packRaster.maxZoom } : {}),
        },
        file: undefined,
        rasterTemplate: chosen.urlTemplate,
      };
    }
  }
}
