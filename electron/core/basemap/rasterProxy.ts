// Raster basemap tiles from the configured GIS server, fetched by the console host and handed to
// the renderer same-origin: the page's CSP stays 'self' and only the host ever talks to the GIS
// server. Plain Node (global fetch), shared by the headless host's route and Electron's scheme.
//
// Templates: http(s) URLs with the placeholders {z}, {x} and either {y} (XYZ, row 0 at the north)
// or {-y} (TMS, row 0 at the south). A WMTS KVP template writes them as query values, e.g.
// ...?SERVICE=WMTS&REQUEST=GetTile&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}. No other {...}
// placeholder is accepted, and none may sit in the scheme or host, so the origin is fixed.

/** The deepest zoom the proxy forwards (MapLibre's own limit for raster tiles). */
export const RASTER_MAX_ZOOM = 24;

/** The image types passed through; anything else from upstream is refused (502). */
export const RASTER_TILE_TYPES: ReadonlySet<string> = new Set([
  'image/png',
  'image/jpeg',
  'image/webp',
]);

const PLACEHOLDER = /\{([^{}]*)\}/g;
const KNOWN_PLACEHOLDERS = new Set(['z', 'x', 'y', '-y']);

export interface TileCoord {
  readonly z: number;
  readonly x: number;
  readonly y: number;
}

