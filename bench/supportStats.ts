// Exact order statistics for the support benchmark (the samples are few; no histogram rounding).
import { percentile as kpiPercentile } from '../electron/core/kpi/afterAction';

/**
 * Nearest-rank quantile of an ascending array (the KPI module's, which the report uses too); NaN
 * for no samples, as the bench tables print it.
 */
export function percentile(sortedAsc: readonly number[], q: number): number {
  return kpiPercentile(sortedAsc, q) ?? NaN;
}

export interface Summary {
  readonly n: number;
  readonly p50: number;
  readonly p95: number;
  readonly max: number;
  readonly mean: number;
}

export function summary(samples: readonly number[]): Summary {
  const s = [...samples].sort((a, b) => a - b);
  return {
    n: s.length,
    p50: percentile(s, 0.5),
    p95: percentile(s, 0.95),
    max: s.length === 0 ? NaN : (s[s.length - 1] as number),
    mean: s.length === 0 ? NaN : s.reduce((a, b) => a + b, 0) / s.length,
  };
}
