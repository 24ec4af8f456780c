// A directed road graph built from a region's road layer (GeoJSON lines tagged like OSM ways).
// Every vertex of every line is a node; lines that share an exact coordinate (rounded to 1e-7°,
// ~1 cm) share the node, which is how OSM ways meet at junctions. Edges are stored as flat typed
// arrays with forward and reverse adjacency (CSR) so a search touches no objects.
import type { FeatureCollection } from '../../../../shared/domain/region';
import { haversineM } from '../../../../shared/domain/distance';
import { NON_VEHICLE_HIGHWAYS, parseMaxspeedKmh, roadClassSpeedKmh } from './speeds';

export interface RoadGraphStats {
  readonly nodes: number;
  /** Directed edges (a two-way segment counts twice). */
  readonly edges: number;
  /** Weakly connected components (one-way ignored). */
  readonly components: number;
  readonly largestComponentNodes: number;
  readonly oneWayEdges: number;
  /** Length of all road segments, each counted once. */
  readonly roadLengthKm: number;
  /** Features left out: not lines, no `highway`, or not for vehicles (footways, steps…). */
  readonly skippedFeatures: number;
}

export interface RoadGraph {
  readonly nodeCount: number;
  readonly edgeCount: number;
  readonly nodeLon: Float64Array;
  readonly nodeLat: Float64Array;
  /** Weakly connected component id of each node, and the node count of each component. */
  readonly nodeComponent: Int32Array;
  readonly componentSize: Int32Array;
  readonly edgeFrom: Int32Array;
  readonly edgeTo: Int32Array;
  readonly edgeLengthM: Float64Array;
  /** Road speed before any vehicle cap: numeric `maxspeed`, else the class speed. */
  readonly edgeSpeedKmh: Float32Array;
  /** Index into `classNames` (the `highway` value). */
  readonly edgeClass: Uint8Array;
  readonly classNames: readonly string[];
  /** Edges leaving node n: outEdges[outStart[n] .. outStart[n + 1]). */
  readonly outStart: Int32Array;
  readonly outEdges: Int32Array;
  /** Edges entering node n: inEdges[inStart[n] .. inStart[n + 1]). */
  readonly inStart: Int32Array;
  readonly inEdges: Int32Array;
  /** Highest edge speed in the graph (profiles with a higher cap are identical). */
  readonly maxEdgeSpeedKmh: number;
  readonly stats: RoadGraphStats;
}

/** The road layer as loaded from GeoJSON: LineString / MultiLineString features. */
export type RoadFeatures = FeatureCollection;

type Direction = 'both' | 'forward' | 'backward';

/** OSM `oneway`, with the implied one-way of motorways and roundabouts. */
function directionOf(props: Readonly<Record<string, unknown>>, highway: string): Direction {
  const oneway = props['oneway'];
  const v = typeof oneway === 'string' ? oneway.toLowerCase() : oneway;
  if (v === '-1' || v === -1 || v === 'reverse') return 'backward';
  if (v === 'yes' || v === 'true' || v === '1' || v === true || v === 1) return 'forward';
  if (v === 'no' || v === 'false' || v === '0' || v === false) return 'both';
  // Absent or unusual values ('reversible', 'alternating'): OSM defaults apply.
  const junction = props['junction'];
  if (highway === 'motorway' || junction === 'roundabout' || junction === 'circular') {
    return 'forward';
  }
  return 'both';
}

function isPosition(p: unknown): p is readonly [number, number] {
  return Array.isArray(p) && p.length >= 2 && Number.isFinite(p[0]) && Number.isFinite(p[1]);
}

function linesOf(geometry: { readonly type: string; readonly coordinates: unknown }): unknown[] {
  if (!Array.isArray(geometry.coordinates)) return [];
  if (geometry.type === 'LineString') return [geometry.coordinates];
  if (geometry.type === 'MultiLineString') return geometry.coordinates as unknown[];
  return [];
}

const KEY_SCALE = 1e7;

