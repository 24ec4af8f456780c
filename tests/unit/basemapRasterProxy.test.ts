// The raster proxy's pure parts (templates, tile paths) and its cache and upstream handling, with
// a fake fetch that records every upstream URL.

import { describe, expect, it } from 'vitest';
import {
  RASTER_MAX_ZOOM,
  RasterProxy,
  isRasterTemplate,
  parseTileCoord,
  rasterTemplateProblem,
  tileUrl,
  type RasterProxyOptions,
} from '../../electron/core/basemap/rasterProxy';
import {
  rasterProxyUrl,
  resolveBasemap,
  parseBasemapOption,
} from '../../electron/core/basemap/basemapOption';

const XYZ = 'http://gis.local:8080/tiles/{z}/{x}/{y}.png';
const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3, 4]);

describe('tileUrl', () => {
  it('puts the tile numbers into XYZ, TMS and WMTS KVP templates', () => {
    expect(tileUrl(XYZ, { z: 3, x: 4, y: 2 })).toBe('http://gis.local:8080/tiles/3/4/2.png');
    // TMS counts rows from the south: 2^3 − 1 − 2 = 5.
    expect(tileUrl('https://g/tms/{z}/{x}/{-y}.jpg', { z: 3, x: 4, y: 2 })).toBe(
      'https://g/tms/3/4/5.jpg',
    );
    const wmts =
      'https://g/wmts?SERVICE=WMTS&REQUEST=GetTile&LAYER=base&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}';
    expect(tileUrl(wmts, { z: 12, x: 3400, y: 1650 })).toBe(
      'https://g/wmts?SERVICE=WMTS&REQUEST=GetTile&LAYER=base&TILEMATRIX=12&TILEROW=1650&TILECOL=3400',
    );
    expect(tileUrl('https://g/{z}/{z}-{x}/{y}', { z: 1, x: 0, y: 1 })).toBe('https://g/1/1-0/1');
  });
});

describe('raster templates', () => {
  it('accepts http(s) templates with {z}, {x} and one of {y} / {-y}', () => {
    for (const t of [
      XYZ,
      'https://g/tms/{z}/{x}/{-y}.png',
      'https://g/wmts?TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&FORMAT=image/png',
    ]) {
      expect(rasterTemplateProblem(t), t).toBeUndefined();
      expect(isRasterTemplate(t), t).toBe(true);
    }
  });

  it('refuses other schemes, missing or unknown placeholders, and a host that could vary', () => {
    const bad: Record<string, RegExp> = {
      'file:///t/{z}/{x}/{y}.png': /http\(s\)/,
      'ftp://g/{z}/{x}/{y}': /http\(s\)/,
      'https://g/{z}/{x}.png': /{y} or {-y}/,
      'https://g/{z}/{x}/{y}/{-y}.png': /{y} or {-y}/,
      'https://g/{x}/{y}.png': /{z} and {x}/,
      'https://{s}.g/{z}/{x}/{y}.png': /plain host/,
      'https://t{z}.g/{z}/{x}/{y}.png': /plain host/,
      'https://user:pw@g/{z}/{x}/{y}.png': /plain host/,
      'https://g/{z}/{x}/{y}{quadkey}.png': /unsupported placeholder {quadkey}/,
      'https://g/{z}/{x}/{y} .png': /white space/,
      'https://g:99999/{z}/{x}/{y}': /not a valid URL/,
    };
    for (const [t, why] of Object.entries(bad)) {
      expect(rasterTemplateProblem(t), t).toMatch(why);
      expect(() => new RasterProxy({ template: t }), t).toThrow(/raster basemap template/);
    }
    expect(() => parseBasemapOption('raster:https://g/{z}/{x}/{q}', undefined)).toThrow(
      /--basemap raster: .*unsupported placeholder \{q\}/,
    );
  });
});

describe('parseTileCoord', () => {
  it('takes integers inside the zoom level grid', () => {
    expect(parseTileCoord('3/4/2')).toEqual({ z: 3, x: 4, y: 2 });
    expect(parseTileCoord('0/0/0')).toEqual({ z: 0, x: 0, y: 0 });
    const last = 2 ** RASTER_MAX_ZOOM - 1;
    expect(parseTileCoord(`${RASTER_MAX_ZOOM}/${last}/${last}`)).toEqual({
      z: RASTER_MAX_ZOOM,
      x: last,
      y: last,
    });
  });

  it('refuses everything else', () => {
    for (const p of [
      '',
      '3/4',
      '3/4/2/1',
      '3/4/2.png',
      '3/8/0', // x past 2^3 − 1
      '3/0/8',
      '0/1/0',
      `${RASTER_MAX_ZOOM + 1}/0/0`,
      '-1/0/0',
      '3/-1/2',
      '3/4.0/2',
      '3/+4/2',
      '03/4/2',
      '3/04/2',
      '3/4/2/',
      '3/4/1e1',
      '3/4/0x2',
      '3/4/%32',
      'a/b/c',
      '3/4/2?x=1',
      '3/4/99999999999999999999',
    ]) {
      expect(parseTileCoord(p), p).toBeUndefined();
    }
  });
});

