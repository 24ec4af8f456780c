// The map benchmark page: the renderer's real units path (binary frame → typed-array store →
// deck.gl binary attributes through MapLibreOverlay) against a naive MapLibre GeoJSON setData of
// the same 10,000 points, in one page. The Node runner (run.ts) drives it and does the timing.
// Named .mts: it is browser code, type-checked by bench/map/tsconfig.json (DOM), not by the Node one.
import { Layer, type LayersList } from '@deck.gl/core';
import { MapLibreOverlay } from '@deck.gl/maplibre';
import * as maplibregl from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { decodeFrame, encodeFrame } from '../../shared/contract/frameCodec';
import {
  LIVENESS,
  UNIT_KINDS,
  type UnitKind,
  type UnitSnapshot,
  type UnitsFrame,
} from '../../shared/domain/units';
import { unitIconAtlas } from '../../renderer/src/map/unitIconAtlas';
import type { MapToolsData } from '../../renderer/src/map/unitLayers';
import {
  createUnitFill,
  unitsFrameLayers,
  type MapInputs,
} from '../../renderer/src/map/unitsFrameLayers';
import { createTrails, recordFrame } from '../../renderer/src/state/trails';
import { baseStyle } from '../../renderer/src/map/regionStyle';
import { cssColor, unitColor } from '../../renderer/src/state/unitColors';
import { createUnitsStore } from '../../renderer/src/state/unitsStore';
import type {
  BenchGlobals,
  BenchPath,
  FpsResult,
  MapBenchApi,
  PageInfo,
  UpdateResult,
} from './mapBenchProtocol';

maplibregl.setWorkerUrl(workerUrl);

const UNITS = Number(new URLSearchParams(location.search).get('units') ?? 10_000);
/** Kaihua county seat; the units spread over roughly the county. */
const CENTER: [number, number] = [118.41, 29.14];
const SPREAD_DEG: [number, number] = [0.25, 0.2];
/** Below CALLSIGN_MIN_ZOOM, as the county view is: the naive path has no labels either. */
const ZOOM = 10;
const NAIVE_SOURCE = 'bench-naive-units';
const RENDER_TIMEOUT_MS = 20_000;

const globals = globalThis as unknown as BenchGlobals;

/** Deterministic so every run moves the same units the same way. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The simulated fleet: every unit moves every second at 20–60 km/h, bouncing inside the box. */
function createFleet(n: number) {
  const rnd = mulberry32(20261124);
  const kinds: UnitKind[] = Array.from(
    { length: n },
    (_, i) => UNIT_KINDS[i % UNIT_KINDS.length] ?? 'patrol-car',
  );
  const lon = new Float64Array(n);
  const lat = new Float64Array(n);
  const dLon = new Float64Array(n);
  const dLat = new Float64Array(n);
  const heading = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    lon[i] = CENTER[0] + (rnd() * 2 - 1) * SPREAD_DEG[0];
    lat[i] = CENTER[1] + (rnd() * 2 - 1) * SPREAD_DEG[1];
    const speedDegPerS = ((20 + rnd() * 40) / 3.6 / 111_000) * 1;
    const dir = rnd() * 2 * Math.PI;
    dLon[i] = speedDegPerS * Math.cos(dir);
    dLat[i] = speedDegPerS * Math.sin(dir);
  }
  const snapshots: UnitSnapshot[] = kinds.map((kind, i) => ({
    unit: {
      id: `u${i}`,
      callsign: `U${i}`,
      kind,
      stationId: 's0',
      deviceId: `d${i}`,
      modules: [],
      persons: 2,
    },
    liveness: 'online',
    last: undefined,
  }));
  const online = LIVENESS.indexOf('online');
  const step = (seq: number, tsMs: number): UnitsFrame => {
    for (let i = 0; i < n; i++) {
      // Typed arrays of length n: `?? 0` only satisfies the checker.
      let vx = dLon[i] ?? 0;
      let vy = dLat[i] ?? 0;
      const x = lon[i] ?? 0;
      const y = lat[i] ?? 0;
      if (Math.abs(x + vx - CENTER[0]) > SPREAD_DEG[0]) vx = dLon[i] = -vx;
      if (Math.abs(y + vy - CENTER[1]) > SPREAD_DEG[1]) vy = dLat[i] = -vy;
      lon[i] = x + vx;
      lat[i] = y + vy;
      heading[i] = ((Math.atan2(vx, vy) * 180) / Math.PI + 360) % 360;
    }
    return {
      seq,
      tsMs,
      idx: Uint32Array.from({ length: n }, (_, i) => i),
      sampleTsMs: new Float64Array(n).fill(tsMs),
      lon: lon.slice(),
      lat: lat.slice(),
      // Units report their heading, as the simulator's do: icons turn (and get a nose) with it.
      headingDeg: heading.slice(),
      speedKmh: new Float32Array(n).fill(NaN),
      batteryPct: new Float32Array(n).fill(NaN),
      altM: new Float32Array(n).fill(NaN),
      liveness: new Uint8Array(n).fill(online),
    };
  };
  return { kinds, snapshots, step };
}

