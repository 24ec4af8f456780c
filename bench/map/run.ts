// Runs the map benchmark: serves the built page on 127.0.0.1, drives it in Debian Chromium and
// counts main-thread time per update from Chromium's own task accounting (CDP Performance metrics).
//
// Counted per update, identically for every path: the renderer main thread's CPU time (CDP
// Performance.getMetrics TaskDuration, threadTicks domain) from just before the frame is handed to
// the path until its pixels are drawn — ours: decode + store.push, the animation-frame flush
// (applyFrames, buildLayers, MapLibreOverlay.setProps) and deck's redraw up to afterRender; naive:
// decode + GeoJSON build + setData (structured clone to the worker) and everything up to the map's
// next 'idle' (tile reload, bucket upload, redraw). Worker threads are not counted (main thread only).
// The 'noop' path (wait two animation frames) measures what the harness itself costs in a window.
import { createServer, type Server } from 'node:http';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';
import { chromium } from '@playwright/test';
import playwrightConfig from '../../playwright.config';
import {
  BENCH_PATHS,
  type BenchGlobals,
  type BenchPath,
  type FpsResult,
  type PageInfo,
  type UpdateResult,
} from './mapBenchProtocol';
import {
  fmt,
  markdownTable,
  metricDeltaMs,
  ratios,
  roundOrder,
  summarize,
  type CdpMetric,
} from './mapBenchStats';

const TARGET_RATIO = 0.1;

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : NaN;
  return Number.isFinite(v) ? v : fallback;
}

const units = arg('units', 10_000);
const warmup = arg('warmup', 10);
const measured = arg('rounds', 60);
/** Every path gets one update per round; a round lasts (at least) one second: 1 Hz per path. */
const roundMs = arg('round-ms', 1000);

const root = resolve(process.cwd(), 'bench-results/.build/map');
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.map': 'application/json',
};

