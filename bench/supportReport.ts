// The printed table of `npm run bench:support`. Figures are printed as measured (fixed decimals,
// no rounding up); the JSON next to it carries the raw values.
import type { CapabilityModule } from '../shared/domain/units';
import type { DrillMetrics } from './drill';
import type { ModuleLateness } from './drillMetrics';
import type { PricingRun } from './supportRoads';
import { summary, type Summary } from './supportStats';

export interface LatencyRow {
  readonly units: number;
  readonly calls: number;
  readonly ms: Summary;
  readonly greedyFallbacks: number;
  readonly packagesWithShortfall: number;
}

export interface ColdStart {
  readonly loadSolverMs: number;
  readonly firstCallMs: number;
  readonly firstCallUnits: number;
}

export interface PricingRow {
  readonly label: string;
  readonly run: PricingRun;
}

export interface DrillRow {
  readonly region: string;
  readonly travel: string;
  readonly units: number;
  readonly stations: number;
  readonly ratePerHour: number;
  /** Each seeded stream on its own: the spread the pooled figures hide. */
  readonly perSeed: readonly {
    readonly seed: number;
    readonly hours: number;
    readonly units: number;
    readonly closest: DrillMetrics;
    readonly ours: DrillMetrics;
  }[];
  /** All seeds pooled (poolRuns). */
  readonly closest: DrillMetrics;
  readonly ours: DrillMetrics;
  /** Diagnostic variants of the recommender (not the product). */
  readonly variants: readonly DrillMetrics[];
  readonly greedyFallbacks: number;
  readonly fallbackReasons: Readonly<Record<string, number>>;
  /** Where run cards, reserves and targets came from. */
  readonly source: string;
}

const f1 = (v: number): string => (Number.isFinite(v) ? v.toFixed(1) : '–');
const f2 = (v: number): string => (Number.isFinite(v) ? v.toFixed(2) : '–');
const f3 = (v: number): string => (Number.isFinite(v) ? v.toFixed(3) : '–');
const n0 = (v: number): string => v.toLocaleString('en-US');
const pct = (v: number): string => (Number.isFinite(v) ? `${(v * 100).toFixed(1)} %` : '–');

export function table(rows: readonly (readonly string[])[]): string {
  const widths = (rows[0] ?? []).map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows
    .map((r, i) => {
      const line = r
        .map((cell, c) => (c === 0 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0)))
        .join('  ');
      return i === 0 ? `${line}\n${widths.map((w) => '-'.repeat(w)).join('  ')}` : line;
    })
    .join('\n');
}

/** 1 − ours ÷ baseline: the fraction fewer (negative when ours is worse). */
export function reduction(ours: number, baseline: number): number {
  return baseline === 0 ? (ours === 0 ? 0 : -Infinity) : 1 - ours / baseline;
}

export function renderLatency(rows: readonly LatencyRow[], cold: ColdStart): string {
  const big = rows.find((r) => r.units === 3000);
  return [
    'Recommendation latency — 30 jurisdictions, straight line × detour, HiGHS MILP + 2 alternatives',
    table([
      ['units', 'calls', 'p50 ms', 'p95 ms', 'max ms', 'greedy fallbacks', 'with shortfall'],
      ...rows.map((r) => [
        n0(r.units),
        String(r.calls),
        f1(r.ms.p50),
        f1(r.ms.p95),
        f1(r.ms.max),
        String(r.greedyFallbacks),
        String(r.packagesWithShortfall),
      ]),
    ]),
    big
      ? `p95 at 3,000 units: ${f1(big.ms.p95)} ms (target ≤ 300 ms: ${big.ms.p95 <= 300 ? 'met' : 'NOT met'})`
      : '',
    `Cold start (reported apart): loadSolver ${f1(cold.loadSolverMs)} ms, first recommend on ` +
      `${n0(cold.firstCallUnits)} units ${f1(cold.firstCallMs)} ms`,
  ].join('\n');
}

export function renderPricing(rows: readonly PricingRow[], graphLine: string): string {
  return [
    `Road pricing on the Andorra graph — ${graphLine}`,
    table([
      [
        'candidates',
        'dests',
        'priceAll p50 ms',
        'p95 ms',
        'baseline dests',
        'Dijkstras/call',
        'baseline p50 ms',
        'p95 ms',
        'baseline/priceAll (p50)',
        'max |ΔETA| s',
      ],
      ...rows.map(({ label, run }) => {
        const o = summary(run.oursMs);
        const b = summary(run.baselineMs);
        return [
          label,
          String(run.destinations),
          f2(o.p50),
          f2(o.p95),
          String(run.baselineDestinations),
          n0(run.baselineSearchesPerCall),
          f2(b.p50),
          f2(b.p95),
          `${f1(b.p50 / o.p50)}×`,
          f3(run.maxEtaDiffS),
        ];
      }),
    ]),
  ].join('\n');
}

