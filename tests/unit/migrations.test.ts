import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  assertMigrationList,
  migrate,
  NewerDatabaseError,
  type Migration,
} from '../../electron/core/store/migrate';
import { MIGRATIONS } from '../../electron/core/store/migrations';
import { openStore } from '../../electron/core/store/openStore';
import { TelemetryRepo } from '../../electron/core/store/TelemetryRepo';
import type { TelemetrySample } from '../../electron/core/telemetry/sample';

let dir: string;
const open: Database.Database[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'muster-store-'));
});

afterEach(() => {
  for (const db of open.splice(0)) if (db.open) db.close();
  rmSync(dir, { recursive: true, force: true });
});

function track(db: Database.Database): Database.Database {
  open.push(db);
  return db;
}

const ALL_TABLES = [
  'alert',
  'broker_session',
  'device_credential',
  'event_log',
  'id_counter',
  'incident',
  'login_lock',
  'login_session',
  'operator',
  'quarantine',
  'reject_count',
  'session_meta',
  'support_request',
  'support_suggestion',
  'task_point',
  'telemetry_sample',
  'unit_state',
  'wall_layout',
  'wall_token',
];

const userVersion = (db: Database.Database): number =>
  db.pragma('user_version', { simple: true }) as number;

const tableNames = (db: Database.Database): string[] =>
  (
    db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").all() as {
      name: string;
    }[]
  ).map((r) => r.name);

const tableSql = (db: Database.Database): { name: string; sql: string }[] =>
  db.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'table' ORDER BY name").all() as {
    name: string;
    sql: string;
  }[];

function migration(version: number, name: string, up: Migration['up']): Migration {
  return { version, name, up };
}

const createTable = (table: string) => (db: Database.Database) =>
  db.exec(`CREATE TABLE ${table} (id INTEGER PRIMARY KEY) STRICT`);

describe('MIGRATIONS', () => {
  it('is numbered 1..n without gaps, with unique names', () => {
    expect(() => assertMigrationList(MIGRATIONS)).not.toThrow();
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    expect(new Set(MIGRATIONS.map((m) => m.name)).size).toBe(MIGRATIONS.length);
    expect(MIGRATIONS[0]?.name).toBe('0001-telemetry');
  });

  // One test per migration: each one applies cleanly on top of the previous ones.
  it.each(MIGRATIONS.map((m) => [m.name, m.version] as const))(
    '%s applies on top of its predecessors',
    (_name, version) => {
      const db = track(new Database(':memory:'));
      expect(migrate(db, MIGRATIONS.slice(0, version - 1))).toHaveLength(version - 1);
      expect(migrate(db, MIGRATIONS.slice(0, version))).toEqual([version]);
      expect(userVersion(db)).toBe(version);
    },
  );
});

describe('0003-support', () => {
  function migratedTo(version: number): Database.Database {
    const db = track(new Database(':memory:'));
    migrate(db, MIGRATIONS.slice(0, version));
    return db;
  }

  it('adds the support tables, all STRICT, and leaves the earlier ones alone', () => {
    const before = tableSql(migratedTo(2));
    const after = tableSql(migratedTo(3));
    expect(after.filter((t) => before.some((b) => b.name === t.name))).toEqual(before);
    expect(after.map((t) => t.name).filter((n) => !before.some((b) => b.name === n))).toEqual([
      'id_counter',
      'incident',
      'support_event',
      'support_request',
      'support_suggestion',
      'task_point',
    ]);
    for (const t of after) expect(t.sql, t.name).toMatch(/\)\s*STRICT\b/);
  });

  it('makes support_event append-only: inserts pass, UPDATE and DELETE abort', () => {
    const db = migratedTo(3);
    const insert = db.prepare(
      `INSERT INTO support_event (seq, request_id, ts_ms, operator, kind, prev_hash, hash)
       VALUES (?, 'sup-1', 1, 'A', 'transition', 'p', 'h')`,
    );
    insert.run(1);
    insert.run(2);
    expect(() => db.prepare("UPDATE support_event SET operator = 'B'").run()).toThrow(
      'support_event is append-only',
    );
    expect(() => db.prepare('DELETE FROM support_event WHERE seq = 1').run()).toThrow(
      'support_event is append-only',
    );
    expect(db.prepare('SELECT count(*) AS n FROM support_event').get()).toEqual({ n: 2 });
  });

  it('refuses a request whose orders column is not JSON', () => {
    const db = migratedTo(3);
    expect(() =>
      db
        .prepare(
          `INSERT INTO support_request (id, incident_id, state, orders, requested_by, created_ms,
             updated_ms) VALUES ('s', 'i', 'requested', 'not json', 'A', 1, 1)`,
        )
        .run(),
    ).toThrow(/CHECK constraint failed/);
  });
});

