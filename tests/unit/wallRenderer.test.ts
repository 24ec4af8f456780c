import { describe, expect, it } from 'vitest';
import type { UnitStatusEntry } from '../../shared/contract/ConsoleApi';
import { createFakeApi } from '../../shared/contract/fakeApi';
import type { Incident } from '../../shared/domain/incidents';
import type { RegionSnapshot } from '../../shared/domain/region';
import type { StatusSnapshot } from '../../shared/domain/status';
import type { SupportRequest, UnitOrder } from '../../shared/domain/support';
import type { RosterUnit, UnitSnapshot } from '../../shared/domain/units';
import type { WallLayout, WallScreen } from '../../shared/domain/wall';
import { resetUnitStatuses, EMPTY_UNIT_STATUSES } from '../../renderer/src/state/unitStatusStore';
import { initUnits } from '../../renderer/src/state/unitsStore';
import { computeKpis, slaOutcome } from '../../renderer/src/wall/kpi';
import {
  addScreen,
  draftProblem,
  removeScreen,
  toSave,
  updateScreen,
} from '../../renderer/src/wall/layoutDraft';
import { isServed, readRole, roleUrl } from '../../renderer/src/wall/role';
import { groupByStation, sortRows, unitRows } from '../../renderer/src/wall/unitBoardRows';

const unit = (id: string, callsign: string, stationId: string, kind: RosterUnit['kind']) => ({
  id,
  callsign,
  kind,
  stationId,
  deviceId: `dev-${id}`,
  modules: [],
  persons: 2,
});

const roster: RosterUnit[] = [
  unit('u1', 'B-2', 'st-b', 'patrol-car'),
  unit('u2', 'A-1', 'st-a', 'drone'),
  unit('u3', 'A-2', 'st-a', 'officer-pair'),
  unit('u4', 'B-1', 'st-b', 'motorbike'),
];

function snapshots(): UnitSnapshot[] {
  return roster.map((u, i) => ({
    unit: u,
    liveness: i === 3 ? 'offline' : 'online',
    last:
      i === 3
        ? undefined
        : {
            tsMs: 1_000,
            lon: 118 + i / 100,
            lat: 29,
            headingDeg: 0,
            speedKmh: [40, 0, 5][i],
            batteryPct: [80, 15, 55][i],
            altM: undefined,
          },
  }));
}

const statusEntries: UnitStatusEntry[] = [
  { unitId: 'u1', status: 'en-route', dutyHours: 6.5, requestId: 'sup-1', incidentId: 'inc-9' },
  { unitId: 'u2', status: 'off-duty', dutyHours: 12 },
  { unitId: 'u3', status: 'available', dutyHours: 2 },
];
const statuses = resetUnitStatuses(EMPTY_UNIT_STATUSES, statusEntries);

describe('wall roles and addresses', () => {
  it('reads the role from ?role=, the full console when absent or unknown', () => {
    expect(readRole('http://h:1/?role=kpi')).toBe('kpi');
    expect(readRole('http://h:1/?token=x&role=units')).toBe('units');
    expect(readRole('http://h:1/')).toBe('map');
    expect(readRole('http://h:1/?role=hologram')).toEqual({ unknown: 'hologram' });
    expect(readRole('http://h:1/?role=')).toBe('map');
    expect(readRole('file:///opt/muster/out/renderer/index.html?role=alerts')).toBe('alerts');
  });

  it('builds wall PC addresses from the origin only: never a token', () => {
    expect(roleUrl('http://10.0.0.5:8787', 'support')).toBe('http://10.0.0.5:8787/?role=support');
    expect(roleUrl('http://10.0.0.5:8787', 'kpi')).not.toMatch(/token/);
    expect(isServed('http://10.0.0.5:8787')).toBe(true);
    expect(isServed('file://')).toBe(false);
    expect(isServed('null')).toBe(false);
  });
});

