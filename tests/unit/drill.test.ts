// The support bench's drill: the closest-idle baseline, units free again at release (from where
// they are on the drive home), waiting incidents, and the metrics on hand-made drills small enough to work out by hand.
import { describe, expect, it } from 'vitest';
import { DEFAULT_GRADE_TARGETS, type RunCard } from '../../shared/domain/incidents';
import type { LonLat } from '../../shared/domain/region';
import type { CapabilityModule, UnitKind } from '../../shared/domain/units';
import type { PoolUnit } from '../../electron/core/support/types';
import { Rng } from '../../electron/core/sim/rng';
import {
  dutyHoursAt,
  runDrill,
  type DrillConfig,
  type DrillIncident,
  type DrillUnit,
} from '../../bench/drill';
import { closestIdlePolicy } from '../../bench/drillPolicies';
import { poolRuns } from '../../bench/drillMetrics';
import { incidentStream } from '../../bench/drillScenario';
import { loadRegionPack } from '../../electron/core/region/loadRegion';
import { lineTravel } from '../support/lineTravel';

const T0 = 1_767_225_600_000;
const card = (module: CapabilityModule, count = 1): RunCard => ({
  type: 'public-disorder',
  grade: 'IV', // on scene ≤ 60 min
  needs: [{ module, count }],
  expectedHours: 1,
  difficulty: 2,
  risk: 1.5,
});

const unit = (
  id: string,
  lon: number,
  jurisdictionId: string,
  modules: CapabilityModule[],
): DrillUnit => ({
  id,
  callsign: id,
  kind: 'officer-pair',
  stationId: `st-${jurisdictionId}`,
  jurisdictionId,
  modules,
  home: [lon, 0],
  shiftOffsetH: 0,
});

const incident = (
  id: string,
  lon: number,
  atS: number,
  c: RunCard,
  jurisdictionId = 'J1',
): DrillIncident => ({
  id,
  type: c.type,
  grade: c.grade,
  lonLat: [lon, 0],
  jurisdictionId,
  createdMs: T0 + atS * 1000,
  taskHours: 1,
  card: c,
});

const config = (units: DrillUnit[], incidents: DrillIncident[]): DrillConfig => ({
  units,
  incidents,
  reserves: [{ stationId: '*', kind: 'officer-pair', min: 1 }],
  targets: DEFAULT_GRADE_TARGETS,
  travel: lineTravel,
  shiftLengthH: 12,
  turnoutS: 0,
  maxWaitMs: 10 * 3_600_000,
  jurisdictions: ['J1', 'J2'],
});

const poolUnit = (
  id: string,
  lon: number,
  modules: CapabilityModule[],
  over: Partial<PoolUnit> = {},
): PoolUnit => ({
  id,
  callsign: id,
  kind: 'officer-pair' as UnitKind,
  stationId: 'st',
  jurisdictionId: 'J1',
  modules,
  lonLat: [lon, 0] as LonLat,
  status: 'available',
  dutyHours: 2,
  batteryPct: undefined,
  ...over,
});

describe('closest-idle baseline', () => {
  const policy = closestIdlePolicy(lineTravel, {
    maxDutyHours: 12,
    batteryFloorPct: { 'officer-pair': 25 },
  });
  const req = (count: number) => ({
    incident: incident('i', 0, 0, card('swat', count)),
    needs: [{ module: 'swat' as const, count }],
    pool: [
      poolUnit('no-module', 0.1, ['public-order']),
      poolUnit('busy', 0.2, ['swat'], { status: 'on-scene' }),
      poolUnit('past-duty', 0.3, ['swat'], { dutyHours: 11.5 }), // 11.5 h + 1 h task > 12 h
      poolUnit('flat-battery', 0.35, ['swat'], { batteryPct: 10 }),
      poolUnit('far', 4, ['swat']),
      poolUnit('near', 3, ['swat']),
    ],
    burden: {},
    nowMs: T0,
    target: DEFAULT_GRADE_TARGETS.IV,
  });

  it('sends the nearest available unit that carries the module', async () => {
    expect(await policy.choose(req(1))).toEqual([{ unitId: 'near', covers: ['swat'] }]);
  });

  it('takes the next nearest for a second slot, never a busy, past-duty or flat unit', async () => {
    const ids = (await policy.choose(req(2))).map((d) => d.unitId);
    expect(ids).toEqual(['near', 'far']);
  });
});

