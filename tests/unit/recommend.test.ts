import { beforeAll, describe, expect, it } from 'vitest';
import {
  costModel,
  evaluatePackage,
  loadSolver,
  moduleDemandShares,
  recommend,
  type MilpSolver,
} from '../../electron/core/support/recommend';
import type { RunCard } from '../../shared/domain/incidents';
import type { Recommendation, SupportPackage } from '../../shared/domain/support';
import type { CapabilityModule } from '../../shared/domain/units';
import type { PoolUnit, SupportRules } from '../../electron/core/support/types';
import { FakeTravel, input, rules, tickingClock, unit } from '../support/recommendFixtures';

let solver: MilpSolver;
beforeAll(async () => {
  solver = await loadSolver();
});

const ids = (p: SupportPackage | undefined): string[] =>
  (p?.units ?? []).map((u) => u.unitId).sort();
const best = (r: Recommendation): SupportPackage => {
  const p = r.packages[0];
  if (!p) throw new Error('no package');
  return p;
};

/** An incident in J9: the fixture's units (J1 unless told) would all be lent to it. */
const AWAY = { id: 'inc-1', grade: 'II', lonLat: [0, 0], jurisdictionId: 'J9' } as const;

describe('recommend: covering the run card', () => {
  const pool = [
    unit('po1', 2),
    unit('po2', 5),
    unit('po3', 9),
    unit('eod1', 4, { modules: ['eod'] }),
    unit('eod2', 1, { modules: ['eod'], stationId: 'S2' }),
  ];
  const needs = [
    { module: 'public-order', count: 2 },
    { module: 'eod', count: 1 },
  ] as const;

  it('covers every module and count with the fastest units, priced in one travel call', () => {
    const travel = new FakeTravel();
    const r = recommend(input(pool, needs, { travel }), solver, tickingClock());
    expect(r.solver).toBe('highs');
    expect(r.fallbackReason).toBeUndefined();
    const p = best(r);
    expect(ids(p)).toEqual(['eod2', 'po1', 'po2']);
    expect(p.shortfalls).toEqual([]);
    const byId = new Map(p.units.map((u) => [u.unitId, u]));
    expect(byId.get('eod2')?.covers).toEqual(['eod']);
    expect(byId.get('po1')?.covers).toEqual(['public-order']);
    expect(byId.get('po1')?.etaS).toBe(200);
    expect(byId.get('po1')?.distanceM).toBe(2000);
    // Units listed by arrival; the last one sets the package's arrival.
    expect(p.units.map((u) => u.unitId)).toEqual(['eod2', 'po1', 'po2']);
    expect(p.compliance).toEqual({
      grade: 'II',
      targetOnSceneS: 1800,
      lastArrivalS: 500,
      unitsLate: 0,
      meetsTarget: true,
    });
    // Σ eta (100 + 200 + 500) + makespan 500.
    expect(p.score).toBeCloseTo(1300, 6);
    expect(travel.calls).toBe(1);
  });

  it('explains each unit: duty at the end, reserve left, burden, local, coverage cost', () => {
    const r = recommend(
      input(pool, needs, { burden: { J1: 7 }, runCard: { expectedHours: 3 } }),
      solver,
      tickingClock(),
    );
    const p = best(r);
    const po1 = p.units.find((u) => u.unitId === 'po1');
    expect(po1?.dutyHours).toBe(2);
    expect(po1?.dutyHoursAtEnd).toBeCloseTo(2 + 200 / 3600 + 3, 9);
    expect(po1?.burdenPoints).toBe(7);
    expect(po1?.local).toBe(true);
    // S1 has po1, po2, po3 patrol cars and eod1 (also a patrol car): 4 available, 2 leave.
    expect(po1?.reserveLeft).toBe(2);
    expect(po1?.reserveMin).toBe(0);
    expect(p.coverage).toEqual([
      { stationId: 'S1', unitsLent: 2, availableBefore: 4, availableAfter: 2 },
      { stationId: 'S2', unitsLent: 1, availableBefore: 1, availableAfter: 0 },
    ]);
  });

  it('reads the time from the clock argument only', () => {
    const reads: number[] = [];
    let t = 5_000;
    const clock = (): number => {
      t += 3;
      reads.push(t);
      return t;
    };
    const r = recommend(input(pool, needs), solver, clock);
    expect(r.computedMs).toBe(reads.at(-1));
    expect(r.elapsedMs).toBe((reads.at(-1) ?? 0) - (reads[0] ?? 0));
  });

  it('names LP variables by index, so any unit id is safe', () => {
    const odd = [unit('unit #1 (eod) + x >= 3', 2, { modules: ['eod'] }), unit('e\nEnd', 3)];
    const r = recommend(
      input(odd, [
        { module: 'eod', count: 1 },
        { module: 'public-order', count: 1 },
      ]),
      solver,
      tickingClock(),
    );
    expect(r.solver).toBe('highs');
    expect(ids(best(r))).toEqual(['e\nEnd', 'unit #1 (eod) + x >= 3']);
  });
});

