import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { canonicalEvent, eventHash } from '../../electron/core/log/chain';
import { EventLog } from '../../electron/core/log/EventLog';
import { project } from '../../electron/core/log/projections';
import { projectionJson, projectionOfTables } from '../../electron/core/log/tables';
import { migrate } from '../../electron/core/store/migrate';
import { MIGRATIONS } from '../../electron/core/store/migrations';
import { BASELINE_OPERATOR } from '../../electron/core/store/migrations/0010-event-log';
import { GENESIS_HASH } from '../../shared/domain/audit';

const open: Database.Database[] = [];
afterEach(() => {
  for (const db of open.splice(0)) db.close();
});

/** A store as build 0009 left it: two chained support steps and a row in every state table. */
function storeAt0009(): { db: Database.Database; hashes: string[] } {
  const db = new Database(':memory:');
  open.push(db);
  migrate(db, MIGRATIONS.slice(0, 9));
  let prev = GENESIS_HASH;
  const hashes: string[] = [];
  const step = db.prepare(
    `INSERT INTO support_event (seq, request_id, ts_ms, operator, kind, from_state, to_state,
       reason, note, prev_hash, hash) VALUES (?, 'sup-1', ?, 'A', 'transition', ?, ?, ?, ?, ?, ?)`,
  );
  const steps = [
    { seq: 1, tsMs: 10, from: undefined, to: 'requested' as const, reason: 'run card' },
    { seq: 2, tsMs: 20, from: 'requested' as const, to: 'recommended' as const, reason: 'ok' },
  ];
  for (const s of steps) {
    const note =
      s.seq === 2 ? { code: 'recommended' as const, params: { packages: 3 } } : undefined;
    // Hashed as build 0009 did: the request id in the subject's place, no body.
    const hash = eventHash(
      prev,
      canonicalEvent({ ...s, subject: 'sup-1', operator: 'A', kind: 'transition', note }),
    );
    step.run(
      s.seq,
      s.tsMs,
      s.from ?? null,
      s.to,
      s.reason,
      note ? JSON.stringify(note) : null,
      prev,
      hash,
    );
    hashes.push(hash);
    prev = hash;
  }
  db.exec(`
    INSERT INTO incident (id, type, grade, lon, lat, jurisdiction_id, description, reporter,
      commander, state, created_ms, updated_ms, drill, closed_by, close_reason)
      VALUES ('inc-1', 'public-disorder', 'III', 118.4, 29.1, 'ps-a', 'crowd', '110', 'A',
        'closed', 5, 90, 0, 'A', 'done');
    INSERT INTO support_request (id, incident_id, state, recommendation, approved, orders,
      requested_by, created_ms, updated_ms) VALUES ('sup-1', 'inc-1', 'recommended', NULL, NULL,
      '[]', 'A', 10, 20);
    INSERT INTO alert (id, kind, unit_id, raised_ms, value, detail, cleared_ms, acked_ms, acked_by)
      VALUES (4, 'low-battery', 'u-1', 30, 18, 'telemetry', 40, 50, 'B');
    INSERT INTO support_suggestion (id, ts_ms, cause, incident_id, detail, dismissed_ms)
      VALUES ('sug-1', 6, 'grade', 'inc-1', 'grade III', 7);
    INSERT INTO task_point (request_id, unit_id, jurisdiction_id, points, ts_ms)
      VALUES ('sup-1', 'u-1', 'ps-a', 2.5, 95);
  `);
  return { db, hashes };
}

describe('0010-event-log', () => {
  it('keeps every support step with its seq and hash, and the chain still verifies', () => {
    const { db, hashes } = storeAt0009();
    migrate(db, MIGRATIONS);
    const log = new EventLog(db);
    const rows = db
      .prepare<[], { seq: number; subject: string; hash: string }>(
        'SELECT seq, subject, hash FROM event_log WHERE seq <= 2 ORDER BY seq',
      )
      .all();
    expect(rows).toEqual([
      { seq: 1, subject: 'sup-1', hash: hashes[0] },
      { seq: 2, subject: 'sup-1', hash: hashes[1] },
    ]);
    expect(log.verify()).toMatchObject({ ok: true, events: 8 });
  });

  it('appends the state found in the tables, so the log alone rebuilds them', () => {
    const { db } = storeAt0009();
    migrate(db, MIGRATIONS);
    const log = new EventLog(db);
    const baseline = [...log.all()].filter((e) => e.seq > 2);
    expect(baseline.map((e) => [e.kind, e.subject])).toEqual([
      ['incident-created', 'inc-1'],
      ['request', 'sup-1'],
      ['suggestion', 'sug-1'],
      ['suggestion-dismissed', 'sug-1'],
      ['points', 'sup-1'],
      ['alert-raised', '4'],
    ]);
    expect(baseline.every((e) => e.operator === BASELINE_OPERATOR)).toBe(true);
    expect(projectionJson(project(log.all()))).toEqual(projectionJson(projectionOfTables(db)));
  });

  it('the log stays append-only under its new name', () => {
    const { db } = storeAt0009();
    migrate(db, MIGRATIONS);
    expect(() => db.prepare("UPDATE event_log SET reason = 'x' WHERE seq = 1").run()).toThrow(
      'event_log is append-only',
    );
    expect(() => db.prepare('DELETE FROM event_log').run()).toThrow('event_log is append-only');
    expect(() =>
      db
        .prepare(
          `INSERT INTO event_log (seq, subject, ts_ms, operator, kind, body, prev_hash, hash)
           VALUES (99, 's', 1, 'A', 'request', 'not json', 'p', 'h')`,
        )
        .run(),
    ).toThrow(/CHECK constraint failed/);
  });

  it('an empty store gains an empty log', () => {
    const db = new Database(':memory:');
    open.push(db);
    migrate(db, MIGRATIONS);
    expect(new EventLog(db).verify()).toEqual({ ok: true, events: 0, headHash: GENESIS_HASH });
  });
});
