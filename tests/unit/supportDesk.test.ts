// Pure pieces of the support desk: shifts, station areas, unit statuses, order steps, shortage.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadRegionPack } from '../../electron/core/region/loadRegion';
import { areaOwners, jurisdictionOf } from '../../electron/core/desk/geo';
import { haversineM } from '../../shared/domain/distance';
import { orderIdFor, orderPayloadOf } from '../../electron/core/desk/orders';
import { dutyHours, hoursSinceShiftStart } from '../../electron/core/desk/shifts';
import { buildPool, unitStatuses } from '../../electron/core/desk/statuses';
import {
  applyAck,
  detectArrivals,
  retryDue,
  SYSTEM_OPERATOR,
} from '../../electron/core/desk/steps';
import { gradeSuggestion, ShortageWatch } from '../../electron/core/desk/suggestions';
import type { UnitStatusEntry } from '../../shared/contract/ConsoleApi';
import type { Incident } from '../../shared/domain/incidents';
import type { LonLat } from '../../shared/domain/region';
import type { SupportRequest, UnitOrder } from '../../shared/domain/support';
import type { UnitSnapshot } from '../../shared/domain/units';
import { orderPayload } from '../../shared/telemetry/orders';

function must<T>(v: T | undefined, what: string): T {
  if (v === undefined) throw new Error(`missing: ${what}`);
  return v;
}

const REGIONS = fileURLToPath(new URL('../../resources/regions/', import.meta.url));
const pack = loadRegionPack(REGIONS, 'kaihua');
const SHIFTS = { startHours: [8, 20], lengthH: 12, utcOffsetMin: 480 };
/** 09:00 at UTC+8. */
const NINE = Date.UTC(2026, 2, 2, 1, 0, 0);
const H = 3_600_000;

describe('shifts', () => {
  it('counts hours since the unit’s shift started, local time, and is off duty past its length', () => {
    expect(hoursSinceShiftStart(0, SHIFTS, NINE)).toBeCloseTo(1);
    expect(hoursSinceShiftStart(1, SHIFTS, NINE)).toBeCloseTo(13);
    expect(dutyHours(0, SHIFTS, NINE)).toBeCloseTo(1);
    expect(dutyHours(1, SHIFTS, NINE)).toBeUndefined();
    // 21:30: the night shift is 1.5 h in, the day shift is over.
    expect(dutyHours(3, SHIFTS, NINE + 12.5 * H)).toBeCloseTo(1.5);
    expect(dutyHours(2, SHIFTS, NINE + 12.5 * H)).toBeUndefined();
    // Just before the end of a shift, just after its start across midnight UTC.
    expect(dutyHours(0, SHIFTS, NINE + 10.99 * H)).toBeCloseTo(11.99);
    expect(dutyHours(0, SHIFTS, NINE + 11 * H)).toBeUndefined();
  });
});

describe('station area of a point', () => {
  const { jurisdictions } = pack.snapshot.layers;
  const { stations } = pack.snapshot;

  it('is the police station whose area contains it', () => {
    for (const s of stations.filter((x) => x.kind === 'police-station')) {
      expect(jurisdictionOf(s.lonLat, jurisdictions, stations)).toBe(s.id);
    }
  });

  it('is the nearest police station outside every area', () => {
    const far: LonLat = [119.5, 29.14586]; // ~100 km east of the county
    const nearest = stations
      .filter((s) => s.kind === 'police-station')
      .sort((a, b) => haversineM(far, a.lonLat) - haversineM(far, b.lonLat))[0];
    expect(jurisdictionOf(far, jurisdictions, stations)).toBe(nearest?.id);
  });

  it('measures great-circle metres', () => {
    expect(haversineM([118, 29], [118, 29.01])).toBeCloseTo(1112, 0);
  });
});

