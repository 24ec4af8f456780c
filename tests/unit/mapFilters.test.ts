import { describe, expect, it } from 'vitest';
import type { CapabilityModule, UnitKind, UnitSnapshot } from '../../shared/domain/units';
import {
  NO_FILTERS,
  countVisible,
  isFiltering,
  maskColors,
  reduceMapFilters,
  rosterFacts,
  searchCallsigns,
  visibilityMask,
  type MapFilterAction,
  type MapFilters,
} from '../../renderer/src/state/mapFilters';
import { EMPTY_UNIT_STATUSES, resetUnitStatuses } from '../../renderer/src/state/unitStatusStore';
import { initUnits } from '../../renderer/src/state/unitsStore';

const unit = (
  id: string,
  kind: UnitKind,
  stationId: string,
  modules: CapabilityModule[],
  fix = true,
): UnitSnapshot => ({
  unit: { id, callsign: `城关${id}`, kind, stationId, deviceId: `d-${id}`, modules, persons: 2 },
  liveness: 'online',
  last: fix
    ? {
        tsMs: 1,
        lon: 118.4,
        lat: 29.1,
        headingDeg: undefined,
        speedKmh: undefined,
        batteryPct: undefined,
        altM: undefined,
      }
    : undefined,
});

const roster = [
  unit('01', 'officer-pair', 'ps-a', ['public-order']),
  unit('02', 'officer-pair', 'ps-b', ['investigation']),
  unit('03', 'patrol-car', 'ps-a', ['public-order', 'traffic']),
  unit('04', 'drone', 'ps-b', ['drone']),
  unit('05', 'traffic-car', 'ps-a', [], false),
];
const units = initUnits(roster);
const facts = rosterFacts(roster);
const statuses = resetUnitStatuses(EMPTY_UNIT_STATUSES, [
  { unitId: '03', status: 'en-route', dutyHours: 2 },
]);
const run = (...actions: MapFilterAction[]): MapFilters =>
  actions.reduce(reduceMapFilters, NO_FILTERS);
const shown = (f: MapFilters): string[] =>
  [...visibilityMask(units, facts, statuses, f)].flatMap((v, i) =>
    v === 1 ? [units.ids[i] ?? ''] : [],
  );

describe('map filter reducer', () => {
  it('toggles kinds and statuses off and back on, leaving the input unchanged', () => {
    const off = run({ type: 'toggle-kind', kind: 'drone' });
    expect(off.hiddenKinds.has('drone')).toBe(true);
    expect(NO_FILTERS.hiddenKinds.size).toBe(0);
    expect(isFiltering(off)).toBe(true);
    const on = reduceMapFilters(off, { type: 'toggle-kind', kind: 'drone' });
    expect(on.hiddenKinds.has('drone')).toBe(false);
    expect(isFiltering(on)).toBe(false);
  });

  it('clears an empty jurisdiction and resets everything at once', () => {
    const f = run(
      { type: 'set-jurisdiction', stationId: 'ps-a' },
      { type: 'toggle-status', status: 'off-duty' },
      { type: 'toggle-module', module: 'eod' },
    );
    expect(f.jurisdiction).toBe('ps-a');
    expect(reduceMapFilters(f, { type: 'set-jurisdiction', stationId: '' }).jurisdiction).toBe(
      undefined,
    );
    expect(reduceMapFilters(f, { type: 'reset' })).toBe(NO_FILTERS);
  });
});

describe('visibility mask', () => {
  it('lets every unit through without filters', () => {
    expect(shown(NO_FILTERS)).toEqual(['01', '02', '03', '04', '05']);
  });

  it('hides a kind, a status (reported by the core) and other jurisdictions', () => {
    expect(shown(run({ type: 'toggle-kind', kind: 'officer-pair' }))).toEqual(['03', '04', '05']);
    expect(shown(run({ type: 'toggle-status', status: 'en-route' }))).toEqual([
      '01',
      '02',
      '04',
      '05',
    ]);
    // Units without a reported status count as available.
    expect(shown(run({ type: 'toggle-status', status: 'available' }))).toEqual(['03']);
    expect(shown(run({ type: 'set-jurisdiction', stationId: 'ps-b' }))).toEqual(['02', '04']);
  });

  it('keeps units carrying any ticked module, and combines filters with AND', () => {
    expect(shown(run({ type: 'toggle-module', module: 'public-order' }))).toEqual(['01', '03']);
    expect(
      shown(
        run(
          { type: 'toggle-module', module: 'public-order' },
          { type: 'toggle-module', module: 'drone' },
        ),
      ),
    ).toEqual(['01', '03', '04']);
    expect(
      shown(
        run(
          { type: 'toggle-module', module: 'public-order' },
          { type: 'toggle-kind', kind: 'patrol-car' },
        ),
      ),
    ).toEqual(['01']);
  });

  it('counts only units both let through and positioned', () => {
    const mask = visibilityMask(
      units,
      facts,
      statuses,
      run({ type: 'toggle-kind', kind: 'drone' }),
    );
    expect(countVisible(mask, units.hasFix)).toBe(3); // 05 has no fix yet
    expect(countVisible(undefined, units.hasFix)).toBe(4);
  });

  it('makes hidden units transparent in a copy of the colour column', () => {
    const mask = visibilityMask(
      units,
      facts,
      statuses,
      run({ type: 'toggle-kind', kind: 'drone' }),
    );
    const out = maskColors(units.fillColors, mask);
    expect(out).not.toBe(units.fillColors);
    expect(out[4 * 3 + 3]).toBe(0);
    expect(out[3]).toBe(units.fillColors[3]);
    expect(units.fillColors[4 * 3 + 3]).toBeGreaterThan(0);
    expect(maskColors(units.fillColors, undefined)).toBe(units.fillColors);
  });
});

describe('callsign search', () => {
  it('finds by prefix first, then by substring, case-insensitively', () => {
    const list = ['华埠01', '城关01', '城关02', 'Drone-城关', 'x'];
    expect(searchCallsigns(list, '城关')).toEqual([1, 2, 3]);
    expect(searchCallsigns(list, 'drone')).toEqual([3]);
    expect(searchCallsigns(list, '  ')).toEqual([]);
    expect(searchCallsigns(list, '城关', 1)).toEqual([1]);
  });
});
