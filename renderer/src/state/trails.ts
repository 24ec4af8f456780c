import type { UnitsFrame } from '../../../shared/domain/units';

// Recent tracks per unit, kept on the client from the unitsFrame deltas: a fixed ring of samples per
// unit, so memory is count × capacity whatever the frame rate. Samples closer than minStepMs to
// the previous one are skipped: a 1 Hz stream would otherwise fill the ring in seconds, and a
// trail needs shape, not every fix (the live head is appended when drawing).

export const DEFAULT_TRAIL_WINDOW_MS = 10 * 60_000;
export const DEFAULT_TRAIL_STEP_MS = 10_000;

export interface TrailConfig {
  readonly windowMs: number;
  readonly minStepMs: number;
}

export interface TrailBuffer {
  readonly count: number;
  readonly capacity: number;
  readonly config: TrailConfig;
  // Float32 keeps ~1 m at these longitudes and halves the memory of the ring.
  readonly lon: Float32Array;
  readonly lat: Float32Array;
  readonly tsMs: Float64Array;
  /** Next slot to write, per unit. */
  readonly head: Uint32Array;
  /** Samples held, per unit (≤ capacity). */
  readonly size: Uint32Array;
  /** Time of each unit's newest sample, -Infinity before the first: one read per unit per frame. */
  readonly lastTsMs: Float64Array;
  /** Bumped whenever a sample is stored; drawing keys on it. */
  version: number;
}

export function trailCapacity(c: TrailConfig): number {
  return Math.max(2, Math.ceil(c.windowMs / Math.max(1, c.minStepMs)) + 1);
}

export function createTrails(
  count: number,
  config: TrailConfig = { windowMs: DEFAULT_TRAIL_WINDOW_MS, minStepMs: DEFAULT_TRAIL_STEP_MS },
): TrailBuffer {
  const capacity = trailCapacity(config);
  return {
    count,
    capacity,
    config,
    lon: new Float32Array(count * capacity),
    lat: new Float32Array(count * capacity),
    tsMs: new Float64Array(count * capacity),
    head: new Uint32Array(count),
    size: new Uint32Array(count),
    lastTsMs: new Float64Array(count).fill(-Infinity),
    version: 0,
  };
}

/** Stores one sample unless it is too close in time to the unit's last one. */
export function recordSample(
  b: TrailBuffer,
  i: number,
  lon: number,
  lat: number,
  tsMs: number,
): boolean {
  if (i >= b.count || !Number.isFinite(lon) || !Number.isFinite(lat) || !Number.isFinite(tsMs)) {
    return false;
  }
  if (tsMs < (b.lastTsMs[i] ?? -Infinity) + b.config.minStepMs) return false;
  const head = b.head[i] ?? 0;
  const at = i * b.capacity + head;
  b.lon[at] = lon;
  b.lat[at] = lat;
  b.tsMs[at] = tsMs;
  b.lastTsMs[i] = tsMs;
  b.head[i] = (head + 1) % b.capacity;
  b.size[i] = Math.min(b.capacity, (b.size[i] ?? 0) + 1);
  b.version++;
  return true;
}

/** Feeds a delta frame; units the frame has no position for are left alone. */
export function recordFrame(b: TrailBuffer, f: UnitsFrame): number {
  // Runs for every unit of every frame, and most units are inside their step: that test reads
  // one column and goes on, before any other work.
  const { idx, sampleTsMs } = f;
  const { lastTsMs, count } = b;
  const step = b.config.minStepMs;
  let stored = 0;
  for (let k = 0; k < idx.length; k++) {
    const i = idx[k] ?? count;
    const sampleTs = sampleTsMs[k] ?? NaN;
    const ts = Number.isFinite(sampleTs) ? sampleTs : f.tsMs;
    if (i >= count || ts < (lastTsMs[i] ?? -Infinity) + step) continue;
    if (recordSample(b, i, f.lon[k] ?? NaN, f.lat[k] ?? NaN, ts)) stored++;
  }
  return stored;
}

/** Ring position of unit i's oldest held sample: its k-th is at slot (oldest + k) % capacity. */
function oldestSlot(b: TrailBuffer, i: number): number {
  return ((b.head[i] ?? 0) + b.capacity - (b.size[i] ?? 0)) % b.capacity;
}

