import { mkdtempSync, rmSync } from 'node:fs';
import { asCaller, operatorCaller } from '../support/caller';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseCommandArgs } from '../../shared/contract/commandArgs';
import type { WallLayout, WallScreen } from '../../shared/domain/wall';
import { openStore } from '../../electron/core/store/openStore';
import {
  checkWallScreens,
  DEFAULT_WALL_SCREENS,
  WallLayoutRepo,
} from '../../electron/core/wall/WallLayoutRepo';

let dir: string;
const dbs: Database.Database[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'muster-wall-'));
});
afterEach(() => {
  for (const db of dbs.splice(0)) if (db.open) db.close();
  rmSync(dir, { recursive: true, force: true });
});

function repoOn(file: string, operator = 'Li Wei', nowMs = 1_000) {
  const db = openStore({ file });
  dbs.push(db);
  const emitted: WallLayout[] = [];
  let clock = nowMs;
  const repo = asCaller(
    new WallLayoutRepo(db, { now: () => clock, emit: (l) => emitted.push(l) }),
    operatorCaller(operator, 'commander'),
  );
  return { db, repo, emitted, setNow: (ms: number) => (clock = ms) };
}

const twoScreens: WallScreen[] = [
  { displayId: '2528732444', role: 'map' },
  { displayId: '2779098405', role: 'kpi' },
];

describe('WallLayoutRepo', () => {
  it('answers one map screen on the primary display until a layout is saved', () => {
    const { repo, emitted } = repoOn(':memory:');
    expect(repo.get()).toEqual({ screens: DEFAULT_WALL_SCREENS, updatedMs: 0, updatedBy: '' });
    expect(DEFAULT_WALL_SCREENS).toEqual([{ displayId: 'primary', role: 'map' }]);
    expect(emitted).toEqual([]);
  });

  it('saves in the operator’s name at the current time, emits it, and get() returns it', () => {
    const { repo, emitted } = repoOn(':memory:', 'Wang Fang', 42_000);
    const saved = repo.save(twoScreens);
    expect(saved).toEqual({ screens: twoScreens, updatedMs: 42_000, updatedBy: 'Wang Fang' });
    expect(emitted).toEqual([saved]);
    expect(repo.get()).toEqual(saved);
  });

  it('replaces the whole layout on every save', () => {
    const { repo, db, setNow } = repoOn(':memory:');
    repo.save(twoScreens);
    setNow(5_000);
    const one: WallScreen[] = [{ displayId: 'wall-pc-3', role: 'alerts' }];
    expect(repo.save(one).screens).toEqual(one);
    expect(repo.get()).toMatchObject({ screens: one, updatedMs: 5_000 });
    expect(db.prepare('SELECT count(*) AS n FROM wall_layout').get()).toEqual({ n: 1 });
  });

  it('keeps the layout across reopening the store file', () => {
    const file = join(dir, 'muster.db');
    const first = repoOn(file, 'Zhao Lei', 7_000);
    first.repo.save(twoScreens);
    first.db.close();
    const second = repoOn(file, 'someone else', 99_000);
    expect(second.repo.get()).toEqual({
      screens: twoScreens,
      updatedMs: 7_000,
      updatedBy: 'Zhao Lei',
    });
  });

  it('drops stored screens with a role this build does not know; none left = the default', () => {
    const { repo, db } = repoOn(':memory:');
    const put = (screens: unknown) =>
      db
        .prepare(
          `INSERT INTO wall_layout (id, screens, updated_ms, updated_by) VALUES (1, ?, 3, 'A')
           ON CONFLICT (id) DO UPDATE SET screens = excluded.screens`,
        )
        .run(JSON.stringify(screens));
    put([
      { displayId: 'a', role: 'hologram' },
      { displayId: 'b', role: 'units' },
    ]);
    expect(repo.get()).toEqual({
      screens: [{ displayId: 'b', role: 'units' }],
      updatedMs: 3,
      updatedBy: 'A',
    });
    put([{ displayId: 'a', role: 'hologram' }]);
    expect(repo.get().screens).toEqual(DEFAULT_WALL_SCREENS);
  });

  it('refuses a bad layout without storing or emitting anything', () => {
    const { repo, emitted } = repoOn(':memory:');
    repo.save(twoScreens);
    emitted.length = 0;
    expect(() => repo.save([])).toThrow('a layout needs at least one screen');
    expect(() =>
      repo.save([
        { displayId: 'x', role: 'map' },
        { displayId: ' x ', role: 'kpi' },
      ]),
    ).toThrow('display x appears more than once');
    expect(() => repo.save([{ displayId: '  ', role: 'map' }])).toThrow(/display id must be/);
    expect(() => repo.save([{ displayId: 'x', role: 'radar' as WallScreen['role'] }])).toThrow(
      'screen 1: unknown role radar',
    );
    const many = Array.from({ length: 17 }, (_, i) => ({
      displayId: `d${i}`,
      role: 'map' as const,
    }));
    expect(() => repo.save(many)).toThrow('at most 16 screens');
    expect(emitted).toEqual([]);
    expect(repo.get().screens).toEqual(twoScreens);
  });
});

describe('checkWallScreens', () => {
  it('trims display ids and keeps the order', () => {
    expect(
      checkWallScreens([
        { displayId: ' b ', role: 'units' },
        { displayId: 'a', role: 'support' },
      ]),
    ).toEqual([
      { displayId: 'b', role: 'units' },
      { displayId: 'a', role: 'support' },
    ]);
  });

  it('agrees with the saveWallLayout argument schema at the transport edge', () => {
    const cases: unknown[] = [
      twoScreens,
      [],
      [
        { displayId: 'x', role: 'map' },
        { displayId: 'x', role: 'kpi' },
      ],
      [{ displayId: '', role: 'map' }],
      [{ displayId: 'x', role: 'radar' }],
      Array.from({ length: 17 }, (_, i) => ({ displayId: `d${i}`, role: 'map' })),
      Array.from({ length: 16 }, (_, i) => ({ displayId: `d${i}`, role: 'alerts' })),
    ];
    for (const screens of cases) {
      const edgeOk = (() => {
        try {
          parseCommandArgs('saveWallLayout', [screens]);
          return true;
        } catch {
          return false;
        }
      })();
      const coreOk = (() => {
        try {
          checkWallScreens(screens as WallScreen[]);
          return true;
        } catch {
          return false;
        }
      })();
      expect(coreOk, JSON.stringify(screens).slice(0, 80)).toBe(edgeOk);
    }
  });
});
