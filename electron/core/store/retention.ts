import type { TelemetryRepo } from './TelemetryRepo';

/** The part of the repository the retention job uses; all of it runs on the primary key. */
export type RetentionStore = Pick<
  TelemetryRepo,
  'nextSampleUnit' | 'firstSampleTs' | 'sampleTimes' | 'deleteSamplesBetween' | 'inTransaction'
>;

export interface RetentionOptions {
  /** Samples younger than this are kept at full rate. */
  readonly retentionMs: number;
  /** Older samples are thinned to the first one per unit in each bucket of this length (epoch-aligned). */
  readonly bucketMs: number;
  /**
   * How old a sample the ingest edge still accepts. Such a sample can land behind the point a
   * previous pass reached, so each pass looks this far back again.
   */
  readonly lateArrivalMs: number;
  /** A batch stops taking new chunks once it has run this long. */
  readonly budgetMs?: number;
  /** Rows read per chunk; bounds the overshoot past the budget. */
  readonly chunkRows?: number;
}

export interface RetentionBatch {
  readonly cutoffMs: number;
  readonly scannedRows: number;
  readonly deletedRows: number;
  readonly elapsedMs: number;
  /** The pass over every unit finished in this batch; the next batch starts a new pass. */
  readonly passDone: boolean;
}

interface Pass {
  readonly cutoffMs: number;
  /** The bucket start below which work already done must be re-checked for late arrivals. */
  readonly lateFloorMs: number;
  afterUnit: string;
  current: { readonly unitId: string; posMs: number } | undefined;
}

export const DEFAULT_BUDGET_MS = 25;
export const DEFAULT_CHUNK_ROWS = 2000;

/**
 * Thins telemetry older than the retention window to one sample per unit per bucket, keeping
 * the first sample of each bucket. Work is done in batches bounded by time: a batch walks units
 * in id order and each unit forward from where it was left, one chunk of rows at a time.
 *
 * Where each unit was left is held in memory only. After a restart the first pass starts at each
 * unit's oldest sample and re-reads the already thinned history (one row per bucket, cheap); the
 * result is the same because only non-first samples of a bucket are ever deleted, so any pass is
 * idempotent. unit_state is never touched.
 */
export class Retention {
  private readonly budgetMs: number;
  private readonly chunkRows: number;
  /** Per unit: bucket-aligned instant below which the last finished pass left it thinned. */
  private readonly doneBelowMs = new Map<string, number>();
  private pass: Pass | undefined;

  constructor(
    private readonly store: RetentionStore,
    private readonly opts: RetentionOptions,
    private readonly clock: () => number = () => performance.now(),
  ) {
    if (!(opts.bucketMs >= 1) || !(opts.retentionMs >= 0)) {
      throw new Error(`retention needs bucketMs ≥ 1 and retentionMs ≥ 0`);
    }
    this.budgetMs = opts.budgetMs ?? DEFAULT_BUDGET_MS;
    this.chunkRows = Math.max(2, opts.chunkRows ?? DEFAULT_CHUNK_ROWS);
  }

  /** Samples before this instant are thinned by a pass started at `nowMs`. */
  cutoffAt(nowMs: number): number {
    return nowMs - this.opts.retentionMs;
  }

  runBatch(nowMs: number): RetentionBatch {
    const t0 = this.clock();
    const pass = (this.pass ??= {
      cutoffMs: this.cutoffAt(nowMs),
      lateFloorMs: this.floor(nowMs - this.opts.lateArrivalMs),
      afterUnit: '',
      current: undefined,
    });
    let scanned = 0;
    let deleted = 0;
    let passDone = false;
    try {
      this.store.inTransaction(() => {
        do {
          if (!pass.current) {
            const unitId = this.store.nextSampleUnit(pass.afterUnit);
            if (unitId === undefined) {
              passDone = true;
              return;
            }
            pass.current = { unitId, posMs: this.startOf(unitId, pass) };
          }
          const cur = pass.current;
          const r = this.chunk(cur.unitId, cur.posMs, pass.cutoffMs);
          scanned += r.scanned;
          deleted += r.deleted;
          if (r.nextPosMs === undefined) {
            this.doneBelowMs.set(cur.unitId, this.floor(pass.cutoffMs));
            pass.afterUnit = cur.unitId;
            pass.current = undefined;
          } else {
            cur.posMs = r.nextPosMs;
          }
        } while (this.clock() - t0 < this.budgetMs);
      });
    } catch (err) {
      // The transaction rolled back but the positions moved on: forget them, so the next pass
      // starts from each unit's oldest sample again (passes are idempotent).
      this.pass = undefined;
      this.doneBelowMs.clear();
      throw err;
    }
    if (passDone) this.pass = undefined;
    return {
      cutoffMs: pass.cutoffMs,
      scannedRows: scanned,
      deletedRows: deleted,
      elapsedMs: this.clock() - t0,
      passDone,
    };
  }

