// What the bench page exposes on globalThis.__mapBench for the runner to drive (no DOM types here:
// the Node runner type-checks against this file too).

/**
 * 'redraw': the same deck.gl layers drawn again with no data changed (each layer's opacity nudged,
 * a uniform): what one deck.gl frame costs on this renderer, the floor under 'ours'.
 */
export const BENCH_PATHS = ['ours', 'naive', 'noop', 'redraw'] as const;
export type BenchPath = (typeof BENCH_PATHS)[number];

export interface PageInfo {
  readonly units: number;
  readonly webgl: string;
  readonly userAgent: string;
  readonly viewport: readonly [number, number];
  readonly zoom: number;
}

export interface UpdateResult {
  readonly path: BenchPath;
  readonly seq: number;
  /** performance.now() around the synchronous JS run on receipt of the frame. */
  readonly syncMs: number;
  /** Ours only: the animation-frame flush (applyFrames + buildLayers + overlay.setProps). */
  readonly flushMs: number;
  /** Wall time from receipt until the path's pixels were drawn (deck afterRender / map idle). */
  readonly renderedMs: number;
  /** performance.now() at receipt, to place the FPS window. */
  readonly startMs: number;
}

export interface FpsResult {
  readonly frames: number;
  readonly windowMs: number;
  readonly fps: number;
}

export interface MapBenchApi {
  info(): PageInfo;
  /** Moves every unit one step and encodes the frame; not timed (that is the core's work). */
  prepare(seq: number): void;
  update(path: BenchPath): Promise<UpdateResult>;
  /** Waits until at least startMs + minWindowMs, then counts animation frames since startMs. */
  fpsSince(startMs: number, minWindowMs: number): Promise<FpsResult>;
}

export interface BenchGlobals {
  __mapBench?: MapBenchApi;
  __mapBenchError?: string;
}