function serve(): Promise<Server> {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = normalize(join(root, path === '/' ? 'index.html' : path));
    if (!file.startsWith(root)) {
      res.writeHead(403).end();
      return;
    }
    try {
      const body = readFileSync(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((r) => server.listen(0, '127.0.0.1', () => r(server)));
}

interface Sample extends UpdateResult {
  readonly round: number;
  readonly busyMs: number;
  readonly scriptMs: number;
  readonly fps: FpsResult;
}

async function main(): Promise<void> {
  const server = await serve();
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  const launchArgs = playwrightConfig.use?.launchOptions?.args ?? [];
  const browser = await chromium.launch({
    executablePath: process.env.MUSTER_CHROMIUM ?? '/usr/bin/chromium',
    args: launchArgs,
  });
  const blocked: string[] = [];
  const pageErrors: string[] = [];
  try {
    const context = await browser.newContext({ viewport: { width: 1600, height: 900 } });
    // The page must not reach past 127.0.0.1; anything else is refused and reported.
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(`${origin}/`)) return route.continue();
      blocked.push(url);
      return route.abort();
    });
    const page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') pageErrors.push(m.text());
    });
    await page.goto(`${origin}/index.html?units=${units}`);
    await page.waitForFunction(
      () => {
        const g = globalThis as unknown as BenchGlobals;
        return g.__mapBench !== undefined || g.__mapBenchError !== undefined;
      },
      undefined,
      { timeout: 120_000 },
    );
    const failure = await page.evaluate(
      () => (globalThis as unknown as BenchGlobals).__mapBenchError,
    );
    if (failure) throw new Error(`bench page failed: ${failure}`);
    const info = await page.evaluate((): PageInfo => {
      const api = (globalThis as unknown as BenchGlobals).__mapBench;
      if (!api) throw new Error('no bench api');
      return api.info();
    });

    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
    const metrics = async (): Promise<CdpMetric[]> =>
      (await cdp.send('Performance.getMetrics')).metrics;

    const slotMs = roundMs / BENCH_PATHS.length;
    const samples: Sample[] = [];
    const total = warmup + measured;
    for (let round = 0; round < total; round++) {
      const roundStart = Date.now();
      await page.evaluate((seq) => {
        (globalThis as unknown as BenchGlobals).__mapBench?.prepare(seq);
      }, round + 1);
      for (const path of roundOrder<BenchPath>(BENCH_PATHS, round)) {
        const before = await metrics();
        const result = await page.evaluate((p): Promise<UpdateResult> => {
          const api = (globalThis as unknown as BenchGlobals).__mapBench;
          if (!api) throw new Error('no bench api');
          return api.update(p);
        }, path);
        const after = await metrics();
        const fps = await page.evaluate(
          ([startMs, windowMs]): Promise<FpsResult> => {
            const api = (globalThis as unknown as BenchGlobals).__mapBench;
            if (!api) throw new Error('no bench api');
            return api.fpsSince(startMs, windowMs);
          },
          [result.startMs, slotMs] as const,
        );
        samples.push({
          ...result,
          round,
          busyMs: metricDeltaMs(before, after, 'TaskDuration'),
          scriptMs: metricDeltaMs(before, after, 'ScriptDuration'),
          fps,
        });
      }
      const rest = roundStart + roundMs - Date.now();
      if (rest > 0) await new Promise((r) => setTimeout(r, rest));
      if ((round + 1) % 10 === 0) process.stderr.write(`  round ${round + 1}/${total}\n`);
    }

    const kept = samples.filter((s) => s.round >= warmup);
    const of = (p: BenchPath) => kept.filter((s) => s.path === p);
    const stat = (p: BenchPath, f: (s: Sample) => number) => summarize(of(p).map(f));
    const busy = Object.fromEntries(
      BENCH_PATHS.map((p) => [p, stat(p, (s) => s.busyMs)]),
    ) as Record<BenchPath, ReturnType<typeof summarize>>;
    const rows: string[][] = [
      [
        'path',
        'updates',
        'main-thread ms p50',
        'p95',
        'mean',
        'sync JS ms p50',
        'to drawn ms p50',
        'FPS mean (info)',
      ],
    ];
    const label: Record<BenchPath, string> = {
      ours: 'ours: frame → unitsStore → deck.gl binary attributes',
      naive: 'naive: GeoJSON FeatureCollection → setData',
      noop: 'harness baseline (no update, 2 frames)',
      redraw: 'floor: same deck.gl layers redrawn, no data',
    };
    for (const p of BENCH_PATHS) {
      rows.push([
        label[p],
        String(busy[p].n),
        fmt(busy[p].p50),
        fmt(busy[p].p95),
        fmt(busy[p].mean),
        fmt(stat(p, (s) => s.syncMs).p50),
        fmt(stat(p, (s) => s.renderedMs).p50),
        fmt(stat(p, (s) => s.fps.fps).mean, 1),
      ]);
    }
    const r = ratios(busy.ours, busy.naive);
    const net = ratios(
      summarize(of('ours').map((s) => s.busyMs - busy.noop.p50)),
      summarize(of('naive').map((s) => s.busyMs - busy.noop.p50)),
    );
    const met = r.p50 <= TARGET_RATIO && r.mean <= TARGET_RATIO;
    const floor = ratios(busy.redraw, busy.naive);
    const lines = [
      `Map benchmark: ${info.units} units, every unit moves every second; ${measured} measured rounds after ${warmup} warm-up, each path once per round, order rotated`,
      `Chromium: ${info.userAgent}`,
      `WebGL: ${info.webgl}; viewport ${info.viewport.join('×')}, zoom ${info.zoom}`,
      '',
      markdownTable(rows),
      '',
      `ratio ours/naive (main-thread ms): p50 ${fmt(r.p50, 3)}, mean ${fmt(r.mean, 3)} — target ≤ ${TARGET_RATIO}: ${met ? 'met' : 'NOT met'}`,
      `(with the harness baseline p50 subtracted from both: p50 ${fmt(net.p50, 3)}, mean ${fmt(net.mean, 3)})`,
      `floor: one deck.gl frame with no data change / naive: p50 ${fmt(floor.p50, 3)}, mean ${fmt(floor.mean, 3)} — ours cannot go below it on this renderer`,
      `requests outside 127.0.0.1: ${blocked.length}; page errors: ${pageErrors.length}`,
    ];
    console.log(lines.join('\n'));
    for (const e of pageErrors.slice(0, 5)) console.log(`  page error: ${e}`);

    mkdirSync('bench-results', { recursive: true });
    const out = `bench-results/map-${new Date().toISOString().replace(/[:.]/g, '-')}.json`;
    writeFileSync(
      out,
      JSON.stringify(
        {
          at: new Date().toISOString(),
          counted:
            'renderer main-thread CPU ms (CDP Performance TaskDuration, threadTicks) from hand-over until drawn',
          config: { units, warmup, measured, roundMs, launchArgs },
          info,
          summary: {
            busy,
            ratio: r,
            ratioNetOfBaseline: net,
            floorRatio: floor,
            targetRatio: TARGET_RATIO,
            met,
          },
          blocked,
          pageErrors,
          samples,
        },
        null,
        2,
      ),
    );
    console.log(`raw: ${out}`);
  } finally {
    await browser.close();
    server.close();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
