import type Database from 'better-sqlite3';
import type { UnitPosition } from '../../../shared/domain/units';
import type { TelemetrySample } from '../telemetry/sample';
import { REFUSAL_SQL, RefusalRepo, writeRefusals, type RefusalBatch } from './RefusalRepo';
import { TelemetryWriter } from './TelemetryWriter';

/** A telemetry_sample or unit_state row (unit_state has no other columns). */
export interface StateRow {
  unit_id: string;
  ts_ms: number;
  received_ms: number;
  lon: number;
  lat: number;
  heading_deg: number | null;
  speed_kmh: number | null;
  battery_pct: number | null;
  alt_m: number | null;
}

export type StoredState = Omit<TelemetrySample, 'unitIdx'>;

const toSql = (v: number | undefined): number | null => (v === undefined ? null : v);
const fromSql = (v: number | null): number | undefined => (v === null ? undefined : v);

/** Telemetry persistence. Statements are prepared once; each tick is one transaction. */
export class TelemetryRepo {
  private readonly insertSample: Database.Statement;
  private readonly insertSamples: Database.Statement;
  private readonly upsertState: Database.Statement;
  private readonly upsertStates: Database.Statement;
  private readonly selectStates: Database.Statement<[], StateRow>;
  private readonly countSamples: Database.Statement<[], { n: number }>;
  private readonly selectTrack: Database.Statement<[string, number, number, number], StateRow>;
  private readonly selectNextUnit: Database.Statement<[string], { unit_id: string }>;
  private readonly selectFirstTs: Database.Statement<[string], { ts_ms: number | null }>;
  private readonly selectTimes: Database.Statement<[string, number, number, number], number>;
  private readonly deleteBetween: Database.Statement<[string, number, number]>;
  /** Bind buffers, reused by every tick. */
  private readonly args = new Array<string | number | null>(SAMPLES_PER_INSERT * COLUMNS);
  private readonly rowArgs = new Array<string | number | null>(COLUMNS);
  readonly writeTick: (
    samples: readonly TelemetrySample[],
    latest: readonly TelemetrySample[],
    refused?: RefusalBatch,
  ) => void;
  /** What the telemetry path refused, as stored (reads flush the writer first). */
  readonly refusals: Pick<RefusalRepo, 'counts' | 'quarantine'>;

  /** The writer thread: started at the first queued tick; null when it could not start. */
  private writer: TelemetryWriter | null | undefined;
  private syncCommitMs = 0;
  private syncError: string | undefined;

  /**
   * `nativeBinding`: the better_sqlite3.node the host opened `db` with, so the writer thread
   * can load the same build (the Electron host uses an Electron-ABI build).
   */
  constructor(
    private readonly db: Database.Database,
    private readonly opts: { readonly nativeBinding?: string | undefined } = {},
  ) {
    this.insertSample = db.prepare(SQL.insertOneSql);
    this.insertSamples = db.prepare(SQL.insertManySql);
    this.upsertState = db.prepare(SQL.upsertOneSql);
    this.upsertStates = db.prepare(SQL.upsertManySql);
    this.selectStates = db.prepare('SELECT * FROM unit_state');
    this.countSamples = db.prepare('SELECT count(*) AS n FROM telemetry_sample');
    // Served by the (unit_id, ts_ms) primary key; the plan is pinned in a test.
    this.selectTrack = db.prepare(
      `SELECT * FROM telemetry_sample WHERE unit_id = ? AND ts_ms BETWEEN ? AND ?
       ORDER BY ts_ms LIMIT ?`,
    );
    // Retention walks the (unit_id, ts_ms) primary key only: seeks and range scans, never a full scan.
    this.selectNextUnit = db.prepare(
      'SELECT unit_id FROM telemetry_sample WHERE unit_id > ? ORDER BY unit_id LIMIT 1',
    );
    this.selectFirstTs = db.prepare(
      'SELECT min(ts_ms) AS ts_ms FROM telemetry_sample WHERE unit_id = ?',
    );
    this.selectTimes = db
      .prepare<[string, number, number, number], number>(
        `SELECT ts_ms FROM telemetry_sample WHERE unit_id = ? AND ts_ms >= ? AND ts_ms < ?
         ORDER BY ts_ms LIMIT ?`,
      )
      .pluck();
    this.deleteBetween = db.prepare(
      'DELETE FROM telemetry_sample WHERE unit_id = ? AND ts_ms > ? AND ts_ms < ?',
    );
    const refusalSt = {
      count: db.prepare(REFUSAL_SQL.countSql),
      quarantine: db.prepare(REFUSAL_SQL.quarantineSql),
      prune: db.prepare(REFUSAL_SQL.pruneSql),
    };
    this.writeTick = db.transaction((samples, latest, refused) => {
      this.writeRows(this.insertSamples, this.insertSample, samples);
      this.writeRows(this.upsertStates, this.upsertState, latest);
      if (refused) writeRefusals(refusalSt, refused);
    });
    const reader = new RefusalRepo(db);
    this.refusals = {
      counts: () => {
        this.flush();
        return reader.counts();
      },
      quarantine: (limit) => {
        this.flush();
        return reader.quarantine(limit);
      },
    };
  }

