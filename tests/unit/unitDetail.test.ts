// Unit selection and the detail panel's view, as pure functions; the selection's map layers; a
// click on the units layer reporting the unit.
import { Layer } from '@deck.gl/core';
import type { PickingInfo } from '@deck.gl/core';
import { describe, expect, it } from 'vitest';
import type { UnitStatusEntry } from '../../shared/contract/ConsoleApi';
import type { Incident } from '../../shared/domain/incidents';
import type { Station } from '../../shared/domain/region';
import type { SupportRequest } from '../../shared/domain/support';
import type { UnitPosition, UnitSnapshot } from '../../shared/domain/units';
import { buildLayers, LAYER_IDS, unitsLayerProps } from '../../renderer/src/map/layers';
import { REACH_LAYER_ID, reachLayer } from '../../renderer/src/map/reachLayers';
import {
  SELECTION_LAYER_IDS,
  layerIdsOf,
  selectedIndex,
  selectedRingLayerProps,
  selectedTrackLayerProps,
  selectionLayers,
} from '../../renderer/src/map/selectionLayers';
import { EMPTY_INCIDENTS, resetIncidents } from '../../renderer/src/state/incidentsStore';
import {
  selectedUnitId,
  sparkline,
  trackLengthM,
  trackPath,
  unitDetailOf,
  withIncident,
  type UnitDetailInput,
} from '../../renderer/src/state/selection';
import { applySupport, EMPTY_SUPPORT } from '../../renderer/src/state/supportStore';
import { EMPTY_UNIT_STATUSES, resetUnitStatuses } from '../../renderer/src/state/unitStatusStore';
import { initUnits } from '../../renderer/src/state/unitsStore';

const T0 = 1_767_225_600_000;
const pos = (tsMs: number, lon: number, extra: Partial<UnitPosition> = {}): UnitPosition => ({
  tsMs,
  lon,
  lat: 29,
  headingDeg: 90,
  speedKmh: 40,
  batteryPct: 80,
  altM: undefined,
  ...extra,
});
const snapshots: UnitSnapshot[] = [
  {
    unit: {
      id: 'u1',
      callsign: '城关巡1',
      kind: 'patrol-car',
      stationId: 'ps-a',
      deviceId: 'd1',
      modules: ['public-order', 'traffic'],
      persons: 2,
    },
    liveness: 'online',
    last: pos(T0, 118.2, { headingDeg: 45, speedKmh: 52.5, batteryPct: undefined }),
  },
  {
    unit: {
      id: 'u2',
      callsign: '无人机2',
      kind: 'drone',
      stationId: 'sp-b',
      deviceId: 'd2',
      modules: ['drone'],
      persons: 0,
    },
    liveness: 'unknown',
    last: undefined,
  },
];
const stations: Station[] = [
  {
    id: 'ps-a',
    name: '城关所',
    nameEn: 'Chengguan',
    kind: 'police-station',
    lonLat: [118.2, 29.1],
    simulated: true,
  },
];
const incident: Incident = {
  id: 'inc-1',
  type: 'hostage',
  grade: 'II',
  lonLat: [118.3, 29.1],
  jurisdictionId: 'ps-a',
  description: '',
  reporter: '',
  commander: 'op',
  state: 'open',
  createdMs: T0,
  updatedMs: T0,
  drill: false,
};
const request: SupportRequest = {
  id: 'sup-1',
  incidentId: 'inc-1',
  state: 'dispatched',
  orders: [{ unitId: 'u1', callsign: '城关巡1', state: 'acknowledged', attempts: 1, etaS: 420 }],
  requestedBy: 'op',
  createdMs: T0,
  updatedMs: T0,
};
const statusList: UnitStatusEntry[] = [
  { unitId: 'u1', status: 'assigned', dutyHours: 3.5, requestId: 'sup-1', incidentId: 'inc-1' },
  { unitId: 'u2', status: 'offline', dutyHours: 0 },
];

