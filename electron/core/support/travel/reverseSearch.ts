// One Dijkstra from the destination over the reversed graph: afterwards every node knows its fastest
// time TO the destination and the next node on that path, so all candidates are priced by one search.
import type { RoadGraph } from './roadGraph';

export interface ReverseSearch {
  /** Fastest time from node n to the destination, s (Infinity when it cannot get there). */
  readonly timeS: Float64Array;
  /** Road length of that fastest path, m. */
  readonly lengthM: Float64Array;
  /** Next node from n towards the destination; -1 at the destination or when unreachable. */
  readonly next: Int32Array;
}

/**
 * Binary min-heap of (key, node) in typed arrays. Decrease-key is replaced by pushing again and
 * skipping stale entries on pop, so the heap never holds more than one entry per relaxation.
 */
class NodeHeap {
  private keys: Float64Array;
  private nodes: Int32Array;
  size = 0;

  constructor(capacity: number) {
    this.keys = new Float64Array(Math.max(16, capacity));
    this.nodes = new Int32Array(Math.max(16, capacity));
  }

  push(key: number, node: number): void {
    if (this.size === this.keys.length) this.grow();
    const keys = this.keys;
    const nodes = this.nodes;
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pk = keys[parent] as number;
      if (pk <= key) break;
      keys[i] = pk;
      nodes[i] = nodes[parent] as number;
      i = parent;
    }
    keys[i] = key;
    nodes[i] = node;
  }

  /** Removes the minimum; read it first with topKey / topNode. */
  pop(): void {
    const keys = this.keys;
    const nodes = this.nodes;
    const n = --this.size;
    if (n === 0) return;
    const key = keys[n] as number;
    const node = nodes[n] as number;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      const right = child + 1;
      if (right < n && (keys[right] as number) < (keys[child] as number)) child = right;
      if ((keys[child] as number) >= key) break;
      keys[i] = keys[child] as number;
      nodes[i] = nodes[child] as number;
      i = child;
    }
    keys[i] = key;
    nodes[i] = node;
  }

  topKey(): number {
    return this.keys[0] as number;
  }

  topNode(): number {
    return this.nodes[0] as number;
  }

  private grow(): void {
    const keys = new Float64Array(this.keys.length * 2);
    const nodes = new Int32Array(this.nodes.length * 2);
    keys.set(this.keys);
    nodes.set(this.nodes);
    this.keys = keys;
    this.nodes = nodes;
  }
}

/**
 * Dijkstra from `destination` over reversed edges, with `edgeTimeS[e]` the time to drive edge e.
 * When `targets` is given the search stops once all of them are settled (their times are final);
 * other nodes may then hold provisional values and must not be read.
 */
export function reverseSearch(
  graph: RoadGraph,
  edgeTimeS: Float64Array,
  destination: number,
  targets?: readonly number[],
): ReverseSearch {
  const n = graph.nodeCount;
  const timeS = new Float64Array(n).fill(Infinity);
  const lengthM = new Float64Array(n);
  const next = new Int32Array(n).fill(-1);
  const settled = new Uint8Array(n);
  const { inStart, inEdges, edgeFrom, edgeLengthM } = graph;

  let remaining = 0;
  let isTarget: Uint8Array | undefined;
  if (targets) {
    isTarget = new Uint8Array(n);
    for (const t of targets) {
      if (isTarget[t] === 0) {
        isTarget[t] = 1;
        remaining++;
      }
    }
  }

  const heap = new NodeHeap(Math.min(graph.edgeCount + 1, 1 << 16));
  timeS[destination] = 0;
  heap.push(0, destination);
  while (heap.size > 0) {
    const t = heap.topKey();
    const v = heap.topNode();
    heap.pop();
    if (settled[v] === 1 || t > (timeS[v] as number)) continue;
    settled[v] = 1;
    if (isTarget && isTarget[v] === 1 && --remaining === 0) break;
    const end = inStart[v + 1] as number;
    for (let k = inStart[v] as number; k < end; k++) {
      const e = inEdges[k] as number;
      const u = edgeFrom[e] as number;
      if (settled[u] === 1) continue;
      const tu = t + (edgeTimeS[e] as number);
      if (tu < (timeS[u] as number)) {
        timeS[u] = tu;
        lengthM[u] = (lengthM[v] as number) + (edgeLengthM[e] as number);
        next[u] = v;
        heap.push(tu, u);
      }
    }
  }
  return { timeS, lengthM, next };
}
