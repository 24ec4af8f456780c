// The headless host serves the configured PMTiles file at one path, with byte ranges, and nothing
// else from the filesystem through that route.

import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConsoleCore } from '../../electron/core/ConsoleCore';
import type { Gate } from '../../electron/core/auth/Gate';
import { BASEMAP_SERVE_PATH } from '../../electron/core/basemap/basemapOption';
import { startServeHost, type ServeHost } from '../../electron/serve/serveHost';
import { startCore, tempDir } from '../support/coreHarness';

describe('headless host: PMTiles basemap route', () => {
  const tmp = tempDir();
  // Outside the renderer folder, so only the basemap route can ever serve it.
  const file = join(tmp.dir, 'tiles.pmtiles');
  const rendererDir = join(tmp.dir, 'renderer');
  const bytes = new Uint8Array([
    ...new TextEncoder().encode('PMTiles'),
    3,
    ...randomBytes(70_000 - 8),
  ]);
  let core: ConsoleCore;
  let host: ServeHost;
  let base: string;

  beforeAll(async () => {
    writeFileSync(file, bytes);
    mkdirSync(rendererDir);
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>t</title>');
    core = await startCore(join(tmp.dir, 'data'), {
      basemap: { kind: 'pmtiles', file, attribution: '© test' },
    });
    host = await startServeHost({
      gate: core.gate,
      rendererDir,
      host: '127.0.0.1',
      port: 0,
      basemapFile: core.basemapFile,
    });
    base = `${new URL(host.url).origin}${BASEMAP_SERVE_PATH}`;
  });
  afterAll(async () => {
    await host?.close();
    await core?.stop();
    tmp.remove();
  });

  it('announces the served path as the region basemap', async () => {
    expect(core.basemapFile).toBe(file);
    expect((await core.api.getRegion()).info.basemap).toEqual({
      kind: 'pmtiles',
      url: BASEMAP_SERVE_PATH,
      attribution: '© test',
    });
  });

  it('answers a range with 206 and exactly those bytes', async () => {
    const res = await fetch(base, { headers: { Range: 'bytes=0-16383' } });
    expect(res.status).toBe(206);
    expect(res.headers.get('content-range')).toBe(`bytes 0-16383/${bytes.length}`);
    expect(res.headers.get('accept-ranges')).toBe('bytes');
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(bytes.subarray(0, 16384));

    const tail = await fetch(base, { headers: { Range: 'bytes=69990-' } });
    expect(tail.status).toBe(206);
    expect(new Uint8Array(await tail.arrayBuffer())).toEqual(bytes.subarray(69990));
  });

  it('sends the whole file without a range, and 416 for a range past the end', async () => {
    const all = await fetch(base);
    expect(all.status).toBe(200);
    expect(new Uint8Array(await all.arrayBuffer())).toEqual(bytes);
    const bad = await fetch(base, { headers: { Range: `bytes=${bytes.length}-` } });
    expect(bad.status).toBe(416);
    expect(bad.headers.get('content-range')).toBe(`bytes */${bytes.length}`);
  });

  it('answers only its exact path: nothing of the request reaches the filesystem', async () => {
    const origin = new URL(host.url).origin;
    for (const p of [
      '/basemap/tiles.pmtiles/../../index.html',
      '/basemap/other.pmtiles',
      '/basemap/%2e%2e/tiles.pmtiles',
      '/basemap/',
    ]) {
      const res = await fetch(`${origin}${p}`, { headers: { Range: 'bytes=0-7' } });
      // Whatever the static server makes of it, it is never the basemap's bytes.
      expect(res.status, p).not.toBe(206);
      const body = new Uint8Array(await res.arrayBuffer());
      expect(body.subarray(0, 7), p).not.toEqual(bytes.subarray(0, 7));
    }
    // The query string does not change which file is served.
    const q = await fetch(`${base}?file=/etc/passwd`, { headers: { Range: 'bytes=0-7' } });
    expect(new Uint8Array(await q.arrayBuffer())).toEqual(bytes.subarray(0, 8));
  });

  it('refuses writes', async () => {
    const res = await fetch(base, { method: 'POST', body: 'x' });
    expect(res.status).toBe(405);
  });
});

describe('headless host without a basemap file', () => {
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

  it('answers the basemap path with 404', async () => {
    const res = await fetch(`${new URL(host.url).origin}${BASEMAP_SERVE_PATH}`);
    expect(res.status).toBe(404);
  });
});
