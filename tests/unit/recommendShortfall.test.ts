import { beforeAll, describe, expect, it } from 'vitest';
import {
  evaluatePackage,
  loadSolver,
  recommend,
  type MilpSolver,
} from '../../electron/core/support/recommend';
import type { ModuleNeed } from '../../shared/domain/incidents';
import type { Recommendation, SupportPackage } from '../../shared/domain/support';
import { input, rules, tickingClock, unit } from '../support/recommendFixtures';

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
const needs: readonly ModuleNeed[] = [
  { module: 'public-order', count: 1 },
  { module: 'eod', count: 1 },
];

/** An incident in J9: the fixture's units (J1 unless told) would all be lent to it. */
const AWAY = { id: 'inc-1', grade: 'II', lonLat: [0, 0], jurisdictionId: 'J9' } as const;

describe('impossible requests explain what is missing', () => {
  it('no unit has the module: names it and still covers the rest', () => {
    const pool = [unit('p1', 2), unit('p2', 3)];
    for (const s of [solver, undefined]) {
      const r = recommend(input(pool, needs), s, tickingClock());
      const p = best(r);
      expect(ids(p)).toEqual(['p1']);
      expect(p.shortfalls).toHaveLength(1);
      const sf = p.shortfalls[0];
      expect(sf).toMatchObject({ module: 'eod', needed: 1, found: 0, cause: 'no-unit-has-module' });
      expect(sf?.detail).toMatch(
        /^needs 1 eod, found 0: no unit in this console's pool carries eod/,
      );
      expect(sf?.held).toEqual([]);
      expect(sf?.nearest).toBeUndefined();
      expect(p.compliance.meetsTarget).toBe(false);
    }
  });

  it('every station at its reserve: cause, nearest held unit and the remedy', () => {
    const pool = [
      unit('e1', 2, { modules: ['eod'] }),
      unit('e2', 4, { modules: ['eod'], stationId: 'S2' }),
      unit('p1', 3, { stationId: 'S3' }),
      unit('p2', 5, { stationId: 'S3' }),
    ];
    const reserves = [{ stationId: '*', kind: 'patrol-car', min: 1 }] as const;
    // The incident is in J9: every station would lend, so every reserve binds.
    const r = recommend(
      input(pool, needs, { incident: AWAY, rules: rules({ reserves }) }),
      solver,
      tickingClock(),
    );
    const p = best(r);
    expect(ids(p)).toEqual(['p1']);
    expect(p.shortfalls).toHaveLength(1);
    expect(p.shortfalls[0]).toMatchObject({
      module: 'eod',
      found: 0,
      cause: 'all-at-reserve',
      held: [{ reason: 'at-reserve', count: 2 }],
    });
    // The figures the UI words the remedy from, in either language.
    expect(p.shortfalls[0]?.nearest).toEqual({
      unitId: 'e1',
      stationId: 'S1',
      kind: 'patrol-car',
      reason: 'at-reserve',
      etaS: 200,
      reserveMin: 1,
      reserveAvailable: 1,
    });
    expect(p.shortfalls[0]?.detail).toContain('of 2 units with eod, 2 held as station reserve');
    expect(p.shortfalls[0]?.detail).toContain('S1 keeps 1 patrol-car in reserve');
    expect(r.excluded['at-reserve']).toBe(2);
  });

  it('a station keeps units with a module: it lends down to that minimum, whatever their kind', () => {
    // S2 has a car and a pair that can investigate and keeps one of them; kinds are not reserved.
    const pool = [
      unit('car', 2, { stationId: 'S2', modules: ['investigation'] }),
      unit('pair', 3, { stationId: 'S2', kind: 'officer-pair', modules: ['investigation'] }),
      unit('far', 9, { stationId: 'S3', modules: ['investigation'] }),
    ];
    const reserves = [{ stationId: '*', module: 'investigation', min: 1 }] as const;
    const two = [{ module: 'investigation', count: 2 }] as const;
    const ask = input(pool, two, { incident: AWAY, rules: rules({ reserves }) });
    for (const s of [solver, undefined]) {
      const p = best(recommend(ask, s, tickingClock()));
      // One of S2's two goes; S3 keeps its only one: the second slot is a gap.
      expect(ids(p)).toEqual(['car']);
      expect(p.units[0]).toMatchObject({
        reserveModule: 'investigation',
        reserveLeft: 1,
        reserveMin: 1,
      });
      expect(p.shortfalls[0]?.nearest).toMatchObject({
        unitId: 'pair',
        reason: 'at-reserve',
        reserveModule: 'investigation',
        reserveMin: 1,
        reserveAvailable: 2,
      });
      expect(p.shortfalls[0]?.detail).toContain('S2 keeps 1 units with investigation in reserve');
    }
    // The commander sends both of S2's anyway: the later one breaks the module reserve.
    const both = evaluatePackage(ask, ['car', 'pair']);
    expect(both.violations).toEqual([
      expect.objectContaining({
        unitId: 'pair',
        rule: 'reserve',
        reserveModule: 'investigation',
        reserveMin: 1,
        reserveAvailable: 0,
      }),
    ]);
    // At home (J1 is S2's area here) both may go: the reserve binds lending only.
    const home = input(
      pool.map((u) => ({ ...u, jurisdictionId: 'J1' })),
      two,
      { rules: rules({ reserves }) },
    );
    expect(ids(best(recommend(home, solver, tickingClock())))).toEqual(['car', 'pair']);
  });

  it('all candidates past 12 h duty', () => {
    const pool = [
      unit('p1', 2),
      unit('e1', 2, { modules: ['eod'], dutyHours: 11 }),
      unit('e2', 5, { modules: ['eod'], dutyHours: 10.5 }),
    ];
    const p = best(recommend(input(pool, needs), solver, tickingClock()));
    expect(ids(p)).toEqual(['p1']);
    expect(p.shortfalls[0]).toMatchObject({
      cause: 'all-past-duty',
      held: [{ reason: 'past-duty', count: 2 }],
      nearest: { unitId: 'e1', reason: 'past-duty', etaS: 200, dutyAtEndH: 13.1, maxDutyH: 12 },
    });
    expect(p.shortfalls[0]?.detail).toContain('would reach 13.1 h on duty, past the 12 h limit');
  });

  it('all busy, and all under the battery floor', () => {
    const busy = [unit('p1', 2), unit('e1', 2, { modules: ['eod'], status: 'on-scene' })];
    const sfBusy = best(recommend(input(busy, needs), solver, tickingClock())).shortfalls[0];
    expect(sfBusy).toMatchObject({
      cause: 'all-busy',
      nearest: { unitId: 'e1', reason: 'not-available', status: 'on-scene' },
    });
    expect(sfBusy?.detail).toContain('it is on-scene');

    const drones = [
      unit('d1', 1, { kind: 'drone', modules: ['drone'], batteryPct: 12 }),
      unit('d2', 3, { kind: 'drone', modules: ['drone'], batteryPct: 29 }),
    ];
    const r = recommend(input(drones, [{ module: 'drone', count: 1 }]), solver, tickingClock());
    const p = best(r);
    expect(p.units).toEqual([]);
    expect(p.shortfalls[0]).toMatchObject({
      cause: 'battery',
      found: 0,
      nearest: { unitId: 'd1', reason: 'battery-floor', batteryPct: 12, floorPct: 30 },
    });
    expect(p.shortfalls[0]?.detail).toContain('12 %, under the 30 % floor');
  });

  it('an empty pool gives an explained empty package, not a crash', () => {
    for (const s of [solver, undefined]) {
      const r = recommend(input([], needs), s, tickingClock());
      expect(r.packages).toHaveLength(1);
      expect(best(r).units).toEqual([]);
      expect(best(r).shortfalls.map((x) => x.cause)).toEqual([
        'no-unit-has-module',
        'no-unit-has-module',
      ]);
    }
  });

  it('a partial cover says how many were found', () => {
    const pool = [unit('p1', 2), unit('p2', 3, { status: 'en-route' })];
    const p = best(
      recommend(input(pool, [{ module: 'public-order', count: 3 }]), solver, tickingClock()),
    );
    expect(ids(p)).toEqual(['p1']);
    expect(p.shortfalls[0]).toMatchObject({ needed: 3, found: 1, cause: 'all-busy' });
    expect(p.shortfalls[0]?.detail).toMatch(/^needs 3 public-order, found 1: of 1 other unit/);
  });
});

