// Road-network pricing on the Andorra graph: TravelModel.priceAll (one reverse search per speed
// profile) against the naive baseline of one forward Dijkstra per unit, same snapping, same edge
// times, same access legs, timed in the same run. The baseline's ETAs are compared with priceAll's
// so the speed-up is between two computations of the same numbers.
import type { LonLat } from '../shared/domain/region';
import type { UnitKind } from '../shared/domain/units';
import { offsetM } from '../electron/core/sim/geo';
import { haversineM } from '../shared/domain/distance';
import { Rng } from '../electron/core/sim/rng';
import type { PoolUnit, TravelModel } from '../electron/core/support/types';
import type { RoadGraph } from '../electron/core/support/travel/index';
import { createNodeGrid } from '../electron/core/support/travel/nodeGrid';
import {
  DEFAULT_KIND_RULES,
  isVehicleKind,
  kindSpeedKmh,
  kmhToMs,
  VEHICLE_CAP_KMH,
} from '../electron/core/support/travel/speeds';
import { gaussian } from './drillScenario';

type Unit = Pick<PoolUnit, 'id' | 'kind' | 'lonLat'>;

/** The road model's defaults, restated: the baseline must price exactly what priceAll prices. */
const OFF_FACTOR = 1.35;
const ACCESS_KMH = 15;
const MIN_COMPONENT = 20;

/** Binary min-heap over (key, node) in plain arrays; stale entries are skipped on pop. */
class Heap {
  private readonly keys: number[] = [];
  private readonly nodes: number[] = [];
  get size(): number {
    return this.keys.length;
  }
  push(k: number, v: number): void {
    const keys = this.keys;
    const nodes = this.nodes;
    let i = keys.length;
    keys.push(k);
    nodes.push(v);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if ((keys[p] as number) <= k) break;
      keys[i] = keys[p] as number;
      nodes[i] = nodes[p] as number;
      i = p;
    }
    keys[i] = k;
    nodes[i] = v;
  }
  pop(): [number, number] {
    const keys = this.keys;
    const nodes = this.nodes;
    const top: [number, number] = [keys[0] as number, nodes[0] as number];
    const k = keys.pop() as number;
    const v = nodes.pop() as number;
    const n = keys.length;
    if (n > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        const c = r < n && (keys[r] as number) < (keys[l] as number) ? r : l;
        if ((keys[c] as number) >= k) break;
        keys[i] = keys[c] as number;
        nodes[i] = nodes[c] as number;
        i = c;
      }
      keys[i] = k;
      nodes[i] = v;
    }
    return top;
  }
}

/** Forward Dijkstra from `from` until `to` is settled; seconds, Infinity when unreachable. */
function dijkstra(g: RoadGraph, edgeS: Float64Array, from: number, to: number): number {
  const dist = new Float64Array(g.nodeCount).fill(Infinity);
  const heap = new Heap();
  dist[from] = 0;
  heap.push(0, from);
  while (heap.size > 0) {
    const [t, v] = heap.pop();
    if (t > (dist[v] as number)) continue;
    if (v === to) return t;
    const end = g.outStart[v + 1] as number;
    for (let k = g.outStart[v] as number; k < end; k++) {
      const e = g.outEdges[k] as number;
      const u = g.edgeTo[e] as number;
      const tu = t + (edgeS[e] as number);
      if (tu < (dist[u] as number)) {
        dist[u] = tu;
        heap.push(tu, u);
      }
    }
  }
  return Infinity;
}

export interface Baseline {
  readonly name: string;
  /** ETAs in unit order (undefined: unreachable), and how many Dijkstra runs it took. */
  priceAll(
    dest: LonLat,
    units: readonly Unit[],
  ): { etaS: (number | undefined)[]; searches: number };
}

