// What sending a unit costs the coverage of everyone else: the MEXCLP marginal loss (Daskin 1983;
// as a dispatch rule, Jagtenberg, Bhulai & van der Mei 2017). A demand point d reached in time by
// k_d available units is covered with probability 1 − q^k_d (q: the chance a unit is busy);
// taking one of them away loses w_d (1 − q) q^(k_d − 1). The loss of a unit sums that over the
// points it reaches, as a share of all demand weight (0–1).
import type { PoolUnit, RecommendInput } from '../types';

/** Coverage loss per available unit id (0 for units that reach no demand point in time). */
export type CoverageLoss = ReadonlyMap<string, number>;

const NONE: CoverageLoss = new Map();

/**
 * One priceAll per demand point over the available units (a few dozen calls of one search
 * each), computed once per recommendation. Units that are not available cover nothing now.
 */
export function coverageLoss(input: RecommendInput): CoverageLoss {
  const cov = input.coverage;
  if (!cov || cov.demand.length === 0) return NONE;
  const total = cov.demand.reduce((s, d) => s + Math.max(0, d.weight), 0);
  if (!(total > 0)) return NONE;
  const q = Math.min(1, Math.max(0, cov.busyFraction));
  const available: PoolUnit[] = input.pool.filter((u) => u.status === 'available');
  if (available.length === 0) return NONE;
  const loss = new Map<string, number>();
  for (const d of cov.demand) {
    if (!(d.weight > 0)) continue;
    const reach: string[] = [];
    for (const e of input.travel.priceAll(d.lonLat, available)) {
      if (e.etaS !== undefined && e.etaS <= cov.thresholdS) reach.push(e.unitId);
    }
    if (reach.length === 0) continue;
    const marginal = (d.weight / total) * (1 - q) * q ** (reach.length - 1);
    for (const id of reach) loss.set(id, (loss.get(id) ?? 0) + marginal);
  }
  return loss;
}
