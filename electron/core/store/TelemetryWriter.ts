import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { TelemetrySample } from '../telemetry/sample';
import type { RefusalBatch } from './RefusalRepo';
import {
  CTL,
  NUM_COLUMNS,
  writerThread,
  type PackedRows,
  type WriterData,
  type WriterReply,
  type WriterRequest,
} from './telemetryWriterThread';

export interface WriterSql {
  readonly insertManySql: string;
  readonly insertOneSql: string;
  readonly upsertManySql: string;
  readonly upsertOneSql: string;
  readonly rowsPerInsert: number;
  /** Refusals (RefusalRepo's REFUSAL_SQL), written in the tick's transaction. */
  readonly countSql: string;
  readonly quarantineSql: string;
  readonly pruneSql: string;
}

/** How long start-up may take before the console keeps writing on its own thread. */
const START_WAIT_MS = 10_000;
/** A writer silent this long is broken; the console stops waiting and reports it. */
const FLUSH_WAIT_MS = 30_000;

/**
 * A worker thread with its own connection that commits each tick's samples: the SQLite work was
 * most of the tick (bench:ingest profile), and on the main thread it competed with receiving
 * MQTT. Rows travel packed in transferable typed arrays, not as per-sample objects.
 *
 * Guarantees kept from writing in the tick: one transaction per tick; INSERT OR IGNORE on
 * (unit_id, ts_ms) and newer-only latest state (the same statements); at most one tick in flight —
 * the next tick waits for the previous commit, so a crash loses at most the tick being written plus
 * what has not been ticked yet; and `flush()` before any read, so reads see every queued tick.
 */
export class TelemetryWriter {
  private readonly worker: Worker;
  private readonly ctl = new Int32Array(new SharedArrayBuffer(8));
  private readonly commitMs = new Float64Array(new SharedArrayBuffer(8));
  private readonly codes = new Map<string, number>();
  private seq = 0;
  private readonly waiters: { readonly seq: number; readonly fn: (ok: boolean) => void }[] = [];
  /** The last tick whose reply arrived, and whether it committed. */
  private settled = 0;
  private lastCommitted = true;
  /** The last failure the thread reported, cleared by its next successful commit. */
  error: string | undefined;

  /** Starts the thread and waits for it to open the database; throws when it cannot. */
  constructor(file: string, nativeBinding: string | undefined, sql: WriterSql) {
    const data: WriterData = {
      ...sql,
      sqlitePath: createRequire(import.meta.url).resolve('better-sqlite3'),
      file,
      nativeBinding,
      ctl: this.ctl.buffer as SharedArrayBuffer,
      commitMs: this.commitMs.buffer as SharedArrayBuffer,
    };
    this.worker = new Worker(`(${writerThread.toString()})(require)`, {
      eval: true,
      workerData: data,
    });
    this.worker.on('message', (m: WriterReply) => {
      if (m.type === 'ok') {
        this.error = undefined;
      } else {
        this.error = m.message;
        console.error('telemetry write failed:', m.message);
      }
      this.settle(m.seq, m.type === 'ok');
    });
    this.worker.on('error', (err) => {
      this.error = `telemetry writer stopped: ${err.message}`;
      console.error(this.error);
      this.settle(Infinity, false);
    });
    // After the listeners, which would hold the thread referenced again: never what keeps a host alive.
    this.worker.unref();
    Atomics.wait(this.ctl, CTL.state, 0, START_WAIT_MS);
    const state = Atomics.load(this.ctl, CTL.state);
    if (state !== 1) {
      void this.worker.terminate();
      throw new Error(
        state === 0
          ? 'telemetry writer did not start'
          : 'telemetry writer could not open the store',
      );
    }
  }

  /** Time of the writer's last commit (epoch ms), 0 before the first. */
  get lastCommitMs(): number {
    return this.commitMs[0] as number;
  }

  /**
   * Calls `fn` once every tick queued so far has been written: true when the last of them
   * committed, false when it failed. At once when nothing is in flight.
   */
  afterCommit(fn: (committed: boolean) => void): void {
    if (this.settled >= this.seq) fn(this.lastCommitted);
    else this.waiters.push({ seq: this.seq, fn });
  }

  /** On the thread's reply for `seq` (replies come in order). */
  private settle(seq: number, committed: boolean): void {
    this.settled = seq;
    this.lastCommitted = committed;
    let n = 0;
    while (n < this.waiters.length && (this.waiters[n]?.seq ?? Infinity) <= seq) n++;
    for (const w of this.waiters.splice(0, n)) w.fn(committed);
  }

  /** Hands a tick to the thread after the previous one is committed. */
  queue(
    samples: readonly TelemetrySample[],
    latest: readonly TelemetrySample[],
    refused?: RefusalBatch,
  ): void {
    this.flush();
    const newIds: string[] = [];
    const s = this.pack(samples, newIds);
    const l = this.pack(latest, newIds);
    const msg: WriterRequest = {
      type: 'tick',
      seq: ++this.seq,
      newIds,
      samples: s,
      latest: l,
      ...(refused ? { refused } : {}),
    };
    // Created here as plain ArrayBuffers; handed over, not copied.
    const moved = [s.code.buffer, s.num.buffer, l.code.buffer, l.num.buffer] as ArrayBuffer[];
    this.worker.postMessage(msg, moved);
  }

  /** Blocks until every queued tick is committed (or failed). */
  flush(): void {
    const end = Date.now() + FLUSH_WAIT_MS;
    for (;;) {
      const done = Atomics.load(this.ctl, CTL.done);
      if (done >= this.seq) return;
      if (Date.now() > end) throw new Error('telemetry writer did not answer for 30 s');
      Atomics.wait(this.ctl, CTL.done, done, 1000);
    }
  }

  /** Commits what is queued, closes the thread's connection and ends the thread. */
  close(): void {
    try {
      this.flush();
    } finally {
      this.worker.postMessage({ type: 'close' } satisfies WriterRequest);
      Atomics.wait(this.ctl, CTL.state, 1, 5000);
      void this.worker.terminate();
    }
  }

  private pack(rows: readonly TelemetrySample[], newIds: string[]): PackedRows {
    const n = rows.length;
    const code = new Uint32Array(n);
    const num = new Float64Array(n * NUM_COLUMNS);
    for (let r = 0; r < n; r++) {
      const s = rows[r] as TelemetrySample;
      let c = this.codes.get(s.unitId);
      if (c === undefined) {
        c = this.codes.size;
        this.codes.set(s.unitId, c);
        newIds.push(s.unitId);
      }
      code[r] = c;
      const b = r * NUM_COLUMNS;
      num[b] = s.tsMs;
      num[b + 1] = s.receivedMs;
      num[b + 2] = s.lon;
      num[b + 3] = s.lat;
      num[b + 4] = s.headingDeg ?? NaN;
      num[b + 5] = s.speedKmh ?? NaN;
      num[b + 6] = s.batteryPct ?? NaN;
      num[b + 7] = s.altM ?? NaN;
    }
    return { n, code, num };
  }
}
