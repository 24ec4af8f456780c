import type Database from 'better-sqlite3';
import type { UnitPosition } from '../../../shared/domain/units';
import type { TelemetrySample } from '../telemetry/sample';

interface StateRow {
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
  private readonly selectStates: Database.Statement<[], StateRow>;
  private readonly countSamples: Database.Statement<[], { n: number }>;
  private readonly selectTrack: Database.Statement<[string, number, number, number], StateRow>;
  private readonly selectNextUnit: Database.Statement<[string], { unit_id: string }>;
  private readonly selectFirstTs: Database.Statement<[string], { ts_ms: number | null }>;
  private readonly selectTimes: Database.Statement<[string, number, number, number], number>;
  private readonly deleteBetween: Database.Statement<[string, number, number]>;
  readonly writeTick: (
    samples: readonly TelemetrySample[],
    latest: readonly TelemetrySample[],
  ) => void;

  constructor(private readonly db: Database.Database) {
    this.insertSample = db.prepare(
      `INSERT OR IGNORE INTO telemetry_sample
         (unit_id, ts_ms, received_ms, lon, lat, heading_deg, speed_kmh, battery_pct, alt_m)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    // A tick writes thousands of rows: binding SAMPLES_PER_INSERT rows per statement call costs
    // less than one call per row (`npm run bench:store`: 0.85 of the one-call-per-row time).
    this.insertSamples = db.prepare(
      `INSERT OR IGNORE INTO telemetry_sample
         (unit_id, ts_ms, received_ms, lon, lat, heading_deg, speed_kmh, battery_pct, alt_m)
       VALUES ${Array<string>(SAMPLES_PER_INSERT).fill('(?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
    );
    // Only a newer sample replaces the latest state: late or redelivered samples never move a unit back.
    this.upsertState = db.prepare(
      `INSERT INTO unit_state
         (unit_id, ts_ms, received_ms, lon, lat, heading_deg, speed_kmh, battery_pct, alt_m)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (unit_id) DO UPDATE SET
         ts_ms = excluded.ts_ms, received_ms = excluded.received_ms, lon = excluded.lon,
         lat = excluded.lat, heading_deg = excluded.heading_deg, speed_kmh = excluded.speed_kmh,
         battery_pct = excluded.battery_pct, alt_m = excluded.alt_m
       WHERE excluded.ts_ms > unit_state.ts_ms`,
    );
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
    this.writeTick = db.transaction((samples, latest) => {
      const args = new Array<string | number | null>(SAMPLES_PER_INSERT * COLUMNS);
      let i = 0;
      for (; i + SAMPLES_PER_INSERT <= samples.length; i += SAMPLES_PER_INSERT) {
        for (let k = 0; k < SAMPLES_PER_INSERT; k++) {
          fillRow(args, k * COLUMNS, samples[i + k] as TelemetrySample);
        }
        this.insertSamples.run(args);
      }
      for (; i < samples.length; i++) this.insertSample.run(...row(samples[i] as TelemetrySample));
      for (const s of latest) this.upsertState.run(...row(s));
    });
  }

  loadStates(): StoredState[] {
    return this.selectStates.all().map((r) => ({
      unitId: r.unit_id,
      tsMs: r.ts_ms,
      receivedMs: r.received_ms,
      lon: r.lon,
      lat: r.lat,
      headingDeg: fromSql(r.heading_deg),
      speedKmh: fromSql(r.speed_kmh),
      batteryPct: fromSql(r.battery_pct),
      altM: fromSql(r.alt_m),
    }));
  }

  track(unitId: string, fromMs: number, toMs: number, limit: number): UnitPosition[] {
    return this.selectTrack.all(unitId, fromMs, toMs, limit).map((r) => ({
      tsMs: r.ts_ms,
      lon: r.lon,
      lat: r.lat,
      headingDeg: fromSql(r.heading_deg),
      speedKmh: fromSql(r.speed_kmh),
      batteryPct: fromSql(r.battery_pct),
      altM: fromSql(r.alt_m),
    }));
  }

  /** The smallest unit id with samples that sorts after `afterUnitId` ('' for the first). */
  nextSampleUnit(afterUnitId: string): string | undefined {
    return this.selectNextUnit.get(afterUnitId)?.unit_id;
  }

  firstSampleTs(unitId: string): number | undefined {
    return fromSql(this.selectFirstTs.get(unitId)?.ts_ms ?? null);
  }

  /** Sample timestamps of one unit in [fromMs, toMs), oldest first. */
  sampleTimes(unitId: string, fromMs: number, toMs: number, limit: number): number[] {
    return this.selectTimes.all(unitId, fromMs, toMs, limit);
  }

  /** Deletes one unit's samples strictly between the two instants; returns how many. */
  deleteSamplesBetween(unitId: string, afterMs: number, beforeMs: number): number {
    return this.deleteBetween.run(unitId, afterMs, beforeMs).changes;
  }

  /** Runs `fn` in one write transaction (rolled back if it throws). */
  inTransaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  sampleCount(): number {
    return this.countSamples.get()?.n ?? 0;
  }

  close(): void {
    this.db.close();
  }
}

const COLUMNS = 9;
const SAMPLES_PER_INSERT = 50;

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

function row(s: TelemetrySample | StoredState): (string | number | null)[] {
  return [
    s.unitId,
    s.tsMs,
    s.receivedMs,
    s.lon,
    s.lat,
    toSql(s.headingDeg),
    toSql(s.speedKmh),
    toSql(s.batteryPct),
    toSql(s.altM),
  ];
}