  /** Binds SAMPLES_PER_INSERT rows per call of `many`, the remainder one by one through `one`. */
  private writeRows(
    many: Database.Statement,
    one: Database.Statement,
    samples: readonly TelemetrySample[],
  ): void {
    const args = this.args;
    let i = 0;
    for (; i + SAMPLES_PER_INSERT <= samples.length; i += SAMPLES_PER_INSERT) {
      for (let k = 0; k < SAMPLES_PER_INSERT; k++) {
        fillRow(args, k * COLUMNS, samples[i + k] as TelemetrySample);
      }
      many.run(args);
    }
    const row = this.rowArgs;
    for (; i < samples.length; i++) {
      fillRow(row, 0, samples[i] as TelemetrySample);
      one.run(row);
    }
  }

  /**
   * The console's tick write: on the writer thread when the store is a file (one transaction per
   * tick there too), else here. Never throws: a failure is logged and kept in `writeError` until a
   * later tick commits.
   */
  queueTick(
    samples: readonly TelemetrySample[],
    latest: readonly TelemetrySample[],
    refused?: RefusalBatch,
  ): void {
    try {
      const w = this.startWriter();
      if (w) {
        w.queue(samples, latest, refused);
      } else {
        this.writeTick(samples, latest, refused);
        this.syncCommitMs = Date.now();
      }
      this.syncError = undefined;
    } catch (err) {
      this.syncError = err instanceof Error ? err.message : String(err);
      console.error('telemetry write failed:', this.syncError);
    }
  }

  /**
   * Calls `fn` once every tick queued so far is written: true if committed, false if the last
   * failed. At once on the synchronous path (in-memory store, or no writer thread).
   */
  afterCommit(fn: (committed: boolean) => void): void {
    // A tick that could not even be queued (writer not answering) was not written.
    if (this.syncError !== undefined) fn(false);
    else if (this.writer) this.writer.afterCommit(fn);
    else fn(true);
  }

  /** The last tick write's failure (threaded: as reported so far), undefined once one commits. */
  get writeError(): string | undefined {
    return this.syncError ?? this.writer?.error;
  }

  /** When the last queued tick was committed (epoch ms), 0 before the first. */
  get lastCommitMs(): number {
    this.flush();
    return this.writer ? this.writer.lastCommitMs : this.syncCommitMs;
  }

  /** Waits for queued ticks to commit. Every read calls it, so reads see every queued tick. */
  flush(): void {
    this.writer?.flush();
  }

  private startWriter(): TelemetryWriter | null {
    if (this.writer !== undefined) return this.writer;
    this.writer = null;
    // An in-memory database is private to its connection: nothing another thread could write to.
    if (this.db.memory) return null;
    try {
      this.writer = new TelemetryWriter(this.db.name, this.opts.nativeBinding, SQL);
    } catch (err) {
      console.error('telemetry writes stay on the main thread:', err);
    }
    return this.writer;
  }

  loadStates(): StoredState[] {
    this.flush();
    return this.selectStates.all().map((r) => ({
      unitId: r.unit_id,
      receivedMs: r.received_ms,
      ...positionOfRow(r),
    }));
  }

  track(unitId: string, fromMs: number, toMs: number, limit: number): UnitPosition[] {
    this.flush();
    return this.selectTrack.all(unitId, fromMs, toMs, limit).map(positionOfRow);
  }