/** The naive renderer's work on receipt: one GeoJSON feature per unit, all of them, every time. */
function featureCollection(frame: UnitsFrame, kinds: readonly UnitKind[]) {
  const features = new Array<GeoJSON.Feature<GeoJSON.Point>>(frame.idx.length);
  for (let k = 0; k < frame.idx.length; k++) {
    const i = frame.idx[k] ?? 0;
    features[k] = {
      type: 'Feature',
      properties: { kind: kinds[i], liveness: LIVENESS[frame.liveness[k] ?? 0] },
      geometry: { type: 'Point', coordinates: [frame.lon[k] ?? 0, frame.lat[k] ?? 0] },
    };
  }
  return { type: 'FeatureCollection' as const, features };
}

function naiveColorExpression(): maplibregl.ExpressionSpecification {
  const pairs = UNIT_KINDS.flatMap((k) => [k, cssColor(unitColor(k, 'online'))]);
  return [
    'match',
    ['get', 'kind'],
    ...pairs,
    '#888888',
  ] as unknown as maplibregl.ExpressionSpecification;
}

const nextFrame = (): Promise<number> => new Promise((r) => requestAnimationFrame(r));

function withTimeout<T>(p: Promise<T>, what: string): Promise<T> {
  return Promise.race([
    p,
    new Promise<T>((_, reject) =>
      setTimeout(() => reject(new Error(`${what}: timed out`)), RENDER_TIMEOUT_MS),
    ),
  ]);
}

