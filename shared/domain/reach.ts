// Reach areas: how fast help can get to any point, from the same travel model the support engine uses.

/** Minute bands the map draws (the seeds' "1-hour support circle" is the last). */
export const REACH_BANDS_MIN = [5, 15, 30, 60] as const;

/**
 * A regular lon/lat grid over the region's bbox, row-major from the south-west corner. Each value is
 * the fastest arrival in seconds at the cell centre, or -1 when nothing reaches it.
 */
export interface ReachGrid {
  readonly bbox: readonly [west: number, south: number, east: number, north: number];
  readonly cols: number;
  readonly rows: number;
  /** From the stations (a unit leaving each station now). */
  readonly fromStationsS: readonly number[];
  /** From the units available now, where they are. */
  readonly fromAvailableS: readonly number[];
  readonly computedMs: number;
  /** Travel model name, e.g. 'straight-line' or 'road-graph'. */
  readonly model: string;
}
