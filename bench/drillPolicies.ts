// The two dispatch policies the drill compares: the baseline every dispatcher knows (closest idle
// unit with the module) and our recommender, fed the same pool the drill shows the baseline plus
// what the console knows anyway: the region's stations (coverage demand) and when the incident
// was created.
import type {
  CoverageInput,
  PoolUnit,
  SupportRules,
  TravelEstimate,
  TravelModel,
} from '../electron/core/support/types';
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

/** How the drill feeds the recommender; `weights` overrides make diagnostic variants. */
export interface RecommenderOptions {
  readonly name?: string;
  /** Coverage demand and parameters (as the desk passes them); undefined: no coverage term. */
  readonly coverage?: CoverageInput;
  /** Order to wheels rolling, s: taken off the time left to the target, as the desk would. */
  readonly turnoutS?: number;
  readonly weights?: Partial<SupportRules['weights']>;
  /** Diagnostic only: station reserves the recommender is told (the drill still counts the real ones). */
  readonly reserves?: SupportRules['reserves'];
}

/**
 * Remembers prices TO the coverage demand points per unit and position: in the drill available
 * units wait at their stations, so the coverage term's searches repeat exactly; a bench speed-up
 * only (the answers are the model's own), so the drill runs in minutes on the road graph.
 */
export function memoToDemand(
  travel: TravelModel,
  coverage: CoverageInput | undefined,
): TravelModel {
  if (!coverage) return travel;
  const demand = new Set(
    coverage.demand.map((d) => `${String(d.lonLat[0])},${String(d.lonLat[1])}`),
  );
  const memo = new Map<string, TravelEstimate>();
  return {
    name: travel.name,
    priceAll(destination, units) {
      const dest = `${String(destination[0])},${String(destination[1])}`;
      if (!demand.has(dest)) return travel.priceAll(destination, units);
      const key = (u: (typeof units)[number]): string =>
        `${dest}|${u.id}|${String(u.lonLat[0])},${String(u.lonLat[1])}`;
      const missing = units.filter((u) => !memo.has(key(u)));
      if (missing.length > 0) {
        const byId = new Map(missing.map((u) => [u.id, u]));
        for (const e of travel.priceAll(destination, missing)) {
          const u = byId.get(e.unitId);
          if (u) memo.set(key(u), e);
        }
      }
      return units.map((u) => memo.get(key(u)) as TravelEstimate);
    },
  };
}

/** Our recommender: the best package (packages[0]) of `recommend`, as the commander would approve it. */
export function recommenderPolicy(
  travel: TravelModel,
  rules: SupportRules,
  solver: MilpSolver | undefined,
  opts: RecommenderOptions = {},
): { policy: DrillPolicy; stats: RecommenderStats } {
  const stats: RecommenderStats = { calls: 0, greedyFallbacks: 0, fallbackReasons: {} };
  const weights = { ...rules.weights, ...opts.weights };
  const pricing = memoToDemand(travel, opts.coverage);
  const policy: DrillPolicy = {
    name: opts.name ?? 'recommender',
    choose(req) {
      const inc = req.incident;
      // The target counts from the incident's creation: an incident that waited has less left.
      const elapsedMin = (req.nowMs - inc.createdMs) / 60_000 + (opts.turnoutS ?? 0) / 60;
      const target = {
        startMin: req.target.startMin,
        onSceneMin: Math.max(0, req.target.onSceneMin - elapsedMin),
      };
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
          target,
          pool: req.pool,
          rules: { ...rules, weights, ...(opts.reserves ? { reserves: opts.reserves } : {}) },
          burden: req.burden,
          travel: pricing,
          ...(opts.coverage ? { coverage: opts.coverage } : {}),
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