describe('0004-wall-layout', () => {
  function migratedTo(version: number): Database.Database {
    const db = track(new Database(':memory:'));
    migrate(db, MIGRATIONS.slice(0, version));
    return db;
  }
  const insert = (db: Database.Database, id: number, screens: string) =>
    db
      .prepare('INSERT INTO wall_layout (id, screens, updated_ms, updated_by) VALUES (?, ?, 1, ?)')
      .run(id, screens, 'A');

  it('adds wall_layout only, STRICT, and leaves the earlier tables alone', () => {
    const before = tableSql(migratedTo(3));
    const after = tableSql(migratedTo(4));
    expect(after.filter((t) => before.some((b) => b.name === t.name))).toEqual(before);
    const added = after.filter((t) => !before.some((b) => b.name === t.name));
    expect(added.map((t) => t.name)).toEqual(['wall_layout']);
    expect(added[0]?.sql).toMatch(/\)\s*STRICT\b/);
  });

  it('holds a single row whose screens are a JSON array', () => {
    const db = migratedTo(4);
    insert(db, 1, '[{"displayId":"primary","role":"map"}]');
    expect(() => insert(db, 2, '[]')).toThrow(/CHECK constraint failed/);
    expect(() => insert(db, 1, '[]')).toThrow(/UNIQUE constraint failed/);
    const fresh = migratedTo(4);
    expect(() => insert(fresh, 1, 'not json')).toThrow(/CHECK constraint failed/);
    expect(() => insert(fresh, 1, '{"displayId":"x"}')).toThrow(/CHECK constraint failed/);
    expect(db.prepare('SELECT count(*) AS n FROM wall_layout').get()).toEqual({ n: 1 });
  });
});

describe('0005-incident-close', () => {
  const migratedTo = (version: number): Database.Database => {
    const db = track(new Database(':memory:'));
    migrate(db, MIGRATIONS.slice(0, version));
    return db;
  };
  const columns = (db: Database.Database) =>
    db.prepare('SELECT name, type, "notnull" AS nn FROM pragma_table_info(\'incident\')').all();

  it('adds who closed an incident and why, nullable, keeping stored rows', () => {
    const db = migratedTo(4);
    db.prepare(
      `INSERT INTO incident (id, type, grade, lon, lat, jurisdiction_id, description, reporter,
         commander, state, created_ms, updated_ms, drill)
       VALUES ('inc-1', 'hostage', 'II', 118.4, 29.1, 'ps-a', 'd', 'r', 'c', 'open', 1, 1, 0)`,
    ).run();
    const before = columns(db);
    migrate(db, MIGRATIONS.slice(0, 5));
    expect(columns(db)).toEqual([
      ...before,
      { name: 'closed_by', type: 'TEXT', nn: 0 },
      { name: 'close_reason', type: 'TEXT', nn: 0 },
    ]);
    expect(db.prepare('SELECT id, closed_by, close_reason FROM incident').all()).toEqual([
      { id: 'inc-1', closed_by: null, close_reason: null },
    ]);
    expect(tableSql(db).find((t) => t.name === 'incident')?.sql).toMatch(/\)\s*STRICT\b/);
  });
});