/** "traffic 122/285 (103) → 108/284 (94); …", modules with the most late slots first. */
function byModule(c: DrillMetrics, o: DrillMetrics): string {
  const modules = [
    ...new Set([...Object.keys(c.byModule), ...Object.keys(o.byModule)]),
  ] as CapabilityModule[];
  const late = (m: CapabilityModule): number =>
    (c.byModule[m]?.late ?? 0) + (o.byModule[m]?.late ?? 0);
  const cell = (x: ModuleLateness | undefined): string =>
    `${String(x?.late ?? 0)}/${String(x?.filled ?? 0)} (${String(x?.lateAfterWaiting ?? 0)})`;
  return modules
    .sort((a, b) => late(b) - late(a) || (a < b ? -1 : 1))
    .map((m) => `${m} ${cell(c.byModule[m])} → ${cell(o.byModule[m])}`)
    .join('; ');
}

export function renderDrills(rows: readonly DrillRow[]): string {
  const lines: string[] = [
    'Drill quality — the same seeded incident streams for every policy, pooled over the seeds; ' +
      'late = on scene after the grade target',
  ];
  lines.push(
    table([
      [
        'region / policy',
        'incidents',
        'slots',
        'arrivals',
        'late arr.',
        'of which waited',
        'late/arrival',
        'late+unmet/slot',
        'incidents late',
        'unmet',
        'queued',
        'reserve viol.',
        'own-area drains',
        'Gini pts',
        'Gini pts/unit',
        'p50 min',
        'p90 min',
      ],
      ...rows.flatMap((r) =>
        [r.closest, r.ours, ...r.variants].map((m) => [
          `${r.region} ${m.policy}`,
          String(m.incidents),
          String(m.slots),
          String(m.arrivals),
          String(m.lateArrivals),
          String(m.lateAfterWaiting),
          pct(m.lateArrivalFraction),
          pct(m.lateOrUnmetFraction),
          pct(m.incidentLateFraction),
          String(m.unmetSlots),
          String(m.queuedArrivals),
          String(m.reserveViolations),
          String(m.ownAreaDrains),
          f3(m.gini),
          f3(m.giniPerUnit),
          f1(m.arrivalMinP50),
          f1(m.arrivalMinP90),
        ]),
      ),
    ]),
  );
  for (const r of rows) {
    const c = r.closest;
    const o = r.ours;
    const perSlot = reduction(o.lateOrUnmetFraction, c.lateOrUnmetFraction);
    const perArrival = reduction(o.lateArrivalFraction, c.lateArrivalFraction);
    const perIncident = reduction(o.incidentLateFraction, c.incidentLateFraction);
    const hours = r.perSeed.map((s) => f1(s.hours)).join(' / ');
    const sizes = r.perSeed.map((s) => s.units);
    const units =
      Math.min(...sizes) === Math.max(...sizes)
        ? n0(r.units)
        : `${n0(Math.min(...sizes))}–${n0(Math.max(...sizes))}`;
    lines.push(
      `${r.region}: ${units} units at ${String(r.stations)} stations, ${r.travel}, ` +
        `${f1(r.ratePerHour)} incidents/h; ${String(r.perSeed.length)} seeds × ` +
        `${String(r.perSeed[0]?.closest.incidents ?? 0)} incidents over ${hours} h; ` +
        `recommender greedy fallbacks ${String(r.greedyFallbacks)} of ${String(o.policyCalls)} calls`,
    );
    lines.push(
      `  fewer late (recommender vs closest-idle, pooled): per arrival ${pct(perArrival)} ` +
        `(target ≥ 15 %: ${perArrival >= 0.15 ? 'met' : 'NOT met'}), per slot incl. unmet ` +
        `${pct(perSlot)}, per incident ${pct(perIncident)}; reserve violations ` +
        `${String(o.reserveViolations)} (target 0: ${o.reserveViolations === 0 ? 'met' : 'NOT met'}) ` +
        `vs ${String(c.reserveViolations)}; mean Gini ${f3(o.gini)} vs ${f3(c.gini)} ` +
        `(${o.gini < c.gini ? 'lower' : 'NOT lower'})`,
    );
    lines.push(
      `  late / filled slots by module (waited), closest-idle → recommender: ${byModule(c, o)}`,
    );
    lines.push(
      `  per seed, late arrivals closest-idle → recommender: ` +
        r.perSeed
          .map(
            (s) =>
              `${String(s.seed)}: ${String(s.closest.lateArrivals)} → ${String(s.ours.lateArrivals)} ` +
              `(${pct(reduction(s.ours.lateArrivalFraction, s.closest.lateArrivalFraction))} fewer)`,
          )
          .join('; '),
    );
  }
  return lines.join('\n');
}