export function buildRoadGraph(roads: RoadFeatures): RoadGraph {
  const nodeIds = new Map<string, number>();
  const lons: number[] = [];
  const lats: number[] = [];
  const from: number[] = [];
  const to: number[] = [];
  const lengthM: number[] = [];
  const speedKmh: number[] = [];
  const cls: number[] = [];
  const classNames: string[] = [];
  const classIds = new Map<string, number>();
  let skipped = 0;
  let oneWay = 0;
  let roadLengthM = 0;

  const nodeOf = (p: readonly [number, number]): number => {
    const key = `${Math.round(p[0] * KEY_SCALE)},${Math.round(p[1] * KEY_SCALE)}`;
    let id = nodeIds.get(key);
    if (id === undefined) {
      id = lons.length;
      nodeIds.set(key, id);
      lons.push(p[0]);
      lats.push(p[1]);
    }
    return id;
  };

  const addEdge = (a: number, b: number, len: number, speed: number, classId: number): void => {
    from.push(a);
    to.push(b);
    lengthM.push(len);
    speedKmh.push(speed);
    cls.push(classId);
  };

  for (const f of roads.features) {
    const props = f.properties ?? {};
    const highway = props['highway'];
    const lines = f.geometry ? linesOf(f.geometry) : [];
    if (typeof highway !== 'string' || NON_VEHICLE_HIGHWAYS.has(highway) || lines.length === 0) {
      skipped++;
      continue;
    }
    let classId = classIds.get(highway);
    if (classId === undefined) {
      if (classNames.length >= 255) throw new Error('more than 255 road classes');
      classId = classNames.length;
      classIds.set(highway, classId);
      classNames.push(highway);
    }
    const speed = parseMaxspeedKmh(props['maxspeed']) ?? roadClassSpeedKmh(highway);
    const dir = directionOf(props, highway);
    for (const line of lines) {
      if (!Array.isArray(line)) continue;
      let prev: number | undefined;
      for (const p of line) {
        if (!isPosition(p)) continue;
        const cur = nodeOf(p);
        if (prev !== undefined && prev !== cur) {
          const len = haversineM([lons[prev] as number, lats[prev] as number], [p[0], p[1]]);
          roadLengthM += len;
          if (dir !== 'backward') addEdge(prev, cur, len, speed, classId);
          if (dir !== 'forward') addEdge(cur, prev, len, speed, classId);
          if (dir !== 'both') oneWay++;
        }
        prev = cur;
      }
    }
  }

  const n = lons.length;
  const m = from.length;
  const edgeFrom = Int32Array.from(from);
  const edgeTo = Int32Array.from(to);
  const { start: outStart, list: outEdges } = adjacency(n, edgeFrom);
  const { start: inStart, list: inEdges } = adjacency(n, edgeTo);
  const { nodeComponent, componentSize } = components(n, edgeFrom, edgeTo);
  const edgeSpeedKmh = Float32Array.from(speedKmh);
  let maxEdgeSpeedKmh = 0;
  for (const s of edgeSpeedKmh) if (s > maxEdgeSpeedKmh) maxEdgeSpeedKmh = s;
  let largest = 0;
  for (const s of componentSize) if (s > largest) largest = s;

  return {
    nodeCount: n,
    edgeCount: m,
    nodeLon: Float64Array.from(lons),
    nodeLat: Float64Array.from(lats),
    nodeComponent,
    componentSize,
    edgeFrom,
    edgeTo,
    edgeLengthM: Float64Array.from(lengthM),
    edgeSpeedKmh,
    edgeClass: Uint8Array.from(cls),
    classNames,
    outStart,
    outEdges,
    inStart,
    inEdges,
    maxEdgeSpeedKmh,
    stats: {
      nodes: n,
      edges: m,
      components: componentSize.length,
      largestComponentNodes: largest,
      oneWayEdges: oneWay,
      roadLengthKm: roadLengthM / 1000,
      skippedFeatures: skipped,
    },
  };
}

/** Counting sort of edge ids by one endpoint: CSR offsets plus the edge list. */
function adjacency(n: number, endpoint: Int32Array): { start: Int32Array; list: Int32Array } {
  const start = new Int32Array(n + 1);
  for (const v of endpoint) start[v + 1] = (start[v + 1] as number) + 1;
  for (let i = 0; i < n; i++) start[i + 1] = (start[i + 1] as number) + (start[i] as number);
  const fill = start.slice(0, n);
  const list = new Int32Array(endpoint.length);
  for (let e = 0; e < endpoint.length; e++) {
    const v = endpoint[e] as number;
    list[fill[v] as number] = e;
    fill[v] = (fill[v] as number) + 1;
  }
  return { start, list };
}

/** Weakly connected components by union-find (path halving, union by size). */
function components(
  n: number,
  edgeFrom: Int32Array,
  edgeTo: Int32Array,
): { nodeComponent: Int32Array; componentSize: Int32Array } {
  const parent = new Int32Array(n);
  const size = new Int32Array(n).fill(1);
  for (let i = 0; i < n; i++) parent[i] = i;
  const find = (x: number): number => {
    let r = x;
    while (parent[r] !== r) {
      const gp = parent[parent[r] as number] as number;
      parent[r] = gp;
      r = gp;
    }
    return r;
  };
  for (let e = 0; e < edgeFrom.length; e++) {
    let a = find(edgeFrom[e] as number);
    let b = find(edgeTo[e] as number);
    if (a === b) continue;
    if ((size[a] as number) < (size[b] as number)) [a, b] = [b, a];
    parent[b] = a;
    size[a] = (size[a] as number) + (size[b] as number);
  }
  const nodeComponent = new Int32Array(n);
  const idOfRoot = new Int32Array(n).fill(-1);
  const sizes: number[] = [];
  for (let i = 0; i < n; i++) {
    const r = find(i);
    let id = idOfRoot[r] as number;
    if (id < 0) {
      id = sizes.length;
      idOfRoot[r] = id;
      sizes.push(size[r] as number);
    }
    nodeComponent[i] = id;
  }
  return { nodeComponent, componentSize: Int32Array.from(sizes) };
}