describe('unit board rows', () => {
  const rows = unitRows(roster, initUnits(snapshots()), statuses);

  it('joins roster, live columns and statuses per unit; unknowns stay undefined', () => {
    expect(rows.find((r) => r.id === 'u1')).toEqual({
      id: 'u1',
      callsign: 'B-2',
      kind: 'patrol-car',
      stationId: 'st-b',
      status: 'en-route',
      liveness: 'online',
      batteryPct: 80,
      speedKmh: 40,
      dutyHours: 6.5,
      requestId: 'sup-1',
      incidentId: 'inc-9',
    });
    // No fix and no status entry: available by roster, numbers unknown.
    expect(rows.find((r) => r.id === 'u4')).toMatchObject({
      status: 'available',
      liveness: 'offline',
      batteryPct: undefined,
      speedKmh: undefined,
      dutyHours: undefined,
    });
  });

  it('sorts by a column both ways, unknown numbers last either way', () => {
    const ids = (key: Parameters<typeof sortRows>[1], dir: 'asc' | 'desc') =>
      sortRows(rows, key, dir).map((r) => r.id);
    expect(ids('callsign', 'asc')).toEqual(['u2', 'u3', 'u4', 'u1']);
    expect(ids('callsign', 'desc')).toEqual(['u1', 'u4', 'u3', 'u2']);
    expect(ids('battery', 'asc')).toEqual(['u2', 'u3', 'u1', 'u4']);
    expect(ids('battery', 'desc')).toEqual(['u1', 'u3', 'u2', 'u4']);
    expect(ids('duty', 'desc')).toEqual(['u2', 'u1', 'u3', 'u4']);
    // UNIT_STATUSES order: available, assigned, en-route, on-scene, off-duty, offline.
    expect(ids('status', 'asc')).toEqual(['u3', 'u4', 'u1', 'u2']);
    expect(sortRows(rows, 'callsign', 'asc')).not.toBe(rows);
  });

  it('groups by station in the region order, keeping the sorted order inside each group', () => {
    const groups = groupByStation(sortRows(rows, 'callsign', 'desc'), ['st-a', 'st-b']);
    expect(groups.map((g) => [g.stationId, g.rows.map((r) => r.callsign)])).toEqual([
      ['st-a', ['A-2', 'A-1']],
      ['st-b', ['B-2', 'B-1']],
    ]);
    // A station the region does not list still gets its group, after the known ones.
    const odd = groupByStation(rows, ['st-b']);
    expect(odd.map((g) => g.stationId)).toEqual(['st-b', 'st-a']);
  });
});

const order = (unitId: string, onSceneMs?: number): UnitOrder => ({
  unitId,
  callsign: unitId,
  state: onSceneMs === undefined ? 'en-route' : 'on-scene',
  attempts: 1,
  etaS: 300,
  ...(onSceneMs === undefined ? {} : { onSceneMs }),
});

function request(
  id: string,
  state: SupportRequest['state'],
  orders: UnitOrder[],
  extra: Partial<SupportRequest> = {},
): SupportRequest {
  return {
    id,
    incidentId: 'inc-1',
    state,
    orders,
    requestedBy: 'A',
    createdMs: 0,
    updatedMs: 0,
    ...extra,
  };
}

const approvedAt = (ms: number, dueMs: number) => ({ approvedMs: ms, onSceneDueMs: dueMs });

describe('KPI: SLA outcome of one request', () => {
  it('met when every unit arrived by the deadline, breached when one came later', () => {
    const due = 10_000;
    expect(
      slaOutcome(
        request('a', 'on-scene', [order('x', 9_000), order('y', 10_000)], approvedAt(0, due)),
        0,
      ),
    ).toBe('met');
    expect(
      slaOutcome(
        request('b', 'on-scene', [order('x', 9_000), order('y', 10_001)], approvedAt(0, due)),
        0,
      ),
    ).toBe('breached');
  });

  it('pending while the deadline is ahead, breached once it passed without all units', () => {
    const r = request('c', 'en-route', [order('x', 5_000), order('y')], approvedAt(0, 10_000));
    expect(slaOutcome(r, 9_999)).toBe('pending');
    expect(slaOutcome(r, 10_001)).toBe('breached');
  });

  it('no SLA before approval; an ended request counts only if it ended after the deadline', () => {
    expect(slaOutcome(request('d', 'recommended', []), 1e9)).toBeUndefined();
    const early = request('e', 'cancelled', [order('x')], {
      ...approvedAt(0, 10_000),
      updatedMs: 4_000,
    });
    expect(slaOutcome(early, 1e9)).toBeUndefined();
    const late = request('f', 'cancelled', [order('x')], {
      ...approvedAt(0, 10_000),
      updatedMs: 12_000,
    });
    expect(slaOutcome(late, 1e9)).toBe('breached');
  });
});

