import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openStore } from '../../electron/core/store/openStore';
import {
  Retention,
  startRetention,
  type RetentionBatch,
  type RetentionOptions,
} from '../../electron/core/store/retention';
import { TelemetryRepo } from '../../electron/core/store/TelemetryRepo';
import type { TelemetrySample } from '../../electron/core/telemetry/sample';
import { startCore, tempDir, waitFor } from '../support/coreHarness';
import { prng } from '../support/oracles';

const HOUR = 3_600_000;
const BUCKET = 30_000;
// Bucket-aligned, so the expected counts below are exact.
const T0 = 1_780_000_020_000 - (1_780_000_020_000 % BUCKET);

let tmp: ReturnType<typeof tempDir>;
let db: Database.Database;
let repo: TelemetryRepo;

beforeEach(() => {
  tmp = tempDir('muster-retention-');
  db = openStore({ file: join(tmp.dir, 'muster.db') });
  repo = new TelemetryRepo(db);
});

afterEach(() => {
  if (db.open) db.close();
  tmp.remove();
});

function sample(unitId: string, tsMs: number, lon = 118 + (tsMs % 1e6) * 1e-7): TelemetrySample {
  return {
    unitIdx: 0,
    unitId,
    tsMs,
    receivedMs: tsMs,
    lon,
    lat: 29,
    headingDeg: undefined,
    speedKmh: 10,
    batteryPct: 80,
    altM: undefined,
  };
}

function insert(
  samples: readonly TelemetrySample[],
  latest: readonly TelemetrySample[] = [],
): void {
  for (let i = 0; i < samples.length; i += 50_000) {
    repo.writeTick(samples.slice(i, i + 50_000), i === 0 ? latest : []);
  }
}

/** Every row as `unit:ts:lon`, in key order. */
function rows(): string[] {
  return db
    .prepare('SELECT unit_id, ts_ms, lon FROM telemetry_sample ORDER BY unit_id, ts_ms')
    .raw()
    .all()
    .map((r) => (r as unknown[]).join(':'));
}

/** Independent oracle: below the cutoff only the earliest sample of each bucket survives. */
function expectedRows(samples: readonly TelemetrySample[], cutoffMs: number): string[] {
  const firstOfBucket = new Map<string, number>();
  for (const s of samples) {
    const k = `${s.unitId}/${Math.floor(s.tsMs / BUCKET)}`;
    firstOfBucket.set(k, Math.min(firstOfBucket.get(k) ?? Infinity, s.tsMs));
  }
  return samples
    .filter(
      (s) =>
        s.tsMs >= cutoffMs ||
        firstOfBucket.get(`${s.unitId}/${Math.floor(s.tsMs / BUCKET)}`) === s.tsMs,
    )
    .sort((a, b) => (a.unitId < b.unitId ? -1 : a.unitId > b.unitId ? 1 : a.tsMs - b.tsMs))
    .map((s) => `${s.unitId}:${s.tsMs}:${s.lon}`);
}

/** Units reporting every `periodMs` with seeded jitter, so bucket firsts are not on boundaries. */
function jittered(
  units: number,
  fromMs: number,
  toMs: number,
  periodMs: number,
): TelemetrySample[] {
  const rnd = prng(7);
  const out: TelemetrySample[] = [];
  for (let u = 0; u < units; u++) {
    for (let t = fromMs; t < toMs; t += periodMs) {
      out.push(sample(`u${u}`, t + Math.floor(rnd() * (periodMs - 1))));
    }
  }
  return out;
}

const OPTS: RetentionOptions = {
  retentionMs: 24 * HOUR,
  bucketMs: BUCKET,
  lateArrivalMs: 24 * HOUR,
};

