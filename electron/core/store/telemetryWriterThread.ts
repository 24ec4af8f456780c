// The program of the telemetry writer thread (see TelemetryWriter.ts). It is started from its own
// source text (Function.prototype.toString) in an eval worker, so the same code runs under vitest,
// the bench bundles and the Electron build without a separate entry file; it must therefore use
// nothing from outside its body but the `require` it is given.
import type { MessagePort } from 'node:worker_threads';
import type BetterSqlite3 from 'better-sqlite3';
import type { RefusalBatch } from './RefusalRepo';

/** Shared Int32 slots between the console and its writer thread. */
export const CTL = {
  /** Sequence number of the last tick the thread has finished (committed or failed). */
  done: 0,
  /** 0 while starting, 1 ready, 2 failed to open the database, 3 closed. */
  state: 1,
} as const;

export interface WriterData {
  readonly sqlitePath: string;
  readonly file: string;
  readonly nativeBinding: string | undefined;
  readonly insertManySql: string;
  readonly insertOneSql: string;
  readonly upsertManySql: string;
  readonly upsertOneSql: string;
  readonly rowsPerInsert: number;
  readonly countSql: string;
  readonly quarantineSql: string;
  readonly pruneSql: string;
  /** Int32Array over it: see CTL. */
  readonly ctl: SharedArrayBuffer;
  /** Float64Array over it: [0] console-clock time of the last commit, epoch ms. */
  readonly commitMs: SharedArrayBuffer;
}

/** One tick's rows, packed: `code` indexes the unit-id dictionary; `num` holds NUM_COLUMNS a row. */
export interface PackedRows {
  readonly n: number;
  readonly code: Uint32Array;
  /** tsMs, receivedMs, lon, lat, headingDeg, speedKmh, batteryPct, altM; NaN for absent. */
  readonly num: Float64Array;
}

export const NUM_COLUMNS = 8;

export type WriterRequest =
  | {
      readonly type: 'tick';
      readonly seq: number;
      /** Unit ids first used in this tick, taking the next dictionary codes in order. */
      readonly newIds: readonly string[];
      readonly samples: PackedRows;
      readonly latest: PackedRows;
      /** The drain's refused messages (counts and quarantine), when there were any. */
      readonly refused?: RefusalBatch;
    }
  | { readonly type: 'close' };

/** One reply per tick, in order: its commit, or why it failed. */
export type WriterReply =
  | { readonly type: 'error'; readonly seq: number; readonly message: string }
  | { readonly type: 'ok'; readonly seq: number };