function input(extra: Partial<UnitDetailInput> = {}): UnitDetailInput {
  return {
    units: initUnits(snapshots),
    roster: new Map(snapshots.map((s) => [s.unit.id, s.unit])),
    stations,
    statuses: resetUnitStatuses(EMPTY_UNIT_STATUSES, statusList),
    support: applySupport(EMPTY_SUPPORT, request),
    incidents: resetIncidents(EMPTY_INCIDENTS, [incident]),
    ...extra,
  };
}

describe('map selection', () => {
  it('lets a newly selected incident replace a unit, and keeps the unit when none is', () => {
    const unit = { kind: 'unit', id: 'u1' } as const;
    expect(withIncident(unit, 'inc-1')).toEqual({ kind: 'incident', id: 'inc-1' });
    expect(withIncident(unit, undefined)).toBe(unit);
    expect(withIncident({ kind: 'incident', id: 'inc-1' }, undefined)).toBeUndefined();
    expect(selectedUnitId(unit)).toBe('u1');
    expect(selectedUnitId({ kind: 'incident', id: 'inc-1' })).toBeUndefined();
  });
});

describe('unit detail view', () => {
  it('joins live telemetry, roster, station, status and assignment', () => {
    const v = unitDetailOf(input(), 'u1');
    expect(v).toMatchObject({
      unitId: 'u1',
      callsign: '城关巡1',
      kind: 'patrol-car',
      stationId: 'ps-a',
      modules: ['public-order', 'traffic'],
      status: 'assigned',
      liveness: 'online',
      lonLat: [118.2, 29],
      lastFixMs: T0,
      headingDeg: 45,
      speedKmh: 52.5,
      batteryPct: undefined,
      dutyHours: 3.5,
    });
    expect(v?.station?.name).toBe('城关所');
    expect(v?.assignment).toEqual({
      requestId: 'sup-1',
      requestState: 'dispatched',
      orderState: 'acknowledged',
      etaS: 420,
      incident,
    });
  });

  it('shows a unit without a fix as such, and no assignment when it has none', () => {
    const v = unitDetailOf(input(), 'u2');
    expect(v?.lonLat).toBeUndefined();
    expect(v?.lastFixMs).toBeUndefined();
    expect(v?.speedKmh).toBeUndefined();
    expect(v?.status).toBe('offline');
    expect(v?.liveness).toBe('unknown');
    expect(v?.station).toBeUndefined();
    expect(v?.assignment).toBeUndefined();
    expect(unitDetailOf(input(), 'nope')).toBeUndefined();
  });

  it('still names the request when the support store has not loaded it yet', () => {
    const v = unitDetailOf(input({ support: EMPTY_SUPPORT }), 'u1');
    expect(v?.assignment?.requestId).toBe('sup-1');
    expect(v?.assignment?.orderState).toBeUndefined();
    expect(v?.assignment?.incident?.id).toBe('inc-1');
  });
});

describe('recent track', () => {
  const track = [pos(T0 - 120_000, 118.0), pos(T0 - 60_000, 118.01), pos(T0 - 30_000, 118.02)];

  it('ends the path at the live position when it is newer than the last fix', () => {
    expect(trackPath(track, { lonLat: [118.03, 29], tsMs: T0 })).toHaveLength(4);
    expect(trackPath(track, { lonLat: [118.03, 29], tsMs: T0 - 30_000 })).toHaveLength(3);
    expect(trackPath([], { lonLat: [118.03, 29], tsMs: T0 })).toEqual([[118.03, 29]]);
  });

  it('measures its length along the fixes', () => {
    // 0.02° of longitude at 29° N ≈ 1.946 km.
    expect(trackLengthM(track)).toBeGreaterThan(1900);
    expect(trackLengthM(track)).toBeLessThan(2000);
    expect(trackLengthM(track.slice(0, 1))).toBe(0);
  });

  it('draws a sparkline scaled to the box, skipping samples without a value', () => {
    const t = [
      pos(0, 0, { speedKmh: 0 }),
      pos(50, 0, { speedKmh: undefined }),
      pos(100, 0, { speedKmh: 60 }),
    ];
    expect(sparkline(t, (p) => p.speedKmh, 100, 20)).toBe('0.0,20.0 100.0,0.0');
    expect(sparkline(t, (p) => p.speedKmh, 100, 20, [0, 120])).toBe('0.0,20.0 100.0,10.0');
    expect(sparkline(t.slice(0, 1), (p) => p.speedKmh, 100, 20)).toBe('');
  });
});