describe('0007-event-note', () => {
  it('adds a nullable JSON note to support events, keeping stored rows', () => {
    const db = track(new Database(':memory:'));
    migrate(db, MIGRATIONS.slice(0, 6));
    const insert = (seq: number, note?: string): void => {
      const cols = note === undefined ? '' : ', note';
      const vals = note === undefined ? '' : ', ?';
      db.prepare(
        `INSERT INTO support_event (seq, request_id, ts_ms, operator, kind, prev_hash, hash${cols})
         VALUES (?, 'sup-1', 1, 'A', 'transition', 'p', 'h'${vals})`,
      ).run(...(note === undefined ? [seq] : [seq, note]));
    };
    insert(1);
    migrate(db, MIGRATIONS.slice(0, 7));
    expect(db.prepare('SELECT seq, note FROM support_event').all()).toEqual([
      { seq: 1, note: null },
    ]);
    insert(2, '{"code":"expired","params":{"min":30}}');
    expect(() => insert(3, 'not json')).toThrow(/CHECK constraint failed/);
    expect(db.prepare('SELECT count(*) AS n FROM support_event').get()).toEqual({ n: 2 });
    expect(tableSql(db).find((t) => t.name === 'support_event')?.sql).toMatch(/\)\s*STRICT\b/);
  });
});

describe('0008-broker-session', () => {
  it('keeps one row per console client id', () => {
    const db = track(new Database(':memory:'));
    migrate(db, MIGRATIONS.slice(0, 8));
    const put = db.prepare(
      'INSERT INTO broker_session (client_id, broker_url, alive_ms) VALUES (?, ?, ?)',
    );
    put.run('c1', 'mqtt://a', 1);
    expect(() => put.run('c1', 'mqtt://b', 2)).toThrow(/UNIQUE constraint failed/);
    expect(() => put.run('c2', 'mqtt://b', 'soon')).toThrow(/cannot store TEXT value in INTEGER/);
    expect(tableSql(db).find((t) => t.name === 'broker_session')?.sql).toMatch(/\)\s*STRICT\b/);
  });
});

describe('0009-session-meta', () => {
  it('holds one row: the session the store belongs to', () => {
    const db = track(new Database(':memory:'));
    migrate(db, MIGRATIONS.slice(0, 9));
    const put = db.prepare(
      'INSERT INTO session_meta (id, session_id, kind, name, created_ms) VALUES (?, ?, ?, ?, 1)',
    );
    put.run(1, 'lv-x', 'live', 'Kaihua');
    expect(() => put.run(2, 'ex-y', 'exercise', 'drill')).toThrow(/CHECK constraint failed/);
    expect(() => put.run(1, 'ex-y', 'exercise', 'drill')).toThrow(/UNIQUE constraint failed/);
    db.exec('DELETE FROM session_meta');
    expect(() => put.run(1, 'x', 'party', 'n')).toThrow(/CHECK constraint failed/);
  });
});

describe('openStore on a fresh file', () => {
  it('creates the directory, migrates to the newest version, uses WAL and STRICT tables', () => {
    const file = join(dir, 'nested', 'deeper', 'muster.db');
    const db = track(openStore({ file }));
    expect(existsSync(file)).toBe(true);
    expect(userVersion(db)).toBe(MIGRATIONS.length);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(db.pragma('synchronous', { simple: true })).toBe(1); // NORMAL
    expect(tableNames(db)).toEqual(ALL_TABLES);
    for (const t of tableSql(db)) expect(t.sql, t.name).toMatch(/\)\s*STRICT\b/);
    expect(tableSql(db).find((t) => t.name === 'telemetry_sample')?.sql).toMatch(
      /STRICT, WITHOUT ROWID$/,
    );
  });

  it('STRICT is really in force: a REAL in an INTEGER column is refused', () => {
    const db = track(openStore({ file: join(dir, 'muster.db') }));
    expect(() =>
      db
        .prepare(
          'INSERT INTO unit_state (unit_id, ts_ms, received_ms, lon, lat) VALUES (?, ?, ?, ?, ?)',
        )
        .run('u', 1.5, 1, 118, 29),
    ).toThrow(/cannot store REAL value in INTEGER column unit_state\.ts_ms/);
  });

  it('re-running migrate is a no-op; reopening keeps the data', () => {
    const file = join(dir, 'muster.db');
    const db = track(openStore({ file }));
    db.prepare(
      'INSERT INTO unit_state (unit_id, ts_ms, received_ms, lon, lat) VALUES (?, ?, ?, ?, ?)',
    ).run('u-1', 10, 11, 118, 29);
    const schemaBefore = tableSql(db);
    expect(migrate(db, MIGRATIONS)).toEqual([]);
    expect(userVersion(db)).toBe(MIGRATIONS.length);
    expect(tableSql(db)).toEqual(schemaBefore);
    db.close();

    const again = track(openStore({ file }));
    expect(userVersion(again)).toBe(MIGRATIONS.length);
    expect(again.prepare('SELECT unit_id, ts_ms FROM unit_state').all()).toEqual([
      { unit_id: 'u-1', ts_ms: 10 },
    ]);
  });

  it('an in-memory store works for tests', () => {
    const db = track(openStore({ file: ':memory:' }));
    expect(userVersion(db)).toBe(MIGRATIONS.length);
    expect(tableNames(db)).toEqual(ALL_TABLES);
  });
});

