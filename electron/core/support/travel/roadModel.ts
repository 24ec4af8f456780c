// Travel times on the road graph. priceAll runs one reverse search per distinct speed profile among
// the candidates (at most one per vehicle kind, usually one), never one per unit.
import type { LonLat } from '../../../../shared/domain/region';
import type { UnitKind } from '../../../../shared/domain/units';
import { haversineM } from '../../../../shared/domain/distance';
import type { PoolUnit, TravelEstimate, TravelModel } from '../types';
import { createNodeGrid } from './nodeGrid';
import { reverseSearch, type ReverseSearch } from './reverseSearch';
import type { RoadGraph } from './roadGraph';
import {
  DEFAULT_DETOUR_FACTOR,
  DEFAULT_KIND_RULES,
  footOrRide,
  isVehicleKind,
  kindSpeedKmh,
  kmhToMs,
  VEHICLE_CAP_KMH,
  type KindRules,
  type VehicleKind,
} from './speeds';

export interface RoadModelOptions {
  /** Detour factor of legs off the graph (to / from the nearest node, walking). Default 1.35. */
  readonly detourFactor?: number;
  /** Terrain factor multiplied with the detour factor on those legs. Default 1. */
  readonly terrainFactor?: number;
  /** Speed on the leg between a point and its nearest graph node (yards, car parks). Default 15. */
  readonly accessSpeedKmh?: number;
  /**
   * Drones: air speed; officer pairs: walking speed, km/h. Vehicle entries are ignored here (they
   * are the straight-line model's effective speeds): on the graph, road speeds rule.
   */
  readonly speedsKmh?: Partial<Record<UnitKind, number>>;
  /** Top speed per vehicle kind, a cap on every edge. Default VEHICLE_CAP_KMH. */
  readonly vehicleCapsKmh?: Partial<Record<VehicleKind, number>>;
  /**
   * Components with fewer nodes are not snapped to: stray fragments (a mapped car park, a loop of
   * service road) would strand a unit that stands a few metres from the real network. Default 20.
   */
  readonly minComponentNodes?: number;
  readonly rules?: Partial<KindRules>;
}

type Unit = Pick<PoolUnit, 'id' | 'kind' | 'lonLat'>;

interface Snap {
  readonly node: number;
  readonly distanceM: number;
}

interface Leg {
  readonly etaS: number | undefined;
  readonly distanceM: number;
  readonly route: () => readonly LonLat[];
}

