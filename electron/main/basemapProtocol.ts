// Electron host: the PMTiles basemap and the proxied raster tiles under a privileged custom scheme,
// since the renderer loads from file:// and has no HTTP origin to fetch from. Thin on purpose: the
// range and proxy logic are the plain-Node RangeFile and RasterProxy the headless host uses too
// (tested without Electron).

import { protocol } from 'electron';
import { Readable } from 'node:stream';
import { RangeFile } from '../core/basemap/rangeFile';
import { RasterProxy } from '../core/basemap/rasterProxy';

export const BASEMAP_SCHEME = 'muster-basemap';
/** What the core announces as the PMTiles URL in this host; the only URL the handler answers. */
export const BASEMAP_ELECTRON_URL = `${BASEMAP_SCHEME}://basemap/tiles.pmtiles`;
/** The raster tile URL the core derives from BASEMAP_ELECTRON_URL (rasterProxyUrl); its host. */
const RASTER_HOST = 'raster';

// The page's origin is file:// ("null"): the range fetch is a CORS request and pmtiles reads these.
const CORS: Readonly<Record<string, string>> = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Headers': 'Range',
  'Access-Control-Expose-Headers': 'Content-Range, Content-Length, Accept-Ranges',
};

/** Must run before the app is ready (Electron's rule for privileged schemes). */
export function registerBasemapScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: BASEMAP_SCHEME,
      privileges: {
        standard: true,
        secure: true,
        supportFetchAPI: true,
        stream: true,
        corsEnabled: true,
      },
    },
  ]);
}

/**
 * Answers BASEMAP_ELECTRON_URL from `file` and muster-basemap://raster/{z}/{x}/{y} from the GIS
 * server `rasterTemplate` names; every other URL of the scheme is a 404.
 */
export function handleBasemapProtocol(
  file: string | undefined,
  rasterTemplate?: string | undefined,
): void {
  const source = file === undefined ? undefined : new RangeFile(file);
  const raster =
    rasterTemplate === undefined ? undefined : new RasterProxy({ template: rasterTemplate });
  const expected = new URL(BASEMAP_ELECTRON_URL);
  protocol.handle(BASEMAP_SCHEME, async (req) => {
    const url = new URL(req.url);
    if (raster && url.host === RASTER_HOST) {
      if (req.method === 'OPTIONS') return new Response(null, { status: 204, headers: CORS });
      const reply = await raster.answer(req.method, url.pathname.slice(1));
      const body = req.method === 'HEAD' ? null : reply.body;
      return new Response(body, { status: reply.status, headers: { ...reply.headers, ...CORS } });
    }
    if (!source || url.host !== expected.host || url.pathname !== expected.pathname) {
      return new Response('not found', { status: 404, headers: CORS });
    }
    if (req.method === 'OPTIONS') return new Response(null, { status: 204, headers: CORS });
    try {
      const { reply, stream } = source.open(req.method, req.headers.get('range'));
      const body = stream ? (Readable.toWeb(stream) as ReadableStream<Uint8Array>) : null;
      return new Response(body, { status: reply.status, headers: { ...reply.headers, ...CORS } });
    } catch {
      return new Response('basemap unavailable', { status: 503, headers: CORS });
    }
  });
}