export function perUnitDijkstra(g: RoadGraph): Baseline {
  const keepMin = Math.min(MIN_COMPONENT, Math.max(...g.componentSize));
  const grid = createNodeGrid(
    g.nodeLon,
    g.nodeLat,
    (i) => (g.componentSize[g.nodeComponent[i] as number] as number) >= keepMin,
  );
  const times = new Map<number, Float64Array>();
  const edgeTimes = (cap: number): Float64Array => {
    let t = times.get(cap);
    if (!t) {
      t = new Float64Array(g.edgeCount);
      for (let e = 0; e < g.edgeCount; e++) {
        t[e] = (g.edgeLengthM[e] as number) / kmhToMs(Math.min(g.edgeSpeedKmh[e] as number, cap));
      }
      times.set(cap, t);
    }
    return t;
  };
  const accessMs = kmhToMs(ACCESS_KMH);
  const rules = DEFAULT_KIND_RULES;
  return {
    name: 'one Dijkstra per unit',
    priceAll(dest, units) {
      const d = grid.nearest(dest);
      let searches = 0;
      const drive = (u: Unit, kind: UnitKind): number | undefined => {
        const s = grid.nearest(u.lonLat);
        if (!s || !d || !isVehicleKind(kind)) return undefined;
        searches++;
        const cap = Math.min(VEHICLE_CAP_KMH[kind], g.maxEdgeSpeedKmh);
        const graphS = dijkstra(g, edgeTimes(cap), s.node, d.node);
        if (!Number.isFinite(graphS)) return undefined;
        return graphS + ((s.distanceM + d.distanceM) * OFF_FACTOR) / accessMs;
      };
      const etaS = units.map((u) => {
        const straightM = haversineM(u.lonLat, dest);
        if (u.kind === 'drone') {
          return rules.droneTakeoffS + straightM / kmhToMs(kindSpeedKmh('drone'));
        }
        if (u.kind === 'officer-pair') {
          const walkS = (straightM * OFF_FACTOR) / kmhToMs(kindSpeedKmh('officer-pair'));
          const ride = drive(u, rules.rideKind);
          const rideS = ride === undefined ? undefined : ride + rules.mountDelayS;
          if (rideS === undefined) return walkS;
          return straightM > rules.footRadiusM || rideS < walkS ? rideS : walkS;
        }
        return drive(u, u.kind);
      });
      return { etaS, searches };
    },
  };
}

/** `n` units scattered along the main road network (within ~50 m of a road node), mixed kinds. */
export function roadCandidates(g: RoadGraph, n: number, seed: number): Unit[] {
  const rng = new Rng(seed);
  const largest = g.componentSize.indexOf(Math.max(...g.componentSize));
  const nodes: number[] = [];
  for (let i = 0; i < g.nodeCount; i++) if (g.nodeComponent[i] === largest) nodes.push(i);
  const kinds: UnitKind[] = [
    'officer-pair',
    'officer-pair',
    'patrol-car',
    'motorbike',
    'traffic-car',
    'drone',
  ];
  return Array.from({ length: n }, (_, i) => {
    const node = nodes[rng.int(0, nodes.length - 1)] as number;
    const at: LonLat = [g.nodeLon[node] as number, g.nodeLat[node] as number];
    return {
      id: `rc-${String(i)}`,
      kind: kinds[i % kinds.length] as UnitKind,
      lonLat: offsetM(at, gaussian(rng) * 50, gaussian(rng) * 50),
    };
  });
}

export interface PricingRun {
  readonly candidates: number;
  readonly destinations: number;
  readonly oursMs: readonly number[];
  readonly baselineDestinations: number;
  readonly baselineMs: readonly number[];
  readonly baselineSearchesPerCall: number;
  /** Largest |ETA difference| between the two over reachable candidates, s. */
  readonly maxEtaDiffS: number;
  readonly unreachable: number;
}

export function timePricing(
  model: TravelModel,
  baseline: Baseline,
  units: readonly Unit[],
  dests: readonly LonLat[],
  baselineDests: number,
): PricingRun {
  const oursMs: number[] = [];
  const baselineMs: number[] = [];
  let maxEtaDiffS = 0;
  let unreachable = 0;
  let searches = 0;
  dests.forEach((dest, i) => {
    const t0 = performance.now();
    const ours = model.priceAll(dest, units);
    oursMs.push(performance.now() - t0);
    if (i >= baselineDests) return;
    const t1 = performance.now();
    const base = baseline.priceAll(dest, units);
    baselineMs.push(performance.now() - t1);
    searches = base.searches;
    ours.forEach((e, k) => {
      const b = base.etaS[k];
      if (e.etaS === undefined || b === undefined) {
        if (e.etaS !== b) maxEtaDiffS = Infinity;
        else unreachable++;
        return;
      }
      maxEtaDiffS = Math.max(maxEtaDiffS, Math.abs(e.etaS - b));
    });
  });
  return {
    candidates: units.length,
    destinations: dests.length,
    oursMs,
    baselineDestinations: baselineMs.length,
    baselineMs,
    baselineSearchesPerCall: searches,
    maxEtaDiffS,
    unreachable,
  };
}
