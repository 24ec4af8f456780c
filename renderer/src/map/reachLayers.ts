import { SolidPolygonLayer } from '@deck.gl/layers';
import type { SolidPolygonLayerProps } from '@deck.gl/layers';
import { REACH_BANDS_MIN, type ReachGrid } from '../../../shared/domain/reach';

// Reach areas as a pure factory: grid in, one translucent polygon per reached cell out. Cells past
// the last band (or not reached at all) are left out, which draws them transparent.

export const REACH_LAYER_ID = 'reach-areas';

export const REACH_MODES = ['off', 'stations', 'units'] as const;
export type ReachMode = (typeof REACH_MODES)[number];

type Rgba = [number, number, number, number];

/** One colour per band, fastest first: green through yellow to red, translucent over the basemap. */
export const REACH_BAND_COLORS: readonly Rgba[] = [
  [16, 185, 129, 140],
  [132, 204, 22, 115],
  [250, 204, 21, 95],
  [239, 68, 68, 80],
];
export const TRANSPARENT: Rgba = [0, 0, 0, 0];

/** Index into REACH_BANDS_MIN of the first band a time falls in; -1 beyond the last or unreached. */
export function reachBand(seconds: number): number {
  if (!(seconds >= 0)) return -1;
  return REACH_BANDS_MIN.findIndex((m) => seconds <= m * 60);
}

export const bandColor = (band: number): Rgba => REACH_BAND_COLORS[band] ?? TRANSPARENT;

export interface ReachCell {
  readonly polygon: [number, number][];
  readonly band: number;
}

/** The grid's seconds for a mode (none when off). */
export function reachValues(grid: ReachGrid, mode: ReachMode): readonly number[] {
  if (mode === 'off') return [];
  return mode === 'stations' ? grid.fromStationsS : grid.fromAvailableS;
}

/** Cells inside a band, as rectangles in lon/lat; row-major from the south-west like the grid. */
export function reachCells(grid: ReachGrid, mode: ReachMode): ReachCell[] {
  const values = reachValues(grid, mode);
  const [w, s, e, n] = grid.bbox;
  const dx = (e - w) / grid.cols;
  const dy = (n - s) / grid.rows;
  const out: ReachCell[] = [];
  for (let i = 0; i < values.length && i < grid.cols * grid.rows; i++) {
    const band = reachBand(values[i] ?? -1);
    if (band < 0) continue;
    const x = w + (i % grid.cols) * dx;
    const y = s + Math.floor(i / grid.cols) * dy;
    out.push({
      band,
      polygon: [
        [x, y],
        [x + dx, y],
        [x + dx, y + dy],
        [x, y + dy],
      ],
    });
  }
  return out;
}

export function reachLayerProps(
  grid: ReachGrid,
  mode: ReachMode,
  cells: readonly ReachCell[] = reachCells(grid, mode),
): SolidPolygonLayerProps<ReachCell> {
  const key = `${mode}:${String(grid.computedMs)}`;
  return {
    id: REACH_LAYER_ID,
    data: cells,
    getPolygon: (c) => c.polygon,
    getFillColor: (c) => bandColor(c.band),
    filled: true,
    extruded: false,
    // A wash under everything else: it must not steal clicks meant for units or incidents.
    pickable: false,
    updateTriggers: { getPolygon: key, getFillColor: key },
  };
}

export function reachLayer(
  grid: ReachGrid,
  mode: ReachMode,
  cells?: readonly ReachCell[],
): SolidPolygonLayer<ReachCell> {
  return new SolidPolygonLayer<ReachCell>(reachLayerProps(grid, mode, cells));
}
