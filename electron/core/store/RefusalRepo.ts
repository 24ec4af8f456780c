import type Database from 'better-sqlite3';
import {
  noRejections,
  REJECT_REASONS,
  type QuarantinedMessage,
  type RejectReason,
} from '../../../shared/domain/status';

/** Quarantined messages kept in the store; older ones are dropped as new ones come. */
export const QUARANTINE_KEPT = 1000;

/** A drain's refusals, written with its samples (the writer thread runs these statements too). */
export interface RefusalBatch {
  readonly counts: readonly (readonly [RejectReason, number])[];
  readonly quarantined: readonly QuarantinedMessage[];
}

export const REFUSAL_SQL = {
  countSql: `INSERT INTO reject_count (reason, count) VALUES (?, ?)
    ON CONFLICT (reason) DO UPDATE SET count = count + excluded.count`,
  quarantineSql: `INSERT INTO quarantine (received_ms, topic, reason, detail, preview_hex)
    VALUES (?, ?, ?, ?, ?)`,
  pruneSql: `DELETE FROM quarantine WHERE seq <= (SELECT max(seq) FROM quarantine) - ${QUARANTINE_KEPT}`,
} as const;

/** Writes one batch with prepared statements: the same code on the main and the writer thread. */
export function writeRefusals(
  st: { count: Database.Statement; quarantine: Database.Statement; prune: Database.Statement },
  batch: RefusalBatch,
): void {
  for (const [reason, n] of batch.counts) st.count.run(reason, n);
  for (const q of batch.quarantined) {
    st.quarantine.run(q.receivedMs, q.topic, q.reason, q.detail, q.previewHex);
  }
  if (batch.quarantined.length > 0) st.prune.run();
}

interface QuarantineRow {
  received_ms: number;
  topic: string;
  reason: string;
  detail: string;
  preview_hex: string;
}

/** Reads what the telemetry path refused: counts per reason, and the quarantine, newest first. */
export class RefusalRepo {
  private readonly selectCounts: Database.Statement<[], { reason: string; count: number }>;
  private readonly selectLast: Database.Statement<[number], QuarantineRow>;

  constructor(db: Database.Database) {
    this.selectCounts = db.prepare('SELECT reason, count FROM reject_count');
    this.selectLast = db.prepare(
      `SELECT received_ms, topic, reason, detail, preview_hex FROM quarantine
       ORDER BY seq DESC LIMIT ?`,
    );
  }

  counts(): Record<RejectReason, number> {
    const out = noRejections();
    for (const r of this.selectCounts.all()) {
      const reason = REJECT_REASONS.find((x) => x === r.reason);
      if (reason) out[reason] = r.count;
    }
    return out;
  }

  /** The last `limit` quarantined messages, newest first. */
  quarantine(limit: number): QuarantinedMessage[] {
    return this.selectLast.all(limit).flatMap((r) => {
      const reason = REJECT_REASONS.find((x) => x === r.reason);
      return reason === undefined
        ? []
        : [
            {
              receivedMs: r.received_ms,
              topic: r.topic,
              reason,
              detail: r.detail,
              previewHex: r.preview_hex,
            },
          ];
    });
  }
}
