import {
  LIVENESS,
  UNIT_KINDS,
  type Liveness,
  type UnitKind,
  type UnitSnapshot,
  type UnitsFrame,
} from '../../../shared/domain/units';
import { unitColor } from './unitColors';
import { createListeners } from './listeners';

/**
 * Live units as columns, laid out for deck.gl binary attributes. Index i is the unit's position in
 * the roster order of getUnits(), which is what UnitsFrame.idx points into.
 *
 * A unit without a fix yet keeps lon/lat 0,0 and a transparent colour: NaN positions are undefined
 * behaviour on the GPU, a transparent point far away is not.
 */
export interface UnitsState {
  /** Bumped by every init and every applied batch; layers key their updateTriggers on it. */
  readonly version: number;
  readonly count: number;
  /** Stable per roster: [0, 1, … count-1], the data array of per-unit accessor layers. */
  readonly order: readonly number[];
  readonly ids: readonly string[];
  readonly callsigns: readonly string[];
  readonly kinds: readonly UnitKind[];
  /** Index into LIVENESS. */
  readonly liveness: Uint8Array;
  /** 1 once a position has been reported. */
  readonly hasFix: Uint8Array;
  /** [lon0, lat0, lon1, lat1, …] */
  readonly positions: Float64Array;
  /** [r, g, b, a] per unit: hue by kind, dimmed/grey by liveness, transparent without a fix. */
  readonly fillColors: Uint8Array;
  /** NaN = not known. */
  readonly headingDeg: Float32Array;
  readonly speedKmh: Float32Array;
  readonly batteryPct: Float32Array;
  readonly sampleTsMs: Float64Array;
  readonly lastSeq: number | undefined;
}

const LIVENESS_INDEX: Readonly<Record<Liveness, number>> = Object.fromEntries(
  LIVENESS.map((l, i) => [l, i]),
) as Record<Liveness, number>;

export function livenessAt(s: UnitsState, i: number): Liveness {
  return LIVENESS[s.liveness[i] ?? 0] ?? 'unknown';
}

export function initUnits(snapshots: readonly UnitSnapshot[], version = 0): UnitsState {
  const n = snapshots.length;
  const state: UnitsState = {
    version,
    count: n,
    order: Array.from({ length: n }, (_, i) => i),
    ids: snapshots.map((s) => s.unit.id),
    callsigns: snapshots.map((s) => s.unit.callsign),
    kinds: snapshots.map((s) => s.unit.kind),
    liveness: new Uint8Array(n),
    hasFix: new Uint8Array(n),
    positions: new Float64Array(2 * n),
    fillColors: new Uint8Array(4 * n),
    headingDeg: new Float32Array(n).fill(NaN),
    speedKmh: new Float32Array(n).fill(NaN),
    batteryPct: new Float32Array(n).fill(NaN),
    sampleTsMs: new Float64Array(n).fill(NaN),
    lastSeq: undefined,
  };
  snapshots.forEach((s, i) => {
    state.liveness[i] = LIVENESS_INDEX[s.liveness] ?? 0;
    const last = s.last;
    if (last && Number.isFinite(last.lon) && Number.isFinite(last.lat)) {
      state.positions[2 * i] = last.lon;
      state.positions[2 * i + 1] = last.lat;
      state.hasFix[i] = 1;
      state.sampleTsMs[i] = last.tsMs;
      state.headingDeg[i] = last.headingDeg ?? NaN;
      state.speedKmh[i] = last.speedKmh ?? NaN;
      state.batteryPct[i] = last.batteryPct ?? NaN;
    }
    paint(state, i);
  });
  return state;
}

/** Applies one delta frame: only the units listed in frame.idx change. The input is not mutated. */
export function applyFrame(state: UnitsState, frame: UnitsFrame): UnitsState {
  return applyFrames(state, [frame]);
}

/** Applies frames in order with a single copy of the columns and a single version bump. */
export function applyFrames(state: UnitsState, frames: readonly UnitsFrame[]): UnitsState {
  if (frames.length === 0) return state;
  const next: UnitsState = {
    ...state,
    version: state.version + 1,
    liveness: state.liveness.slice(),
    hasFix: state.hasFix.slice(),
    positions: state.positions.slice(),
    fillColors: state.fillColors.slice(),
    headingDeg: state.headingDeg.slice(),
    speedKmh: state.speedKmh.slice(),
    batteryPct: state.batteryPct.slice(),
    sampleTsMs: state.sampleTsMs.slice(),
    lastSeq: frames[frames.length - 1]?.seq,
  };
  for (const f of frames) writeFrame(next, f);
  return next;
}