describe('selection layers', () => {
  const units = initUnits(snapshots);
  const path: [number, number][] = [
    [118, 29],
    [118.2, 29],
  ];

  it('draws the track and a ring under stable ids, only for the selected unit', () => {
    const layers = selectionLayers(units, 'u1', { unitId: 'u1', path, version: 1 });
    expect(layerIdsOf(layers)).toEqual([SELECTION_LAYER_IDS.track, SELECTION_LAYER_IDS.ring]);
    expect(selectionLayers(units, undefined, undefined)).toEqual([]);
    // A track fetched for another unit is not drawn for this one.
    const other = selectionLayers(units, 'u1', { unitId: 'u2', path, version: 1 });
    expect(layerIdsOf(other)).toEqual([SELECTION_LAYER_IDS.ring]);
  });

  it('has no path data under two points, and new triggers for a new track', () => {
    const one = selectedTrackLayerProps({ unitId: 'u1', path: path.slice(0, 1), version: 1 });
    expect(one.data).toEqual([]);
    const a = selectedTrackLayerProps({ unitId: 'u1', path, version: 1 }).updateTriggers;
    const b = selectedTrackLayerProps({ unitId: 'u1', path, version: 2 }).updateTriggers;
    expect(a?.getPath).not.toEqual(b?.getPath);
  });

  it('rings only a unit with a fix', () => {
    expect(selectedIndex(units, 'u1')).toBe(0);
    expect(selectedIndex(units, 'u2')).toBe(-1);
    expect(selectedRingLayerProps(units, 'u2').data).toEqual([]);
    expect(selectedRingLayerProps(units, 'u1').data).toEqual([0]);
  });
});

describe('picking a unit on the map', () => {
  const units = initUnits(snapshots);

  it('reports the clicked row as the unit id, keeping binary attributes', () => {
    const picked: string[] = [];
    const props = unitsLayerProps(units, undefined, (id) => picked.push(id));
    expect(props.pickable).toBe(true);
    expect((props.data as { attributes: object }).attributes).toHaveProperty('getPosition');
    const click = props.onClick as (info: PickingInfo) => boolean;
    expect(click({ index: 1 } as PickingInfo)).toBe(true);
    click({ index: -1 } as PickingInfo);
    expect(picked).toEqual(['u2']);
    expect(unitsLayerProps(units).pickable).toBe(false);
  });

  it('stacks reach areas at the bottom and the selection over the units', () => {
    const grid = {
      bbox: [118, 29, 118.3, 29.2] as const,
      cols: 1,
      rows: 1,
      fromStationsS: [60],
      fromAvailableS: [-1],
      computedMs: 1,
      model: 'straight-line',
    };
    const layers = buildLayers({
      units,
      region: undefined,
      places: [],
      lang: 'en',
      zoom: 8,
      base: [reachLayer(grid, 'stations')],
      selection: selectionLayers(units, 'u1', {
        unitId: 'u1',
        path: [
          [118, 29],
          [118.1, 29],
        ],
        version: 1,
      }),
      onPickUnit: () => undefined,
    });
    const ids = layerIdsOf(layers);
    expect(ids[0]).toBe(REACH_LAYER_ID);
    expect(ids.indexOf(SELECTION_LAYER_IDS.track)).toBeGreaterThan(ids.indexOf(LAYER_IDS.units));
    const unitsLayer = (layers as unknown[]).find(
      (l): l is Layer => l instanceof Layer && l.id === LAYER_IDS.units,
    );
    expect(unitsLayer?.props.pickable).toBe(true);
  });
});