describe('a database from a newer build', () => {
  const newer = MIGRATIONS.length + 3;

  function expectNewerError(err: unknown, file: string, supported = MIGRATIONS.length): void {
    expect(err).toBeInstanceOf(NewerDatabaseError);
    const e = err as NewerDatabaseError;
    expect(e.name).toBe('NewerDatabaseError');
    expect(e.dbVersion).toBe(newer);
    expect(e.supportedVersion).toBe(supported);
    expect(e.message).toContain(`The database ${file} has schema version ${newer}`);
    expect(e.message).toContain(`supports (${supported})`);
  }

  function catchError(fn: () => unknown): unknown {
    try {
      fn();
    } catch (err) {
      return err;
    }
    throw new Error('expected an error');
  }

  /** A database as a newer Muster leaves it: WAL mode, a table this build does not know. */
  function writeNewerDb(file: string, journalMode: 'wal' | 'delete'): void {
    const db = new Database(file);
    db.pragma(`journal_mode = ${journalMode}`);
    db.exec('CREATE TABLE future_thing (id INTEGER PRIMARY KEY) STRICT');
    db.pragma(`user_version = ${newer}`);
    db.close();
  }

  it('is refused with NewerDatabaseError naming both versions and the file; file untouched', () => {
    const file = join(dir, 'muster.db');
    writeNewerDb(file, 'wal');
    const bytesBefore = readFileSync(file);
    const filesBefore = readdirSync(dir).sort();

    expectNewerError(
      catchError(() => track(openStore({ file }))),
      file,
    );

    expect(readdirSync(dir).sort()).toEqual(filesBefore);
    expect(readFileSync(file).equals(bytesBefore)).toBe(true);
    const check = track(new Database(file, { readonly: true }));
    expect(userVersion(check)).toBe(newer);
    expect(tableNames(check)).toEqual(['future_thing']);
  });

  it('leaves a newer database in rollback-journal mode byte-for-byte unchanged', () => {
    const file = join(dir, 'muster.db');
    writeNewerDb(file, 'delete');
    const bytesBefore = readFileSync(file);

    expectNewerError(
      catchError(() => track(openStore({ file }))),
      file,
    );

    const after = readFileSync(file);
    expect([after[18], after[19]]).toEqual([bytesBefore[18], bytesBefore[19]]);
    expect(after.equals(bytesBefore)).toBe(true);
  });

  it('migrate() refuses it before running any migration', () => {
    const db = track(new Database(':memory:'));
    db.pragma(`user_version = ${newer}`);
    let ran = false;
    const list = [
      ...MIGRATIONS,
      ...Array.from({ length: 2 }, (_, i) =>
        migration(MIGRATIONS.length + i + 1, `extra-${i}`, () => {
          ran = true;
        }),
      ),
    ];
    expect(list).toHaveLength(newer - 1);
    expectNewerError(
      catchError(() => migrate(db, list)),
      ':memory:',
      newer - 1,
    );
    expect(ran).toBe(false);
    expect(userVersion(db)).toBe(newer);
    expect(tableNames(db)).toEqual([]);
  });
});