// NaN in a frame column means "not reported in this frame": the previous value stands.
function writeFrame(s: UnitsState, f: UnitsFrame): void {
  for (let k = 0; k < f.idx.length; k++) {
    // Columns are all idx.length long (frameCodec guarantees it); `??` only satisfies the checker.
    const i = f.idx[k] ?? s.count;
    // A frame from a roster this renderer has not loaded yet: skip, the next getUnits() resyncs.
    if (i >= s.count) continue;
    const lon = f.lon[k] ?? NaN;
    const lat = f.lat[k] ?? NaN;
    if (Number.isFinite(lon) && Number.isFinite(lat)) {
      s.positions[2 * i] = lon;
      s.positions[2 * i + 1] = lat;
      s.hasFix[i] = 1;
    }
    keepIfNaN(s.sampleTsMs, i, f.sampleTsMs[k] ?? NaN);
    keepIfNaN(s.headingDeg, i, f.headingDeg[k] ?? NaN);
    keepIfNaN(s.speedKmh, i, f.speedKmh[k] ?? NaN);
    keepIfNaN(s.batteryPct, i, f.batteryPct[k] ?? NaN);
    const l = f.liveness[k] ?? LIVENESS.length;
    if (l < LIVENESS.length) s.liveness[i] = l;
    paint(s, i);
  }
}

function keepIfNaN(col: Float32Array | Float64Array, i: number, v: number): void {
  if (!Number.isNaN(v)) col[i] = v;
}

function paint(s: UnitsState, i: number): void {
  const kind = s.kinds[i] ?? UNIT_KINDS[0];
  const [r, g, b, a] = unitColor(kind, livenessAt(s, i));
  s.fillColors.set([r, g, b, s.hasFix[i] ? a : 0], 4 * i);
}

export function countByLiveness(s: UnitsState): Record<Liveness, number> {
  const out = Object.fromEntries(LIVENESS.map((l) => [l, 0])) as Record<Liveness, number>;
  for (let i = 0; i < s.count; i++) out[livenessAt(s, i)]++;
  return out;
}

/** A tiny external store for useSyncExternalStore. */
export interface UnitsStore {
  subscribe(listener: () => void): () => void;
  getSnapshot(): UnitsState;
  /** Replaces the roster (first load, or a resync after reconnecting). */
  reset(snapshots: readonly UnitSnapshot[]): void;
  /** Queues a frame; queued frames are applied together at the next scheduled flush. */
  push(frame: UnitsFrame): void;
}

/** How many frames may queue while the page is hidden (no animation frames) before folding. */
const MAX_QUEUED_FRAMES = 32;

/**
 * `schedule` is requestAnimationFrame in the page: frames arriving between two paints are applied
 * in one batch, so deck.gl sees at most one update per animation frame.
 */
export function createUnitsStore(schedule: (flush: () => void) => void): UnitsStore {
  let state = initUnits([]);
  let queued: UnitsFrame[] = [];
  let scheduled = false;
  /** State changed (a folded backlog) without listeners having been told yet. */
  let unseen = false;
  const listeners = createListeners();

  const notify = (): void => {
    listeners.notify();
  };
  const flush = (): void => {
    scheduled = false;
    if (queued.length > 0) {
      state = applyFrames(state, queued);
      queued = [];
      unseen = true;
    }
    if (!unseen) return;
    unseen = false;
    notify();
  };

  return {
    subscribe: listeners.subscribe,
    getSnapshot: () => state,
    reset(snapshots) {
      // Frames queued against the old roster may index differently: drop them.
      queued = [];
      state = initUnits(snapshots, state.version + 1);
      unseen = false;
      notify();
    },
    push(frame) {
      queued.push(frame);
      if (queued.length >= MAX_QUEUED_FRAMES) {
        // A hidden page gets no animation frames; keep memory bounded by folding the backlog.
        state = applyFrames(state, queued);
        queued = [];
        unseen = true;
      }
      if (!scheduled) {
        scheduled = true;
        schedule(flush);
      }
    },
  };
}
