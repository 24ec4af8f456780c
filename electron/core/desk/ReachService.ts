// Reach areas on demand: the grid is computed when asked and kept for ttlMs, so several screens
// polling every 10 s cost one computation, not one each.
import type { LonLat } from '../../../shared/domain/region';
import type { ReachGrid } from '../../../shared/domain/reach';
import type { PoolUnit, TravelModel } from '../support/types';
import {
  availableOrigins,
  gridSizeFor,
  reachSeconds,
  stationOrigins,
  type Bbox,
  type GridSize,
} from '../support/reach/reachGrid';

export const REACH_TTL_MS = 10_000;

export interface ReachServiceOptions {
  readonly bbox: Bbox;
  readonly stations: readonly { readonly id: string; readonly lonLat: LonLat }[];
  readonly travel: TravelModel;
  /** The live pool (the support desk's), read when a grid is due. */
  readonly pool: (nowMs: number) => readonly PoolUnit[];
  readonly now: () => number;
  readonly ttlMs?: number;
  /** Cells on the longer side of the bbox (default 64). */
  readonly maxCells?: number;
}

export class ReachService {
  private readonly size: GridSize;
  /** Stations do not move and the model is fixed for the session: computed once. */
  private fromStations: number[] | undefined;
  private cached: ReachGrid | undefined;
  /** Milliseconds the last computation took (the units part, plus the stations part the first time). */
  lastComputeMs = 0;

  constructor(private readonly opts: ReachServiceOptions) {
    this.size = gridSizeFor(opts.bbox, opts.maxCells);
  }

  get(): ReachGrid {
    const nowMs = this.opts.now();
    const ttl = this.opts.ttlMs ?? REACH_TTL_MS;
    if (this.cached && nowMs - this.cached.computedMs < ttl) return this.cached;
    const t0 = performance.now();
    const { bbox, travel } = this.opts;
    this.fromStations ??= reachSeconds(bbox, this.size, travel, stationOrigins(this.opts.stations));
    const fromAvailableS = reachSeconds(
      bbox,
      this.size,
      travel,
      availableOrigins(this.opts.pool(nowMs)),
    );
    this.lastComputeMs = performance.now() - t0;
    this.cached = {
      bbox: [bbox[0], bbox[1], bbox[2], bbox[3]],
      cols: this.size.cols,
      rows: this.size.rows,
      fromStationsS: this.fromStations,
      fromAvailableS,
      computedMs: nowMs,
      model: travel.name,
    };
    return this.cached;
  }
}