/** Runs in the worker. Errors are reported per tick and never end the thread. */
export function writerThread(req: (id: string) => unknown): void {
  const wt = req('node:worker_threads') as {
    parentPort: MessagePort;
    workerData: WriterData;
  };
  const port = wt.parentPort;
  const d = wt.workerData;
  const ctl = new Int32Array(d.ctl);
  const commitMs = new Float64Array(d.commitMs);
  const COLS = 9;
  const NUM = 8;
  let db: BetterSqlite3.Database;
  try {
    const Database = req(d.sqlitePath) as typeof BetterSqlite3;
    db = new Database(d.file, d.nativeBinding ? { nativeBinding: d.nativeBinding } : undefined);
    // The console's own connection set the file to WAL; these are per connection.
    db.pragma('synchronous = NORMAL');
    db.pragma('cache_size = -65536');
    db.pragma('busy_timeout = 5000');
    // Checkpoints run below, after a tick's commit is announced: SQLite's automatic one runs
    // inside COMMIT, and its fsync held every tick's "committed" back (see the loop below).
    db.pragma('wal_autocheckpoint = 0');
  } catch (err) {
    port.postMessage({ type: 'error', seq: 0, message: String(err) });
    Atomics.store(ctl, 1, 2);
    Atomics.notify(ctl, 1);
    return;
  }
  const insertMany = db.prepare(d.insertManySql);
  const insertOne = db.prepare(d.insertOneSql);
  const upsertMany = db.prepare(d.upsertManySql);
  const upsertOne = db.prepare(d.upsertOneSql);
  const countRefused = db.prepare(d.countSql);
  const quarantine = db.prepare(d.quarantineSql);
  const prune = db.prepare(d.pruneSql);
  const per = d.rowsPerInsert;
  const ids: string[] = [];
  const args = new Array<string | number | null>(per * COLS);
  const one = new Array<string | number | null>(COLS);
  const opt = (v: number): number | null => (v !== v ? null : v); // NaN marks "absent"

  const fill = (out: (string | number | null)[], o: number, rows: PackedRows, r: number): void => {
    const b = r * NUM;
    const num = rows.num;
    out[o] = ids[rows.code[r] as number] as string;
    out[o + 1] = num[b] as number;
    out[o + 2] = num[b + 1] as number;
    out[o + 3] = num[b + 2] as number;
    out[o + 4] = num[b + 3] as number;
    out[o + 5] = opt(num[b + 4] as number);
    out[o + 6] = opt(num[b + 5] as number);
    out[o + 7] = opt(num[b + 6] as number);
    out[o + 8] = opt(num[b + 7] as number);
  };
  const write = (
    many: BetterSqlite3.Statement,
    single: BetterSqlite3.Statement,
    rows: PackedRows,
  ) => {
    let r = 0;
    for (; r + per <= rows.n; r += per) {
      for (let k = 0; k < per; k++) fill(args, k * COLS, rows, r + k);
      many.run(args);
    }
    for (; r < rows.n; r++) {
      fill(one, 0, rows, r);
      single.run(one);
    }
  };
  // RefusalRepo's writeRefusals, restated: this body may use nothing from outside it.
  const tick = db.transaction((samples: PackedRows, latest: PackedRows, refused?: RefusalBatch) => {
    write(insertMany, insertOne, samples);
    write(upsertMany, upsertOne, latest);
    if (!refused) return;
    for (const [reason, n] of refused.counts) countRefused.run(reason, n);
    for (const q of refused.quarantined) {
      quarantine.run(q.receivedMs, q.topic, q.reason, q.detail, q.previewHex);
    }
    if (refused.quarantined.length > 0) prune.run();
  });

  /** Rows written since the last checkpoint: at most the pages dirtied, never fewer. */
  let sinceCheckpoint = 0;
  const CHECKPOINT_ROWS = 1000; // SQLite's default wal_autocheckpoint, in pages
  port.on('message', (m: WriterRequest) => {
    if (m.type === 'close') {
      db.close();
      Atomics.store(ctl, 1, 3);
      Atomics.notify(ctl, 1);
      port.close();
      return;
    }
    for (const id of m.newIds) ids.push(id);
    try {
      tick(m.samples, m.latest, m.refused);
      commitMs[0] = Date.now();
      // The console acknowledges the tick's QoS 1 messages to the broker on this reply.
      port.postMessage({ type: 'ok', seq: m.seq });
    } catch (err) {
      port.postMessage({
        type: 'error',
        seq: m.seq,
        message: err instanceof Error ? err.message : String(err),
      });
    }
    Atomics.store(ctl, 0, m.seq);
    Atomics.notify(ctl, 0);
    // The same bound on the WAL as SQLite's automatic checkpoint, run once the tick is announced.
    sinceCheckpoint += m.samples.n + m.latest.n;
    if (sinceCheckpoint >= CHECKPOINT_ROWS) {
      sinceCheckpoint = 0;
      try {
        db.pragma('wal_checkpoint(PASSIVE)');
      } catch {
        // A checkpoint that cannot run now (a reader holds the WAL) is retried after the next tick.
      }
    }
  });
  Atomics.store(ctl, 1, 1);
  Atomics.notify(ctl, 1);
}