describe('raster proxy URL the renderer sees', () => {
  it('is the host proxy, never the GIS template', () => {
    expect(rasterProxyUrl('/basemap/tiles.pmtiles')).toBe('/basemap/raster/{z}/{x}/{y}');
    expect(rasterProxyUrl('muster-basemap://basemap/tiles.pmtiles')).toBe(
      'muster-basemap://raster/{z}/{x}/{y}',
    );
    const opt = { kind: 'raster', urlTemplate: XYZ, attribution: 'GIS' } as const;
    const electron = resolveBasemap(opt, undefined, 'muster-basemap://basemap/tiles.pmtiles');
    expect(electron.spec).toEqual({
      kind: 'raster',
      urlTemplate: 'muster-basemap://raster/{z}/{x}/{y}',
      tileSize: 256,
      attribution: 'GIS',
    });
    expect(electron.rasterTemplate).toBe(XYZ);
    expect(JSON.stringify(electron.spec)).not.toContain('gis.local');
  });
});

/** A fake GIS server: answers by URL and records every request. */
function fakeUpstream(
  answer: (url: string, n: number) => Response | Promise<Response> = () =>
    new Response(PNG, { headers: { 'Content-Type': 'image/png' } }),
): { fetch: typeof fetch; urls: string[]; inits: RequestInit[] } {
  const urls: string[] = [];
  const inits: RequestInit[] = [];
  const fake = (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    urls.push(url);
    inits.push(init ?? {});
    return Promise.resolve(answer(url, urls.length));
  };
  return { fetch: fake as typeof fetch, urls, inits };
}

function proxyWith(
  up: { fetch: typeof fetch },
  opts: Partial<RasterProxyOptions> = {},
): RasterProxy {
  return new RasterProxy({ template: XYZ, fetch: up.fetch, ...opts });
}