describe('drill', () => {
  it('frees a unit at release, from where it is on its drive home', async () => {
    const c = card('public-order');
    // A (home 0) serves i1 at lon 1: out 1,000 s, task 3,600 s → released at 4,600 s there,
    // home 1,000 s later (5,600 s). Available from release, at its position on the way.
    const units = [unit('A', 0, 'J1', ['public-order']), unit('B', 5, 'J2', ['public-order'])];
    const incidents = [
      incident('i1', 1, 0, c),
      incident('i2', 1, 4599, c), // A still on scene: B (4,000 s away) goes, late
      incident('i3', 1, 5100, c), // A halfway home (lon 0.5): 500 s back to lon 1
    ];
    const { arrivals, metrics } = await runDrill(
      config(units, incidents),
      closestIdlePolicy(lineTravel, { maxDutyHours: 12, batteryFloorPct: {} }),
    );
    expect(arrivals.map((a) => [a.incidentId, a.unitId, a.late])).toEqual([
      ['i1', 'A', false],
      ['i2', 'B', true],
      ['i3', 'A', false],
    ]);
    expect(arrivals[1]?.arrivalMin).toBeCloseTo(4000 / 60, 9);
    expect(arrivals[2]?.arrivalMin).toBeCloseTo(500 / 60, 9);
    expect(metrics.lateArrivals).toBe(1);
    // i2 found B free when it came in: late by distance, not by waiting.
    expect(metrics.lateAfterWaiting).toBe(0);
    expect(metrics.lateArrivalFraction).toBeCloseTo(1 / 3, 12);
    // Every dispatch took its station's only pair (minimum 1): only i2's crossed jurisdictions
    // (J2 lending to J1), the violation; i1 and i3 drained J1's station for its own area.
    expect(metrics.reserveViolations).toBe(1);
    expect(metrics.reserveViolationGroups).toBe(1);
    expect(metrics.ownAreaDrains).toBe(2);
    // Points: 2 × 1 h × 1.5 per task; J1 did two, J2 one → Gini of [p, 2p] = 1/6.
    expect(metrics.pointsByJurisdiction).toEqual({ J1: 6, J2: 3 });
    expect(metrics.gini).toBeCloseTo(1 / 6, 12);
  });

  it('keeps an incident waiting until a unit returns, and counts what never came as unmet', async () => {
    const units = [unit('A', 0, 'J1', ['public-order'])];
    const incidents = [
      incident('i1', 1, 0, card('public-order')),
      incident('i2', 0.5, 100, card('public-order')), // waits for A (released at 4,600 s at lon 1)
      incident('i3', 1, 200, card('eod')), // nobody carries eod
    ];
    const { arrivals, metrics } = await runDrill(
      config(units, incidents),
      closestIdlePolicy(lineTravel, { maxDutyHours: 12, batteryFloorPct: {} }),
    );
    const second = arrivals.find((a) => a.incidentId === 'i2');
    expect(second?.queued).toBe(true);
    // Dispatched at release (4,600 s) from i1's site, 500 s out, created at 100 s.
    expect(second?.arrivalMin).toBeCloseTo((4600 + 500 - 100) / 60, 9);
    expect(second?.late).toBe(true);
    expect(second?.covers).toEqual(['public-order']);
    // i1's arrival was on time; i2's was late because it waited for A.
    expect(metrics.lateArrivals).toBe(1);
    expect(metrics.lateAfterWaiting).toBe(1);
    expect(metrics.unmetSlots).toBe(1);
    expect(metrics.byModule).toEqual({
      'public-order': { filled: 2, late: 1, lateAfterWaiting: 1 },
    });
    expect(metrics.slots).toBe(3);
    expect(metrics.lateOrUnmetFraction).toBeCloseTo(2 / 3, 12);
    expect(metrics.incidentsLate).toBe(2);
  });

  it('a county squad answering another area is not lending: no reserve violation', async () => {
    const c = card('public-order');
    // The squad's only pair (minimum 1 by the wildcard) answers J1; then a J2 pair answers J1.
    const squad = { ...unit('SQ', 0, 'SQ', ['public-order']), regionWide: true };
    const units = [squad, unit('B', 0.5, 'J2', ['public-order'])];
    const { arrivals, metrics } = await runDrill(
      config(units, [incident('i1', 0, 0, c), incident('i2', 0, 10, c)]),
      closestIdlePolicy(lineTravel, { maxDutyHours: 12, batteryFloorPct: {} }),
    );
    expect(arrivals.map((a) => a.unitId)).toEqual(['SQ', 'B']);
    expect(metrics.reserveViolations).toBe(1);
    expect(metrics.ownAreaDrains).toBe(1);
  });

  it('counts a station lent below its reserve of a module as a violation', async () => {
    // J2's station keeps one unit able to investigate, and has two: one may go, not both.
    const units = [
      unit('A', 1, 'J2', ['investigation']),
      unit('B', 1.1, 'J2', ['investigation']),
      unit('C', 1.2, 'J2', ['public-order']),
    ];
    const cfg: DrillConfig = {
      ...config(units, [
        incident('i1', 0, 0, card('investigation', 2)),
        incident('i2', 0, 10, card('public-order')),
      ]),
      reserves: [{ stationId: '*', module: 'investigation', min: 1 }],
    };
    const { arrivals, metrics } = await runDrill(
      cfg,
      closestIdlePolicy(lineTravel, { maxDutyHours: 12, batteryFloorPct: {} }),
    );
    expect(arrivals.map((a) => a.unitId)).toEqual(['A', 'B', 'C']);
    // i1 took both investigators (one violation, one group); i2's unit carries no reserved module.
    expect(metrics.reserveViolations).toBe(1);
    expect(metrics.reserveViolationGroups).toBe(1);
  });

  it('drops choices of busy units and of modules the incident does not need', async () => {
    const units = [unit('A', 0, 'J1', ['public-order']), unit('B', 2, 'J1', ['traffic'])];
    const liar = {
      name: 'liar',
      choose: () => [
        { unitId: 'B', covers: ['public-order' as const] }, // B has no public-order
        { unitId: 'A', covers: ['public-order' as const] },
        { unitId: 'A', covers: ['public-order' as const] }, // twice
      ],
    };
    const { arrivals, metrics } = await runDrill(
      config(units, [incident('i1', 1, 0, card('public-order'))]),
      liar,
    );
    expect(arrivals.map((a) => a.unitId)).toEqual(['A']);
    expect(metrics.rejectedChoices).toBe(2);
  });
});