async function main(): Promise<void> {
  const container = document.createElement('div');
  container.style.cssText = 'position:absolute;inset:0';
  document.body.style.margin = '0';
  document.body.appendChild(container);

  const fleet = createFleet(UNITS);
  const map = new maplibregl.Map({
    container,
    style: baseStyle(),
    attributionControl: false,
    renderWorldCopies: false,
    center: CENTER,
    zoom: ZOOM,
  });

  // Resolved by deck's afterRender once a units update has been handed to it.
  let afterUnitsRender: (() => void) | undefined;
  let unitsHandedOver = false;
  const overlay = new MapLibreOverlay({
    interleaved: false,
    layers: [],
    onAfterRender: () => {
      if (!unitsHandedOver) return;
      unitsHandedOver = false;
      afterUnitsRender?.();
    },
  });
  map.addControl(overlay);

  // As MapView does: the store coalesces per animation frame, its listener draws the console's
  // layer stack (icons, trails, drone marks, tools) through unitsFrameLayers, then one setProps.
  const store = createUnitsStore((flush) => requestAnimationFrame(flush));
  // MapTools feeds its trail ring from every frame (repacked for drawing on a 2 s timer, which is
  // not per-frame work and is left out; the trails layer is not drawn here for the same reason).
  const trails = createTrails(UNITS, { windowMs: 30 * 60_000, minStepMs: 15_000 });
  const tools: MapToolsData = { maskVersion: 0, measure: [] };
  const inputs: MapInputs = {
    region: undefined,
    places: [],
    lang: 'zh-CN',
    zoom: ZOOM,
    tools,
    atlas: unitIconAtlas(document),
  };
  const fill = createUnitFill();
  let lastFlushMs = 0;
  let lastLayers: LayersList = [];
  store.subscribe(() => {
    const t0 = performance.now();
    const s = store.getSnapshot();
    lastLayers = unitsFrameLayers(s, inputs, fill(s, inputs));
    overlay.setProps({ layers: lastLayers });
    unitsHandedOver = true;
    lastFlushMs = performance.now() - t0;
  });

  await new Promise<void>((r) => map.once('load', () => r()));
  map.addSource(NAIVE_SOURCE, {
    type: 'geojson',
    data: { type: 'FeatureCollection', features: [] },
  });
  map.addLayer({
    id: NAIVE_SOURCE,
    type: 'circle',
    source: NAIVE_SOURCE,
    paint: {
      'circle-radius': 6,
      'circle-color': naiveColorExpression(),
      'circle-stroke-width': 1.5,
      'circle-stroke-color': 'rgba(2, 6, 14, 0.86)',
    },
  });
  const naiveSource = map.getSource(NAIVE_SOURCE) as maplibregl.GeoJSONSource;

  // Animation frames, for the information-only FPS figure.
  const frameTimes: number[] = [];
  const countFrames = (t: number): void => {
    frameTimes.push(t);
    if (frameTimes.length > 4096) frameTimes.splice(0, 2048);
    requestAnimationFrame(countFrames);
  };
  requestAnimationFrame(countFrames);

  let pending: ArrayBuffer | undefined;
  let pendingSeq = 0;
  const prepare = (seq: number): void => {
    pending = encodeFrame(fleet.step(seq, Date.now()));
    pendingSeq = seq;
  };

  const ours = async (buf: ArrayBuffer): Promise<Omit<UpdateResult, 'path' | 'seq'>> => {
    const rendered = new Promise<void>((r) => (afterUnitsRender = r));
    const startMs = performance.now();
    const frame = decodeFrame(buf);
    store.push(frame);
    recordFrame(trails, frame);
    const syncMs = performance.now() - startMs;
    await withTimeout(rendered, 'deck render');
    return { syncMs, flushMs: lastFlushMs, renderedMs: performance.now() - startMs, startMs };
  };

  const naive = async (buf: ArrayBuffer): Promise<Omit<UpdateResult, 'path' | 'seq'>> => {
    const startMs = performance.now();
    const updated = naiveSource.setData(featureCollection(decodeFrame(buf), fleet.kinds));
    const syncMs = performance.now() - startMs;
    // setData resolves once the worker holds the data; the tiles are then reloaded and drawn, and
    // 'idle' is the first frame after which nothing is loading or left to paint.
    await withTimeout(updated, 'setData');
    await withTimeout(new Promise<void>((r) => map.once('idle', () => r())), 'map idle');
    return { syncMs, flushMs: NaN, renderedMs: performance.now() - startMs, startMs };
  };

  const noop = async (): Promise<Omit<UpdateResult, 'path' | 'seq'>> => {
    const startMs = performance.now();
    await nextFrame();
    await nextFrame();
    return { syncMs: 0, flushMs: NaN, renderedMs: performance.now() - startMs, startMs };
  };

  // The floor: every layer of the last units frame drawn again, nothing to upload but a uniform.
  let nudged = false;
  const redraw = async (): Promise<Omit<UpdateResult, 'path' | 'seq'>> => {
    const rendered = new Promise<void>((r) => (afterUnitsRender = r));
    const startMs = performance.now();
    nudged = !nudged;
    const layers = (lastLayers as unknown[])
      .flat(Infinity)
      .filter((l): l is Layer => l instanceof Layer)
      .map((l) => l.clone({ opacity: nudged ? 0.999 : 1 }));
    overlay.setProps({ layers });
    unitsHandedOver = true;
    const syncMs = performance.now() - startMs;
    await withTimeout(rendered, 'deck redraw');
    return { syncMs, flushMs: NaN, renderedMs: performance.now() - startMs, startMs };
  };

  const update = async (path: BenchPath): Promise<UpdateResult> => {
    const buf = pending;
    if (!buf) throw new Error('prepare() first');
    const run: Record<BenchPath, () => Promise<Omit<UpdateResult, 'path' | 'seq'>>> = {
      ours: () => ours(buf),
      naive: () => naive(buf),
      noop,
      redraw,
    };
    return { path, seq: pendingSeq, ...(await run[path]()) };
  };

  // The window runs to the next path's start: at least minWindowMs, longer when the path took
  // longer to draw, so the frames its own drawing delayed are in its figure.
  const fpsSince = async (startMs: number, minWindowMs: number): Promise<FpsResult> => {
    const waitMs = startMs + minWindowMs - performance.now();
    if (waitMs > 0) await new Promise((r) => setTimeout(r, waitMs));
    const endMs = performance.now();
    const frames = frameTimes.filter((t) => t >= startMs && t < endMs).length;
    return { frames, windowMs: endMs - startMs, fps: (frames * 1000) / (endMs - startMs) };
  };

  // Both layers start with the full fleet in place, so the first timed update is a move, not a load.
  store.reset(fleet.snapshots);
  prepare(0);
  await update('ours');
  await update('naive');

  const gl = document.createElement('canvas').getContext('webgl2');
  const dbg = gl?.getExtension('WEBGL_debug_renderer_info');
  const info: PageInfo = {
    units: UNITS,
    webgl: gl ? String(gl.getParameter(dbg ? dbg.UNMASKED_RENDERER_WEBGL : gl.RENDERER)) : 'none',
    userAgent: navigator.userAgent,
    viewport: [innerWidth, innerHeight],
    zoom: map.getZoom(),
  };
  const api: MapBenchApi = { info: () => info, prepare, update, fpsSince };
  globals.__mapBench = api;
}

main().catch((e: unknown) => {
  globals.__mapBenchError = e instanceof Error ? (e.stack ?? e.message) : String(e);
});
