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
 *
 * The store (createUnitsStore) writes the columns IN PLACE and publishes a new state object per
 * batch: at 10,000 units a copy of every column per frame was most of the renderer's garbage. So a
 * column's identity says nothing about its content; read the versions below instead. The pure
 * applyFrame/applyFrames copy, for callers that need the old state intact.
 */
export interface UnitsState {
  /** Bumped by every init and every applied batch; layers key their updateTriggers on it. */
  readonly version: number;
  /** Bumped when a batch changed any fillColors byte (liveness, first fix); init sets it anew. */
  readonly colorVersion: number;
  /** Bumped when a batch changed any heading. */
  readonly headingVersion: number;
  /** Units with a known heading; a unit never loses it again (NaN keeps the last). */
  readonly knownHeadings: number;
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
  /**
   * The same positions in float32, for the GPU: a Float64Array makes deck.gl split every value
   * into high/low parts in a fresh array per update. Float32 keeps < 1 m here (ulp ≈ 7.6e-6° of
   * longitude), well inside a GPS fix's error.
   */
  readonly positions32: Float32Array;
  /** [r, g, b, a] per unit: hue by kind, dimmed/grey by liveness, transparent without a fix. */
  readonly fillColors: Uint8Array;
  /** NaN = not known. */
  readonly headingDeg: Float32Array;
  readonly speedKmh: Float32Array;
  readonly batteryPct: Float32Array;
  /** Drones: metres above ground; NaN = not reported. */
  readonly altM: Float32Array;
  readonly sampleTsMs: Float64Array;
  readonly lastSeq: number | undefined;
}

const LIVENESS_INDEX: Readonly<Record<Liveness, number>> = Object.fromEntries(
  LIVENESS.map((l, i) => [l, i]),
) as Record<Liveness, number>;

// Every (kind, liveness) colour, computed once: painting a unit is then four byte copies.
const PALETTE = new Uint8Array(UNIT_KINDS.length * LIVENESS.length * 4);
UNIT_KINDS.forEach((kind, k) =>
  LIVENESS.forEach((l, li) => PALETTE.set(unitColor(kind, l), 4 * (k * LIVENESS.length + li))),
);
const KIND_INDEX: Readonly<Record<UnitKind, number>> = Object.fromEntries(
  UNIT_KINDS.map((k, i) => [k, i]),
) as Record<UnitKind, number>;

export function livenessAt(s: UnitsState, i: number): Liveness {
  return LIVENESS[s.liveness[i] ?? 0] ?? 'unknown';
}

let versionSeed = 0;

export function initUnits(snapshots: readonly UnitSnapshot[], version = 0): UnitsState {
  const n = snapshots.length;
  // Colour and heading versions come from one module counter, so no state ever repeats an earlier
  // state's (a new roster included): layers key their updates on these numbers alone.
  versionSeed++;
  const state: UnitsState = {
    version,
    colorVersion: versionSeed,
    headingVersion: versionSeed,
    knownHeadings: 0,
    count: n,
    order: Array.from({ length: n }, (_, i) => i),
    ids: snapshots.map((s) => s.unit.id),
    callsigns: snapshots.map((s) => s.unit.callsign),
    kinds: snapshots.map((s) => s.unit.kind),
    liveness: new Uint8Array(n),
    hasFix: new Uint8Array(n),
    positions: new Float64Array(2 * n),
    positions32: new Float32Array(2 * n),
    fillColors: new Uint8Array(4 * n),
    headingDeg: new Float32Array(n).fill(NaN),
    speedKmh: new Float32Array(n).fill(NaN),
    batteryPct: new Float32Array(n).fill(NaN),
    altM: new Float32Array(n).fill(NaN),
    sampleTsMs: new Float64Array(n).fill(NaN),
    lastSeq: undefined,
  };
  let known = 0;
  snapshots.forEach((s, i) => {
    state.liveness[i] = LIVENESS_INDEX[s.liveness] ?? 0;
    const last = s.last;
    if (last && Number.isFinite(last.lon) && Number.isFinite(last.lat)) {
      state.positions[2 * i] = state.positions32[2 * i] = last.lon;
      state.positions[2 * i + 1] = state.positions32[2 * i + 1] = last.lat;
      state.hasFix[i] = 1;
      state.sampleTsMs[i] = last.tsMs;
      state.headingDeg[i] = last.headingDeg ?? NaN;
      state.speedKmh[i] = last.speedKmh ?? NaN;
      state.batteryPct[i] = last.batteryPct ?? NaN;
      state.altM[i] = last.altM ?? NaN;
      if (Number.isFinite(state.headingDeg[i] ?? NaN)) known++;
    }
    paint(state, i);
  });
  return { ...state, knownHeadings: known };
}

/** Applies one delta frame: only the units listed in frame.idx change. The input is not mutated. */
export function applyFrame(state: UnitsState, frame: UnitsFrame): UnitsState {
  return applyFrames(state, [frame]);
}

/** Applies frames in order with a single copy of the columns and a single version bump. */
export function applyFrames(state: UnitsState, frames: readonly UnitsFrame[]): UnitsState {
  if (frames.length === 0) return state;
  const copy: UnitsState = {
    ...state,
    liveness: state.liveness.slice(),
    hasFix: state.hasFix.slice(),
    positions: state.positions.slice(),
    positions32: state.positions32.slice(),
    fillColors: state.fillColors.slice(),
    headingDeg: state.headingDeg.slice(),
    speedKmh: state.speedKmh.slice(),
    batteryPct: state.batteryPct.slice(),
    altM: state.altM.slice(),
    sampleTsMs: state.sampleTsMs.slice(),
  };
  return applyFramesInPlace(copy, frames);
}

