// Serves the configured PMTiles basemap at one fixed same-origin path, with byte ranges (the
// pmtiles reader fetches the header, directories and tiles as ranges). Only that exact path is
// answered; the file comes from the configuration, never from the request.

import type { IncomingMessage, ServerResponse } from 'node:http';
import { BASEMAP_RASTER_SERVE_PREFIX, BASEMAP_SERVE_PATH } from '../core/basemap/basemapOption';
import { RangeFile } from '../core/basemap/rangeFile';
import type { RasterProxy } from '../core/basemap/rasterProxy';

/** Returns a handler that answers the basemap path and reports false for every other request. */
export function basemapRoute(
  file: string | undefined,
  path = BASEMAP_SERVE_PATH,
): (req: IncomingMessage, res: ServerResponse) => boolean {
  const source = file === undefined ? undefined : new RangeFile(file);
  return (req, res) => {
    const reqPath = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (reqPath !== path) return false;
    res.setHeader('X-Content-Type-Options', 'nosniff');
    if (!source) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('no basemap file');
      return true;
    }
    let opened: ReturnType<RangeFile['open']>;
    try {
      opened = source.open(req.method ?? 'GET', req.headers.range);
    } catch {
      // The file vanished after start: say so rather than dropping the connection.
      res
        .writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8' })
        .end('basemap unavailable');
      return true;
    }
    res.writeHead(opened.reply.status, opened.reply.headers);
    if (!opened.stream) {
      res.end();
      return true;
    }
    opened.stream.on('error', () => res.destroy()).pipe(res);
    return true;
  };
}

/**
 * Answers `${prefix}/{z}/{x}/{y}` from the raster proxy (the GIS server's tiles, same-origin for
 * the page's CSP) and reports false for every other request. Without a proxy: 404.
 */
export function rasterRoute(
  proxy: RasterProxy | undefined,
  prefix = BASEMAP_RASTER_SERVE_PREFIX,
): (req: IncomingMessage, res: ServerResponse) => boolean {
  return (req, res) => {
    const reqPath = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (reqPath !== prefix && !reqPath.startsWith(`${prefix}/`)) return false;
    if (!proxy) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('no raster basemap');
      return true;
    }
    void proxy.answer(req.method ?? 'GET', reqPath.slice(prefix.length + 1)).then(
      (reply) => res.writeHead(reply.status, reply.headers).end(reply.body),
      () => res.writeHead(502, { 'Content-Type': 'text/plain; charset=utf-8' }).end('upstream'),
    );
    return true;
  };
}