describe('openStore on a file that is not a database', () => {
  it('throws and leaves the file as it was', () => {
    const file = join(dir, 'muster.db');
    const junk = Buffer.from('this is not sqlite '.repeat(300));
    writeFileSync(file, junk);
    expect(() => track(openStore({ file }))).toThrow(/not a database/);
    expect(readFileSync(file).equals(junk)).toBe(true);
  });
});

describe('assertMigrationList', () => {
  const m = (v: number): Migration => migration(v, `m${v}`, () => undefined);

  it('accepts 1..n and the empty list', () => {
    expect(() => assertMigrationList([])).not.toThrow();
    expect(() => assertMigrationList([m(1), m(2), m(3)])).not.toThrow();
  });

  it.each([
    [[1, 3], 'migration m3 has version 3, expected 2'],
    [[2], 'migration m2 has version 2, expected 1'],
    [[0, 1], 'migration m0 has version 0, expected 1'],
    [[1, 1, 2], 'migration m1 has version 1, expected 2'],
    [[2, 1], 'migration m2 has version 2, expected 1'],
  ])('rejects %j', (versions, message) => {
    expect(() => assertMigrationList(versions.map(m))).toThrow(message);
  });

  it('is enforced by migrate() before anything is written', () => {
    const db = track(new Database(':memory:'));
    const list = [migration(1, 'a', createTable('a')), migration(3, 'c', createTable('c'))];
    expect(() => migrate(db, list)).toThrow('migration c has version 3, expected 2');
    expect(userVersion(db)).toBe(0);
    expect(tableNames(db)).toEqual([]);
  });
});

describe('migrate with a custom list', () => {
  it('applies pending migrations in order and reports them', () => {
    const db = track(new Database(':memory:'));
    const order: string[] = [];
    const list = ['a', 'b', 'c'].map((t, i) =>
      migration(i + 1, t, (d) => {
        order.push(t);
        createTable(t)(d);
      }),
    );
    expect(migrate(db, list.slice(0, 2))).toEqual([1, 2]);
    expect(migrate(db, list)).toEqual([3]);
    expect(migrate(db, list)).toEqual([]);
    expect(order).toEqual(['a', 'b', 'c']);
    expect(userVersion(db)).toBe(3);
    expect(tableNames(db)).toEqual(['a', 'b', 'c']);
  });

  it('rolls a failing migration back: its changes vanish, user_version stays at the last good one', () => {
    const file = join(dir, 'custom.db');
    const db = track(new Database(file));
    const list = [
      migration(1, 'a', createTable('a')),
      migration(2, 'b-then-fail', (d) => {
        createTable('b')(d);
        d.prepare('INSERT INTO a (id) VALUES (1)').run();
        throw new Error('boom in migration 2');
      }),
      migration(3, 'c', createTable('c')),
    ];
    expect(() => migrate(db, list)).toThrow('boom in migration 2');
    expect(userVersion(db)).toBe(1);
    expect(tableNames(db)).toEqual(['a']);
    expect(db.prepare('SELECT count(*) AS n FROM a').get()).toEqual({ n: 0 });
    db.close();

    // The same holds on disk, and a fixed list then carries on from version 1.
    const again = track(new Database(file));
    expect(userVersion(again)).toBe(1);
    expect(tableNames(again)).toEqual(['a']);
    const fixed = [
      migration(1, 'a', createTable('a')),
      migration(2, 'b', createTable('b')),
      migration(3, 'c', createTable('c')),
    ];
    expect(migrate(again, fixed)).toEqual([2, 3]);
    expect(tableNames(again)).toEqual(['a', 'b', 'c']);
  });

  it('rolls back a migration that fails on bad SQL', () => {
    const db = track(new Database(':memory:'));
    const list = [
      migration(1, 'bad', (d) => d.exec('CREATE TABLE x (id INTEGER) STRICT; CREATE TABLE oops(')),
    ];
    expect(() => migrate(db, list)).toThrow(/syntax error|incomplete input/);
    expect(userVersion(db)).toBe(0);
    expect(tableNames(db)).toEqual([]);
  });
});

