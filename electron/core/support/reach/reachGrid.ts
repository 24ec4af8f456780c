// Reach areas: the fastest arrival at every cell of a grid over the region, priced by the same
// TravelModel the recommender uses. Pure: no clock, no I/O.
import type { LonLat } from '../../../../shared/domain/region';
import type { UnitKind } from '../../../../shared/domain/units';
import type { PoolUnit, TravelModel } from '../types';

export type Bbox = readonly [west: number, south: number, east: number, north: number];

/** Where help leaves from: a station (as a patrol car) or a unit where it stands. */
export type ReachOrigin = Pick<PoolUnit, 'id' | 'kind' | 'lonLat'>;

export interface GridSize {
  readonly cols: number;
  readonly rows: number;
}

const M_PER_DEG_LAT = 111_320;
/** Cells on the longer side of the bbox. 64 keeps a county (~50 km) at ~0.8 km cells. */
export const DEFAULT_MAX_CELLS = 64;
/** The kind a station sends when nothing else is known: its patrol car. */
export const STATION_KIND: UnitKind = 'patrol-car';

/**
 * Cols × rows with roughly square cells in metres (a degree of longitude shrinks with latitude),
 * `maxCells` on the longer side.
 */
export function gridSizeFor(bbox: Bbox, maxCells = DEFAULT_MAX_CELLS): GridSize {
  const [w, s, e, n] = bbox;
  if (!(e > w) || !(n > s)) throw new Error(`empty bbox [${bbox.join(', ')}]`);
  const n1 = Math.max(1, Math.floor(maxCells));
  const midLat = ((s + n) / 2) * (Math.PI / 180);
  const widthM = (e - w) * M_PER_DEG_LAT * Math.cos(midLat);
  const heightM = (n - s) * M_PER_DEG_LAT;
  if (widthM >= heightM) {
    return { cols: n1, rows: Math.max(1, Math.round((n1 * heightM) / widthM)) };
  }
  return { cols: Math.max(1, Math.round((n1 * widthM) / heightM)), rows: n1 };
}

/** Centre of cell `i` (row-major from the south-west corner). */
export function cellCentre(bbox: Bbox, size: GridSize, i: number): LonLat {
  const col = i % size.cols;
  const row = Math.floor(i / size.cols);
  const [w, s, e, n] = bbox;
  return [w + ((col + 0.5) * (e - w)) / size.cols, s + ((row + 0.5) * (n - s)) / size.rows];
}

/** Stations as origins: a patrol car leaving each one now. */
export function stationOrigins(
  stations: readonly { readonly id: string; readonly lonLat: LonLat }[],
): ReachOrigin[] {
  return stations.map((st) => ({ id: `station:${st.id}`, kind: STATION_KIND, lonLat: st.lonLat }));
}

/** The units of the live pool that could be sent now, where they are. */
export function availableOrigins(pool: readonly PoolUnit[]): ReachOrigin[] {
  return pool
    .filter((u) => u.status === 'available')
    .map((u) => ({ id: u.id, kind: u.kind, lonLat: u.lonLat }));
}

/**
 * Fastest arrival, seconds, at every cell centre from any origin; -1 where no origin reaches it
 * (no origins, or the model finds no connection). One priceAll per cell: the model's contract
 * prices many units to one destination, which is what a cell is.
 */
export function reachSeconds(
  bbox: Bbox,
  size: GridSize,
  travel: TravelModel,
  origins: readonly ReachOrigin[],
): number[] {
  const n = size.cols * size.rows;
  const out = new Array<number>(n).fill(-1);
  if (origins.length === 0) return out;
  for (let i = 0; i < n; i++) {
    let best = Infinity;
    for (const est of travel.priceAll(cellCentre(bbox, size, i), origins)) {
      if (est.etaS !== undefined && est.etaS < best) best = est.etaS;
    }
    // Whole seconds: the bands are minutes, and the grid crosses the IPC boundary as JSON.
    out[i] = Number.isFinite(best) ? Math.round(best) : -1;
  }
  return out;
}
