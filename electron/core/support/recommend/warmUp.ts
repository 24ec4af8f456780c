// A synthetic request solved a few times right after loading. V8 first runs WebAssembly through
// its baseline compiler and optimises hot functions later: the first few real solves were 5–10×
// slower (≈ 200 ms vs 20 ms at 3,000 units) until it had, so the console pays that at start-up.
import type { UnitKind } from '../../../../shared/domain/units';
import type { CapabilityModule } from '../../../../shared/domain/units';
import type { PoolUnit, RecommendInput, TravelModel } from '../types';

const MODULES: readonly CapabilityModule[] = ['public-order', 'traffic', 'eod', 'swat', 'drone'];
const KINDS: readonly UnitKind[] = ['patrol-car', 'motorbike', 'officer-pair', 'drone'];

/** Straight line at 10 m/s, 1 degree = 1 km: only the model's shape matters here. */
const plane: TravelModel = {
  name: 'warm-up',
  priceAll: (to, units) =>
    units.map((u) => {
      const distanceM = Math.hypot(u.lonLat[0] - to[0], u.lonLat[1] - to[1]) * 1000;
      return { unitId: u.id, etaS: distanceM / 10, distanceM, route: [] };
    }),
};

/** Deterministic pool (no PRNG needed: a low-discrepancy spiral spreads the units). */
export function warmUpInput(seed: number, units = 300): RecommendInput {
  const pool: PoolUnit[] = [];
  for (let i = 0; i < units; i += 1) {
    const r = 40 * Math.sqrt((i + 0.5) / units);
    const a = (i + seed) * 2.399963;
    pool.push({
      id: `w${String(i)}`,
      callsign: `W${String(i)}`,
      kind: KINDS[i % KINDS.length] ?? 'patrol-car',
      stationId: `S${String((i * 7 + seed) % 40)}`,
      jurisdictionId: `J${String((i * 7 + seed) % 10)}`,
      modules: [MODULES[(i * 3 + seed) % MODULES.length] ?? 'public-order'],
      lonLat: [r * Math.cos(a), r * Math.sin(a)],
      status: 'available',
      dutyHours: (i % 9) + 1,
      batteryPct: undefined,
    });
  }
  return {
    incident: { id: 'warm-up', grade: 'II', lonLat: [0, 0], jurisdictionId: 'J0' },
    needs: [
      { module: 'public-order', count: 6 },
      { module: 'traffic', count: 2 },
      { module: 'eod', count: 1 },
      { module: 'swat', count: 3 },
    ],
    runCard: { expectedHours: 2 },
    target: { startMin: 15, onSceneMin: 30 },
    pool,
    rules: {
      reserves: [{ stationId: '*', kind: 'patrol-car', min: 1 }],
      maxDutyHours: 12,
      batteryFloorPct: {},
      weights: { burdenS: 3, nonLocalS: 60, latePenalty: 2 },
      solverTimeLimitMs: 5_000,
    },
    burden: {},
    travel: plane,
  };
}