export function createRoadModel(graph: RoadGraph, opts: RoadModelOptions = {}): TravelModel {
  if (graph.edgeCount === 0) throw new Error('road graph has no edges');
  const offFactor = (opts.detourFactor ?? DEFAULT_DETOUR_FACTOR) * (opts.terrainFactor ?? 1);
  const accessMs = kmhToMs(opts.accessSpeedKmh ?? 15);
  const rules: KindRules = { ...DEFAULT_KIND_RULES, ...opts.rules };
  const speedMs = (kind: UnitKind): number => kmhToMs(opts.speedsKmh?.[kind] ?? kindSpeedKmh(kind));
  const minComponent = Math.min(
    opts.minComponentNodes ?? 20,
    graph.stats.largestComponentNodes, // a graph of fragments still snaps to its largest one
  );
  const grid = createNodeGrid(
    graph.nodeLon,
    graph.nodeLat,
    (i) => (graph.componentSize[graph.nodeComponent[i] as number] as number) >= minComponent,
  );

  // Edge times per effective cap. A cap at or above the fastest edge changes nothing, so kinds
  // whose caps all exceed it share one profile (and one search).
  const capOf = (kind: VehicleKind): number =>
    Math.min(opts.vehicleCapsKmh?.[kind] ?? VEHICLE_CAP_KMH[kind], graph.maxEdgeSpeedKmh);
  const edgeTimes = new Map<number, Float64Array>();
  const edgeTimesFor = (capKmh: number): Float64Array => {
    let times = edgeTimes.get(capKmh);
    if (!times) {
      times = new Float64Array(graph.edgeCount);
      for (let e = 0; e < graph.edgeCount; e++) {
        const kmh = Math.min(graph.edgeSpeedKmh[e] as number, capKmh);
        times[e] = (graph.edgeLengthM[e] as number) / kmhToMs(kmh);
      }
      edgeTimes.set(capKmh, times);
    }
    return times;
  };

  /** The vehicle kind whose speeds a unit drives at; undefined for kinds that never use roads. */
  const roadKind = (kind: UnitKind): VehicleKind | undefined => {
    if (isVehicleKind(kind)) return kind;
    return kind === 'officer-pair' ? rules.rideKind : undefined;
  };

  const nodeLonLat = (n: number): LonLat => [
    graph.nodeLon[n] as number,
    graph.nodeLat[n] as number,
  ];

  const straightLeg = (
    from: LonLat,
    to: LonLat,
    distanceM: number,
    etaS: number | undefined,
  ): Leg => ({
    etaS,
    distanceM,
    route: () => [from, to],
  });

  /** Nearest indexed node; the leg to it is measured on the sphere like every other distance. */
  const snapTo = (p: LonLat): Snap | undefined => {
    const hit = grid.nearest(p);
    return hit && { node: hit.node, distanceM: haversineM(p, nodeLonLat(hit.node)) };
  };

  return {
    name: 'road-graph',
    priceAll(destination, units) {
      const dest = snapTo(destination);
      const snaps: (Snap | undefined)[] = new Array<Snap | undefined>(units.length);
      const capsNeeded = new Map<number, number[]>();
      const needCap = (cap: number, node: number): void => {
        const list = capsNeeded.get(cap);
        if (list) list.push(node);
        else capsNeeded.set(cap, [node]);
      };
      units.forEach((u, i) => {
        const kind = roadKind(u.kind);
        if (!kind) return;
        const snap = snapTo(u.lonLat);
        snaps[i] = snap;
        if (snap && dest) needCap(capOf(kind), snap.node);
      });
      const searches = new Map<number, ReverseSearch>();
      if (dest) {
        for (const [cap, targets] of capsNeeded) {
          searches.set(cap, reverseSearch(graph, edgeTimesFor(cap), dest.node, targets));
        }
      }

      const driveLeg = (u: Unit, i: number, kind: VehicleKind): Leg | undefined => {
        const snap = snaps[i];
        const search = searches.get(capOf(kind));
        if (!snap || !dest || !search) return undefined;
        const graphS = search.timeS[snap.node] as number;
        const accessM = (snap.distanceM + dest.distanceM) * offFactor;
        if (!Number.isFinite(graphS)) {
          const straightM = haversineM(u.lonLat, destination) * offFactor;
          return straightLeg(u.lonLat, destination, straightM, undefined);
        }
        return {
          etaS: graphS + accessM / accessMs,
          distanceM: accessM + (search.lengthM[snap.node] as number),
          route: () =>
            routeVia(search.next, snap.node, dest.node, u.lonLat, destination, nodeLonLat),
        };
      };

      return units.map((u, i): TravelEstimate => {
        const straightM = haversineM(u.lonLat, destination);
        let leg: Leg;
        if (u.kind === 'drone') {
          leg = straightLeg(
            u.lonLat,
            destination,
            straightM,
            rules.droneTakeoffS + straightM / speedMs('drone'),
          );
        } else if (u.kind === 'officer-pair') {
          const walkM = straightM * offFactor;
          const walkS = walkM / speedMs('officer-pair');
          const ride = driveLeg(u, i, rules.rideKind);
          const rideS = ride?.etaS === undefined ? undefined : ride.etaS + rules.mountDelayS;
          leg =
            ride && rideS !== undefined && footOrRide(straightM, walkS, rideS, rules) === 'ride'
              ? { ...ride, etaS: rideS }
              : straightLeg(u.lonLat, destination, walkM, walkS);
        } else {
          leg =
            driveLeg(u, i, u.kind) ??
            straightLeg(u.lonLat, destination, straightM * offFactor, undefined);
        }
        return estimate(u.id, leg);
      });
    },
  };
}

/** Unit → its node → … → destination node → destination, following the search's next pointers. */
function routeVia(
  next: Int32Array,
  fromNode: number,
  toNode: number,
  from: LonLat,
  to: LonLat,
  nodeLonLat: (n: number) => LonLat,
): readonly LonLat[] {
  const route: LonLat[] = [from];
  for (let n = fromNode; n >= 0; n = next[n] as number) {
    route.push(nodeLonLat(n));
    if (n === toNode) break;
  }
  route.push(to);
  return dedupe(route);
}

function dedupe(route: readonly LonLat[]): LonLat[] {
  const out: LonLat[] = [];
  for (const p of route) {
    const last = out[out.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
  }
  return out;
}

/**
 * The route polyline is built on first read: a recommendation reads it for the few units it keeps,
 * and building thousands of polylines up front would dominate the cost of pricing.
 */
function estimate(unitId: string, leg: Leg): TravelEstimate {
  let route: readonly LonLat[] | undefined;
  const est = { unitId, etaS: leg.etaS, distanceM: leg.distanceM } as TravelEstimate;
  Object.defineProperty(est, 'route', {
    enumerable: true,
    get: () => (route ??= leg.route()),
  });
  return est;
}