describe('pooling seeded runs', () => {
  it('sums counts, takes fractions over the pooled arrivals and slots, and averages the Gini', async () => {
    const baseline = closestIdlePolicy(lineTravel, { maxDutyHours: 12, batteryFloorPct: {} });
    const c = card('public-order');
    // Run 1: three arrivals, one late by distance (as in 'frees a unit at release').
    const one = await runDrill(
      config(
        [unit('A', 0, 'J1', ['public-order']), unit('B', 5, 'J2', ['public-order'])],
        [incident('i1', 1, 0, c), incident('i2', 1, 4599, c), incident('i3', 1, 5100, c)],
      ),
      baseline,
    );
    // Run 2: one arrival on time, one slot nobody carries (unmet).
    const two = await runDrill(
      config(
        [unit('A', 0, 'J1', ['public-order'])],
        [incident('i1', 0.5, 0, c), incident('i2', 1, 100, card('eod'))],
      ),
      baseline,
    );
    const pooled = poolRuns([one, two]);
    expect(pooled.incidents).toBe(5);
    expect(pooled.arrivals).toBe(4);
    expect(pooled.lateArrivals).toBe(1);
    expect(pooled.lateArrivalFraction).toBeCloseTo(1 / 4, 12);
    expect(pooled.unmetSlots).toBe(1);
    expect(pooled.byModule).toEqual({
      'public-order': { filled: 4, late: 1, lateAfterWaiting: 0 },
    });
    expect(pooled.lateOrUnmetFraction).toBeCloseTo(2 / 5, 12);
    expect(pooled.reserveViolations).toBe(1);
    expect(pooled.pointsByJurisdiction).toEqual({ J1: 9, J2: 3 });
    expect(pooled.gini).toBeCloseTo((one.metrics.gini + two.metrics.gini) / 2, 12);
    // Arrival minutes 1,000/60, 4,000/60, 500/60 and 500/60 (lon 0.5): the median is between
    // the second and third smallest.
    expect(pooled.arrivalMinP50).toBeGreaterThanOrEqual(500 / 60);
    expect(pooled.arrivalMinP50).toBeLessThanOrEqual(1000 / 60);
    expect(() => poolRuns([])).toThrow(/at least one run/);
  });
});

describe('drill helpers', () => {
  it('duty hours restart with each crew', () => {
    const u = { ...unit('A', 0, 'J1', []), shiftOffsetH: 10 };
    expect(dutyHoursAt(u, T0, T0 + 1 * 3_600_000, 12)).toBeCloseTo(11, 12);
    expect(dutyHoursAt(u, T0, T0 + 3 * 3_600_000, 12)).toBeCloseTo(1, 12);
  });

  it('replays the same incident stream from the same seed, in time order', () => {
    const make = () =>
      incidentStream({
        rng: new Rng(7),
        count: 200,
        ratePerHour: 3,
        startMs: T0,
        cards: loadRegionPack('resources/regions', 'kaihua').support.runCards,
        place: (r) => ({ lonLat: [r.next(), r.next()], jurisdictionId: 'J1' }),
        idPrefix: 't',
      });
    const a = make();
    expect(make()).toEqual(a);
    expect(a.every((x, i) => i === 0 || x.createdMs >= (a[i - 1]?.createdMs ?? 0))).toBe(true);
    // Poisson at 3/h: 200 arrivals span about 66 h (±3 σ ≈ ±14 h).
    const spanH = ((a[a.length - 1]?.createdMs ?? 0) - T0) / 3_600_000;
    expect(spanH).toBeGreaterThan(52);
    expect(spanH).toBeLessThan(80);
    expect(new Set(a.map((x) => x.grade)).size).toBeGreaterThan(2);
  });
});