describe('recommend: hard rules', () => {
  it('never lends a station below its reserve, even when its units are nearest', () => {
    const pool = [
      unit('a', 1),
      unit('b', 2),
      unit('c', 3),
      unit('d', 5, { stationId: 'S2' }),
      unit('e', 6, { stationId: 'S2' }),
      unit('f', 7, { stationId: 'S3' }),
      unit('g', 8, { stationId: 'S3' }),
    ];
    const reserves = [
      { stationId: '*', kind: 'patrol-car', min: 1 },
      // The station's own rule wins over '*': S1 keeps 2 of its 3.
      { stationId: 'S1', kind: 'patrol-car', min: 2 },
    ] as const;
    // The incident is in J9: every unit here would be lent, so every reserve binds.
    const r = recommend(
      input(pool, [{ module: 'public-order', count: 3 }], {
        incident: AWAY,
        rules: rules({ reserves }),
      }),
      solver,
      tickingClock(),
    );
    const p = best(r);
    expect(ids(p)).toEqual(['a', 'd', 'f']);
    expect(p.units.find((u) => u.unitId === 'a')).toMatchObject({ reserveLeft: 2, reserveMin: 2 });
    expect(p.units.find((u) => u.unitId === 'd')).toMatchObject({ reserveLeft: 1, reserveMin: 1 });
    for (const alt of r.packages) {
      for (const u of alt.units) expect(u.reserveLeft).toBeGreaterThanOrEqual(u.reserveMin);
    }
  });

  it('the reserve binds lending only: a station answers its own area even at its minimum', () => {
    // S1 (J1) has two cars and keeps one; S2 (J2) likewise. Two cars wanted at a J1 incident.
    const pool = [
      unit('own1', 1),
      unit('own2', 2),
      unit('lend1', 3, { stationId: 'S2', jurisdictionId: 'J2' }),
      unit('lend2', 4, { stationId: 'S2', jurisdictionId: 'J2' }),
    ];
    const reserves = [{ stationId: '*', kind: 'patrol-car', min: 1 }] as const;
    const need2 = [{ module: 'public-order', count: 2 }] as const;
    const atHome = best(
      recommend(input(pool, need2, { rules: rules({ reserves }) }), solver, tickingClock()),
    );
    // Both of S1's cars answer their own area, leaving S1 at 0 (< 1): allowed.
    expect(ids(atHome)).toEqual(['own1', 'own2']);
    expect(atHome.units.map((u) => u.reserveLeft)).toEqual([0, 0]);
    // At a J3 incident both stations lend: each may give only its one spare car.
    const away = recommend(
      input(pool, need2, {
        incident: { ...AWAY, jurisdictionId: 'J3' },
        rules: rules({ reserves }),
      }),
      solver,
      tickingClock(),
    );
    expect(ids(best(away))).toEqual(['lend1', 'own1']);
    for (const p of away.packages) {
      for (const u of p.units) expect(u.reserveLeft).toBeGreaterThanOrEqual(u.reserveMin);
    }
    // The what-if agrees: the local pair keeps every rule; lent, the later one breaks S1's.
    const local = evaluatePackage(input(pool, need2, { rules: rules({ reserves }) }), [
      'own1',
      'own2',
    ]);
    expect(local.violations).toEqual([]);
    const lent = evaluatePackage(
      input(pool, need2, {
        incident: { ...AWAY, jurisdictionId: 'J3' },
        rules: rules({ reserves }),
      }),
      ['own1', 'own2'],
    );
    expect(lent.violations.map((v) => [v.unitId, v.rule])).toEqual([['own2', 'reserve']]);
  });

  it('a county squad (its station owns no area) lends nowhere in the region: no reserve, local', () => {
    // The squad keeps 1 car by rule and has 1; a station car is nearer but from another area.
    const pool = [
      unit('squad1', 3, { stationId: 'SQ', jurisdictionId: 'SQ', regionWide: true }),
      unit('away1', 1, { stationId: 'S2', jurisdictionId: 'J2' }),
    ];
    const reserves = [{ stationId: '*', kind: 'patrol-car', min: 1 }] as const;
    const need1 = [{ module: 'public-order', count: 1 }] as const;
    const ask = (over: Partial<SupportRules['weights']>) =>
      input(pool, need1, {
        rules: rules({
          reserves,
          weights: { burdenS: 0, nonLocalS: 600, latePenalty: 0, ...over },
        }),
      });
    // The station car would be lent below its reserve; the squad's last car may go, and as a local.
    const p = best(recommend(ask({}), solver, tickingClock()));
    expect(ids(p)).toEqual(['squad1']);
    expect(p.units[0]).toMatchObject({ local: true, reserveLeft: 0, reserveMin: 1 });
    expect(evaluatePackage(ask({}), ['squad1']).violations).toEqual([]);
    // Local-first does not charge it: its cost is its arrival alone (300 s), the lent car's 100 + 600.
    const cost = costModel(ask({}));
    expect(
      cost.unitCostS({ unitId: 'squad1', etaS: 300, jurisdictionId: 'SQ', regionWide: true }),
    ).toBe(300);
    expect(cost.unitCostS({ unitId: 'away1', etaS: 100, jurisdictionId: 'J2' })).toBe(700);
    // The same car without the mark is a lender held at its reserve: the request has a gap.
    const plain = recommend(
      input([{ ...(pool[0] as PoolUnit), regionWide: undefined }], need1, {
        rules: rules({ reserves }),
      }),
      solver,
      tickingClock(),
    );
    expect(best(plain).shortfalls.map((s) => s.module)).toEqual(['public-order']);
  });

  it('excludes a unit whose duty would pass 12 h at the end of the task', () => {
    // a: 9.98 h + 100 s + 2 h = 12.008 h > 12; b: 9.9 h + 300 s + 2 h = 11.98 h.
    const pool = [unit('a', 1, { dutyHours: 9.98 }), unit('b', 3, { dutyHours: 9.9 })];
    const r = recommend(
      input(pool, [{ module: 'public-order', count: 1 }]),
      solver,
      tickingClock(),
    );
    expect(ids(best(r))).toEqual(['b']);
    expect(best(r).units[0]?.dutyHoursAtEnd).toBeCloseTo(9.9 + 300 / 3600 + 2, 9);
    expect(r.excluded['past-duty']).toBe(1);
  });

  it('excludes drones and body-cams under their battery floor, not units without a reading', () => {
    const pool = [
      unit('d1', 1, { kind: 'drone', modules: ['drone'], batteryPct: 25 }),
      unit('d2', 2, { kind: 'drone', modules: ['drone'], batteryPct: undefined }),
      unit('op1', 1, { kind: 'officer-pair', batteryPct: 15 }),
      unit('op2', 4, { kind: 'officer-pair', batteryPct: 80 }),
    ];
    const r = recommend(
      input(pool, [
        { module: 'drone', count: 1 },
        { module: 'public-order', count: 1 },
      ]),
      solver,
      tickingClock(),
    );
    expect(ids(best(r))).toEqual(['d2', 'op2']);
    expect(r.excluded['battery-floor']).toBe(2);
  });

  it('counts exclusions by reason', () => {
    const pool = [
      unit('busy', 1, { status: 'on-scene' }),
      unit('off', 1, { status: 'off-duty' }),
      unit('nomod', 1, { modules: ['traffic'] }),
      unit('far', 1),
      unit('out', 2),
      unit('ok', 3),
    ];
    const r = recommend(
      input(pool, [{ module: 'public-order', count: 1 }], {
        travel: new FakeTravel(new Set(['far'])),
        exclude: ['out'],
      }),
      solver,
      tickingClock(),
    );
    expect(ids(best(r))).toEqual(['ok']);
    expect(r.excluded).toEqual({
      'not-available': 2,
      'no-needed-module': 1,
      unreachable: 1,
      'excluded-by-commander': 1,
    });
  });

  it('keeps a unit the commander forced in', () => {
    const pool = [unit('a', 1), unit('b', 2), unit('c', 6)];
    const r = recommend(
      input(pool, [{ module: 'public-order', count: 1 }], { include: ['c'] }),
      solver,
      tickingClock(),
    );
    expect(ids(best(r))).toEqual(['c']);
  });
});

