// The two dispatch policies the drill compares: the baseline every dispatcher knows (closest idle
// unit with the module) and our recommender, fed the same pool the drill shows the baseline.
import { UNIT_KINDS } from '../shared/domain/units';
import type { PoolUnit, SupportRules, TravelModel } from '../electron/core/support/types';
import type { MilpSolver } from '../electron/core/support/recommend/index';
import { recommend } from '../electron/core/support/recommend/index';
import type { Dispatch, DrillPolicy } from './drill';

/**
 * Closest-idle: for each need in run-card order, the nearest available units carrying the module.
 * It ignores station reserves and burden, as the baseline in the literature does; it keeps the
 * legal and safety limits (12 h duty, battery floors), which no dispatcher may waive.
 */
export function closestIdlePolicy(
  travel: TravelModel,
  rules: Pick<SupportRules, 'maxDutyHours' | 'batteryFloorPct'>,
): DrillPolicy {
  return {
    name: 'closest-idle',
    choose(req) {
      const needed = new Set(req.needs.map((n) => n.module));
      const floorOk = (u: PoolUnit): boolean => {
        const floor = rules.batteryFloorPct[u.kind];
        return floor === undefined || u.batteryPct === undefined || u.batteryPct >= floor;
      };
      const idle = req.pool.filter(
        (u) => u.status === 'available' && floorOk(u) && u.modules.some((m) => needed.has(m)),
      );
      const hours = req.incident.card.expectedHours;
      const priced = travel
        .priceAll(req.incident.lonLat, idle)
        .map((e, i) => ({ unit: idle[i] as PoolUnit, etaS: e.etaS }))
        .filter(
          (p): p is { unit: PoolUnit; etaS: number } =>
            p.etaS !== undefined && p.unit.dutyHours + p.etaS / 3600 + hours <= rules.maxDutyHours,
        )
        // Ties broken by id so the baseline is deterministic.
        .sort((a, b) => a.etaS - b.etaS || (a.unit.id < b.unit.id ? -1 : 1));
      const used = new Set<string>();
      const out: Dispatch[] = [];
      for (const need of req.needs) {
        let left = need.count;
        for (const p of priced) {
          if (left === 0) break;
          if (used.has(p.unit.id) || !p.unit.modules.includes(need.module)) continue;
          used.add(p.unit.id);
          out.push({ unitId: p.unit.id, covers: [need.module] });
          left--;
        }
      }
      return out;
    },
  };
}

export interface RecommenderStats {
  calls: number;
  greedyFallbacks: number;
  readonly fallbackReasons: Record<string, number>;
}

/**
 * Diagnostic variants, emulated through the recommender's inputs (its code is unchanged), to
 * show which term costs punctuality and what a change would buy. Not part of the product.
 */
export interface RecommenderVariant {
  readonly name: string;
  /** The incident's own stations may use their last units: the reserve binds lending only. */
  readonly localReserveExempt?: boolean;
  /**
   * Prototype coverage term, seconds: each unit of jurisdiction j costs extra
   * coverageS × (j's share of demand so far) ÷ (units j still has available), passed in
   * through the burden input (÷ burdenS), so taking an area's last units is expensive.
   */
  readonly coverageS?: number;
  /** Overrides the fairness weight (seconds per burden point). */
  readonly burdenS?: number;
}

/** Our recommender: the best package (packages[0]) of `recommend`, as the commander would approve it. */
export function recommenderPolicy(
  travel: TravelModel,
  rules: SupportRules,
  solver: MilpSolver | undefined,
  variant: RecommenderVariant = { name: 'recommender' },
): { policy: DrillPolicy; stats: RecommenderStats } {
  const stats: RecommenderStats = { calls: 0, greedyFallbacks: 0, fallbackReasons: {} };
  const demand = new Map<string, number>();
  const seen = new Set<string>();
  const policy: DrillPolicy = {
    name: variant.name,
    choose(req) {
      const inc = req.incident;
      if (!seen.has(inc.id)) {
        seen.add(inc.id);
        demand.set(inc.jurisdictionId, (demand.get(inc.jurisdictionId) ?? 0) + 1);
      }
      let reserves = rules.reserves;
      if (variant.localReserveExempt) {
        const local = new Set(
          req.pool.filter((u) => u.jurisdictionId === inc.jurisdictionId).map((u) => u.stationId),
        );
        reserves = [
          ...reserves,
          ...[...local].flatMap((stationId) =>
            UNIT_KINDS.map((kind) => ({ stationId, kind, min: 0 })),
          ),
        ];
      }
      // A zero fairness weight still needs a carrier for the coverage term: a tiny one, scaled.
      const burdenS = variant.burdenS ?? rules.weights.burdenS;
      const carrierS = burdenS > 0 ? burdenS : 1e-3;
      let burden: Readonly<Record<string, number>> = carrierS === burdenS ? req.burden : {};
      if (variant.coverageS !== undefined) {
        const avail = new Map<string, number>();
        for (const u of req.pool) {
          if (!avail.has(u.jurisdictionId)) avail.set(u.jurisdictionId, 0);
          if (u.status === 'available')
            avail.set(u.jurisdictionId, (avail.get(u.jurisdictionId) ?? 0) + 1);
        }
        const total = [...avail.keys()].reduce((s, j) => s + 1 + (demand.get(j) ?? 0), 0);
        const extra: Record<string, number> = { ...burden };
        for (const [j, a] of avail) {
          const share = (1 + (demand.get(j) ?? 0)) / total;
          extra[j] = (extra[j] ?? 0) + (variant.coverageS * share) / Math.max(1, a) / carrierS;
        }
        burden = extra;
      }
      const rec = recommend(
        {
          incident: {
            id: inc.id,
            grade: inc.grade,
            lonLat: inc.lonLat,
            jurisdictionId: inc.jurisdictionId,
          },
          needs: req.needs,
          runCard: { expectedHours: inc.card.expectedHours },
          target: req.target,
          pool: req.pool,
          rules: { ...rules, reserves, weights: { ...rules.weights, burdenS: carrierS } },
          burden,
          travel,
        },
        solver,
        // Simulated time, frozen during the call: the solver's budget never depends on how busy
        // the machine is, so a drill replays identically (HiGHS keeps its own wall-clock limit).
        () => req.nowMs,
      );
      stats.calls++;
      if (rec.solver === 'greedy') {
        stats.greedyFallbacks++;
        // Reasons carry the limit and timings; keep their stable head so the counts group.
        const key = (rec.fallbackReason ?? 'unknown').replace(/\d+(\.\d+)?/g, 'N');
        stats.fallbackReasons[key] = (stats.fallbackReasons[key] ?? 0) + 1;
      }
      const best = rec.packages[0];
      return (best?.units ?? []).map((u) => ({ unitId: u.unitId, covers: u.covers }));
    },
  };
  return { policy, stats };
}