describe('retention', () => {
  it('thins only samples older than the window, keeping the first of each bucket', () => {
    const samples = jittered(5, T0, T0 + 48 * HOUR, 7_000);
    const nowMs = T0 + 48 * HOUR + 12_345; // cutoff falls mid-bucket
    const latest = [sample('u0', T0 + 48 * HOUR - 1, 118.5), sample('u4', T0 + 1, 118.25)];
    insert(samples, latest);
    const statesBefore = repo.loadStates();

    // One small chunk per batch: every unit is left and resumed mid-way many times.
    const job = new Retention(repo, { ...OPTS, budgetMs: 0, chunkRows: 97 });
    const batches = job.runPass(nowMs);
    const cutoffMs = nowMs - 24 * HOUR;

    expect(batches.length).toBeGreaterThan(100);
    expect(rows()).toEqual(expectedRows(samples, cutoffMs));
    const deleted = batches.reduce((n, b) => n + b.deletedRows, 0);
    expect(repo.sampleCount()).toBe(samples.length - deleted);
    // Below the cutoff at most one per unit and bucket; at and after it, everything.
    const old = db
      .prepare(
        `SELECT max(n) AS m FROM (SELECT count(*) AS n FROM telemetry_sample WHERE ts_ms < ?
         GROUP BY unit_id, ts_ms / ${BUCKET})`,
      )
      .get(cutoffMs) as { m: number };
    expect(old.m).toBe(1);
    const young = (t: string): number =>
      (db.prepare(`SELECT count(*) AS n FROM ${t} WHERE ts_ms >= ?`).get(cutoffMs) as { n: number })
        .n;
    expect(young('telemetry_sample')).toBe(samples.filter((s) => s.tsMs >= cutoffMs).length);
    expect(repo.loadStates()).toEqual(statesBefore);
  });

  it('is idempotent: a second pass, and a pass after a restart, change nothing', () => {
    const samples = jittered(3, T0, T0 + 30 * HOUR, 5_000);
    insert(samples);
    const nowMs = T0 + 30 * HOUR;
    new Retention(repo, OPTS).runPass(nowMs);
    const after = rows();
    expect(after).toEqual(expectedRows(samples, nowMs - 24 * HOUR));

    const again = new Retention(repo, OPTS);
    const second = [...again.runPass(nowMs), ...again.runPass(nowMs + 1000)];
    expect(second.reduce((n, b) => n + b.deletedRows, 0)).toBe(0);
    db.close();
    db = openStore({ file: join(tmp.dir, 'muster.db') });
    repo = new TelemetryRepo(db);
    expect(new Retention(repo, OPTS).runPass(nowMs).every((b) => b.deletedRows === 0)).toBe(true);
    expect(rows()).toEqual(after);
  });

  it('thins a sample that arrives late behind the point a pass already reached', () => {
    const opts = { ...OPTS, retentionMs: HOUR, budgetMs: 1000 };
    const samples = jittered(1, T0, T0 + 6 * HOUR, 10_000);
    insert(samples);
    const job = new Retention(repo, opts);
    const nowMs = T0 + 6 * HOUR;
    job.runPass(nowMs);
    // Held by the broker, delivered now: one after a bucket's first, one before another's.
    const bucketA = Math.floor((T0 + 2 * HOUR) / BUCKET) * BUCKET;
    const bucketB = Math.floor((T0 + 3 * HOUR) / BUCKET) * BUCKET;
    const lateA = sample('u0', bucketA + BUCKET - 1);
    const lateB = sample('u0', bucketB);
    insert([lateA, lateB]);
    job.runPass(nowMs + 1000);
    expect(rows()).toEqual(expectedRows([...samples, lateA, lateB], nowMs + 1000 - HOUR));
    expect(rows()).toContain(`u0:${lateB.tsMs}:${lateB.lon}`);
    expect(rows()).not.toContain(`u0:${lateA.tsMs}:${lateA.lon}`);
  });

  it('keeps 48 h of 1 Hz telemetry bounded, in batches that stay short', () => {
    const units = 4;
    const all: TelemetrySample[] = [];
    for (let u = 0; u < units; u++) {
      for (let t = T0; t < T0 + 48 * HOUR; t += 1000) all.push(sample(`u${u}`, t));
    }
    insert(all);
    expect(repo.sampleCount()).toBe(units * 48 * 3600);
    const job = new Retention(repo, OPTS);
    const nowMs = T0 + 48 * HOUR;
    const batches = job.runPass(nowMs);

    // Exactly 24 h at full rate plus one row per 30 s bucket for the 24 h before.
    const bound = units * (24 * 3600 + (24 * 3600) / 30);
    expect(repo.sampleCount()).toBe(bound);
    const times = batches.map((b) => b.elapsedMs);
    // Budget 30 ms per batch; the last chunk may overshoot. Generous for a loaded CI machine.
    expect(Math.max(...times)).toBeLessThan(150);
    console.info(
      `retention: ${units * 48 * 3600} → ${bound} rows in ${batches.length} batches, ` +
        `batch ms max ${Math.max(...times).toFixed(1)}, ` +
        `median ${[...times].sort((a, b) => a - b)[times.length >> 1]?.toFixed(1)}`,
    );

    // Another hour of ingest, then the next pass: still exactly the window plus the thinned history.
    const hour: TelemetrySample[] = [];
    for (let u = 0; u < units; u++) {
      for (let t = nowMs; t < nowMs + HOUR; t += 1000) hour.push(sample(`u${u}`, t));
    }
    insert(hour);
    job.runPass(nowMs + HOUR);
    expect(repo.sampleCount()).toBe(units * (24 * 3600 + (25 * 3600) / 30));
  });

  it('recovers from a failed batch: rolled back, and the next pass thins everything', () => {
    const samples = jittered(3, T0, T0 + 30 * HOUR, 3_000);
    insert(samples);
    let deletes = 0;
    const flaky = {
      nextSampleUnit: (a: string) => repo.nextSampleUnit(a),
      firstSampleTs: (u: string) => repo.firstSampleTs(u),
      sampleTimes: (u: string, f: number, t: number, l: number) => repo.sampleTimes(u, f, t, l),
      inTransaction: <T>(fn: () => T): T => repo.inTransaction(fn),
      deleteSamplesBetween: (u: string, a: number, b: number): number => {
        if (++deletes === 150) throw new Error('disk I/O error');
        return repo.deleteSamplesBetween(u, a, b);
      },
    };
    const job = new Retention(flaky, { ...OPTS, budgetMs: 1000, chunkRows: 500 });
    const nowMs = T0 + 30 * HOUR;
    const before = rows();
    expect(() => job.runBatch(nowMs)).toThrow('disk I/O error');
    expect(rows()).toEqual(before);
    job.runPass(nowMs);
    expect(rows()).toEqual(expectedRows(samples, nowMs - 24 * HOUR));
  });

  it('runs once at start, in gaps while behind, then each period, and stops', () => {
    vi.useFakeTimers();
    try {
      insert(jittered(2, T0, T0 + 26 * HOUR, 2_000));
      const seen: RetentionBatch[] = [];
      const timer = startRetention(
        repo,
        {
          ...OPTS,
          budgetMs: 0,
          chunkRows: 1000,
          periodMs: 60_000,
          gapMs: 50,
          onBatch: (b) => seen.push(b),
        },
        () => T0 + 26 * HOUR,
      );
      expect(seen).toHaveLength(0);
      vi.advanceTimersByTime(0);
      expect(seen).toHaveLength(1);
      expect(seen[0]?.passDone).toBe(false);
      // Behind: a batch every 50 ms until the pass is done.
      for (let i = 0; i < 1000 && !seen.at(-1)?.passDone; i++) vi.advanceTimersByTime(50);
      expect(seen.at(-1)?.passDone).toBe(true);
      expect(seen.length).toBeGreaterThan(3);
      expect(seen.filter((b) => b.passDone)).toHaveLength(1);
      // Caught up: nothing until the period has passed.
      const n = seen.length;
      vi.advanceTimersByTime(59_999);
      expect(seen).toHaveLength(n);
      vi.advanceTimersByTime(1);
      expect(seen).toHaveLength(n + 1);
      expect(seen.at(-1)?.deletedRows).toBe(0);
      timer.stop();
      const stoppedAt = seen.length;
      vi.advanceTimersByTime(10 * 60_000);
      expect(seen).toHaveLength(stoppedAt);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('retention in the console core', () => {
  it('thins history older than the configured window soon after start', async () => {
    const nowMs = Date.now();
    const old = Array.from({ length: 600 }, (_, k) =>
      sample('kh-001', nowMs - 3 * HOUR + k * 1000),
    );
    const fresh = Array.from({ length: 60 }, (_, k) => sample('kh-001', nowMs - 60_000 + k * 1000));
    insert([...old, ...fresh]);
    db.close();
    const core = await startCore(tmp.dir, { retentionHours: 1, downsampleSec: 60 });
    try {
      const buckets = new Set(old.map((s) => Math.floor(s.tsMs / 60_000))).size;
      const n = await waitFor(
        () => core.live.repo.sampleCount(),
        (c) => c === buckets + fresh.length,
      );
      expect(n).toBe(buckets + fresh.length);
    } finally {
      await core.stop();
    }
  });
});
