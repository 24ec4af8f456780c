// `npm run bench:support`: recommendation latency (300 / 3,000 units, 30 jurisdictions, cold start
// apart), road pricing on the Andorra graph against one Dijkstra per unit, and seeded drills in
// Kaihua and Andorra comparing the recommender with closest-idle — in one run. Prints a table and
// writes the raw figures to bench-results/support-<timestamp>.json.
//
// Options: --incidents=N (per drill, default 240), --seeds=N (streams per region, default 3), --kaihua-rate=R and --andorra-rate=R
// (incidents/h), --seed=N, --no-variants (skip the diagnostic recommender variants), --quick
// (fewer latency calls) and --drills-only: for trying things, not for the README.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import type { LonLat } from '../shared/domain/region';
import { loadRegionPack } from '../electron/core/region/loadRegion';
import { loadSolver, recommend } from '../electron/core/support/recommend/index';
import { buildRoadGraph, createTravelModel } from '../electron/core/support/travel/index';
import type { RoadFeatures } from '../electron/core/support/travel/index';
import { runDrill } from './drill';
import { poolRuns, type SeededRun } from './drillMetrics';
import { closestIdlePolicy, recommenderPolicy, type RecommenderOptions } from './drillPolicies';
import { andorraDrill, kaihuaDrill, type DrillSetup } from './drillRegions';
import { inGeometry } from '../electron/core/desk/geo';
import { latencyInputs, latencyPool, timeRecommend, type LatencyRun } from './supportLatency';
import {
  renderDrills,
  renderLatency,
  renderPricing,
  type DrillRow,
  type LatencyRow,
  type PricingRow,
} from './supportReport';
import { perUnitDijkstra, roadCandidates, timePricing } from './supportRoads';
import { summary } from './supportStats';

const ROOT = process.cwd();
const ANDORRA = resolve(ROOT, '../shared/data/fallback_andorra');
const arg = (name: string): string | undefined =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const num = (name: string, dflt: number): number => {
  const v = arg(name);
  return v === undefined ? dflt : Number(v);
};
const QUICK = process.argv.includes('--quick');
/** Tuning aid: skips latency and pricing. Not for quoting. */
const DRILLS_ONLY = process.argv.includes('--drills-only');
/** Diagnostic recommender variants (weight overrides) next to the shipped one. */
const VARIANTS: readonly (RecommenderOptions & { readonly name: string })[] = process.argv.includes(
  '--no-variants',
)
  ? []
  : [
      { name: 'diag: no coverage term', weights: { coverageS: 0 } },
      { name: 'diag: no burden term', weights: { burdenS: 0 } },
      // What the reserve rule costs: the same recommender told no station keeps a reserve.
      { name: 'diag: reserves waived', reserves: [] },
    ];
/** Tuning aid: overrides the shipped weights, e.g. --weights=coverageS:30000,etaWeight:0.2. */
const WEIGHTS = Object.fromEntries(
  (arg('weights') ?? '')
    .split(',')
    .filter((kv) => kv.includes(':'))
    .map((kv) => [kv.split(':')[0], Number(kv.split(':')[1])]),
) as Partial<import('../electron/core/support/types').SupportRules['weights']>;
const COVERAGE_MIN = arg('coverage-min');
const BUSY = arg('busy');
const SEED = num('seed', 20260105);
const INCIDENTS = num('incidents', 240);
/** Seeded streams per region; the quality figures pool them. */
const SEEDS = Math.max(1, Math.floor(num('seeds', 3)));
const KAIHUA_RATE = num('kaihua-rate', 3);
const ANDORRA_RATE = num('andorra-rate', 3);
const CALLS = { 300: QUICK ? 20 : 120, 3000: QUICK ? 10 : 80 } as const;
const WARMUP = QUICK ? 2 : 10;
const startedAt = new Date();
const ms = (t0: number): number => performance.now() - t0;

// ------------------------------------------------------------------ latency pools (Kaihua extent)
const kaihua = loadRegionPack(join(ROOT, 'resources/regions'), 'kaihua');
const outline = kaihua.snapshot.layers.outline.features[0]?.geometry;
const inside = (p: LonLat): boolean => (outline ? inGeometry(p, outline) : true);
const bbox = kaihua.snapshot.info.bbox;
const latRules = kaihua.support.rules;
const latTravel = createTravelModel(kaihua.support.travel);
const cards = kaihua.support.runCards;
const pools = ([300, 3000] as const).map((size) => {
  const lp = latencyPool(SEED + size, size, inside, bbox);
  const inputs = latencyInputs(
    SEED + size + 1,
    WARMUP + CALLS[size],
    lp,
    cards,
    latRules,
    latTravel,
    inside,
    bbox,
  );
  return { size, inputs };
});

