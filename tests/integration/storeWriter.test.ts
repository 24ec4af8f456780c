import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { telemetryTopic } from '../../shared/telemetry/topics';
import { connectPublisher, startCore, tempDir, waitFor } from '../support/coreHarness';
import { payloadFor } from '../support/payloads';

// The console commits telemetry on a writer thread (electron/core/store/TelemetryWriter.ts): its
// failures must still reach the status strip, clear once writes succeed again, and lose nothing
// sent at QoS 1 (it is acknowledged to the broker only after a commit).
describe('core: store failures on the writer thread', () => {
  const cleanup: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const fn of cleanup.splice(0).reverse()) await fn();
  });

  it('surfaces a failed tick in status().storeError and clears it after the next commit', async () => {
    const tmp = tempDir();
    cleanup.push(tmp.remove);
    const core = await startCore(tmp.dir);
    cleanup.push(() => core.stop());
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    cleanup.push(() => errors.mockRestore());
    const [u] = (await core.api.getUnits()).map((s) => s.unit);
    if (!u) throw new Error('empty roster');
    const pub = await connectPublisher(core);
    cleanup.push(() => pub.endAsync());
    const t0 = Date.now() - 60_000;
    const send = async (k: number): Promise<void> => {
      await pub.publishAsync(
        telemetryTopic(u.deviceId),
        JSON.stringify(payloadFor(u, t0 + k * 1000, 118.3, 29.1)),
        { qos: 1 },
      );
      await waitFor(
        () => core.live.ingest.counters.accepted,
        (n) => n >= k + 1,
      );
      core.live.tick();
    };
    await send(0);
    expect(core.live.repo.sampleCount()).toBe(1);
    expect(core.live.status().storeError).toBeUndefined();

    // Another connection takes the latest-state table away: the writer's next tick fails whole.
    const side = new Database(join(tmp.dir, 'muster.db'));
    const ddl = side
      .prepare<[], { sql: string }>("SELECT sql FROM sqlite_master WHERE name = 'unit_state'")
      .get();
    side.exec('DROP TABLE unit_state');
    await send(1);
    const failed = await waitFor(
      () => {
        core.live.tick();
        return core.live.status().storeError;
      },
      (e) => e !== undefined,
    );
    expect(failed).toMatch(/unit_state/);
    expect(core.live.repo.sampleCount()).toBe(1); // the failed tick's sample was rolled back with it

    side.exec(ddl?.sql ?? '');
    side.close();
    await send(2);
    const cleared = await waitFor(
      () => {
        core.live.tick();
        return core.live.status().storeError;
      },
      (e) => e === undefined,
    );
    expect(cleared).toBeUndefined();
    // The failed tick's QoS 1 message was never acknowledged: the broker sent it again on the
    // link's new connection, and it is stored now with the others. Nothing was lost.
    const stored = await waitFor(
      () => {
        core.live.tick();
        return core.live.repo.sampleCount();
      },
      (n) => n === 3,
    );
    expect(stored).toBe(3);
  });
});
