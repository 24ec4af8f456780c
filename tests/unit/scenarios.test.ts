import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  packScenarioList,
  readPackScenarios,
  scenarioRegionOf,
} from '../../electron/core/drill/packScenarios';
import { parseScenarioTime } from '../../electron/core/drill/scenarioCheck';
import { scenarioFromCsv } from '../../electron/core/drill/scenarioCsv';
import { loadRegionPack } from '../../electron/core/region/loadRegion';
import { RESOURCES_DIR } from '../support/coreHarness';

const pack = loadRegionPack(join(RESOURCES_DIR, 'regions'), 'kaihua');
const region = scenarioRegionOf(pack);
const HEAD = { id: 'imported', name: '导入', description: '' };
const HEADER =
  'id,time,kind,unit,type,grade,place,lon,lat,modules,from,duration_s,battery_pct,description,player,expected,objective,contingency';

describe('the Kaihua pack scenarios', () => {
  it('ships the night chain and the grade I counter-terror exercise, both valid', () => {
    const files = readPackScenarios(pack);
    for (const f of files) expect(f.check, f.file).toMatchObject({ ok: true });
    expect(
      packScenarioList(pack)
        .map((s) => s.id)
        .sort(),
    ).toEqual(['counter-terror-grade-i', 'night-chain']);
  });

  it('resolves places to the region and the neighbour, and orders injects by time', () => {
    const night = readPackScenarios(pack).find((f) => f.file === 'night-chain.json')?.check;
    if (!night?.ok) throw new Error('night chain did not load');
    const s = night.scenario;
    expect(s.injects.map((i) => i.id)).toEqual(['N1', 'N2', 'N3', 'N4', 'N5', 'N6', 'C1']);
    expect(s.injects[0]).toMatchObject({ kind: 'incident', grade: 'III', place: '华埠' });
    expect(s.injects.find((i) => i.id === 'C1')?.contingency).toBe(true);
    const ct = readPackScenarios(pack).find((f) => f.file === 'counter-terror-grade-i.json')?.check;
    if (!ct?.ok) throw new Error('counter-terror did not load');
    expect(ct.scenario.injects.find((i) => i.id === 'T4')).toMatchObject({
      kind: 'neighbour-request',
      from: '常山县',
    });
  });
});

describe('scenario times', () => {
  it.each([
    ['00:00', 0],
    ['05:30', 330],
    ['1:02:03', 3723],
    ['90', 90],
    [45, 45],
  ])('%s is %i s', (v, s) => expect(parseScenarioTime(v)).toBe(s));
  it.each(['5:75', 'x', '-1', '', '1:2:3:4'])('%j is refused', (v) =>
    expect(parseScenarioTime(v)).toBeUndefined(),
  );
});

describe('scenario CSV import', () => {
  const row = (cells: Record<string, string>): string => {
    const cols = HEADER.split(',');
    return cols.map((c) => cells[c] ?? '').join(',');
  };
  const ok = {
    id: 'A',
    time: '00:10',
    kind: 'incident',
    type: 'public-disorder',
    grade: 'III',
    place: '华埠',
    description: 'x',
    player: 'p',
    expected: 'e',
    objective: 'o',
  };

  it('reads a valid file, with a BOM and Chinese text', () => {
    const csv = `\uFEFF${HEADER}\n${row(ok)}\n${row({ ...ok, id: 'B', time: '1:00', kind: 'sos', unit: 'huabu-03', type: '', grade: '', place: '' })}\n`;
    const r = scenarioFromCsv(HEAD, csv, region);
    expect(r).toMatchObject({ ok: true });
    if (r.ok)
      expect(r.scenario.injects.map((i) => [i.id, i.atS])).toEqual([
        ['A', 10],
        ['B', 60],
      ]);
  });

  it('refuses a bad file whole, naming each line and field', () => {
    const csv = [
      HEADER,
      row(ok),
      row({ ...ok, id: 'A' }), // line 3: duplicate id
      row({ ...ok, id: 'C', unit: 'nobody-01', kind: 'sos' }), // line 4: unknown unit
      row({ ...ok, id: 'D', modules: 'public-order;lasers' }), // line 5: unknown module
      row({ ...ok, id: 'E', place: '球川' }), // line 6: outside the region (常山县)
      row({ ...ok, id: 'F', time: '5:75' }), // line 7: bad time
      row({ ...ok, id: 'G', kind: 'alien-landing' }), // line 8: unknown kind
      row({ ...ok, id: 'H', kind: 'neighbour-request', place: '华埠' }), // line 9: inside
      row({ ...ok, id: 'I', grade: 'V' }), // line 10
      row({ ...ok, id: 'J', place: 'Atlantis' }), // line 11
    ].join('\n');
    const r = scenarioFromCsv(HEAD, csv, region);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => [e.line, e.field, e.code])).toEqual([
      [3, 'id', 'duplicate-id'],
      [4, 'unit', 'unknown-unit'],
      [5, 'modules', 'unknown-module'],
      [6, 'place', 'outside-region'],
      [7, 'time', 'bad-time'],
      [8, 'kind', 'unknown-kind'],
      [9, 'place', 'inside-region'],
      [10, 'grade', 'unknown-grade'],
      [11, 'place', 'unknown-place'],
    ]);
    expect(r.errors[2]?.value).toBe('lasers');
  });

  it('refuses a file without the required columns, or with stray ones, or ragged rows', () => {
    const r1 = scenarioFromCsv(HEAD, 'id,time,kind\nA,0,sos\n', region);
    expect(r1.ok).toBe(false);
    if (!r1.ok)
      expect(r1.errors.map((e) => e.field)).toEqual([
        'description',
        'player',
        'expected',
        'objective',
      ]);
    const r2 = scenarioFromCsv(HEAD, `${HEADER},colour\n${row(ok)},red\n`, region);
    expect(r2.ok).toBe(false);
    if (!r2.ok)
      expect(r2.errors).toEqual([
        { line: 1, field: 'colour', code: 'unreadable', value: 'unknown column' },
      ]);
    const r3 = scenarioFromCsv(HEAD, `${HEADER}\nA,0,sos\n`, region);
    expect(r3.ok).toBe(false);
    if (!r3.ok) expect(r3.errors[0]).toMatchObject({ line: 2, field: 'row', code: 'unreadable' });
    const r4 = scenarioFromCsv(HEAD, `${HEADER}\n`, region);
    expect(r4).toEqual({ ok: false, errors: [{ line: 1, field: 'injects', code: 'no-injects' }] });
  });
});