describe('recommend: soft terms', () => {
  const oneNeed = [{ module: 'public-order', count: 1 }] as const;

  it('local-first breaks a near tie toward the local unit', () => {
    const pool = [unit('local', 6), unit('other', 5.9, { jurisdictionId: 'J2', stationId: 'S2' })];
    const withTerm = rules({ weights: { burdenS: 0, nonLocalS: 60, latePenalty: 0 } });
    expect(
      ids(best(recommend(input(pool, oneNeed, { rules: withTerm }), solver, tickingClock()))),
    ).toEqual(['local']);
    // Without the term the 10 s faster unit wins: the term is what decided.
    expect(ids(best(recommend(input(pool, oneNeed), solver, tickingClock())))).toEqual(['other']);
  });

  it('the burden term steers toward the less-burdened jurisdiction on a near tie', () => {
    const pool = [
      unit('busyJ', 5.9, { jurisdictionId: 'J2', stationId: 'S2' }),
      unit('quietJ', 6, { jurisdictionId: 'J3', stationId: 'S3' }),
    ];
    // Mean burden 5: J2 carries twice the mean → the full 60 s; busyJ is 10 s (+10 s makespan)
    // faster, so the term decides.
    const burden = { J2: 10, J3: 0 };
    const withTerm = rules({ weights: { burdenS: 60, nonLocalS: 0, latePenalty: 0 } });
    expect(
      ids(
        best(recommend(input(pool, oneNeed, { burden, rules: withTerm }), solver, tickingClock())),
      ),
    ).toEqual(['quietJ']);
    expect(ids(best(recommend(input(pool, oneNeed, { burden }), solver, tickingClock())))).toEqual([
      'busyJ',
    ]);
  });

  it('fairness is between areas: a county squad carries no burden term and is not in the mean', () => {
    const pool = [
      unit('j2', 5, { jurisdictionId: 'J2', stationId: 'S2' }),
      unit('j3', 5, { jurisdictionId: 'J3', stationId: 'S3' }),
      unit('sq', 5, { jurisdictionId: 'SQ', stationId: 'SQ', regionWide: true }),
    ];
    // Mean over the areas J2 and J3 is 10: J2 at 1.5× the mean pays half of burdenS (30 s).
    // Counting the squad's 1,000 points would lift the mean to 343 and nobody would pay.
    const burden = { J2: 15, J3: 5, SQ: 1000 };
    const cost = costModel(
      input(pool, oneNeed, {
        burden,
        rules: rules({ weights: { burdenS: 60, nonLocalS: 0, latePenalty: 0 } }),
      }),
    );
    const at = (u: PoolUnit): number =>
      cost.unitCostS({
        unitId: u.id,
        etaS: 500,
        jurisdictionId: u.jurisdictionId,
        regionWide: u.regionWide,
      });
    expect(pool.map(at)).toEqual([530, 500, 500]);
  });

  it('the burden term is bounded: relative to the mean, capped at burdenS', () => {
    // busyJ is 100 s faster (+100 s makespan). However lopsided the ledger, the term adds at
    // most burdenS (60 s), so busyJ still goes; and J3 at the mean pays nothing.
    const pool = [
      unit('busyJ', 5, { jurisdictionId: 'J2', stationId: 'S2' }),
      unit('quietJ', 6, { jurisdictionId: 'J3', stationId: 'S3' }),
    ];
    const withTerm = rules({ weights: { burdenS: 60, nonLocalS: 0, latePenalty: 0 } });
    for (const burden of [
      { J2: 10, J3: 0 },
      { J2: 100_000, J3: 0 },
    ]) {
      const p = best(
        recommend(input(pool, oneNeed, { burden, rules: withTerm }), solver, tickingClock()),
      );
      expect(ids(p)).toEqual(['busyJ']);
      // Score = 500 s arrival + 500 s makespan + 60 s burden (capped).
      expect(p?.score).toBeCloseTo(1060, 9);
    }
  });

  it('the coverage term spares the last unit covering an area, unless it makes a unit late', () => {
    // lonely (5 km east) alone covers D1; crowded (5.5 km west) is one of three covering D2.
    // q = 0.5: lonely's loss = ½·(1 − ½) = 0.25, crowded's = ½·(1 − ½)·½² = 0.0625.
    const pool = [
      unit('lonely', 5, { stationId: 'S1' }),
      unit('crowded', -5.5, { stationId: 'S2' }),
      unit('t1', -6, { stationId: 'S2', modules: ['traffic'] }),
      unit('t2', -6.2, { stationId: 'S2', modules: ['traffic'] }),
    ];
    const coverage = {
      demand: [
        { lonLat: [6, 0] as const, weight: 1 },
        { lonLat: [-6, 0] as const, weight: 1 },
      ],
      thresholdS: 200,
      busyFraction: 0.5,
    };
    const weights = { burdenS: 0, nonLocalS: 0, latePenalty: 10, coverageS: 2000 };
    const travel = new FakeTravel();
    const inp = input(pool, oneNeed, { coverage, rules: rules({ weights }), travel });
    const model = costModel(inp);
    expect(model.coverageLoss('lonely')).toBeCloseTo(0.25, 12);
    expect(model.coverageLoss('crowded')).toBeCloseTo(0.0625, 12);
    expect(model.coverageLoss('t1')).toBeCloseTo(0.0625, 12);
    // Without coverage the nearest goes; with it (both on time), the one from the covered area:
    // lonely 500 + 500 + 2000·0.25 = 1500 > crowded 550 + 550 + 125 = 1225.
    expect(ids(best(recommend({ ...inp, coverage: undefined }, solver, tickingClock())))).toEqual([
      'lonely',
    ]);
    travel.calls = 0;
    const covered = best(recommend(inp, solver, tickingClock()));
    expect(ids(covered)).toEqual(['crowded']);
    expect(covered.score).toBeCloseTo(1225, 6);
    // One search from the scene plus one per demand point.
    expect(travel.calls).toBe(3);
    // Lateness still rules: target 520 s makes crowded 30 s late → +300 s, and it loses.
    const tight = { startMin: 5, onSceneMin: 520 / 60 };
    expect(ids(best(recommend({ ...inp, target: tight }, solver, tickingClock())))).toEqual([
      'lonely',
    ]);
  });

  it('module-aware coverage spares the only carrier of a scarce module for a common slot', () => {
    // All four reach D (≤ 300 s). One class: each loses ½·½³ = 0.0625, so the nearest goes.
    // Per module (public-order ¾, eod ¼): public-order k = 4 → ¾·½·½³ = 0.046875 each; eod k = 1
    // → ¼·½ = 0.125 more for 'multi'. multi 200 + 200 + 2000·0.171875 = 743.75 > po1 533.75.
    const pool = [
      unit('multi', 2, { modules: ['public-order', 'eod'] }),
      unit('po1', 2.2),
      unit('po2', 2.5),
      unit('po3', 2.8),
    ];
    const flat = {
      demand: [{ lonLat: [3, 0] as const, weight: 1 }],
      thresholdS: 300,
      busyFraction: 0.5,
    };
    const perModule = { ...flat, moduleWeights: { 'public-order': 3, eod: 1 } };
    const weights = { burdenS: 0, nonLocalS: 0, latePenalty: 10, coverageS: 2000 };
    const inp = input(pool, oneNeed, { coverage: flat, rules: rules({ weights }) });
    expect(costModel(inp).coverageLoss('multi')).toBeCloseTo(0.0625, 12);
    expect(ids(best(recommend(inp, solver, tickingClock())))).toEqual(['multi']);
    const aware = { ...inp, coverage: perModule };
    expect(costModel(aware).coverageLoss('multi')).toBeCloseTo(0.171875, 12);
    expect(costModel(aware).coverageLoss('po1')).toBeCloseTo(0.046875, 12);
    const p = best(recommend(aware, solver, tickingClock()));
    expect(ids(p)).toEqual(['po1']);
    expect(p.score).toBeCloseTo(533.75, 6);
  });

  it("module demand shares are each module's part of all run-card slots", () => {
    const card = (needs: { module: CapabilityModule; count: number }[]): RunCard => ({
      type: 'hostage',
      grade: 'I',
      needs,
      expectedHours: 2,
      difficulty: 1,
      risk: 1,
    });
    const shares = moduleDemandShares([
      card([
        { module: 'public-order', count: 3 },
        { module: 'eod', count: 1 },
      ]),
      card([
        { module: 'public-order', count: 3 },
        { module: 'swat', count: 1 },
      ]),
    ]);
    expect(shares).toEqual({ 'public-order': 0.75, eod: 0.125, swat: 0.125 });
    expect(moduleDemandShares([])).toEqual({});
  });

  it('the late penalty trades a faster sum for every unit on time', () => {
    // Target 600 s. S1 may lend one patrol car (reserve 1 of 2), so e1 and p2 cannot both go.
    // {e1 100 s, p1 650 s late} = 100 + 650 + 650 = 1400; {e2 580 s, p2 590 s} = 1760 on time.
    const pool = [
      unit('e1', 1, { modules: ['eod'] }),
      unit('p2', 5.9),
      unit('p1', 6.5, { stationId: 'S2' }),
      unit('e2', 5.8, { modules: ['eod'], stationId: 'S3' }),
    ];
    const needs = [
      { module: 'eod', count: 1 },
      { module: 'public-order', count: 1 },
    ] as const;
    const target = { startMin: 5, onSceneMin: 10 };
    const reserves = [{ stationId: 'S1', kind: 'patrol-car', min: 1 }] as const;
    const plain = best(
      recommend(
        input(pool, needs, { incident: AWAY, target, rules: rules({ reserves }) }),
        solver,
        tickingClock(),
      ),
    );
    expect(ids(plain)).toEqual(['e1', 'p1']);
    expect(plain.compliance).toMatchObject({ lastArrivalS: 650, unitsLate: 1, meetsTarget: false });
    // latePenalty 10: 1400 + 10·50 = 1900 > 1760.
    const weights = { burdenS: 0, nonLocalS: 0, latePenalty: 10 };
    const late = best(
      recommend(
        input(pool, needs, { incident: AWAY, target, rules: rules({ reserves, weights }) }),
        solver,
        tickingClock(),
      ),
    );
    expect(ids(late)).toEqual(['e2', 'p2']);
    expect(late.compliance).toMatchObject({ lastArrivalS: 590, unitsLate: 0, meetsTarget: true });
  });
});