// ------------------------------------------------------------------ cold start, then latency
process.stdout.write('support bench: cold start… ');
let t0 = performance.now();
const solver = await loadSolver();
const loadSolverMs = ms(t0);
const firstInput = pools[1]?.inputs[0];
if (!firstInput) throw new Error('no latency input');
t0 = performance.now();
recommend(firstInput, solver, () => performance.timeOrigin + performance.now());
const firstCallMs = ms(t0);
const cold = { loadSolverMs, firstCallMs, firstCallUnits: firstInput.pool.length };

process.stdout.write('latency… ');
const latencyRuns: (LatencyRun & { units: number })[] = [];
for (const { size, inputs } of DRILLS_ONLY ? [] : pools) {
  timeRecommend(inputs.slice(0, WARMUP), solver); // JIT and the solver's first models
  latencyRuns.push({ units: size, ...timeRecommend(inputs.slice(WARMUP), solver) });
}
const latencyRows: LatencyRow[] = latencyRuns.map((r) => ({
  units: r.units,
  calls: r.samplesMs.length,
  ms: summary(r.samplesMs),
  greedyFallbacks: r.greedyFallbacks,
  packagesWithShortfall: r.packagesWithShortfall,
}));

// ------------------------------------------------------------------ road pricing (Andorra)
process.stdout.write('roads… ');
const roads = JSON.parse(
  readFileSync(join(ANDORRA, 'andorra_roads_osm.geojson'), 'utf8'),
) as RoadFeatures;
t0 = performance.now();
const graph = buildRoadGraph(roads);
const graphBuildMs = ms(t0);
const roadModel = createTravelModel({ graph, detourFactor: 1.35 });
const baseline = perUnitDijkstra(graph);
const andorraSetup = andorraDrill(ANDORRA, graph, kaihua.support, {
  seed: SEED + 2,
  count: INCIDENTS,
  ratePerHour: ANDORRA_RATE,
});
// Destinations: the first 40 drill incidents (settlements and road points, seeded).
const dests: LonLat[] = andorraSetup.config.incidents.slice(0, 40).map((i) => i.lonLat);
const rosterUnits = andorraSetup.config.units.map((u) => ({
  id: u.id,
  kind: u.kind,
  lonLat: u.home,
}));
// Warm both up on one destination so neither pays the JIT in its figures.
roadModel.priceAll(dests[0] as LonLat, rosterUnits);
baseline.priceAll(dests[0] as LonLat, rosterUnits.slice(0, 5));
const pricingRows: PricingRow[] = DRILLS_ONLY
  ? []
  : [
      {
        label: `${String(rosterUnits.length)} (drill roster)`,
        run: timePricing(roadModel, baseline, rosterUnits, dests, dests.length),
      },
      {
        label: '3,000 (scattered)',
        run: timePricing(
          roadModel,
          baseline,
          roadCandidates(graph, 3000, SEED + 4),
          dests,
          QUICK ? 1 : 3,
        ),
      },
    ];
const gs = graph.stats;
const graphLine =
  `${gs.nodes.toLocaleString('en-US')} nodes, ${gs.edges.toLocaleString('en-US')} directed edges, ` +
  `${gs.roadLengthKm.toFixed(0)} km of road, built in ${graphBuildMs.toFixed(0)} ms`;

// ------------------------------------------------------------------ drills
/** One seeded stream per seed and region; every policy runs every stream. */
const seedsFor = (base: number): number[] =>
  Array.from({ length: SEEDS }, (_, k) => base + 1000 * k);