const snap = (i: number, liveness: UnitSnapshot['liveness'], at?: LonLat): UnitSnapshot => ({
  unit: must(pack.roster[i], 'unit'),
  liveness,
  last: at && {
    tsMs: NINE,
    lon: at[0],
    lat: at[1],
    headingDeg: undefined,
    speedKmh: undefined,
    batteryPct: 50,
    altM: undefined,
  },
});

describe('unit statuses and the pool', () => {
  it('orders attachment over liveness over shift, and pools only units with a position', () => {
    const units = [
      snap(0, 'online', [118.4, 29.1]), // day shift, online
      snap(1, 'online', [118.4, 29.1]), // night shift at 09:00
      snap(2, 'offline', [118.4, 29.1]),
      snap(3, 'unknown'),
      snap(4, 'offline', [118.4, 29.1]), // attached: stays en-route though offline
    ];
    const attachments = new Map([
      [
        must(units[4], 'unit 4').unit.id,
        { requestId: 'sup-1', incidentId: 'inc-1', commander: 'a', status: 'en-route' as const },
      ],
    ]);
    const st = unitStatuses({ units, attachments, shifts: SHIFTS, nowMs: NINE });
    expect(st.map((s) => s.status)).toEqual([
      'available',
      'off-duty',
      'offline',
      'offline',
      'en-route',
    ]);
    expect(st[4]).toMatchObject({ requestId: 'sup-1', incidentId: 'inc-1' });
    expect(st[0]?.dutyHours).toBeCloseTo(1);
    const pool = buildPool(units, st, areaOwners(pack.snapshot.layers.jurisdictions));
    expect(pool.map((p) => p.id)).toEqual([0, 1, 2, 4].map((i) => must(pack.roster[i], 'unit').id));
    expect(pool[0]).toMatchObject({
      stationId: must(pack.roster[0], 'unit 0').stationId,
      jurisdictionId: must(pack.roster[0], 'unit 0').stationId,
      batteryPct: 50,
      status: 'available',
    });
    expect(pool[0]).not.toHaveProperty('regionWide');
  });

  it('marks the units of a station that owns no area (the county squads) as serving the region', () => {
    const owners = areaOwners(pack.snapshot.layers.jurisdictions);
    const police = pack.snapshot.stations.filter((s) => s.kind === 'police-station');
    expect([...owners].sort()).toEqual(police.map((s) => s.id).sort());
    const squads = pack.roster
      .map((u, i) => ({ u, i }))
      .filter(({ u }) => !owners.has(u.stationId));
    expect(new Set(squads.map(({ u }) => u.stationId))).toEqual(
      new Set(['traffic-chengguan', 'special-kaihua']),
    );
    const units = [0, ...squads.map(({ i }) => i)].map((i) => snap(i, 'online', [118.4, 29.1]));
    const st = unitStatuses({ units, attachments: new Map(), shifts: SHIFTS, nowMs: NINE });
    const pool = buildPool(units, st, owners);
    expect(pool.map((p) => p.regionWide === true)).toEqual([false, ...squads.map(() => true)]);
    // Points still go to the squad's own id.
    expect(pool[1]?.jurisdictionId).toBe(squads[0]?.u.stationId);
  });
});

const order = (unitId: string, o: Partial<UnitOrder> = {}): UnitOrder => ({
  unitId,
  callsign: unitId.toUpperCase(),
  state: 'sent',
  attempts: 1,
  sentMs: NINE,
  etaS: 600,
  ...o,
});
const request = (
  orders: UnitOrder[],
  state: SupportRequest['state'] = 'dispatched',
): SupportRequest => ({
  id: 'sup-1',
  incidentId: 'inc-1',
  state,
  orders,
  requestedBy: 'x',
  createdMs: NINE - H,
  updatedMs: NINE,
  approvedMs: NINE,
});

