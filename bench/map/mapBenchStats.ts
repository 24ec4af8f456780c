// Pure helpers of the map benchmark: shared by the Node runner and its unit test, no DOM, no Node.

export interface Summary {
  readonly n: number;
  readonly p50: number;
  readonly p95: number;
  readonly mean: number;
  readonly min: number;
  readonly max: number;
}

/** Nearest-rank quantile (the smallest value with at least q of the samples at or below it). */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length)));
  return sorted[rank - 1] ?? NaN;
}

export function summarize(values: readonly number[]): Summary {
  if (values.length === 0) return { n: 0, p50: NaN, p95: NaN, mean: NaN, min: NaN, max: NaN };
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return {
    n: values.length,
    p50: quantile(values, 0.5),
    p95: quantile(values, 0.95),
    mean: sum / values.length,
    min,
    max,
  };
}

/** ours / naive on the median and on the mean; the target reads both. */
export function ratios(
  ours: Summary,
  naive: Summary,
): { readonly p50: number; readonly mean: number } {
  return { p50: ours.p50 / naive.p50, mean: ours.mean / naive.mean };
}

/**
 * The order in which the paths run in a round: rotated by one each round, so no path always runs
 * first after the idle gap (or always right after another path's garbage).
 */
export function roundOrder<T>(paths: readonly T[], round: number): T[] {
  const n = paths.length;
  if (n === 0) return [];
  const k = ((round % n) + n) % n;
  return [...paths.slice(k), ...paths.slice(0, k)];
}

export interface CdpMetric {
  readonly name: string;
  readonly value: number;
}

/** Milliseconds between two CDP Performance.getMetrics readings of a duration metric (seconds). */
export function metricDeltaMs(
  before: readonly CdpMetric[],
  after: readonly CdpMetric[],
  name: string,
): number {
  const a = before.find((m) => m.name === name)?.value;
  const b = after.find((m) => m.name === name)?.value;
  if (a === undefined || b === undefined) throw new Error(`metric ${name} missing`);
  return (b - a) * 1000;
}

/** A Markdown table: the first row is the header; columns padded so it also reads as plain text. */
export function markdownTable(rows: readonly (readonly string[])[]): string {
  const cols = Math.max(0, ...rows.map((r) => r.length));
  const widths = Array.from({ length: cols }, (_, c) =>
    Math.max(3, ...rows.map((r) => (r[c] ?? '').length)),
  );
  const line = (r: readonly string[]): string =>
    `| ${widths.map((w, c) => (r[c] ?? '').padEnd(w)).join(' | ')} |`;
  const [head, ...body] = rows;
  if (!head) return '';
  return [
    line(head),
    `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`,
    ...body.map(line),
  ].join('\n');
}

/** Fixed decimals for the table; NaN shows as a dash. */
export function fmt(v: number, digits = 2): string {
  return Number.isFinite(v) ? v.toFixed(digits) : '—';
}
