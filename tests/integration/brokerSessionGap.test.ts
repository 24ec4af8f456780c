import { afterAll, describe, expect, it } from 'vitest';
import type { ConsoleCore } from '../../electron/core/ConsoleCore';
import { startCore, tempDir, waitFor } from '../support/coreHarness';
import { mosquittoPath, requireOrSkip, startMosquitto } from '../support/mosquitto';

const present = requireOrSkip('mosquitto', mosquittoPath() !== undefined);

describe.skipIf(!present)('a broker session that did not resume', () => {
  const tmp = tempDir();
  afterAll(() => tmp.remove());

  const gaps = async (core: ConsoleCore) =>
    (await core.api.listAlerts()).filter((a) => a.kind === 'data-gap');
  const connected = (core: ConsoleCore) =>
    waitFor(
      async () => (await core.api.getStatus()).broker.state,
      (s) => s === 'connected',
    );

  it('is an alert with the window that may be missing; a resumed one is not', async () => {
    // Without persistence: a broker restart forgets every session.
    let broker = await startMosquitto(tmp.dir);
    const port = broker.port;
    const options = { brokerUrl: broker.url, mqttProtocol: 5 as const, clientId: 'muster-gap' };

    const first = await startCore(tmp.dir, options);
    await connected(first);
    expect(await gaps(first)).toEqual([]); // a first connect has nothing to resume
    await first.stop();

    // The broker kept the session: no gap.
    const second = await startCore(tmp.dir, options);
    await connected(second);
    expect(await gaps(second)).toEqual([]);
    await second.stop();
    const stoppedMs = Date.now();

    await broker.stop();
    broker = await startMosquitto(tmp.dir, '', port);
    try {
      const before = Date.now();
      const third = await startCore(tmp.dir, options);
      try {
        await connected(third);
        const [gap, ...more] = await gaps(third);
        expect(more).toEqual([]);
        expect(gap).toMatchObject({ unitId: '', detail: 'session-lost', ackedMs: undefined });
        // From the last moment the console knew its session alive to the connect that found none.
        expect(gap?.value).toBeLessThanOrEqual(stoppedMs);
        expect(gap?.raisedMs).toBeGreaterThanOrEqual(before);
        const acked = await third.api.ackAlert(gap?.id ?? -1);
        expect(acked.ackedMs).toBeDefined();
      } finally {
        await third.stop();
      }
    } finally {
      await broker.stop();
    }
  });
});