describe('recommend: packages', () => {
  it('one unit does not count for two needs', () => {
    const needs = [
      { module: 'public-order', count: 1 },
      { module: 'eod', count: 1 },
    ] as const;
    const pool = [
      unit('x', 1, { modules: ['public-order', 'eod'] }),
      unit('p', 3),
      unit('e', 8, { modules: ['eod'] }),
    ];
    const p = best(recommend(input(pool, needs), solver, tickingClock()));
    // x as eod + p: 100 + 300 + 300 = 700 beats x as public-order + e (1700).
    expect(ids(p)).toEqual(['p', 'x']);
    expect(p.units.find((u) => u.unitId === 'x')?.covers).toEqual(['eod']);
    expect(p.units.every((u) => u.covers.length === 1)).toBe(true);

    const alone = best(recommend(input([pool[0] ?? unit('x', 1)], needs), solver, tickingClock()));
    expect(ids(alone)).toEqual(['x']);
    expect(alone.shortfalls).toHaveLength(1);
    expect(alone.shortfalls[0]?.found).toBe(0);
    expect(alone.shortfalls[0]?.detail).toContain('already counted for another need');
  });

  it('gives two alternatives that differ from the best and each other and cost at least as much', () => {
    const pool = [unit('a', 1), unit('b', 2), unit('c', 3), unit('d', 4)];
    const r = recommend(
      input(pool, [{ module: 'public-order', count: 2 }]),
      solver,
      tickingClock(),
    );
    expect(r.packages.map(ids)).toEqual([
      ['a', 'b'], // 100 + 200 + 200 = 500
      ['a', 'c'], // 100 + 300 + 300 = 700
      ['b', 'c'], // 200 + 300 + 300 = 800 (a + d would be 900)
    ]);
    const scores = r.packages.map((p) => p.score);
    expect(scores).toEqual([500, 700, 800].map((s) => expect.closeTo(s, 6) as number));
  });

  it('gives fewer alternatives when no other package exists', () => {
    const r = recommend(
      input([unit('a', 1), unit('b', 2)], [{ module: 'public-order', count: 2 }]),
      solver,
      tickingClock(),
    );
    expect(r.packages.map(ids)).toEqual([['a', 'b']]);
  });
});