/**
 * Applies frames in order by writing into the state's own columns (no allocation but the returned
 * state object), with a single version bump. The input state's columns change with it.
 */
export function applyFramesInPlace(state: UnitsState, frames: readonly UnitsFrame[]): UnitsState {
  if (frames.length === 0) return state;
  const changes: Changes = { colors: false, headings: false, known: state.knownHeadings };
  for (const f of frames) writeFrame(state, f, changes);
  return {
    ...state,
    version: state.version + 1,
    colorVersion: changes.colors ? ++versionSeed : state.colorVersion,
    headingVersion: changes.headings ? ++versionSeed : state.headingVersion,
    knownHeadings: changes.known,
    lastSeq: frames[frames.length - 1]?.seq,
  };
}

interface Changes {
  colors: boolean;
  headings: boolean;
  known: number;
}

// NaN in a frame column means "not reported in this frame": the previous value stands.
// Every column is read into a local first: this loop runs for every unit of every frame (10,000 at
// 1 Hz and more), and property loads off the state and frame objects were most of its time.
function writeFrame(s: UnitsState, f: UnitsFrame, changes: Changes): void {
  const { count, positions, positions32, hasFix, headingDeg, liveness } = s;
  const { sampleTsMs, speedKmh, batteryPct, altM } = s;
  const { idx } = f;
  const fLon = f.lon;
  const fLat = f.lat;
  const fTs = f.sampleTsMs;
  const fHeading = f.headingDeg;
  const fSpeed = f.speedKmh;
  const fBattery = f.batteryPct;
  const fAlt = f.altM;
  const fLiveness = f.liveness;
  const livenessCount = LIVENESS.length;
  for (let k = 0; k < idx.length; k++) {
    // Columns are all idx.length long (frameCodec guarantees it); `??` only satisfies the checker.
    const i = idx[k] ?? count;
    // A frame from a roster this renderer has not loaded yet: skip, the next getUnits() resyncs.
    if (i >= count) continue;
    const lon = fLon[k] ?? NaN;
    const lat = fLat[k] ?? NaN;
    let repaint = false;
    if (Number.isFinite(lon) && Number.isFinite(lat)) {
      positions[2 * i] = positions32[2 * i] = lon;
      positions[2 * i + 1] = positions32[2 * i + 1] = lat;
      if (hasFix[i] !== 1) {
        hasFix[i] = 1;
        repaint = true;
      }
    }
    const ts = fTs[k] ?? NaN;
    if (ts === ts) sampleTsMs[i] = ts; // `v === v`: not NaN, without a call per column
    const h = fHeading[k] ?? NaN;
    if (h === h) {
      const was = headingDeg[i] ?? NaN;
      headingDeg[i] = h;
      // Compare as stored (float32), so an unchanged heading is no change.
      if (!(headingDeg[i] === was)) {
        changes.headings = true;
        if (was !== was) changes.known++;
      }
    }
    const speed = fSpeed[k] ?? NaN;
    if (speed === speed) speedKmh[i] = speed;
    const battery = fBattery[k] ?? NaN;
    if (battery === battery) batteryPct[i] = battery;
    const alt = fAlt[k] ?? NaN;
    if (alt === alt) altM[i] = alt;
    const l = fLiveness[k] ?? livenessCount;
    if (l < livenessCount && liveness[i] !== l) {
      liveness[i] = l;
      repaint = true;
    }
    if (repaint && paint(s, i)) changes.colors = true;
  }
}

/** Writes unit i's colour; true when a byte changed. */
function paint(s: UnitsState, i: number): boolean {
  const kind = KIND_INDEX[s.kinds[i] ?? UNIT_KINDS[0]];
  const from = 4 * (kind * LIVENESS.length + (s.liveness[i] ?? 0));
  const to = 4 * i;
  const c = s.fillColors;
  const a = s.hasFix[i] ? (PALETTE[from + 3] ?? 0) : 0;
  const changed =
    c[to] !== PALETTE[from] ||
    c[to + 1] !== PALETTE[from + 1] ||
    c[to + 2] !== PALETTE[from + 2] ||
    c[to + 3] !== a;
  if (changed) {
    c[to] = PALETTE[from] ?? 0;
    c[to + 1] = PALETTE[from + 1] ?? 0;
    c[to + 2] = PALETTE[from + 2] ?? 0;
    c[to + 3] = a;
  }
  return changed;
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
 * in one batch, so deck.gl sees at most one update per animation frame. Batches are written into
 * the current columns (see UnitsState): only the small state object is new per batch.
 */
export function createUnitsStore(schedule: (flush: () => void) => void): UnitsStore {
  let state = initUnits([]);
  const queued: UnitsFrame[] = [];
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
      state = applyFramesInPlace(state, queued);
      queued.length = 0;
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
      queued.length = 0;
      state = initUnits(snapshots, state.version + 1);
      unseen = false;
      notify();
    },
    push(frame) {
      queued.push(frame);
      if (queued.length >= MAX_QUEUED_FRAMES) {
        // A hidden page gets no animation frames; keep memory bounded by folding the backlog.
        state = applyFramesInPlace(state, queued);
        queued.length = 0;
        unseen = true;
      }
      if (!scheduled) {
        scheduled = true;
        schedule(flush);
      }
    },
  };
}
