// The headless host fetches raster tiles from the configured GIS server and serves them at a
// same-origin path (the page's CSP stays 'self'), with a cache, and never lets a request shape
// the upstream URL.

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { mkdirSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConsoleCore } from '../../electron/core/ConsoleCore';
import type { Gate } from '../../electron/core/auth/Gate';
import { parseBasemapOption } from '../../electron/core/basemap/basemapOption';
import { startServeHost, type ServeHost } from '../../electron/serve/serveHost';
import { startCore, tempDir } from '../support/coreHarness';

/** A PNG signature and a few more bytes, distinct per tile so a mix-up would show. */
function pngFor(path: string): Uint8Array {
  return Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...Buffer.from(path)]);
}

describe('headless host: raster basemap proxy', () => {
  const tmp = tempDir();
  const requests: string[] = [];
  let gis: Server;
  let core: ConsoleCore;
  let host: ServeHost;
  let origin: string;

  beforeAll(async () => {
    // A tiny "GIS server": PNG tiles under /tiles/{z}/{x}/{y}.png, and two broken zoom levels.
    gis = createServer((req, res) => {
      const path = req.url ?? '';
      requests.push(path);
      const m = /^\/tiles\/(\d+)\/(\d+)\/(\d+)\.png$/.exec(path);
      if (!m) return void res.writeHead(404).end();
      if (m[1] === '5') return void res.writeHead(500, { 'Content-Type': 'text/plain' }).end('x');
      if (m[1] === '6') return void res.writeHead(200, { 'Content-Type': 'text/html' }).end('<p>');
      res.writeHead(200, { 'Content-Type': 'image/png' }).end(pngFor(path));
    });
    await new Promise<void>((r) => gis.listen(0, '127.0.0.1', r));
    const gisPort = (gis.address() as AddressInfo).port;

    const rendererDir = join(tmp.dir, 'renderer');
    mkdirSync(rendererDir);
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>t</title>');
    core = await startCore(join(tmp.dir, 'data'), {
      basemap: parseBasemapOption(
        `raster:http://127.0.0.1:${gisPort}/tiles/{z}/{x}/{y}.png`,
        'GIS',
      ),
    });
    host = await startServeHost({
      gate: core.gate,
      rendererDir,
      host: '127.0.0.1',
      port: 0,
      basemapFile: core.basemapFile,
      basemapRasterTemplate: core.basemapRasterTemplate,
    });
    origin = new URL(host.url).origin;
  });
  afterAll(async () => {
    await host?.close();
    await core?.stop();
    await new Promise<void>((r) => (gis ? gis.close(() => r()) : r()));
    tmp.remove();
  });

  it('announces the same-origin proxy path, never the GIS server', async () => {
    const basemap = (await core.api.getRegion()).info.basemap;
    expect(basemap).toEqual({
      kind: 'raster',
      urlTemplate: '/basemap/raster/{z}/{x}/{y}',
      tileSize: 256,
      attribution: 'GIS',
    });
    expect(JSON.stringify(await core.api.getRegion())).not.toContain('/tiles/');
  });

  it('serves a tile with the upstream type and bytes, then from its cache', async () => {
    const res = await fetch(`${origin}/basemap/raster/3/4/2`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(pngFor('/tiles/3/4/2.png'));
    expect(requests).toEqual(['/tiles/3/4/2.png']);

    const again = await fetch(`${origin}/basemap/raster/3/4/2`);
    expect(again.status).toBe(200);
    expect(new Uint8Array(await again.arrayBuffer())).toEqual(pngFor('/tiles/3/4/2.png'));
    expect(requests).toHaveLength(1);
  });

  it('answers bad coordinates with 400 and never asks upstream', async () => {
    const before = requests.length;
    for (const p of [
      '3/8/2',
      '25/0/0',
      '3/4/2.png',
      '3/4',
      '3/4/2/1',
      '-1/0/0',
      '3/4/x',
      '3/4/%2e%2e',
      '..%2f..%2fetc/passwd',
    ]) {
      const res = await fetch(`${origin}/basemap/raster/${p}`);
      expect(res.status, p).toBe(400);
      expect(res.headers.get('content-type'), p).toMatch(/^text\/plain/);
    }
    const bare = await fetch(`${origin}/basemap/raster`);
    expect(bare.status).toBe(400);
    // A query string does not reach the upstream URL either.
    const q = await fetch(`${origin}/basemap/raster/2/1/1?url=http://evil.example/`);
    expect(q.status).toBe(200);
    expect(requests.slice(before)).toEqual(['/tiles/2/1/1.png']);
  });

  it('answers 502 when the GIS server fails or sends no image, and 404 for a missing tile', async () => {
    const failing = await fetch(`${origin}/basemap/raster/5/1/1`);
    expect(failing.status).toBe(502);
    expect(await failing.text()).toMatch(/upstream/);
    const html = await fetch(`${origin}/basemap/raster/6/1/1`);
    expect(html.status).toBe(502);
    expect(html.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await html.text()).not.toContain('<p>');
    expect(requests).toContain('/tiles/5/1/1.png');
    expect(requests).toContain('/tiles/6/1/1.png');
  });

  it('refuses writes', async () => {
    const res = await fetch(`${origin}/basemap/raster/3/4/2`, { method: 'POST', body: 'x' });
    expect(res.status).toBe(405);
  });
});

describe('headless host without a raster basemap', () => {
  const tmp = tempDir();
  let host: ServeHost;
  beforeAll(async () => {
    writeFileSync(join(tmp.dir, 'index.html'), '<!doctype html><title>t</title>');
    // This test never opens a socket: the gate is never asked.
    host = await startServeHost({
      gate: {} as unknown as Gate,
      rendererDir: tmp.dir,
      host: '127.0.0.1',
      port: 0,
    });
  });
  afterAll(async () => {
    await host?.close();
    tmp.remove();
  });

  it('answers the raster path with 404', async () => {
    const res = await fetch(`${new URL(host.url).origin}/basemap/raster/3/4/2`);
    expect(res.status).toBe(404);
  });
});
