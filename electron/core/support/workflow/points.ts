import type { RunCard } from '../../../../shared/domain/incidents';

/** Task points (积分) = difficulty × duration in hours × risk. Negative durations count as 0. */
export function taskPoints(card: Pick<RunCard, 'difficulty' | 'risk'>, hours: number): number {
  return card.difficulty * Math.max(0, hours) * card.risk;
}

/**
 * Gini coefficient of non-negative burdens: 0 when every jurisdiction carries the same, towards
 * 1 when one carries everything. Empty or all-zero → 0. Uses the sorted form
 * G = Σ (2i − n − 1)·x_i / (n · Σx), i = 1..n ascending, equal to the mean absolute difference
 * over twice the mean.
 */
export function gini(values: readonly number[]): number {
  const n = values.length;
  const sorted = [...values].sort((a, b) => a - b);
  let total = 0;
  let weighted = 0;
  sorted.forEach((x, i) => {
    total += x;
    weighted += (2 * (i + 1) - n - 1) * x;
  });
  return n === 0 || total === 0 ? 0 : weighted / (n * total);
}
