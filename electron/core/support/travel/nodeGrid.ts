// Nearest-node lookup over a uniform grid of square cells (in a local equirectangular frame), so
// snapping thousands of units costs a few cell visits each instead of a scan over every node.
import type { LonLat } from '../../../../shared/domain/region';
import { M_PER_DEG } from '../../../../shared/domain/distance';

export interface NodeGrid {
  /** Nearest indexed node and its distance in the local frame (metres); undefined when empty. */
  nearest(p: LonLat): { readonly node: number; readonly distanceM: number } | undefined;
}

const DEG = Math.PI / 180;
/** Cells per axis never exceed this: a larger region gets larger cells. */
const MAX_CELLS_PER_AXIS = 1024;

/**
 * Index the nodes for which `keep(node)` is true. `cellM` is the target cell side; ~250 m keeps a
 * handful of nodes per urban cell and few empty rings in the mountains.
 */
export function createNodeGrid(
  lon: Float64Array,
  lat: Float64Array,
  keep: (node: number) => boolean,
  cellM = 250,
): NodeGrid {
  const ids: number[] = [];
  let west = Infinity;
  let east = -Infinity;
  let south = Infinity;
  let north = -Infinity;
  for (let i = 0; i < lon.length; i++) {
    if (!keep(i)) continue;
    ids.push(i);
    const x = lon[i] as number;
    const y = lat[i] as number;
    if (x < west) west = x;
    if (x > east) east = x;
    if (y < south) south = y;
    if (y > north) north = y;
  }
  if (ids.length === 0) return { nearest: () => undefined };

  // One cos(lat) for the whole frame keeps the ring bound below exact in that frame; over a county
  // the frame's own error against haversine is far under the cell size.
  const kx = M_PER_DEG * Math.cos(((south + north) / 2) * DEG);
  const ky = M_PER_DEG;
  const widthM = (east - west) * kx;
  const heightM = (north - south) * ky;
  const side = Math.max(cellM, widthM / MAX_CELLS_PER_AXIS, heightM / MAX_CELLS_PER_AXIS, 1);
  const cols = Math.max(1, Math.ceil(widthM / side) + 1);
  const rows = Math.max(1, Math.ceil(heightM / side) + 1);
  const colOf = (x: number): number =>
    Math.min(cols - 1, Math.max(0, Math.floor(((x - west) * kx) / side)));
  const rowOf = (y: number): number =>
    Math.min(rows - 1, Math.max(0, Math.floor(((y - south) * ky) / side)));

  // CSR over cells: cellStart[c] .. cellStart[c + 1] into cellNodes.
  const cellStart = new Int32Array(cols * rows + 1);
  const cellOfId = new Int32Array(ids.length);
  ids.forEach((node, k) => {
    const c = rowOf(lat[node] as number) * cols + colOf(lon[node] as number);
    cellOfId[k] = c;
    cellStart[c + 1] = (cellStart[c + 1] as number) + 1;
  });
  for (let c = 0; c < cols * rows; c++) {
    cellStart[c + 1] = (cellStart[c + 1] as number) + (cellStart[c] as number);
  }
  const fill = cellStart.slice(0, cols * rows);
  const cellNodes = new Int32Array(ids.length);
  ids.forEach((node, k) => {
    const c = cellOfId[k] as number;
    cellNodes[fill[c] as number] = node;
    fill[c] = (fill[c] as number) + 1;
  });

  return {
    nearest([qx, qy]) {
      const c0 = colOf(qx);
      const r0 = rowOf(qy);
      let best = -1;
      let bestD2 = Infinity;
      const visit = (c: number, r: number): void => {
        if (c < 0 || r < 0 || c >= cols || r >= rows) return;
        const cell = r * cols + c;
        const end = cellStart[cell + 1] as number;
        for (let k = cellStart[cell] as number; k < end; k++) {
          const node = cellNodes[k] as number;
          const dx = ((lon[node] as number) - qx) * kx;
          const dy = ((lat[node] as number) - qy) * ky;
          const d2 = dx * dx + dy * dy;
          if (d2 < bestD2) {
            bestD2 = d2;
            best = node;
          }
        }
      };
      const maxRing = Math.max(cols, rows);
      for (let ring = 0; ring <= maxRing; ring++) {
        // Every cell of this ring is at least (ring - 1) cells away along one axis, also for a query
        // clamped in from outside the grid (no cells lie on its side), so once the best is nearer
        // than that, no later ring can win.
        if (best >= 0 && (ring - 1) * side > Math.sqrt(bestD2)) break;
        if (ring === 0) {
          visit(c0, r0);
          continue;
        }
        for (let dc = -ring; dc <= ring; dc++) {
          visit(c0 + dc, r0 - ring);
          visit(c0 + dc, r0 + ring);
        }
        for (let dr = -ring + 1; dr <= ring - 1; dr++) {
          visit(c0 - ring, r0 + dr);
          visit(c0 + ring, r0 + dr);
        }
      }
      return best < 0 ? undefined : { node: best, distanceM: Math.sqrt(bestD2) };
    },
  };
}