describe('RasterProxy', () => {
  it('fetches the tile from the template URL, passes its type on, and caches it', async () => {
    const up = fakeUpstream();
    const proxy = proxyWith(up);
    const first = await proxy.answer('GET', '3/4/2');
    expect(first.status).toBe(200);
    expect(first.headers['Content-Type']).toBe('image/png');
    expect(first.headers['Content-Length']).toBe(String(PNG.length));
    expect(first.body).toEqual(PNG);
    expect(up.urls).toEqual(['http://gis.local:8080/tiles/3/4/2.png']);
    // Redirects are not followed: they could lead to another origin.
    expect(up.inits[0]?.redirect).toBe('manual');
    expect(up.inits[0]?.signal).toBeInstanceOf(AbortSignal);

    const again = await proxy.answer('GET', '3/4/2');
    expect(again.body).toEqual(PNG);
    expect(up.urls).toHaveLength(1);
    expect(proxy.stats).toMatchObject({ upstreamRequests: 1, cacheHits: 1, cachedTiles: 1 });
    const head = await proxy.answer('HEAD', '3/4/2');
    expect(head.status).toBe(200);
    expect(head.body).toHaveLength(0);
  });

  it('answers bad coordinates and other methods without asking upstream', async () => {
    const up = fakeUpstream();
    const proxy = proxyWith(up);
    expect((await proxy.answer('GET', '3/8/2')).status).toBe(400);
    expect((await proxy.answer('GET', '../../etc/passwd')).status).toBe(400);
    const post = await proxy.answer('POST', '3/4/2');
    expect(post.status).toBe(405);
    expect(post.headers['Allow']).toBe('GET, HEAD');
    expect(up.urls).toEqual([]);
  });

  it('makes one upstream request for simultaneous requests of one tile', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    const up = fakeUpstream(async () => {
      await gate;
      return new Response(PNG, { headers: { 'Content-Type': 'image/webp' } });
    });
    const proxy = proxyWith(up);
    const all = Promise.all([1, 2, 3].map(() => proxy.answer('GET', '5/1/1')));
    release();
    const replies = await all;
    expect(replies.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(replies.every((r) => r.headers['Content-Type'] === 'image/webp')).toBe(true);
    expect(up.urls).toHaveLength(1);
  });

  it('maps upstream failures to 404 / 502 and counts them, caching none', async () => {
    const replies: Record<string, () => Response> = {
      '1/0/0': () => new Response('gone', { status: 404 }),
      '1/0/1': () => new Response('boom', { status: 500 }),
      '1/1/0': () => new Response('<html>', { headers: { 'Content-Type': 'text/html' } }),
      '1/1/1': () => new Response(null, { status: 302, headers: { Location: 'http://evil/' } }),
      '2/0/0': () => new Response(PNG, { headers: { 'Content-Type': 'image/svg+xml' } }),
      '2/0/1': () => new Response(PNG),
    };
    const up = fakeUpstream((url) => {
      const key = /tiles\/(\d+\/\d+\/\d+)\.png$/.exec(url)?.[1] ?? '';
      const make = replies[key];
      if (!make) throw new TypeError('fetch failed');
      return make();
    });
    const proxy = proxyWith(up);
    const status = async (p: string): Promise<number> => (await proxy.answer('GET', p)).status;
    expect(await status('1/0/0')).toBe(404);
    expect(await status('1/0/1')).toBe(502);
    expect(await status('1/1/0')).toBe(502);
    expect(await status('1/1/1')).toBe(502);
    expect(await status('2/0/0')).toBe(502);
    expect(await status('2/0/1')).toBe(502); // no Content-Type at all
    expect(await status('2/1/1')).toBe(502); // network error
    expect(proxy.stats).toMatchObject({
      upstreamRequests: 7,
      upstreamErrors: 6,
      upstreamNotFound: 1,
      cachedTiles: 0,
    });
    // Failures are asked again next time: the GIS server may be back.
    expect(await status('1/0/1')).toBe(502);
    expect(up.urls).toHaveLength(8);
  });

  it('gives up after the timeout with 502', async () => {
    const up = fakeUpstream(
      (_url, n) =>
        new Promise<Response>((_resolve, reject) => {
          const signal = up.inits[n - 1]?.signal;
          signal?.addEventListener('abort', () => reject(signal.reason as Error));
        }),
    );
    const proxy = proxyWith(up, { timeoutMs: 30 });
    const reply = await proxy.answer('GET', '3/4/2');
    expect(reply.status).toBe(502);
    expect(new TextDecoder().decode(reply.body)).toMatch(/timed out/);
    expect(proxy.stats.upstreamErrors).toBe(1);
  });

  it('refuses a tile larger than the cap', async () => {
    const up = fakeUpstream(
      () => new Response(new Uint8Array(5000), { headers: { 'Content-Type': 'image/png' } }),
    );
    const proxy = proxyWith(up, { maxTileBytes: 4096 });
    expect((await proxy.answer('GET', '3/4/2')).status).toBe(502);
    expect(proxy.stats.cachedTiles).toBe(0);
  });

  it('evicts the least recently used tile past the tile and byte limits', async () => {
    const up = fakeUpstream(
      () => new Response(new Uint8Array(100), { headers: { 'Content-Type': 'image/jpeg' } }),
    );
    const proxy = proxyWith(up, { maxTiles: 2 });
    await proxy.answer('GET', '2/0/0');
    await proxy.answer('GET', '2/0/1');
    await proxy.answer('GET', '2/0/0'); // now 2/0/1 is the least recent
    await proxy.answer('GET', '2/1/0'); // evicts 2/0/1
    expect(proxy.stats).toMatchObject({ cachedTiles: 2, cachedBytes: 200 });
    await proxy.answer('GET', '2/0/0');
    expect(up.urls).toHaveLength(3);
    await proxy.answer('GET', '2/0/1');
    expect(up.urls).toHaveLength(4);

    const bytes = proxyWith(up, { maxBytes: 250 });
    for (const p of ['3/0/0', '3/0/1', '3/0/2']) await bytes.answer('GET', p);
    expect(bytes.stats).toMatchObject({ cachedTiles: 2, cachedBytes: 200 });
  });

  it('fetches a cached tile again once it is older than maxAgeMs', async () => {
    const up = fakeUpstream();
    let nowMs = 1_000;
    const proxy = proxyWith(up, { maxAgeMs: 60_000, now: () => nowMs });
    await proxy.answer('GET', '3/4/2');
    nowMs += 59_000;
    await proxy.answer('GET', '3/4/2');
    expect(up.urls).toHaveLength(1);
    nowMs += 2_000;
    await proxy.answer('GET', '3/4/2');
    expect(up.urls).toHaveLength(2);
  });
});