async function drill(
  make: (seed: number) => DrillSetup,
  seeds: readonly number[],
  ratePerHour: number,
): Promise<DrillRow> {
  const runs = { closest: [] as SeededRun[], ours: [] as SeededRun[] };
  const variantRuns: SeededRun[][] = VARIANTS.map(() => []);
  let greedyFallbacks = 0;
  const fallbackReasons: Record<string, number> = {};
  const perSeed: DrillRow['perSeed'][number][] = [];
  let setup: DrillSetup | undefined;
  for (const seed of seeds) {
    setup = make(seed);
    const { config, rules } = setup;
    process.stdout.write(`${setup.region} drill (seed ${String(seed)})… `);
    const closest = await runDrill(config, closestIdlePolicy(config.travel, rules));
    const coverage = {
      ...setup.coverage,
      ...(COVERAGE_MIN === undefined ? {} : { thresholdS: Number(COVERAGE_MIN) * 60 }),
      ...(BUSY === undefined ? {} : { busyFraction: Number(BUSY) }),
    };
    const base: RecommenderOptions = { coverage, turnoutS: config.turnoutS, weights: WEIGHTS };
    const rec = recommenderPolicy(config.travel, rules, solver, base);
    const ours = await runDrill(config, rec.policy);
    for (const [i, v] of VARIANTS.entries()) {
      const opts = { ...base, ...v, weights: { ...WEIGHTS, ...v.weights } };
      const policy = recommenderPolicy(config.travel, rules, solver, opts).policy;
      variantRuns[i]?.push(await runDrill(config, policy));
    }
    runs.closest.push(closest);
    runs.ours.push(ours);
    greedyFallbacks += rec.stats.greedyFallbacks;
    for (const [k, n] of Object.entries(rec.stats.fallbackReasons))
      fallbackReasons[k] = (fallbackReasons[k] ?? 0) + n;
    const first = config.incidents[0]?.createdMs ?? 0;
    const last = config.incidents[config.incidents.length - 1]?.createdMs ?? 0;
    perSeed.push({
      seed,
      hours: (last - first) / 3_600_000,
      units: config.units.length,
      closest: closest.metrics,
      ours: ours.metrics,
    });
  }
  if (!setup) throw new Error('a drill needs at least one seed');
  return {
    region: setup.region,
    travel: setup.config.travel.name,
    units: setup.config.units.length,
    stations: setup.stations,
    ratePerHour,
    perSeed,
    closest: poolRuns(runs.closest),
    ours: poolRuns(runs.ours),
    variants: variantRuns.map(poolRuns),
    greedyFallbacks,
    fallbackReasons,
    source: setup.source,
  };
}
const kaihuaDir = join(ROOT, 'resources/regions');
const drillRows = [
  await drill(
    (seed) => kaihuaDrill(kaihuaDir, { seed, count: INCIDENTS, ratePerHour: KAIHUA_RATE }),
    seedsFor(SEED + 1),
    KAIHUA_RATE,
  ),
  await drill(
    (seed) =>
      andorraDrill(ANDORRA, graph, kaihua.support, {
        seed,
        count: INCIDENTS,
        ratePerHour: ANDORRA_RATE,
      }),
    seedsFor(SEED + 2),
    ANDORRA_RATE,
  ),
];
console.log('done\n');

// ------------------------------------------------------------------ report
const header =
  `Support benchmark — ${String(cpus().length)} CPUs (${cpus()[0]?.model ?? '?'}), Node ` +
  `${process.version}, seed ${String(SEED)}${QUICK || DRILLS_ONLY ? ', QUICK / DRILLS-ONLY (not for quoting)' : ''}`;
const text = [
  header,
  '',
  renderLatency(latencyRows, cold),
  '',
  renderPricing(pricingRows, graphLine),
  '',
  renderDrills(drillRows),
].join('\n');
console.log(text);

const outDir = resolve(ROOT, 'bench-results');
mkdirSync(outDir, { recursive: true });
const file = join(outDir, `support-${startedAt.toISOString().replace(/[:.]/g, '-')}.json`);
writeFileSync(
  file,
  JSON.stringify(
    {
      startedAt: startedAt.toISOString(),
      command: `npm run bench:support -- ${process.argv.slice(2).join(' ')}`.trim(),
      machine: {
        cpus: cpus().length,
        cpuModel: cpus()[0]?.model,
        totalMemMb: totalmem() / 2 ** 20,
      },
      node: process.version,
      seed: SEED,
      quick: QUICK,
      latency: {
        coldStart: cold,
        runs: latencyRuns.map((r) => ({ ...r, summary: summary(r.samplesMs) })),
      },
      pricing: { graph: { ...gs, buildMs: graphBuildMs }, runs: pricingRows },
      drills: drillRows,
      table: text,
    },
    (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v),
    2,
  ),
);
console.log(`\nraw results: ${file}`);