describe('TelemetryRepo', () => {
  function sample(
    unitId: string,
    tsMs: number,
    extra: Partial<TelemetrySample> = {},
  ): TelemetrySample {
    return {
      unitIdx: 0,
      unitId,
      tsMs,
      receivedMs: tsMs + 150,
      lon: 118.4,
      lat: 29.1,
      headingDeg: 90,
      speedKmh: 30,
      batteryPct: 80,
      altM: undefined,
      ...extra,
    };
  }

  function repo(): { db: Database.Database; repo: TelemetryRepo } {
    const db = track(openStore({ file: ':memory:' }));
    return { db, repo: new TelemetryRepo(db) };
  }

  const rows = (db: Database.Database) =>
    db.prepare('SELECT unit_id, ts_ms, lon FROM telemetry_sample ORDER BY unit_id, ts_ms').all();

  it('writes every sample and the latest state per unit', () => {
    const { db, repo: r } = repo();
    const a1 = sample('a', 1_000, { lon: 118.1 });
    const a2 = sample('a', 2_000, { lon: 118.2, altM: 55.5, headingDeg: undefined });
    const b1 = sample('b', 1_500, {
      lon: 118.3,
      speedKmh: undefined,
      batteryPct: undefined,
      headingDeg: undefined,
    });
    r.writeTick([a1, a2, b1], [a2, b1]);
    expect(r.sampleCount()).toBe(3);
    expect(rows(db)).toEqual([
      { unit_id: 'a', ts_ms: 1_000, lon: 118.1 },
      { unit_id: 'a', ts_ms: 2_000, lon: 118.2 },
      { unit_id: 'b', ts_ms: 1_500, lon: 118.3 },
    ]);
    const states = r.loadStates().sort((x, y) => x.unitId.localeCompare(y.unitId));
    expect(states).toStrictEqual([
      {
        unitId: 'a',
        tsMs: 2_000,
        receivedMs: 2_150,
        lon: 118.2,
        lat: 29.1,
        headingDeg: undefined,
        speedKmh: 30,
        batteryPct: 80,
        altM: 55.5,
      },
      {
        unitId: 'b',
        tsMs: 1_500,
        receivedMs: 1_650,
        lon: 118.3,
        lat: 29.1,
        headingDeg: undefined,
        speedKmh: undefined,
        batteryPct: undefined,
        altM: undefined,
      },
    ]);
  });

  it('stores undefined as SQL NULL (not 0)', () => {
    const { db, repo: r } = repo();
    const s = sample('a', 1_000, { headingDeg: undefined, altM: undefined, speedKmh: 0 });
    r.writeTick([s], [s]);
    expect(db.prepare('SELECT heading_deg, speed_kmh, alt_m FROM telemetry_sample').get()).toEqual({
      heading_deg: null,
      speed_kmh: 0,
      alt_m: null,
    });
  });

  it('ignores a duplicate (unit_id, ts_ms): the first write wins', () => {
    const { db, repo: r } = repo();
    r.writeTick([sample('a', 1_000, { lon: 118.1 })], []);
    r.writeTick([sample('a', 1_000, { lon: 119.9 }), sample('a', 1_001)], []);
    expect(r.sampleCount()).toBe(2);
    expect(rows(db)).toEqual([
      { unit_id: 'a', ts_ms: 1_000, lon: 118.1 },
      { unit_id: 'a', ts_ms: 1_001, lon: 118.4 },
    ]);
  });

  it('ignores a duplicate within one tick too', () => {
    const { repo: r } = repo();
    r.writeTick([sample('a', 1_000), sample('a', 1_000), sample('b', 1_000)], []);
    expect(r.sampleCount()).toBe(2);
  });

  it('moves unit_state only forward in time', () => {
    const { repo: r } = repo();
    const stateOf = () => r.loadStates().map((s) => [s.unitId, s.tsMs, s.lon]);
    r.writeTick([], [sample('a', 2_000, { lon: 118.2 })]);
    r.writeTick([], [sample('a', 1_000, { lon: 118.1 })]); // late delivery
    expect(stateOf()).toEqual([['a', 2_000, 118.2]]);
    r.writeTick([], [sample('a', 2_000, { lon: 119 })]); // redelivery, same time
    expect(stateOf()).toEqual([['a', 2_000, 118.2]]);
    r.writeTick([], [sample('a', 2_001, { lon: 118.3 })]);
    expect(stateOf()).toEqual([['a', 2_001, 118.3]]);
  });

  it('writes a tick atomically: one failing row rolls back the whole tick', () => {
    const { repo: r } = repo();
    r.writeTick([sample('a', 1_000)], [sample('a', 1_000)]);
    // NaN binds as NULL; the state upsert (unlike INSERT OR IGNORE) fails on NOT NULL.
    const bad = sample('b', 2_000, { lon: NaN });
    const good = sample('a', 2_000);
    expect(() => r.writeTick([good, sample('b', 2_000)], [good, bad])).toThrow(
      /NOT NULL constraint failed: unit_state\.lon/,
    );
    expect(r.sampleCount()).toBe(1);
    expect(r.loadStates().map((s) => s.tsMs)).toEqual([1_000]);
  });

  it('persists across reopening a file store', () => {
    const file = join(dir, 'muster.db');
    const first = new TelemetryRepo(openStore({ file }));
    first.writeTick([sample('a', 1_000), sample('a', 2_000)], [sample('a', 2_000)]);
    first.close();
    const second = new TelemetryRepo(track(openStore({ file })));
    expect(second.sampleCount()).toBe(2);
    expect(second.loadStates().map((s) => [s.unitId, s.tsMs])).toEqual([['a', 2_000]]);
  });

  it('answers a per-unit time range from the primary key, without a table scan', () => {
    const { db } = repo();
    const plan = db
      .prepare(
        'EXPLAIN QUERY PLAN SELECT * FROM telemetry_sample WHERE unit_id=? AND ts_ms BETWEEN ? AND ?',
      )
      .all('a', 0, 1) as { detail: string }[];
    const details = plan.map((p) => p.detail);
    expect(details).toEqual([
      'SEARCH telemetry_sample USING PRIMARY KEY (unit_id=? AND ts_ms>? AND ts_ms<?)',
    ]);
    expect(details.join('\n')).not.toMatch(/SCAN/);
  });
});

