// The console's connection shares the file with the telemetry writer thread's. A deferred
// transaction that reads (the audit chain head) and then writes fails at once with "database is
// locked" when the other connection commits between its read and its write — busy_timeout does not
// help there. Main-connection write transactions therefore take the write lock first (IMMEDIATE).
// Here a real second connection on a worker thread commits in a tight loop while the main thread
// appends audit events and saves alerts: none may fail, and the hash chain must verify.
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../electron/core/store/openStore';
import { supportRepoOf, alertRepoOf } from '../support/repos';

/** A second connection committing one row per statement until told to stop. */
const CHURN = `
const { workerData, parentPort } = require('node:worker_threads');
const Database = require(workerData.sqlitePath);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 5000');
const stop = new Int32Array(workerData.stop);
const insert = db.prepare('INSERT INTO churn (x) VALUES (?)');
parentPort.postMessage('running');
let i = 0;
while (Atomics.load(stop, 0) === 0) insert.run(i++);
db.close();
parentPort.postMessage(i);
`;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'muster-concurrency-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('store under a concurrent writer connection', () => {
  it('appends audit events and saves alerts without "database is locked"', async () => {
    const file = join(dir, 'muster.db');
    const db = openStore({ file });
    db.exec('CREATE TABLE churn (x INTEGER)');
    const support = supportRepoOf(db);
    const alerts = alertRepoOf(db);
    const stop = new SharedArrayBuffer(4);
    const worker = new Worker(CHURN, {
      eval: true,
      workerData: {
        file,
        stop,
        sqlitePath: createRequire(import.meta.url).resolve('better-sqlite3'),
      },
    });
    const messages: unknown[] = [];
    const first = new Promise<void>((resolve, reject) => {
      worker.on('message', (m) => {
        messages.push(m);
        resolve();
      });
      worker.on('error', reject);
    });
    await first;
    const failures: string[] = [];
    try {
      for (let i = 0; i < 400; i++) {
        try {
          support.appendEvent({
            requestId: 'sup-1',
            tsMs: i,
            operator: 'duty',
            kind: 'transition',
          });
          alerts.save(
            [
              {
                change: 'raised',
                alert: {
                  id: i + 1,
                  kind: 'sos',
                  unitId: 'u-1',
                  raisedMs: i,
                  value: undefined,
                  detail: undefined,
                  clearedMs: undefined,
                  ackedMs: undefined,
                  ackedBy: undefined,
                },
              },
            ],
            i,
          );
        } catch (err) {
          failures.push(err instanceof Error ? err.message : String(err));
        }
        // Give the other connection room to commit between our transactions as well.
        if (i % 50 === 0) await new Promise((r) => setTimeout(r, 1));
      }
    } finally {
      Atomics.store(new Int32Array(stop), 0, 1);
      await new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    }
    expect(failures).toEqual([]);
    // The other connection really was committing throughout.
    expect(Number(messages[1])).toBeGreaterThan(100);
    expect(support.verifyAudit().ok).toBe(true);
    expect(support.timeline('sup-1')).toHaveLength(400);
    db.close();
  });
});