describe('order steps', () => {
  it('resends after the ack timeout and gives up after the last attempt', () => {
    const req = request([
      order('a'),
      order('b', { attempts: 3 }),
      order('c', { sentMs: NINE + 10_000 }),
    ]);
    const r = retryDue(req, NINE + 15_000, 15_000, 3);
    expect(r.sends.map((o) => [o.unitId, o.attempts, o.sentMs])).toEqual([['a', 2, NINE + 15_000]]);
    expect(r.request.orders.map((o) => o.state)).toEqual(['sent', 'no-ack', 'sent']);
    expect(r.steps.map((s) => [s.kind, s.unitId])).toEqual([
      ['order-retry', 'a'],
      ['order-no-ack', 'b'],
    ]);
    expect(r.steps.every((s) => s.operator === SYSTEM_OPERATOR)).toBe(true);
    expect(retryDue(req, NINE + 14_999, 15_000, 3).steps).toEqual([]);
    expect(retryDue(request([order('a')], 'recommended'), NINE + H, 15_000, 3).steps).toEqual([]);
  });

  it('moves the request to en-route when every order is acknowledged', () => {
    const req = request([order('a'), order('b')]);
    const one = applyAck(req, 'a', 'accepted', undefined, NINE + 1000);
    expect(one.request.state).toBe('dispatched');
    expect(one.steps.map((s) => s.kind)).toEqual(['order-ack']);
    const both = applyAck(one.request, 'b', 'en-route', undefined, NINE + 2000);
    expect(both.request.state).toBe('en-route');
    expect(both.steps.map((s) => [s.kind, s.to])).toEqual([
      ['unit-en-route', undefined],
      ['transition', 'en-route'],
    ]);
    // Redelivered ack: nothing changes, nothing is recorded.
    const again = applyAck(both.request, 'b', 'en-route', undefined, NINE + 3000);
    expect(again.steps).toEqual([]);
    expect(again.request).toBe(both.request);
  });

  it('treats a device on-scene as informative and refuses illegal acks without throwing', () => {
    const req = request([order('a')]);
    const r = applyAck(req, 'a', 'on-scene', undefined, NINE + 1000);
    expect(r.request.orders[0]?.state).toBe('en-route');
    expect(r.steps[0]?.reason).toMatch(/geofence/);
    const refusedLate = applyAck(r.request, 'a', 'refused', 'busy', NINE + 2000);
    expect(refusedLate.ignored).toMatch(/already accepted/);
    expect(refusedLate.request).toBe(r.request);
    const refused = applyAck(req, 'a', 'refused', 'vehicle broken', NINE + 1000);
    expect(refused.request.orders[0]?.state).toBe('refused');
    expect(refused.steps[0]?.reason).toBe('refused: vehicle broken');
  });

  it('detects arrival inside the geofence from positions taken since approval', () => {
    const scene: LonLat = [118.4, 29.1];
    const req = request(
      [order('a', { state: 'en-route' }), order('b', { state: 'acknowledged' })],
      'en-route',
    );
    const fixes: Record<string, { lonLat: LonLat; tsMs: number }> = {
      a: { lonLat: [118.4015, 29.1], tsMs: NINE + 60_000 }, // ~146 m
      b: { lonLat: [118.4, 29.1], tsMs: NINE - 1 }, // there, but before approval
    };
    const r = detectArrivals(req, scene, 200, (id) => fixes[id], NINE + 61_000);
    expect(r.request.orders.map((o) => o.state)).toEqual(['on-scene', 'acknowledged']);
    expect(r.steps.map((s) => [s.kind, s.unitId])).toEqual([['unit-on-scene', 'a']]);
    fixes['b'] = { lonLat: [118.4, 29.1], tsMs: NINE + 62_000 };
    const all = detectArrivals(r.request, scene, 200, (id) => fixes[id], NINE + 63_000);
    expect(all.request.state).toBe('on-scene');
    expect(all.steps.map((s) => s.kind)).toEqual(['unit-on-scene', 'transition']);
    // ~146 m away is outside a 100 m geofence.
    const outside = detectArrivals(
      req,
      scene,
      100,
      (id) => (id === 'a' ? fixes[id] : undefined),
      NINE + 61_000,
    );
    expect(outside.steps).toEqual([]);
  });
});