  /** The smallest unit id with samples that sorts after `afterUnitId` ('' for the first). */
  nextSampleUnit(afterUnitId: string): string | undefined {
    this.flush();
    return this.selectNextUnit.get(afterUnitId)?.unit_id;
  }

  firstSampleTs(unitId: string): number | undefined {
    this.flush();
    return fromSql(this.selectFirstTs.get(unitId)?.ts_ms ?? null);
  }

  /** Sample timestamps of one unit in [fromMs, toMs), oldest first. */
  sampleTimes(unitId: string, fromMs: number, toMs: number, limit: number): number[] {
    this.flush();
    return this.selectTimes.all(unitId, fromMs, toMs, limit);
  }

  /** Deletes one unit's samples strictly between the two instants; returns how many. */
  deleteSamplesBetween(unitId: string, afterMs: number, beforeMs: number): number {
    this.flush();
    return this.deleteBetween.run(unitId, afterMs, beforeMs).changes;
  }

  /** Runs `fn` in one write transaction (rolled back if it throws), write lock taken first. */
  inTransaction<T>(fn: () => T): T {
    this.flush();
    return this.db.transaction(fn).immediate();
  }

  sampleCount(): number {
    this.flush();
    return this.countSamples.get()?.n ?? 0;
  }

  close(): void {
    try {
      this.writer?.close();
    } finally {
      this.db.close();
    }
  }
}

const COLUMNS = 9;
const SAMPLES_PER_INSERT = 50;
const ROWS = (n: number): string => Array<string>(n).fill('(?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ');
const INSERT = (n: number): string =>
  `INSERT OR IGNORE INTO telemetry_sample
     (unit_id, ts_ms, received_ms, lon, lat, heading_deg, speed_kmh, battery_pct, alt_m)
   VALUES ${ROWS(n)}`;
// Only a newer sample replaces the latest state: late or redelivered samples never move a unit
// back. `latest` holds one sample per unit, so rows of one statement never conflict.
const UPSERT = (n: number): string =>
  `INSERT INTO unit_state
     (unit_id, ts_ms, received_ms, lon, lat, heading_deg, speed_kmh, battery_pct, alt_m)
   VALUES ${ROWS(n)}
   ON CONFLICT (unit_id) DO UPDATE SET
     ts_ms = excluded.ts_ms, received_ms = excluded.received_ms, lon = excluded.lon,
     lat = excluded.lat, heading_deg = excluded.heading_deg, speed_kmh = excluded.speed_kmh,
     battery_pct = excluded.battery_pct, alt_m = excluded.alt_m
   WHERE excluded.ts_ms > unit_state.ts_ms`;
/**
 * A tick writes thousands of rows: binding SAMPLES_PER_INSERT rows per statement call costs less
 * than one call per row (`npm run bench:store`: 0.89 of the one-call-per-row time, 2026-11-24).
 */
const SQL = {
  insertOneSql: INSERT(1),
  insertManySql: INSERT(SAMPLES_PER_INSERT),
  upsertOneSql: UPSERT(1),
  upsertManySql: UPSERT(SAMPLES_PER_INSERT),
  rowsPerInsert: SAMPLES_PER_INSERT,
  ...REFUSAL_SQL,
} as const;

function fillRow(out: (string | number | null)[], o: number, s: TelemetrySample): void {
  out[o] = s.unitId;
  out[o + 1] = s.tsMs;
  out[o + 2] = s.receivedMs;
  out[o + 3] = s.lon;
  out[o + 4] = s.lat;
  out[o + 5] = toSql(s.headingDeg);
  out[o + 6] = toSql(s.speedKmh);
  out[o + 7] = toSql(s.batteryPct);
  out[o + 8] = toSql(s.altM);
}

/** A stored sample as a position (the track's shape). */
export function positionOfRow(r: Omit<StateRow, 'unit_id'>): UnitPosition {
  return {
    tsMs: r.ts_ms,
    lon: r.lon,
    lat: r.lat,
    headingDeg: fromSql(r.heading_deg),
    speedKmh: fromSql(r.speed_kmh),
    batteryPct: fromSql(r.battery_pct),
    altM: fromSql(r.alt_m),
  };
}
