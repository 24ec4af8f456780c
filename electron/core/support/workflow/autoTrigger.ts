import type { Grade } from '../../../../shared/domain/incidents';

/**
 * True when available force is more than 30 % short of need (available < needed × 0.7).
 * Compared in integers-times-ten so 7 of 10 or 70 of 100 (exactly 30 % short) never trips on
 * floating-point noise. No configured need → never short.
 */
export function forceShortage(available: number, needed: number): boolean {
  if (!(needed > 0)) return false;
  return 10 * (needed - available) > 3 * needed;
}

/** Grade III or more severe (III, II, I) raises a suggested support demand. */
export function gradeSuggestsSupport(grade: Grade): boolean {
  return grade === 'I' || grade === 'II' || grade === 'III';
}