describe('orders on the wire', () => {
  it('keeps one id per request, type and unit, within the contract’s id rule', () => {
    expect(orderIdFor('sup-20260302-0001', 'dispatch', 'huabu-01')).toBe(
      'sup-20260302-0001:dispatch:huabu-01',
    );
    const long = orderIdFor('sup-20260302-0001', 'release', 'u'.repeat(64));
    expect(long.length).toBeLessThanOrEqual(80);
    expect(orderIdFor('sup-20260302-0001', 'release', 'u'.repeat(64))).toBe(long);
    expect(orderIdFor('sup-20260302-0001', 'release', `${'u'.repeat(63)}v`)).not.toBe(long);
    const p = orderPayloadOf({
      orderId: long,
      type: 'release',
      incidentId: 'inc-1',
      lonLat: [118.4, 29.1],
      clientId: 'console-1',
      operator: 'op',
      commander: 'cmd',
      nowMs: NINE,
      validMs: 15_000,
    });
    expect(orderPayload.parse(p)).toEqual(p);
    expect(p.expiresMs - p.tsMs).toBe(15_000);
  });
});

describe('auto-trigger', () => {
  const inc = (grade: Incident['grade']): Incident => ({
    id: 'inc-1',
    type: 'hostage',
    grade,
    lonLat: [118.4, 29.1],
    jurisdictionId: 'ps-huabu',
    description: '',
    reporter: '',
    commander: 'c',
    state: 'open',
    createdMs: NINE,
    updatedMs: NINE,
    drill: false,
  });

  it('suggests support from grade III up', () => {
    expect(gradeSuggestion(inc('IV'), 's', NINE)).toBeUndefined();
    for (const g of ['III', 'II', 'I'] as const) {
      expect(gradeSuggestion(inc(g), 's', NINE)).toMatchObject({
        cause: 'grade',
        incidentId: 'inc-1',
      });
    }
  });

  it('raises one suggestion when an area falls more than 30 % short, again only after recovery', () => {
    const roster = pack.roster.filter((u) => u.stationId === 'ps-huabu');
    const watch = new ShortageWatch(roster, { 'ps-huabu': 10 });
    const st = (available: number): UnitStatusEntry[] =>
      roster.map((u, i) => ({
        unitId: u.id,
        status: i < available ? 'available' : 'off-duty',
        dutyHours: 1,
      }));
    let n = 0;
    const next = (): string => `sug-${String(++n)}`;
    const heard = (): boolean => true;
    expect(roster).toHaveLength(8);
    expect(watch.check(st(7), heard, true, next, NINE)).toEqual([]); // exactly 30 % short: not more
    const raised = watch.check(st(6), heard, true, next, NINE);
    expect(raised).toMatchObject([{ jurisdictionId: 'ps-huabu', available: 6, needed: 10 }]);
    expect(raised[0]?.detail).toMatch(/40 % short/);
    expect(watch.check(st(5), heard, true, next, NINE)).toEqual([]);
    expect(watch.check(st(8), heard, true, next, NINE)).toEqual([]);
    expect(watch.check(st(2), heard, true, next, NINE)).toHaveLength(1);
    // An area nobody has heard from is not judged.
    const fresh = new ShortageWatch(roster, { 'ps-huabu': 10 });
    expect(fresh.check(st(0), () => false, true, next, NINE)).toEqual([]);
    // At start-up a station is judged only once all its units have reported.
    const first = must(roster[0], 'unit').id;
    expect(fresh.check(st(0), (id) => id === first, false, next, NINE)).toEqual([]);
    expect(fresh.check(st(0), (id) => id === first, true, next, NINE)).toHaveLength(1);
  });
});
