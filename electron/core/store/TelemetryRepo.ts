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
  private readonly upsertState: Database.Statement;
  private readonly selectStates: Database.Statement<[], StateRow>;
  private readonly countSamples: Database.Statement<[], { n: number }>;
  private readonly selectTrack: Database.Statement<[string, number, number, number], StateRow>;
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
    this.writeTick = db.transaction((samples, latest) => {
      for (const s of samples) this.insertSample.run(...row(s));
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

  sampleCount(): number {
    return this.countSamples.get()?.n ?? 0;
  }

  close(): void {
    this.db.close();
  }
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