/** Why a raster template is unusable, or undefined when it is fine. */
export function rasterTemplateProblem(template: string): string | undefined {
  const m = /^(https?):\/\/([^/?#]*)/.exec(template);
  if (!m) return 'must be an http(s) URL';
  if (/\s/.test(template)) return 'must not contain white space';
  const authority = m[2] ?? '';
  if (authority === '' || /[{}@]/.test(authority)) {
    return 'needs a plain host (no placeholders or credentials before the path)';
  }
  const names = [...template.matchAll(PLACEHOLDER)].map((p) => p[1] ?? '');
  const unknown = names.find((n) => !KNOWN_PLACEHOLDERS.has(n));
  if (unknown !== undefined) return `unsupported placeholder {${unknown}}`;
  if (!names.includes('z') || !names.includes('x')) return 'needs {z} and {x}';
  if (names.includes('y') === names.includes('-y')) return 'needs exactly one of {y} or {-y}';
  try {
    new URL(tileUrl(template, { z: 0, x: 0, y: 0 }));
  } catch {
    return 'is not a valid URL';
  }
  return undefined;
}

/** An http(s) template with {z}, {x} and {y} or {-y}: the only remote URL the console requests. */
export function isRasterTemplate(template: string): boolean {
  return rasterTemplateProblem(template) === undefined;
}

/** The template with the tile's numbers in place; {-y} is the TMS row 2^z − 1 − y. */
export function tileUrl(template: string, tile: TileCoord): string {
  return template.replace(PLACEHOLDER, (whole, name: string) => {
    switch (name) {
      case 'z':
        return String(tile.z);
      case 'x':
        return String(tile.x);
      case 'y':
        return String(tile.y);
      case '-y':
        return String(2 ** tile.z - 1 - tile.y);
      default:
        return whole;
    }
  });
}

/**
 * "z/x/y" as the renderer requests it: plain decimal integers (no sign, no leading zero, nothing
 * after y), z in 0–RASTER_MAX_ZOOM and x, y inside that zoom's grid. Anything else is undefined,
 * so one tile has exactly one cache key and nothing else of the request reaches the upstream URL.
 */
export function parseTileCoord(text: string): TileCoord | undefined {
  const m = /^(0|[1-9]\d{0,1})\/(0|[1-9]\d{0,7})\/(0|[1-9]\d{0,7})$/.exec(text);
  if (!m) return undefined;
  const [z, x, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (z > RASTER_MAX_ZOOM) return undefined;
  const size = 2 ** z;
  if (x >= size || y >= size) return undefined;
  return { z, x, y };
}

/** What a host sends back for one tile request. */
export interface RasterReply {
  readonly status: 200 | 400 | 404 | 405 | 502;
  readonly headers: Readonly<Record<string, string>>;
  /** Empty for HEAD. */
  readonly body: Uint8Array<ArrayBuffer>;
}

export interface RasterProxyStats {
  /** Requests sent to the GIS server. */
  readonly upstreamRequests: number;
  /** Upstream replies that were not a usable tile and not a 404 (errors, timeouts, wrong type). */
  readonly upstreamErrors: number;
  /** Tiles the GIS server does not have (404), passed on as 404. */
  readonly upstreamNotFound: number;
  /** Tile requests answered from memory, including ones that joined a fetch already running. */
  readonly cacheHits: number;
  readonly cachedTiles: number;
  readonly cachedBytes: number;
}

export interface RasterProxyOptions {
  /** The configured template; checked here again, so a bad one fails at start. */
  readonly template: string;
  readonly timeoutMs?: number;
  /** LRU limits: a video wall shows the same tiles on several screens. */
  readonly maxTiles?: number;
  readonly maxBytes?: number;
  /** A larger upstream body is refused (502): a tile is tens of kilobytes. */
  readonly maxTileBytes?: number;
  /** How long a cached tile is reused before it is fetched again (the GIS server may update). */
  readonly maxAgeMs?: number;
  readonly fetch?: typeof fetch;
  readonly now?: () => number;
}

interface Tile {
  readonly bytes: Uint8Array<ArrayBuffer>;
  readonly contentType: string;
  readonly fetchedMs: number;
}

type Outcome = Tile | { readonly status: 404 | 502; readonly text: string };

const TEXT = { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' };
const encoder = new TextEncoder();

/** One configured GIS server behind a small LRU cache; the template never comes from a request. */
export class RasterProxy {
  private readonly template: string;
  private readonly origin: string;
  private readonly timeoutMs: number;
  private readonly maxTiles: number;
  private readonly maxBytes: number;
  private readonly maxTileBytes: number;
  private readonly maxAgeMs: number;
  private readonly fetchFn: typeof fetch;
  private readonly now: () => number;
  /** Map order is recency order: the first key is the least recently used. */
  private readonly cache = new Map<string, Tile>();
  /** Fetches under way, so simultaneous requests for one tile make one upstream request. */
  private readonly inFlight = new Map<string, Promise<Outcome>>();
  private cachedBytes = 0;
  private counts = { upstreamRequests: 0, upstreamErrors: 0, upstreamNotFound: 0, cacheHits: 0 };

  constructor(opts: RasterProxyOptions) {
    const problem = rasterTemplateProblem(opts.template);
    if (problem !== undefined) throw new Error(`raster basemap template ${problem}`);
    this.template = opts.template;
    this.origin = new URL(tileUrl(opts.template, { z: 0, x: 0, y: 0 })).origin;
    this.timeoutMs = opts.timeoutMs ?? 10_000;
    this.maxTiles = opts.maxTiles ?? 512;
    this.maxBytes = opts.maxBytes ?? 32 * 1024 * 1024;
    this.maxTileBytes = opts.maxTileBytes ?? 4 * 1024 * 1024;
    this.maxAgeMs = opts.maxAgeMs ?? 60 * 60 * 1000;
    this.fetchFn = opts.fetch ?? fetch;
    this.now = opts.now ?? Date.now;
  }

  get stats(): RasterProxyStats {
    return { ...this.counts, cachedTiles: this.cache.size, cachedBytes: this.cachedBytes };
  }

  /** The reply for a request of `method` for the tile "z/x/y" (the path after the route's prefix). */
  async answer(method: string, coordText: string): Promise<RasterReply> {
    if (method !== 'GET' && method !== 'HEAD') {
      return { status: 405, headers: { ...TEXT, Allow: 'GET, HEAD' }, body: encoder.encode('') };
    }
    const tile = parseTileCoord(coordText);
    if (!tile) return { status: 400, headers: TEXT, body: encoder.encode('bad tile coordinates') };
    const outcome = await this.tile(tile);
    if ('status' in outcome) {
      return { status: outcome.status, headers: TEXT, body: encoder.encode(outcome.text) };
    }
    return {
      status: 200,
      headers: {
        'Content-Type': outcome.contentType,
        'Content-Length': String(outcome.bytes.byteLength),
        'Cache-Control': `private, max-age=${Math.floor(this.maxAgeMs / 1000)}`,
        'X-Content-Type-Options': 'nosniff',
      },
      body: method === 'HEAD' ? new Uint8Array(0) : outcome.bytes,
    };
  }

  private async tile(tile: TileCoord): Promise<Outcome> {
    const key = `${tile.z}/${tile.x}/${tile.y}`;
    const cached = this.cache.get(key);
    if (cached && this.now() - cached.fetchedMs < this.maxAgeMs) {
      this.cache.delete(key);
      this.cache.set(key, cached);
      this.counts.cacheHits++;
      return cached;
    }
    const running = this.inFlight.get(key);
    if (running) {
      this.counts.cacheHits++;
      return running;
    }
    const pending = this.fetchTile(tile).finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, pending);
    const outcome = await pending;
    if (!('status' in outcome)) this.store(key, outcome);
    return outcome;
  }

  private async fetchTile(tile: TileCoord): Promise<Outcome> {
    const url = tileUrl(this.template, tile);
    // Cannot differ given the template check; kept so no future placeholder can move the host.
    if (new URL(url).origin !== this.origin) return this.error('upstream URL refused');
    this.counts.upstreamRequests++;
    try {
      const res = await this.fetchFn(url, {
        signal: AbortSignal.timeout(this.timeoutMs),
        // A redirect could lead to another origin: only the configured one is ever contacted.
        redirect: 'manual',
        headers: { Accept: [...RASTER_TILE_TYPES].join(', ') },
      });
      if (res.status === 404) {
        await res.body?.cancel();
        this.counts.upstreamNotFound++;
        return { status: 404, text: 'no such tile' };
      }
      if (res.status !== 200) {
        await res.body?.cancel();
        return this.error(`upstream status ${res.status}`);
      }
      const contentType = (res.headers.get('content-type') ?? '').split(';')[0]?.trim() ?? '';
      if (!RASTER_TILE_TYPES.has(contentType.toLowerCase())) {
        await res.body?.cancel();
        return this.error('upstream sent no image');
      }
      const bytes = await this.readCapped(res);
      if (!bytes) return this.error('upstream tile too large');
      return { bytes, contentType: contentType.toLowerCase(), fetchedMs: this.now() };
    } catch (err) {
      const timedOut = err instanceof DOMException && err.name === 'TimeoutError';
      return this.error(timedOut ? 'upstream timed out' : 'upstream unreachable');
    }
  }

  /** The whole body, or undefined once it passes maxTileBytes (the rest is not read). */
  private async readCapped(res: Response): Promise<Uint8Array<ArrayBuffer> | undefined> {
    if (!res.body) return new Uint8Array(0);
    const chunks: Uint8Array[] = [];
    let total = 0;
    const reader = res.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > this.maxTileBytes) {
        await reader.cancel();
        return undefined;
      }
      chunks.push(value);
    }
    const bytes = new Uint8Array(total);
    let at = 0;
    for (const c of chunks) {
      bytes.set(c, at);
      at += c.byteLength;
    }
    return bytes;
  }

  private error(text: string): Outcome {
    this.counts.upstreamErrors++;
    return { status: 502, text };
  }

  private store(key: string, tile: Tile): void {
    const old = this.cache.get(key);
    if (old) {
      this.cache.delete(key);
      this.cachedBytes -= old.bytes.byteLength;
    }
    if (tile.bytes.byteLength > this.maxBytes) return;
    this.cache.set(key, tile);
    this.cachedBytes += tile.bytes.byteLength;
    for (const [k, t] of this.cache) {
      if (this.cache.size <= this.maxTiles && this.cachedBytes <= this.maxBytes) break;
      this.cache.delete(k);
      this.cachedBytes -= t.bytes.byteLength;
    }
  }
}
