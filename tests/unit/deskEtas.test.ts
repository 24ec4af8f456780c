// Live ETAs: a moving unit's predicted arrival is priced again from its live position, so the
// board and the map count down the real remaining time, not the estimate made at approval.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { refreshEtas } from '../../electron/core/desk/etas';
import type { SupportRequest, UnitOrder } from '../../shared/domain/support';
import type { RosterUnit } from '../../shared/domain/units';
import { remainingEtaS } from '../../renderer/src/state/supportStore';
import { deskHarness, type DeskHarness } from '../support/deskHarness';
import { lineTravel as line } from '../support/lineTravel';

const rosterUnit = (id: string): RosterUnit => ({
  id,
  callsign: id.toUpperCase(),
  kind: 'patrol-car',
  stationId: 'S1',
  deviceId: `d-${id}`,
  modules: ['public-order'],
  persons: 2,
});
const order = (unitId: string, state: UnitOrder['state'], etaS: number): UnitOrder => ({
  unitId,
  callsign: unitId.toUpperCase(),
  state,
  attempts: 1,
  sentMs: 1_000,
  etaS,
});
const req = (orders: UnitOrder[]): SupportRequest => ({
  id: 'sup-1',
  incidentId: 'inc-1',
  state: 'en-route',
  orders,
  requestedBy: 'A',
  createdMs: 0,
  updatedMs: 1_000,
  approvedMs: 1_000,
});
const roster = new Map(['a', 'b', 'c', 'd'].map((id) => [id, rosterUnit(id)]));

describe('refreshEtas', () => {
  it('re-prices moving units from their fixes after approval, and nothing else', () => {
    const r = req([
      order('a', 'en-route', 900),
      order('b', 'on-scene', 900),
      order('c', 'acknowledged', 900),
      order('d', 'en-route', 900),
    ]);
    const fixes = new Map([
      ['a', { lonLat: [0.3, 0] as const, tsMs: 5_000 }],
      ['b', { lonLat: [0, 0] as const, tsMs: 5_000 }],
      ['c', { lonLat: [0.9, 0] as const, tsMs: 500 }], // before approval: not evidence
      ['d', { lonLat: [0.9004, 0] as const, tsMs: 5_000 }], // 900.4 s: under a second of change
    ]);
    const out = refreshEtas(r, [0, 0], roster, line, (id) => fixes.get(id), 6_000);
    expect(out.orders.map((o) => [o.unitId, Math.round(o.etaS), o.etaMs])).toEqual([
      ['a', 300, 6_000],
      ['b', 900, undefined],
      ['c', 900, undefined],
      ['d', 900, undefined],
    ]);
    expect(out.updatedMs).toBe(6_000);
    // Nothing moved: the same object, so the desk neither stores nor pushes anything.
    const again = refreshEtas(out, [0, 0], roster, line, (id) => fixes.get(id), 7_000);
    expect(again).toBe(out);
  });

  it('leaves ended requests alone', () => {
    const r = { ...req([order('a', 'en-route', 900)]), state: 'released' as const };
    const fix = { lonLat: [0.1, 0] as const, tsMs: 5_000 };
    expect(refreshEtas(r, [0, 0], roster, line, () => fix, 6_000)).toBe(r);
  });
});

describe('remaining ETA on the board', () => {
  it('counts down from the last pricing, or from the send before any, never below zero', () => {
    const o = order('a', 'en-route', 300);
    expect(remainingEtaS(o, 1_000)).toBe(300);
    expect(remainingEtaS(o, 61_000)).toBe(240);
    expect(remainingEtaS({ ...o, etaMs: 60_000 }, 61_000)).toBe(299);
    expect(remainingEtaS(o, 1_000_000)).toBe(0);
  });
});

describe('the desk re-prices units on their way', () => {
  let h: DeskHarness;
  beforeEach(() => {
    h = deskHarness();
  });
  afterEach(() => h.close());

  it('every 5 s from the live position, stored and pushed', () => {
    h.tick(200);
    const inc = h.incidentAt('ps-huabu');
    const r = h.desk.requestSupport(inc.id);
    const pkg = r.recommendation?.packages[0];
    const far = [...(pkg?.units ?? [])].sort((a, b) => b.etaS - a.etaS)[0];
    if (!far || far.etaS < 120) throw new Error('expected a unit some minutes away');
    h.desk.approveSupport(r.id, pkg?.units.map((u) => u.unitId) ?? []);
    const etaOf = () =>
      h.desk
        .listSupport()
        .find((x) => x.id === r.id)
        ?.orders.find((o) => o.unitId === far.unitId);
    const approvedEta = etaOf()?.etaS ?? 0;

    // Halfway along the straight line to the scene.
    h.tick(1000); // a fix after approval
    const station = h.pack.snapshot.stations.find((s) => s.id === far.stationId)?.lonLat;
    if (!station) throw new Error('no station');
    h.moveUnit(far.unitId, [(station[0] + inc.lonLat[0]) / 2, (station[1] + inc.lonLat[1]) / 2]);
    h.requests.length = 0;
    h.tick(5000);
    const now = etaOf();
    expect(now?.etaMs).toBe(h.clock.ms);
    expect(now?.etaS).toBeGreaterThan(approvedEta * 0.4);
    expect(now?.etaS).toBeLessThan(approvedEta * 0.6);
    expect(h.requests.some((x) => x.id === r.id)).toBe(true);
  });
});
