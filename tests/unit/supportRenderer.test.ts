import { describe, expect, it } from 'vitest';
import { createFakeApi } from '../../shared/contract/fakeApi';
import type { IncidentDraft } from '../../shared/domain/incidents';
import type { PackageUnit, Recommendation } from '../../shared/domain/support';
import { createIncidentsStore } from '../../renderer/src/state/incidentsStore';
import {
  createSupportStore,
  requestForIncident,
  slaTimers,
} from '../../renderer/src/state/supportStore';
import {
  countByStatus,
  createUnitStatusStore,
  statusOf,
} from '../../renderer/src/state/unitStatusStore';

const candidate = (unitId: string, etaS: number): PackageUnit => ({
  unitId,
  callsign: unitId.toUpperCase(),
  stationId: 'ps-a',
  etaS,
  distanceM: etaS * 10,
  covers: ['public-order'],
  reserveLeft: 3,
  reserveMin: 1,
  dutyHours: 2,
  dutyHoursAtEnd: 4,
  burdenPoints: 0,
  local: true,
  route: [],
});
const pkgOf = (units: PackageUnit[]) => ({
  units,
  compliance: {
    grade: 'III' as const,
    targetOnSceneS: 2700,
    lastArrivalS: 0,
    unitsLate: 0,
    meetsTarget: true,
  },
  coverage: [],
  score: 0,
  shortfalls: [],
});
const draft = (grade: IncidentDraft['grade']): IncidentDraft => ({
  type: 'public-disorder',
  grade,
  lonLat: [118.41, 29.14],
  description: 'crowd',
  reporter: '110',
});

function setup() {
  const api = createFakeApi({
    region: {} as never,
    units: [],
    status: {} as never,
    operator: 'op',
  });
  const incidents = createIncidentsStore();
  const support = createSupportStore();
  // The same wiring useSupportSync makes: pushed events feed the stores.
  const offs = [
    api.on('incident', (i) => incidents.apply(i)),
    api.on('support', (r) => support.apply(r)),
    api.on('supportEvent', (e) => support.applyEvent(e)),
  ];
  return { api, incidents, support, off: () => offs.forEach((f) => f()) };
}

describe('the support loop against the fake API', () => {
  it('creates an incident, recommends, evaluates a what-if, approves and releases', async () => {
    const { api, incidents, support, off } = setup();
    const inc = await api.createIncident(draft('III'));
    expect(incidents.getSnapshot().list.map((i) => i.id)).toEqual([inc.id]);
    const rec: Recommendation = {
      needs: [{ module: 'public-order', count: 2 }],
      packages: [pkgOf([candidate('a', 600), candidate('b', 900)]), pkgOf([candidate('c', 3000)])],
      solver: 'highs',
      computedMs: 0,
      elapsedMs: 12,
      excluded: {},
    };
    api.data.recommendations = { [inc.id]: rec };

    const req = await api.requestSupport(inc.id);
    expect(req.state).toBe('recommended');
    expect(requestForIncident(support.getSnapshot(), inc.id)?.id).toBe(req.id);

    const whatIf = await api.evaluatePackage(req.id, ['a', 'c']);
    expect(whatIf.units.map((u) => u.unitId)).toEqual(['a', 'c']);
    expect(whatIf.compliance).toMatchObject({
      lastArrivalS: 3000,
      unitsLate: 1,
      meetsTarget: false,
    });
    await expect(api.evaluatePackage(req.id, ['zz'])).rejects.toThrow('not a candidate');

    const approved = await api.approveSupport(req.id, ['a', 'b']);
    expect(approved.state).toBe('approved');
    expect(approved.orders.map((o) => [o.unitId, o.state])).toEqual([
      ['a', 'pending'],
      ['b', 'pending'],
    ]);
    const held = support.getSnapshot().requests[0];
    if (!held || approved.approvedMs === undefined) throw new Error('approval not recorded');
    const timers = slaTimers(held, approved.approvedMs);
    expect(timers.map((t) => [t.kind, t.remainingMs])).toEqual([
      ['start', 20 * 60_000],
      ['on-scene', 45 * 60_000],
    ]);
    await expect(api.approveSupport(req.id, ['a'])).rejects.toThrow('is approved');

    await api.releaseSupport(req.id);
    expect(support.getSnapshot().requests[0]?.state).toBe('released');
    const steps = support
      .getSnapshot()
      .timelines.get(req.id)
      ?.map((e) => e.to);
    expect(steps).toEqual(['recommended', 'approved', 'released']);
    expect(await api.getSupportTimeline(req.id)).toHaveLength(3);
    off();
  });

  it('refuses to approve a grade I request for a commander, and lets them reject it', async () => {
    const { api, support } = setup();
    const inc = await api.createIncident(draft('I'));
    api.data.recommendations = {
      [inc.id]: {
        needs: [],
        packages: [pkgOf([candidate('a', 60)])],
        solver: 'greedy',
        computedMs: 0,
        elapsedMs: 1,
        excluded: {},
      },
    };
    const req = await api.requestSupport(inc.id);
    await expect(api.approveSupport(req.id, ['a'])).rejects.toThrow('needs the supervisor role');
    expect(support.getSnapshot().requests[0]?.state).toBe('recommended');
    await api.rejectSupport(req.id, 'handled locally');
    expect(support.getSnapshot().requests[0]?.state).toBe('rejected');
  });

  it('answers an empty recommendation for an incident it has no data for, not an error', async () => {
    const { api } = setup();
    const inc = await api.createIncident(draft('IV'));
    const req = await api.requestSupport(inc.id);
    expect(req.recommendation?.packages).toEqual([]);
    await expect(api.requestSupport('nope')).rejects.toThrow('unknown incident');
  });

  it('regrades, lists and dismisses suggestions', async () => {
    const { api, incidents } = setup();
    const inc = await api.createIncident(draft('IV'));
    await api.regradeIncident(inc.id, 'II');
    expect(incidents.getSnapshot().list[0]?.grade).toBe('II');
    api.data.suggestions = [{ id: 'g1', tsMs: 1, cause: 'grade', incidentId: inc.id, detail: 'x' }];
    expect(await api.listSuggestions()).toHaveLength(1);
    await api.dismissSuggestion('g1');
    expect(await api.listSuggestions()).toEqual([]);
    await expect(api.dismissSuggestion('g1')).rejects.toThrow('unknown suggestion');
  });
});

describe('unit status store', () => {
  it('replaces on reset, merges pushed batches, and takes an unreported unit as available', () => {
    const store = createUnitStatusStore();
    store.reset([
      { unitId: 'a', status: 'assigned', dutyHours: 1 },
      { unitId: 'b', status: 'off-duty', dutyHours: 0 },
    ]);
    store.apply([{ unitId: 'a', status: 'en-route', dutyHours: 1, requestId: 'r1' }]);
    const s = store.getSnapshot();
    expect(statusOf(s, 'a')).toBe('en-route');
    expect(statusOf(s, 'b')).toBe('off-duty');
    expect(statusOf(s, 'zz')).toBe('available');
    expect(countByStatus(s)).toMatchObject({ 'en-route': 1, 'off-duty': 1, available: 0 });
    const before = store.getSnapshot();
    store.apply([]);
    expect(store.getSnapshot()).toBe(before);
    store.reset([]);
    expect(store.getSnapshot().byUnit.size).toBe(0);
  });
});
