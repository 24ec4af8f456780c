// Serves the configured PMTiles basemap at one fixed same-origin path, with byte ranges (the
// pmtiles reader fetches the header, directories and tiles as ranges). Only that exact path is
// answered; the file comes from the configuration, never from the request.

import type { IncomingMessage, ServerResponse } from 'node:http';
import { BASEMAP_SERVE_PATH } from '../core/basemap/basemapOption';
import { RangeFile } from '../core/basemap/rangeFile';

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
