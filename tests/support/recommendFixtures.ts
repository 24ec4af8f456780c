// Crafted pools for the recommender tests. The travel model is plain plane geometry so every
// expected arrival can be checked by hand: 1 degree = 1 km, 10 m/s, etaS = distanceM / 10.
import type { ModuleNeed } from '../../shared/domain/incidents';
import type {
  PoolUnit,
  RecommendInput,
  SupportRules,
  TravelEstimate,
  TravelModel,
} from '../../electron/core/support/types';

export const M_PER_DEG = 1000;
export const SPEED_MPS = 10;

/** Straight-line fake; ids in `unreachable` get no arrival. Counts calls to prove one pricing. */
export class FakeTravel implements TravelModel {
  readonly name = 'fake-straight-line';
  calls = 0;
  priced = 0;
  constructor(private readonly unreachable: ReadonlySet<string> = new Set()) {}
  priceAll(
    destination: readonly [number, number],
    units: readonly Pick<PoolUnit, 'id' | 'kind' | 'lonLat'>[],
  ): readonly TravelEstimate[] {
    this.calls += 1;
    this.priced += units.length;
    return units.map((u) => {
      const distanceM =
        Math.hypot(u.lonLat[0] - destination[0], u.lonLat[1] - destination[1]) * M_PER_DEG;
      return {
        unitId: u.id,
        etaS: this.unreachable.has(u.id) ? undefined : distanceM / SPEED_MPS,
        distanceM,
        route: [u.lonLat, destination],
      };
    });
  }
}

/** A unit `km` kilometres east of the incident (eta = km × 100 s). */
export function unit(id: string, km: number, over: Partial<PoolUnit> = {}): PoolUnit {
  return {
    id,
    callsign: id.toUpperCase(),
    kind: 'patrol-car',
    stationId: 'S1',
    jurisdictionId: 'J1',
    modules: ['public-order'],
    lonLat: [km, 0],
    status: 'available',
    dutyHours: 2,
    batteryPct: undefined,
    ...over,
  };
}

export function rules(over: Partial<SupportRules> = {}): SupportRules {
  return {
    reserves: [],
    maxDutyHours: 12,
    batteryFloorPct: { drone: 30, 'officer-pair': 20 },
    weights: { burdenS: 0, nonLocalS: 0, latePenalty: 0 },
    solverTimeLimitMs: 10_000,
    ...over,
  };
}

export function input(
  pool: readonly PoolUnit[],
  needs: readonly ModuleNeed[],
  over: Partial<RecommendInput> = {},
): RecommendInput {
  return {
    incident: { id: 'inc-1', grade: 'II', lonLat: [0, 0], jurisdictionId: 'J1' },
    needs,
    runCard: { expectedHours: 2 },
    target: { startMin: 15, onSceneMin: 30 },
    pool,
    rules: rules(),
    burden: {},
    travel: new FakeTravel(),
    ...over,
  };
}

/** A clock that advances 1 ms per read, so elapsedMs is deterministic. */
export function tickingClock(startMs = 1_767_225_600_000): () => number {
  let t = startMs;
  return () => t++;
}

export { prng } from './oracles';
