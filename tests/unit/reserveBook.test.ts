// The station reserve book: minimums of a kind and of units carrying a module, the station's own
// rule over the '*' one, and what each group may still lend.
import { describe, expect, it } from 'vitest';
import { reserveBook } from '../../electron/core/support/recommend/reserve';
import type { ReserveRule } from '../../electron/core/support/types';
import { unit } from '../support/recommendFixtures';

const rules: ReserveRule[] = [
  { stationId: '*', kind: 'patrol-car', min: 1 },
  { stationId: 'hq', kind: 'patrol-car', min: 3 },
  { stationId: '*', module: 'investigation', min: 1 },
  { stationId: 'hq', module: 'investigation', min: 0 },
];

describe('reserve book', () => {
  const pool = [
    unit('c1', 1, { stationId: 'north', modules: ['public-order', 'investigation'] }),
    unit('c2', 1, { stationId: 'north', modules: ['public-order'] }),
    unit('p1', 1, {
      stationId: 'north',
      kind: 'officer-pair',
      modules: ['investigation'],
    }),
    unit('busy', 1, { stationId: 'north', modules: ['investigation'], status: 'on-scene' }),
    unit('h1', 1, { stationId: 'hq', modules: ['investigation'] }),
  ];
  const book = reserveBook(pool, rules);

  it('takes the station’s own rule over the wildcard; no rule means no minimum', () => {
    const kindGroup = (stationId: string, kind: 'patrol-car' | 'drone') =>
      book.groupsOf(unit('x', 0, { stationId, kind, modules: [] }))[0];
    expect(kindGroup('hq', 'patrol-car')).toMatchObject({ min: 3, available: 1 });
    expect(kindGroup('north', 'patrol-car')).toMatchObject({ min: 1, available: 2 });
    expect(kindGroup('north', 'drone')).toMatchObject({ min: 0, available: 0 });
    expect(book.spareOf(kindGroup('north', 'patrol-car')?.key ?? '')).toBe(1);
  });

  it('puts a unit in its kind group and in a group per reserved module it carries', () => {
    const groups = book.groupsOf(pool[0] as (typeof pool)[number]);
    expect(groups.map((g) => [g.kind ?? g.module, g.available, g.min])).toEqual([
      ['patrol-car', 2, 1],
      // c1 and p1 carry investigation and are available; the busy one does not count.
      ['investigation', 2, 1],
    ]);
    expect(groups.map((g) => book.spareOf(g.key))).toEqual([1, 1]);
    // No module group where the station keeps none (hq's own 0 beats the wildcard's 1).
    expect(book.groupsOf(pool[4] as (typeof pool)[number]).map((g) => g.kind ?? g.module)).toEqual([
      'patrol-car',
    ]);
    expect(book.spareOf('no such group')).toBe(0);
  });
});