describe('what-if: the commander edits the package', () => {
  const pool = [
    unit('po1', 2),
    unit('po2', 5),
    unit('po3', 9),
    unit('eod1', 4, { modules: ['eod'] }),
    unit('eod2', 1, { modules: ['eod'], stationId: 'S2' }),
  ];
  const runCard: readonly ModuleNeed[] = [
    { module: 'public-order', count: 2 },
    { module: 'eod', count: 1 },
  ];
  const target = { startMin: 5, onSceneMin: 10 };

  it('re-evaluating the recommended package reproduces it', () => {
    const inp = input(pool, runCard, { target });
    const rec = best(recommend(inp, solver, tickingClock()));
    const again = evaluatePackage(
      inp,
      rec.units.map((u) => u.unitId),
    );
    expect(again.units).toEqual(rec.units);
    expect(again.compliance).toEqual(rec.compliance);
    expect(again.score).toBeCloseTo(rec.score, 6);
    expect(again.violations).toEqual([]);
  });

  it('adding a late unit and removing a needed one update times and compliance', () => {
    const inp = input(pool, runCard, { target });
    const base = evaluatePackage(inp, ['po1', 'po2', 'eod2']);
    expect(base.compliance).toMatchObject({ lastArrivalS: 500, unitsLate: 0, meetsTarget: true });

    const added = evaluatePackage(inp, ['po1', 'po2', 'eod2', 'po3']);
    expect(added.compliance).toMatchObject({ lastArrivalS: 900, unitsLate: 1, meetsTarget: false });
    expect(added.units.find((u) => u.unitId === 'po3')?.covers).toEqual([]);
    expect(added.score).toBeGreaterThan(base.score);

    const removed = evaluatePackage(inp, ['po1', 'po2']);
    expect(removed.compliance).toMatchObject({ lastArrivalS: 500, meetsTarget: false });
    expect(removed.shortfalls).toHaveLength(1);
    expect(removed.shortfalls[0]).toMatchObject({
      module: 'eod',
      found: 0,
      nearest: { unitId: 'eod2', reason: 'not-chosen', etaS: 100 },
    });
    expect(removed.shortfalls[0]?.detail).toContain('adding it would satisfy it');
  });

  it('reports a broken reserve, duty limit, battery floor, busy or unknown unit', () => {
    const units = [
      unit('a', 1),
      unit('b', 2),
      unit('tired', 2.5, { dutyHours: 11.5 }),
      unit('flat', 1, { kind: 'drone', modules: ['drone'], batteryPct: 5, stationId: 'S2' }),
      unit('gone', 2, { status: 'on-scene', stationId: 'S3' }),
    ];
    const reserves = [{ stationId: 'S1', kind: 'patrol-car', min: 1 }] as const;
    // A J9 incident: S1's cars would be lent, so its reserve binds.
    const inp = input(units, [{ module: 'public-order', count: 2 }], {
      incident: AWAY,
      rules: rules({ reserves }),
    });
    const pkg = evaluatePackage(inp, ['a', 'b', 'tired', 'flat', 'gone', 'nobody']);
    // S1 holds a, b, tired (3 cars) and keeps 1: two may leave; the last to arrive breaks it.
    expect(pkg.violations.map((v) => [v.unitId, v.rule])).toEqual([
      ['tired', 'reserve'],
      ['tired', 'duty'],
      ['flat', 'battery'],
      ['gone', 'availability'],
      ['nobody', 'unknown-unit'],
    ]);
    const pair = evaluatePackage(inp, ['a', 'b']);
    expect(pair.violations).toEqual([]);
    expect(pair.units.map((u) => u.reserveLeft)).toEqual([1, 1]);
    const three = evaluatePackage(
      input([...units, unit('c', 3)], [{ module: 'public-order', count: 2 }], {
        incident: AWAY,
        rules: rules({ reserves }),
      }),
      ['a', 'b', 'c', 'tired'],
    );
    expect(three.violations.map((v) => [v.unitId, v.rule])).toEqual([
      ['c', 'reserve'],
      ['tired', 'duty'],
    ]);
    expect(three.violations[0]?.detail).toContain('under its reserve of 1');
  });
});
