import type Database from 'better-sqlite3';
import {
  ALERT_KINDS,
  type Alert,
  type AlertEvent,
  type AlertKind,
} from '../../../shared/domain/alerts';
import type { EventLog } from '../log/EventLog';

export interface AlertRow {
  id: number;
  kind: string;
  unit_id: string;
  raised_ms: number;
  value: number | null;
  detail: string | null;
  cleared_ms: number | null;
  acked_ms: number | null;
  acked_by: string | null;
}

const toSql = <T>(v: T | undefined): T | null => (v === undefined ? null : v);
const fromSql = <T>(v: T | null): T | undefined => (v === null ? undefined : v);

export function alertFromRow(r: AlertRow): Alert {
  // A kind this build does not know (written by a newer one) is kept readable, not dropped.
  const kind = (ALERT_KINDS as readonly string[]).includes(r.kind) ? (r.kind as AlertKind) : 'sos';
  return {
    id: r.id,
    kind,
    unitId: r.unit_id,
    raisedMs: r.raised_ms,
    value: fromSql(r.value),
    detail: fromSql(r.detail),
    clearedMs: fromSql(r.cleared_ms),
    ackedMs: fromSql(r.acked_ms),
    ackedBy: fromSql(r.acked_by),
  };
}

/**
 * Alert persistence: one row per alert, updated in place on clear and acknowledgement, each change
 * also an event in the session's log (raised, cleared, acknowledged and by whom).
 */
export class AlertRepo {
  private readonly upsert: Database.Statement;
  private readonly selectOne: Database.Statement<[number], AlertRow>;
  private readonly selectLive: Database.Statement<[], AlertRow>;
  private readonly selectList: Database.Statement<[number, number], AlertRow>;
  private readonly selectMaxId: Database.Statement<[], { m: number | null }>;

  constructor(
    db: Database.Database,
    private readonly log: EventLog,
  ) {
    this.upsert = db.prepare(
      `INSERT INTO alert
         (id, kind, unit_id, raised_ms, value, detail, cleared_ms, acked_ms, acked_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET
         value = excluded.value, detail = excluded.detail, cleared_ms = excluded.cleared_ms,
         acked_ms = excluded.acked_ms, acked_by = excluded.acked_by`,
    );
    this.selectOne = db.prepare('SELECT * FROM alert WHERE id = ?');
    // Live = still tracked by the engine: not acknowledged, or acknowledged while its condition holds.
    this.selectLive = db.prepare(
      'SELECT * FROM alert WHERE acked_ms IS NULL OR cleared_ms IS NULL ORDER BY id',
    );
    // Two index-served halves: open alerts (partial index) and recently acknowledged ones.
    this.selectList = db.prepare(
      `SELECT * FROM (
         SELECT * FROM alert WHERE acked_ms IS NULL
         UNION ALL
         SELECT * FROM alert WHERE acked_ms IS NOT NULL AND acked_ms >= ?
       ) ORDER BY raised_ms DESC, id DESC LIMIT ?`,
    );
    this.selectMaxId = db.prepare('SELECT max(id) AS m FROM alert');
  }

  /** Stores each change with its event (at session time `nowMs`), all in one transaction. */
  save(events: readonly AlertEvent[], nowMs: number): void {
    this.log.write(() => {
      for (const { change, alert: a } of events) {
        this.upsert.run(
          a.id,
          a.kind,
          a.unitId,
          a.raisedMs,
          toSql(a.value),
          toSql(a.detail),
          toSql(a.clearedMs),
          toSql(a.ackedMs),
          toSql(a.ackedBy),
        );
        this.log.append({
          subject: String(a.id),
          tsMs: nowMs,
          operator: change === 'acked' ? (a.ackedBy ?? 'system') : 'system',
          kind: `alert-${change}`,
          unitId: a.unitId === '' ? undefined : a.unitId,
          body: a,
        });
      }
    });
  }

  get(id: number): Alert | undefined {
    const r = this.selectOne.get(id);
    return r && alertFromRow(r);
  }

  /** Alerts the engine must keep tracking after a restart. */
  loadLive(): Alert[] {
    return this.selectLive.all().map(alertFromRow);
  }

  /** Open alerts plus those acknowledged at or after `ackedSinceMs`, newest first. */
  list(ackedSinceMs: number, limit: number): Alert[] {
    return this.selectList.all(ackedSinceMs, limit).map(alertFromRow);
  }

  maxId(): number {
    return this.selectMaxId.get()?.m ?? 0;
  }
}