  /** Runs batches until a whole pass is done; for tests and tools, not the event loop. */
  runPass(nowMs: number): RetentionBatch[] {
    const out: RetentionBatch[] = [];
    do out.push(this.runBatch(nowMs));
    while (!out[out.length - 1]?.passDone);
    return out;
  }

  private startOf(unitId: string, pass: Pass): number {
    const done = this.doneBelowMs.get(unitId);
    if (done !== undefined) return Math.min(done, pass.lateFloorMs);
    const first = this.store.firstSampleTs(unitId);
    return first === undefined ? pass.cutoffMs : this.floor(first);
  }

  /**
   * One chunk of one unit from a bucket boundary: keeps each bucket's first row, deletes the rest
   * of the bucket (up to the cutoff, so a bucket straddling it keeps its younger rows). Returns
   * the next bucket boundary, or undefined when the unit is done up to the cutoff.
   */
  private chunk(
    unitId: string,
    posMs: number,
    cutoffMs: number,
  ): { scanned: number; deleted: number; nextPosMs: number | undefined } {
    const times = this.store.sampleTimes(unitId, posMs, cutoffMs, this.chunkRows);
    const n = times.length;
    const full = n === this.chunkRows;
    let deleted = 0;
    let endMs = posMs;
    let i = 0;
    while (i < n) {
      const first = times[i] as number;
      const bucket = Math.floor(first / this.opts.bucketMs);
      let j = i + 1;
      while (j < n && Math.floor((times[j] as number) / this.opts.bucketMs) === bucket) j++;
      endMs = (bucket + 1) * this.opts.bucketMs;
      // The last bucket of a full chunk may continue past what was read.
      if (j - i > 1 || (j === n && full)) {
        deleted += this.store.deleteSamplesBetween(unitId, first, Math.min(endMs, cutoffMs));
      }
      i = j;
    }
    const nextPosMs = full && endMs < cutoffMs ? endMs : undefined;
    return { scanned: n, deleted, nextPosMs };
  }

  private floor(ms: number): number {
    return Math.floor(ms / this.opts.bucketMs) * this.opts.bucketMs;
  }
}

export interface RetentionTimerOptions extends RetentionOptions {
  /** Pause between passes. */
  readonly periodMs?: number;
  /** Pause between batches while a pass is unfinished: the event loop breathes in between. */
  readonly gapMs?: number;
  /** Called after each batch, e.g. for diagnostics. */
  readonly onBatch?: (b: RetentionBatch) => void;
}

export interface RetentionTimer {
  readonly job: Retention;
  stop(): void;
}

/** Runs the retention job once soon after start, then every `periodMs`, in bounded batches. */
export function startRetention(
  store: RetentionStore,
  opts: RetentionTimerOptions,
  now: () => number,
): RetentionTimer {
  const job = new Retention(store, opts);
  const periodMs = opts.periodMs ?? 60_000;
  const gapMs = opts.gapMs ?? 50;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const schedule = (ms: number): void => {
    timer = setTimeout(run, ms);
    // Never the reason a host stays alive.
    timer.unref();
  };
  const run = (): void => {
    timer = undefined;
    if (stopped) return;
    let passDone = true;
    try {
      const b = job.runBatch(now());
      passDone = b.passDone;
      opts.onBatch?.(b);
    } catch (err) {
      // A failed pass (disk full, locked file) is retried next period; ingest is unaffected.
      console.error('telemetry retention failed:', err instanceof Error ? err.message : err);
    }
    schedule(passDone ? periodMs : gapMs);
  };
  schedule(0);
  return {
    job,
    stop: () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
    },
  };
}