/** Paths packed for a binary PathLayer: one path per unit with ≥ 2 points. */
export interface TrailPaths {
  readonly length: number;
  readonly startIndices: Uint32Array;
  /** [lon, lat] per vertex. */
  readonly positions: Float64Array;
  /** [r, g, b, a] per vertex: the unit's colour, fading with age. */
  readonly colors: Uint8Array;
  /** Roster index of each path. */
  readonly unitIndex: Uint32Array;
}

export interface TrailDrawInput {
  readonly nowMs: number;
  readonly windowMs: number;
  /** Units to draw (1) or skip (0); all when left out. */
  readonly mask?: Uint8Array;
  /** [r, g, b, a] per unit. */
  readonly colors: Uint8Array;
  /** Live positions ([lon, lat] per unit) appended as each trail's head. */
  readonly head?: { readonly positions: Float64Array; readonly hasFix: Uint8Array };
}

const MIN_ALPHA = 30;
const MAX_ALPHA = 200;

/**
 * Packs the trails in two passes over the rings, counting and then writing straight into the
 * typed arrays: no array per vertex (10,000 units × up to capacity samples, every repack).
 */
export function trailPaths(b: TrailBuffer, input: TrailDrawInput): TrailPaths {
  const since = input.nowMs - input.windowMs;
  const { capacity, lon, lat, tsMs } = b;
  const h = input.head;
  // Per unit: samples inside the window, and whether the live head is appended (0 = no path).
  const kept = new Uint32Array(b.count);
  const withHead = new Uint8Array(b.count);
  let paths = 0;
  let vertices = 0;
  for (let i = 0; i < b.count; i++) {
    if (input.mask && input.mask[i] !== 1) continue;
    if ((input.colors[4 * i + 3] ?? 0) === 0) continue; // not drawn: no trail either
    const n = b.size[i] ?? 0;
    const start = oldestSlot(b, i);
    let count = 0;
    let last = -1;
    for (let k = 0; k < n; k++) {
      const at = i * capacity + ((start + k) % capacity);
      if ((tsMs[at] ?? 0) >= since) {
        count++;
        last = at;
      }
    }
    if (h && h.hasFix[i] === 1) {
      const headLon = h.positions[2 * i] ?? 0;
      const headLat = h.positions[2 * i + 1] ?? 0;
      // Float32 storage rounds: compare with a tolerance so a parked unit gets no zero-length tail.
      if (
        last < 0 ||
        Math.abs((lon[last] ?? 0) - headLon) > 1e-6 ||
        Math.abs((lat[last] ?? 0) - headLat) > 1e-6
      ) {
        withHead[i] = 1;
        count++;
      }
    }
    if (count < 2) continue;
    kept[i] = count;
    paths++;
    vertices += count;
  }
  const startIndices = new Uint32Array(paths);
  const positions = new Float64Array(2 * vertices);
  const colors = new Uint8Array(4 * vertices);
  const unitIndex = new Uint32Array(paths);
  let v = 0;
  let p = 0;
  const put = (unit: number, x: number, y: number, ts: number): void => {
    positions[2 * v] = x;
    positions[2 * v + 1] = y;
    const fresh = Math.min(1, Math.max(0, 1 - (input.nowMs - ts) / input.windowMs));
    colors[4 * v] = input.colors[4 * unit] ?? 0;
    colors[4 * v + 1] = input.colors[4 * unit + 1] ?? 0;
    colors[4 * v + 2] = input.colors[4 * unit + 2] ?? 0;
    colors[4 * v + 3] = Math.round(MIN_ALPHA + (MAX_ALPHA - MIN_ALPHA) * fresh);
    v++;
  };
  for (let i = 0; i < b.count; i++) {
    if (kept[i] === 0) continue;
    startIndices[p] = v;
    unitIndex[p] = i;
    p++;
    const n = b.size[i] ?? 0;
    const start = oldestSlot(b, i);
    for (let k = 0; k < n; k++) {
      const at = i * capacity + ((start + k) % capacity);
      const ts = tsMs[at] ?? 0;
      if (ts >= since) put(i, lon[at] ?? 0, lat[at] ?? 0, ts);
    }
    if (withHead[i] === 1 && h) {
      put(i, h.positions[2 * i] ?? 0, h.positions[2 * i + 1] ?? 0, input.nowMs);
    }
  }
  return { length: paths, startIndices, positions, colors, unitIndex };
}
