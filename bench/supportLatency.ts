// Recommendation latency on synthetic county-scale pools: 30 stations (one jurisdiction each) spread
// over the Kaihua extent, 300 or 3,000 units, a live mix of busy units, duty hours and batteries.
import type { LonLat } from '../shared/domain/region';
import type { RunCard } from '../shared/domain/incidents';
import type { CapabilityModule, UnitKind } from '../shared/domain/units';
import { Rng } from '../electron/core/sim/rng';
import { offsetM } from '../electron/core/sim/geo';
import type {
  PoolUnit,
  RecommendInput,
  SupportRules,
  TravelModel,
} from '../electron/core/support/types';
import { recommend, type MilpSolver } from '../electron/core/support/recommend/index';
import { DEFAULT_GRADE_TARGETS, type Grade, type IncidentType } from '../shared/domain/incidents';
import { gaussian, GRADE_MIX, pickWeighted, TYPE_MIX } from './drillScenario';

export const LATENCY_JURISDICTIONS = 30;

/** Unit make-up of a county force, roughly the Kaihua roster's proportions. */
const MIX: readonly (readonly [readonly [UnitKind, readonly CapabilityModule[]], number])[] = [
  [['officer-pair', ['public-order']], 40],
  [['officer-pair', ['public-order', 'investigation']], 10],
  [['patrol-car', ['public-order']], 16],
  [['patrol-car', ['public-order', 'medical']], 5],
  [['patrol-car', ['swat', 'public-order']], 5],
  [['motorbike', ['public-order', 'traffic']], 8],
  [['traffic-car', ['traffic']], 6],
  [['drone', ['drone']], 5],
  [['officer-pair', ['negotiation', 'investigation']], 2],
  [['patrol-car', ['eod']], 1],
  [['officer-pair', ['technical', 'investigation']], 2],
];

export interface LatencyPool {
  readonly pool: readonly PoolUnit[];
  readonly stations: readonly { readonly id: string; readonly lonLat: LonLat }[];
}

export function latencyPool(
  seed: number,
  size: number,
  inside: (p: LonLat) => boolean,
  bbox: readonly [number, number, number, number],
): LatencyPool {
  const rng = new Rng(seed);
  const [w, s, e, n] = bbox;
  const stations: { id: string; lonLat: LonLat }[] = [];
  while (stations.length < LATENCY_JURISDICTIONS) {
    const p: LonLat = [rng.range(w, e), rng.range(s, n)];
    if (inside(p))
      stations.push({ id: `st${String(stations.length).padStart(2, '0')}`, lonLat: p });
  }
  const pool: PoolUnit[] = [];
  for (let i = 0; i < size; i++) {
    const st = stations[i % stations.length] as { id: string; lonLat: LonLat };
    const [kind, modules] = pickWeighted(rng, MIX);
    const r = rng.next();
    // ~70 % available at or near the station, the rest busy somewhere in its area.
    const status = r < 0.7 ? 'available' : r < 0.85 ? 'on-scene' : 'en-route';
    const spreadM = status === 'available' && rng.next() < 0.6 ? 0 : 2500;
    const num = String(i).padStart(5, '0');
    pool.push({
      id: `lat-${num}`,
      callsign: `L${num}`,
      kind,
      stationId: st.id,
      jurisdictionId: st.id,
      modules,
      lonLat: offsetM(st.lonLat, gaussian(rng) * spreadM, gaussian(rng) * spreadM),
      status,
      dutyHours: rng.range(0, 11),
      batteryPct: kind === 'drone' || kind === 'officer-pair' ? rng.range(15, 100) : undefined,
    });
  }
  return { pool, stations };
}

/** One seeded request over the pool: a card from the realistic mix at a random point. */
export function latencyInputs(
  seed: number,
  count: number,
  lp: LatencyPool,
  cards: readonly RunCard[],
  rules: SupportRules,
  travel: TravelModel,
  inside: (p: LonLat) => boolean,
  bbox: readonly [number, number, number, number],
): RecommendInput[] {
  const rng = new Rng(seed);
  const [w, s, e, n] = bbox;
  const cardOf = new Map(cards.map((c) => [`${c.type}/${c.grade}`, c]));
  const out: RecommendInput[] = [];
  while (out.length < count) {
    const p: LonLat = [rng.range(w, e), rng.range(s, n)];
    if (!inside(p)) continue;
    const type = pickWeighted(rng, Object.entries(TYPE_MIX) as [IncidentType, number][]);
    const grade = pickWeighted(rng, Object.entries(GRADE_MIX) as [Grade, number][]);
    const card = cardOf.get(`${type}/${grade}`);
    if (!card) throw new Error(`no run card ${type}/${grade}`);
    const burden: Record<string, number> = {};
    for (const st of lp.stations) burden[st.id] = Math.round(rng.range(0, 200));
    out.push({
      incident: {
        id: `lat-inc-${String(out.length)}`,
        grade,
        lonLat: p,
        jurisdictionId: (lp.stations[rng.int(0, lp.stations.length - 1)] as { id: string }).id,
      },
      needs: card.needs,
      runCard: { expectedHours: card.expectedHours },
      target: DEFAULT_GRADE_TARGETS[grade],
      pool: lp.pool,
      rules,
      burden,
      travel,
    });
  }
  return out;
}

export interface LatencyRun {
  readonly samplesMs: readonly number[];
  readonly solverCalls: number;
  readonly greedyFallbacks: number;
  readonly fallbackReasons: Readonly<Record<string, number>>;
  readonly packagesWithShortfall: number;
}

const clock = (): number => performance.timeOrigin + performance.now();

/** Times each recommend() call end to end (pricing, eligibility, MILP with alternatives, explain). */
export function timeRecommend(inputs: readonly RecommendInput[], solver: MilpSolver): LatencyRun {
  const samplesMs: number[] = [];
  let greedyFallbacks = 0;
  let packagesWithShortfall = 0;
  const fallbackReasons: Record<string, number> = {};
  for (const input of inputs) {
    const t0 = performance.now();
    const rec = recommend(input, solver, clock);
    samplesMs.push(performance.now() - t0);
    if (rec.solver === 'greedy') {
      greedyFallbacks++;
      const key = (rec.fallbackReason ?? 'unknown').replace(/\d+(\.\d+)?/g, 'N');
      fallbackReasons[key] = (fallbackReasons[key] ?? 0) + 1;
    }
    if ((rec.packages[0]?.shortfalls.length ?? 1) > 0) packagesWithShortfall++;
  }
  return {
    samplesMs,
    solverCalls: inputs.length,
    greedyFallbacks,
    fallbackReasons,
    packagesWithShortfall,
  };
}
