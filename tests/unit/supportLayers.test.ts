import { Layer } from '@deck.gl/core';
import { PathLayer, ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import { describe, expect, it } from 'vitest';
import type { Incident } from '../../shared/domain/incidents';
import type { PackageUnit, SupportPackage, SupportRequest } from '../../shared/domain/support';
import type { UnitSnapshot } from '../../shared/domain/units';
import { buildLayers, unitsLayerProps } from '../../renderer/src/map/layers';
import {
  SUPPORT_LAYER_IDS,
  geofenceLayerProps,
  incidentsLayerProps,
  statusFillColors,
  supportEtaLayerProps,
  supportLayers,
  supportMapData,
  supportRoutes,
  supportRoutesLayerProps,
} from '../../renderer/src/map/supportLayers';
import { EMPTY_INCIDENTS, resetIncidents } from '../../renderer/src/state/incidentsStore';
import {
  GRADE_COLORS,
  GRADE_RADIUS_PX,
  STATUS_COLORS,
} from '../../renderer/src/state/supportColors';
import { applySupport, EMPTY_SUPPORT } from '../../renderer/src/state/supportStore';
import { applyUnitStatuses, EMPTY_UNIT_STATUSES } from '../../renderer/src/state/unitStatusStore';
import { initUnits } from '../../renderer/src/state/unitsStore';

const T0 = 1_767_225_600_000;
const incident = (
  id: string,
  grade: Incident['grade'],
  extra: Partial<Incident> = {},
): Incident => ({
  id,
  type: 'hostage',
  grade,
  lonLat: [118.41, 29.14],
  jurisdictionId: 'ps-chengguan',
  description: '',
  reporter: '',
  commander: 'op',
  state: 'open',
  createdMs: T0,
  updatedMs: T0,
  drill: false,
  ...extra,
});
const unit = (unitId: string, etaS: number, start: number): PackageUnit => ({
  unitId,
  callsign: `呼号-${unitId}`,
  stationId: 'ps-huabu',
  etaS,
  distanceM: 1000,
  covers: ['public-order'],
  reserveLeft: 2,
  reserveMin: 1,
  dutyHours: 3,
  dutyHoursAtEnd: 5,
  burdenPoints: 10,
  local: false,
  route: [
    [start, 29.0],
    [118.41, 29.14],
  ],
});
const pkg = (units: PackageUnit[]): SupportPackage => ({
  units,
  compliance: {
    grade: 'III',
    targetOnSceneS: 2700,
    lastArrivalS: 600,
    unitsLate: 0,
    meetsTarget: true,
  },
  coverage: [],
  score: 1,
  shortfalls: [],
});
const request = (id: string, extra: Partial<SupportRequest>): SupportRequest => ({
  id,
  incidentId: 'i1',
  state: 'recommended',
  orders: [],
  requestedBy: 'op',
  createdMs: T0,
  updatedMs: T0,
  ...extra,
});

const roster: UnitSnapshot[] = ['u0', 'u1', 'u2'].map((id, i) => ({
  unit: {
    id,
    callsign: id,
    kind: 'patrol-car',
    stationId: 's',
    deviceId: `d${i}`,
    modules: [],
    persons: 2,
  },
  liveness: 'online',
  last:
    i === 2
      ? undefined
      : {
          tsMs: 1,
          lon: 118 + i,
          lat: 29,
          headingDeg: undefined,
          speedKmh: undefined,
          batteryPct: undefined,
          altM: undefined,
        },
}));

describe('incidents layer', () => {
  it('colours and sizes each incident by grade, dimming closed ones, under a stable id', () => {
    const s = resetIncidents(EMPTY_INCIDENTS, [
      incident('a', 'I'),
      incident('b', 'IV', { state: 'closed' }),
    ]);
    const props = incidentsLayerProps(s);
    expect(props.id).toBe(SUPPORT_LAYER_IDS.incidents);
    expect(props.id).toBe('incidents');
    const fill = props.getFillColor as unknown as (i: Incident) => number[];
    const radius = props.getRadius as unknown as (i: Incident) => number;
    const [a, b] = s.list.filter((i) => i.id === 'a').concat(s.list.filter((i) => i.id === 'b'));
    expect(fill(a as Incident).slice(0, 3)).toEqual(GRADE_COLORS.I.slice(0, 3));
    expect(fill(b as Incident).slice(0, 3)).toEqual(GRADE_COLORS.IV.slice(0, 3));
    expect(fill(b as Incident)[3]).toBeLessThan(fill(a as Incident)[3] ?? 0);
    expect(radius(a as Incident)).toBe(GRADE_RADIUS_PX.I);
    expect(radius(a as Incident)).toBeGreaterThan(radius(b as Incident));
    expect(props.updateTriggers?.['getFillColor']).toBe(s.version);
    expect(props.pickable).toBe(false);
  });

  it('reports a click on an incident when asked to', () => {
    const picked: string[] = [];
    const s = resetIncidents(EMPTY_INCIDENTS, [incident('a', 'II')]);
    const props = incidentsLayerProps(s, (id) => picked.push(id));
    expect(props.pickable).toBe(true);
    const onClick = props.onClick as (info: { object?: Incident }) => boolean;
    onClick({ object: s.list[0] });
    onClick({});
    expect(picked).toEqual(['a']);
  });
});

describe('support routes', () => {
  const incidents = resetIncidents(EMPTY_INCIDENTS, [incident('i1', 'III'), incident('i2', 'III')]);

  it('draw approved packages of committed requests, skipping arrived units, plus the preview', () => {
    let s = applySupport(
      EMPTY_SUPPORT,
      request('r1', {
        state: 'en-route',
        approved: pkg([unit('u0', 600, 118.0), unit('u1', 900, 118.1)]),
        orders: [
          { unitId: 'u0', callsign: 'c0', state: 'en-route', attempts: 1, etaS: 420 },
          { unitId: 'u1', callsign: 'c1', state: 'on-scene', attempts: 1, etaS: 0 },
        ],
      }),
    );
    s = applySupport(
      s,
      request('r2', { incidentId: 'i2', state: 'released', approved: pkg([unit('u2', 1, 118.2)]) }),
    );
    const preview = { requestId: 'r3', pkg: pkg([unit('u2', 300, 118.3)]) };
    const routes = supportRoutes(s, preview);
    expect(routes.map((r) => [r.requestId, r.unitId, r.approved, r.etaS])).toEqual([
      ['r1', 'u0', true, 420],
      ['r3', 'u2', false, 300],
    ]);
    const data = supportMapData(incidents, s, preview);
    expect(data.fenced.map((i) => i.id)).toEqual(['i1']);
    expect(supportMapData(incidents, s).version).not.toBe(data.version);
  });

  it('skips a route that is a single point', () => {
    const lone = { ...unit('u0', 10, 118), route: [[118, 29] as const] };
    expect(supportRoutes(EMPTY_SUPPORT, { requestId: 'r', pkg: pkg([lone]) })).toEqual([]);
  });

  it('build the path layer, the ETA labels and the geofence ring under stable ids', () => {
    const routes = supportRoutes(EMPTY_SUPPORT, {
      requestId: 'r',
      pkg: pkg([unit('u0', 125, 118)]),
    });
    const [route] = routes;
    if (!route) throw new Error('no route built');
    const path = supportRoutesLayerProps(routes, 'v1');
    expect(path.id).toBe('support-routes');
    expect((path.getPath as unknown as (l: (typeof routes)[number]) => number[][])(route)).toEqual([
      [118, 29],
      [118.41, 29.14],
    ]);
    const eta = supportEtaLayerProps(routes, 'v1');
    expect(eta.id).toBe('support-eta');
    expect((eta.getText as (l: (typeof routes)[number]) => string)(route)).toBe('呼号-u0 2′05″');
    expect(eta.characterSet).toBe('auto');
    expect(geofenceLayerProps([incident('i1', 'I')]).radiusUnits).toBe('meters');
    // The ring is the region's arrival geofence from the support setup, not a constant.
    expect(geofenceLayerProps([incident('i1', 'I')], 350).getRadius).toBe(350);
    expect(supportMapData(EMPTY_INCIDENTS, EMPTY_SUPPORT, undefined, 350).geofenceM).toBe(350);
  });

  it('sit under (fences, routes) and over (incidents, ETAs) the units in the stack', () => {
    const s = applySupport(
      EMPTY_SUPPORT,
      request('r1', { state: 'approved', approved: pkg([unit('u0', 60, 118)]) }),
    );
    const stack = supportLayers(supportMapData(incidents, s));
    const ids = (
      buildLayers({
        units: initUnits(roster),
        region: undefined,
        places: [],
        lang: 'en',
        zoom: 10,
        support: stack,
      }) as unknown[]
    )
      .filter((l): l is Layer => l instanceof Layer)
      .map((l) => l.id);
    expect(ids).toEqual([
      'stations',
      'incident-geofence',
      'support-routes',
      'units',
      'incidents',
      'support-eta',
    ]);
    expect(stack.under.find((l) => l instanceof PathLayer)).toBeDefined();
    expect(stack.over.find((l) => l instanceof TextLayer)).toBeDefined();
    expect(stack.over.find((l) => l instanceof ScatterplotLayer)).toBeDefined();
    const empty = supportLayers(supportMapData(EMPTY_INCIDENTS, EMPTY_SUPPORT));
    expect([...empty.under, ...empty.over].filter(Boolean)).toEqual([]);
  });
});

describe('units coloured by status', () => {
  it('keeps the store column when no unit has a status colour', () => {
    const units = initUnits(roster);
    const st = applyUnitStatuses(EMPTY_UNIT_STATUSES, [
      { unitId: 'u0', status: 'available', dutyHours: 1 },
    ]);
    expect(statusFillColors(units, st)).toBe(units.fillColors);
  });

  it('paints committed units in their status colour, keeping units without a fix transparent', () => {
    const units = initUnits(roster);
    const st = applyUnitStatuses(EMPTY_UNIT_STATUSES, [
      { unitId: 'u1', status: 'en-route', dutyHours: 1, requestId: 'r1' },
      { unitId: 'u2', status: 'on-scene', dutyHours: 1 },
      { unitId: 'not-in-roster', status: 'assigned', dutyHours: 1 },
    ]);
    const colors = statusFillColors(units, st);
    expect(colors).not.toBe(units.fillColors);
    expect([...colors.slice(0, 4)]).toEqual([...units.fillColors.slice(0, 4)]);
    expect([...colors.slice(4, 8)]).toEqual([...(STATUS_COLORS['en-route'] ?? [])]);
    expect(colors[11]).toBe(0);
    expect([...units.fillColors.slice(4, 8)]).not.toEqual([...colors.slice(4, 8)]);
  });

  it('feeds the status column to the units layer as a binary attribute with its own trigger', () => {
    const units = initUnits(roster);
    const colors = new Uint8Array(units.fillColors.length);
    const a = unitsLayerProps(units, { colors, version: 1 });
    const b = unitsLayerProps(units, { colors, version: 2 });
    const data = a.data as { attributes: Record<string, { value: unknown }> };
    expect(data.attributes['getFillColor']?.value).toBe(colors);
    expect(a.id).toBe(b.id);
    expect(a.updateTriggers?.['getFillColor']).not.toEqual(b.updateTriggers?.['getFillColor']);
    expect(a.updateTriggers?.['getPosition']).toEqual(b.updateTriggers?.['getPosition']);
  });
});
