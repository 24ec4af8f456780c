// `npm run bench:store`: TelemetryRepo.writeTick (50 rows per INSERT call) against the baseline of
// one INSERT call per row, same schema, same rows, same tick size, in one run.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../electron/core/store/openStore';
import { TelemetryRepo } from '../electron/core/store/TelemetryRepo';
import type { TelemetrySample } from '../electron/core/telemetry/sample';

const UNITS = 10_000;
const ROWS = 200_000;
const TICK_ROWS = 12_000; // ~ one 200 ms tick at 10,000 units × 1 Hz plus backlog
const ROUNDS = 3;

const rows: TelemetrySample[] = Array.from({ length: ROWS }, (_, i) => ({
  unitIdx: i % UNITS,
  unitId: `u${i % UNITS}`,
  tsMs: 1_767_225_600_000 + Math.floor(i / UNITS) * 1000,
  receivedMs: 1_767_225_600_000,
  lon: 118 + (i % UNITS) * 1e-5,
  lat: 29,
  headingDeg: 90,
  speedKmh: 10,
  batteryPct: 50,
  altM: undefined,
}));

function run(mode: 'baseline' | 'writeTick'): number {
  const dir = mkdtempSync(join(tmpdir(), 'muster-bench-store-'));
  const db = openStore({ file: join(dir, 'muster.db') });
  const repo = new TelemetryRepo(db);
  const one = db.prepare(
    `INSERT OR IGNORE INTO telemetry_sample
       (unit_id, ts_ms, received_ms, lon, lat, heading_deg, speed_kmh, battery_pct, alt_m)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const baseline = db.transaction((batch: readonly TelemetrySample[]) => {
    for (const s of batch) {
      one.run(
        s.unitId,
        s.tsMs,
        s.receivedMs,
        s.lon,
        s.lat,
        s.headingDeg ?? null,
        s.speedKmh ?? null,
        s.batteryPct ?? null,
        s.altM ?? null,
      );
    }
  });
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < ROWS; i += TICK_ROWS) {
    const batch = rows.slice(i, i + TICK_ROWS);
    if (mode === 'baseline') baseline(batch);
    else repo.writeTick(batch, []);
  }
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (repo.sampleCount() !== ROWS) throw new Error(`${mode}: stored ${repo.sampleCount()} rows`);
  repo.close();
  rmSync(dir, { recursive: true, force: true });
  return ms;
}

const results: Record<string, number[]> = { baseline: [], writeTick: [] };
for (let r = 0; r < ROUNDS; r++) {
  for (const mode of ['baseline', 'writeTick'] as const) results[mode]?.push(run(mode));
}
const best = (xs: number[] = []): number => Math.min(...xs);
console.log(
  `store benchmark: ${ROWS.toLocaleString('en')} rows in ${TICK_ROWS.toLocaleString('en')}-row ticks, ${UNITS.toLocaleString('en')} units, file DB, best of ${ROUNDS}`,
);
for (const mode of ['baseline', 'writeTick'] as const) {
  const ms = best(results[mode]);
  console.log(
    `  ${mode.padEnd(10)} ${((ROWS / ms) * 1000).toFixed(0).padStart(8)} rows/s  ${((ms * 1000) / ROWS).toFixed(2)} µs/row`,
  );
}
console.log(
  `  writeTick / baseline time: ${(best(results.writeTick) / best(results.baseline)).toFixed(2)}`,
);
