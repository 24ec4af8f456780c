import Database from 'better-sqlite3';
import type { UnitPosition } from '../../../shared/domain/units';
import { EventLog } from '../log/EventLog';
import { MIGRATIONS } from '../store/migrations';
import { positionOfRow, type StateRow } from '../store/TelemetryRepo';

type SampleRow = Omit<StateRow, 'unit_id'>;

/** A recorded sample with the time the console received it. */
export interface RecordedPosition extends UnitPosition {
  readonly receivedMs: number;
}

function positionOf(r: SampleRow): RecordedPosition {
  return { ...positionOfRow(r), receivedMs: r.received_ms };
}

/** A store from a newer build of the console cannot be replayed by this one. */
export class NewerRecordingError extends Error {
  constructor(
    readonly version: number,
    readonly supported: number,
  ) {
    super(
      `the recording was made by a newer Muster (schema ${version}, this build reads up to ${supported}): replay it there`,
    );
    this.name = 'NewerRecordingError';
  }
}

/**
 * A session's store opened for reading only: the live store while live keeps writing to it (WAL
 * lets a reader in beside the writer), or an ended exercise's. Nothing here writes.
 */
export class RecordedStore {
  readonly log: EventLog;
  private readonly at: Database.Statement<[string, number], SampleRow>;
  private readonly track: Database.Statement<[string, number, number, number], SampleRow>;
  private readonly logBounds: Database.Statement<[], { lo: number | null; hi: number | null }>;
  private readonly unitBounds: Database.Statement<
    [string],
    { lo: number | null; hi: number | null }
  >;

  constructor(
    readonly file: string,
    nativeBinding: string | undefined,
  ) {
    this.db = new Database(file, {
      readonly: true,
      fileMustExist: true,
      ...(nativeBinding ? { nativeBinding } : {}),
    });
    try {
      const version = this.db.pragma('user_version', { simple: true }) as number;
      if (version > MIGRATIONS.length) throw new NewerRecordingError(version, MIGRATIONS.length);
      if (version < MIGRATIONS.length) {
        throw new Error(
          `the recording has schema ${version}; open it once with this build's console to bring it up to ${MIGRATIONS.length}`,
        );
      }
      // Served by the (unit_id, ts_ms) primary key, newest first: one seek per unit.
      this.at = this.db.prepare(
        `SELECT ts_ms, received_ms, lon, lat, heading_deg, speed_kmh, battery_pct, alt_m
         FROM telemetry_sample WHERE unit_id = ? AND ts_ms <= ? ORDER BY ts_ms DESC LIMIT 1`,
      );
      this.track = this.db.prepare(
        `SELECT ts_ms, received_ms, lon, lat, heading_deg, speed_kmh, battery_pct, alt_m
         FROM telemetry_sample WHERE unit_id = ? AND ts_ms BETWEEN ? AND ? ORDER BY ts_ms LIMIT ?`,
      );
      this.logBounds = this.db.prepare('SELECT min(ts_ms) AS lo, max(ts_ms) AS hi FROM event_log');
      // Per unit on the primary key: a min over the whole table would scan it.
      this.unitBounds = this.db.prepare(
        'SELECT min(ts_ms) AS lo, max(ts_ms) AS hi FROM telemetry_sample WHERE unit_id = ?',
      );
      this.log = new EventLog(this.db);
    } catch (err) {
      this.db.close();
      throw err;
    }
  }

  private readonly db: Database.Database;

  /** The unit's last recorded position at or before `tMs`. */
  positionAt(unitId: string, tMs: number): RecordedPosition | undefined {
    const r = this.at.get(unitId, tMs);
    return r && positionOf(r);
  }

  trackOf(unitId: string, fromMs: number, toMs: number, limit: number): RecordedPosition[] {
    return this.track.all(unitId, fromMs, toMs, limit).map(positionOf);
  }

  /**
   * The recorded period: from the first event or report of these units to the last. Undefined for
   * a store with nothing in it (an empty period cannot be replayed).
   */
  range(unitIds: readonly string[]): { fromMs: number; toMs: number } | undefined {
    let lo = Infinity;
    let hi = -Infinity;
    for (const b of [this.logBounds.get(), ...unitIds.map((id) => this.unitBounds.get(id))]) {
      if (b?.lo !== null && b?.lo !== undefined) lo = Math.min(lo, b.lo);
      if (b?.hi !== null && b?.hi !== undefined) hi = Math.max(hi, b.hi);
    }
    return Number.isFinite(lo) && Number.isFinite(hi) ? { fromMs: lo, toMs: hi } : undefined;
  }

  close(): void {
    this.db.close();
  }
}