describe('KPI board figures', () => {
  const incident = (id: string, grade: Incident['grade'], state: Incident['state']): Incident => ({
    id,
    type: 'public-disorder',
    grade,
    lonLat: [118, 29],
    jurisdictionId: 'st-a',
    description: '',
    reporter: '',
    commander: 'A',
    state,
    createdMs: 0,
    updatedMs: 0,
    drill: false,
  });

  it('counts statuses over the roster, open incidents by grade, requests by state, SLA and mean', () => {
    const k = computeKpis({
      rosterIds: roster.map((u) => u.id),
      statuses,
      incidents: [
        incident('i1', 'I', 'open'),
        incident('i2', 'III', 'open'),
        incident('i3', 'III', 'open'),
        incident('i4', 'I', 'closed'),
      ],
      requests: [
        request(
          's1',
          'on-scene',
          [order('x', 60_000), order('y', 120_000)],
          approvedAt(0, 600_000),
        ),
        request(
          's2',
          'en-route',
          [order('z', 1_030_000), order('w')],
          approvedAt(1_000_000, 1_100_000),
        ),
        request('s3', 'recommended', []),
      ],
      nowMs: 1_200_000,
    });
    expect(k.byStatus).toEqual({
      available: 2, // u3 reported, u4 implied by the roster
      assigned: 0,
      'en-route': 1,
      'on-scene': 0,
      'off-duty': 1,
      offline: 0,
    });
    expect(k.openByGrade).toEqual({ I: 1, II: 0, III: 2, IV: 0 });
    expect(k.supportByState['on-scene']).toBe(1);
    expect(k.supportByState['en-route']).toBe(1);
    expect(k.supportByState.recommended).toBe(1);
    expect(k.supportByState.released).toBe(0);
    expect(k.sla).toEqual({ met: 1, breached: 1, pending: 0 });
    // Arrivals 60 s, 120 s and 30 s after their approvals.
    expect(k.arrivals).toBe(3);
    expect(k.meanApprovalToOnSceneS).toBeCloseTo(70, 9);
  });

  it('has no mean before the first arrival', () => {
    const k = computeKpis({ rosterIds: [], statuses, incidents: [], requests: [], nowMs: 0 });
    expect(k.meanApprovalToOnSceneS).toBeUndefined();
    expect(k.arrivals).toBe(0);
  });
});

describe('wall layout draft', () => {
  const two: WallScreen[] = [
    { displayId: 'primary', role: 'map' },
    { displayId: '2779098405', role: 'kpi' },
  ];

  it('adds a row with a fresh id and the first role not on the wall yet', () => {
    expect(addScreen(two)[2]).toEqual({ displayId: 'display-3', role: 'units' });
    expect(addScreen([{ displayId: 'display-2', role: 'map' }])[1]).toEqual({
      displayId: 'display-3',
      role: 'units',
    });
  });

  it('edits and removes rows without touching the input', () => {
    const edited = updateScreen(two, 1, { role: 'alerts' });
    expect(edited[1]).toEqual({ displayId: '2779098405', role: 'alerts' });
    expect(two[1]?.role).toBe('kpi');
    expect(removeScreen(two, 0)).toEqual([two[1]]);
  });

  it('names what the core would refuse', () => {
    expect(draftProblem(two)).toBeUndefined();
    expect(draftProblem([])).toBe('empty');
    expect(draftProblem([{ displayId: ' ', role: 'map' }])).toBe('blank-id');
    expect(draftProblem([...two, { displayId: ' primary ', role: 'units' }])).toBe('duplicate-id');
    let many = two;
    while (many.length <= 16) many = addScreen(many);
    expect(draftProblem(many)).toBe('too-many');
    expect(toSave([{ displayId: ' a ', role: 'map' }])).toEqual([{ displayId: 'a', role: 'map' }]);
  });
});

describe('fake ConsoleApi wall layout', () => {
  const region = { info: { bbox: [1, 2, 3, 4] } } as unknown as RegionSnapshot;

  it('answers the default layout, saves, emits and answers the saved one', async () => {
    const api = createFakeApi({ region, units: [], status: {} as StatusSnapshot });
    expect((await api.getWallLayout()).screens).toEqual([{ displayId: 'primary', role: 'map' }]);
    const seen: WallLayout[] = [];
    api.on('wallLayout', (l) => seen.push(l));
    const saved = await api.saveWallLayout([{ displayId: 'x', role: 'kpi' }]);
    expect(saved.updatedBy).toBe('fake-operator');
    expect(seen).toEqual([saved]);
    expect(await api.getWallLayout()).toEqual(saved);
  });
});
