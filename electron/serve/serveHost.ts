import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Gate } from '../core/auth/Gate';
import { TOKEN_PATTERN } from '../../shared/contract/wsProtocol';
import { RasterProxy } from '../core/basemap/rasterProxy';
import { basemapRoute, rasterRoute } from './basemapRoute';
import { serveStatic } from './staticFiles';
import { attachWsAdapter } from './wsAdapter';

export interface ServeHostOptions {
  /** Where each screen connects: its login or wall token, and the role check of every call. */
  readonly gate: Gate;
  readonly rendererDir: string;
  readonly host: string;
  readonly port: number;
  /** Access token; a fresh random one per start when not given. */
  readonly token?: string | undefined;
  /** The PMTiles basemap file served at BASEMAP_SERVE_PATH, if any. */
  readonly basemapFile?: string | undefined;
  /** The GIS server template whose tiles are proxied at BASEMAP_RASTER_SERVE_PREFIX, if any. */
  readonly basemapRasterTemplate?: string | undefined;
}

export interface ServeHost {
  readonly url: string;
  readonly token: string;
  readonly server: Server;
  close(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

export function isLoopback(host: string): boolean {
  return LOOPBACK.has(host) || host.startsWith('127.');
}

/** HTTP for the renderer bundle plus the WebSocket ConsoleApi, token-protected. */
export async function startServeHost(opts: ServeHostOptions): Promise<ServeHost> {
  const token = opts.token ?? randomBytes(24).toString('base64url');
  if (!TOKEN_PATTERN.test(token)) {
    throw new Error(
      'the access token must be 16–256 characters of A–Z, a–z, 0–9, - or _ (it travels as a WebSocket subprotocol)',
    );
  }
  const basemap = basemapRoute(opts.basemapFile);
  const raster = rasterRoute(
    opts.basemapRasterTemplate === undefined
      ? undefined
      : new RasterProxy({ template: opts.basemapRasterTemplate }),
  );
  const server = createServer((req, res) => {
    if (!basemap(req, res) && !raster(req, res)) serveStatic(opts.rendererDir, req, res);
  });
  const detach = attachWsAdapter(server, opts.gate, token);
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      detach();
      reject(
        err.code === 'EADDRINUSE'
          ? new Error(`port ${opts.port} on ${opts.host} is in use: choose another with --port`)
          : err,
      );
    });
    server.listen(opts.port, opts.host, () => {
      server.removeAllListeners('error');
      server.on('error', (err) => console.error(`http server error: ${err.message}`));
      resolve();
    });
  });
  const addr = server.address() as AddressInfo;
  const host = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  return {
    url: `http://${host}:${addr.port}/?token=${token}`,
    token,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        detach();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