describe('0013-operators', () => {
  it('makes the enrolled supervisors operators with that role, their PIN still their password', () => {
    const db = track(new Database(':memory:'));
    migrate(db, MIGRATIONS.slice(0, 12));
    db.prepare(
      'INSERT INTO supervisor (name, salt, hash, cost_n, enrolled_ms) VALUES (?, ?, ?, ?, ?)',
    ).run('王建国', Buffer.from('salt'), Buffer.from('hash'), 16384, 5);
    db.prepare('INSERT INTO countersign_failure (name, at_ms) VALUES (?, ?)').run('王建国', 6);
    migrate(db, MIGRATIONS);
    expect(db.prepare('SELECT * FROM operator').all()).toEqual([
      {
        name: '王建国',
        role: 'supervisor',
        salt: Buffer.from('salt'),
        hash: Buffer.from('hash'),
        cost_n: 16384,
        enrolled_ms: 5,
        enrolled_by: 'migration',
      },
    ]);
    const names = tableSql(db).map((t) => t.name);
    expect(names).not.toContain('supervisor');
    expect(names).not.toContain('countersign_failure');
    // A wall token's secret is stored once: two tokens cannot share a digest.
    const put = db.prepare(
      'INSERT INTO wall_token (id, screen, label, digest, issued_ms, issued_by) VALUES (?, ?, ?, ?, 1, ?)',
    );
    put.run('w1', 'units', 'A', Buffer.from('d'), 'admin');
    expect(() => put.run('w2', 'units', 'B', Buffer.from('d'), 'admin')).toThrow(/UNIQUE/);
  });
});
