import { describe, expect, it } from 'vitest';
import { REJECT_REASONS, type RejectReason } from '../../shared/domain/status';
import { telemetryTopic } from '../../shared/telemetry/topics';
import { useCoreAndPublisher, waitFor } from '../support/coreHarness';
import { payloadFor } from '../support/payloads';

describe('bad input over the real broker', () => {
  const ctx = useCoreAndPublisher();

  it('counts each bad message by reason, keeps every good one and keeps running', async () => {
    const { core, pub } = ctx;
    const units = (await core.api.getUnits()).map((s) => s.unit);
    const [a, b] = units;
    const drone = units.find((u) => u.kind === 'drone');
    if (!a || !b || !drone) throw new Error('roster lacks test units');
    const now = Date.now();
    const good = (k: number): [string, string] => {
      const u = units[k % 10] ?? a;
      return [
        telemetryTopic(u.deviceId),
        JSON.stringify(payloadFor(u, now - 50_000 + k, 118.4, 29.1 + k * 1e-5)),
      ];
    };
    const bad: [string, string | Buffer, RejectReason][] = [
      [telemetryTopic(a.deviceId), '{"v":1,"kind":', 'malformed-json'],
      [telemetryTopic(a.deviceId), Buffer.from([0xff, 0xfe, 0x00, 0x81]), 'malformed-json'],
      [
        telemetryTopic(a.deviceId),
        JSON.stringify({ ...payloadFor(a, now, 118.4, 29.1), lat: 'north' }),
        'schema',
      ],
      [
        telemetryTopic(a.deviceId),
        JSON.stringify({ ...payloadFor(a, now, 118.4, 29.1), v: 2 }),
        'schema',
      ],
      [telemetryTopic(a.deviceId), JSON.stringify(payloadFor(a, now, 218.4, 29.1)), 'out-of-range'],
      [telemetryTopic(a.deviceId), JSON.stringify(payloadFor(a, now, 118.4, -95)), 'out-of-range'],
      [
        telemetryTopic(a.deviceId),
        JSON.stringify(payloadFor(a, now + 3_600_000, 118.4, 29.1)),
        'timestamp-out-of-range',
      ],
      [
        telemetryTopic(a.deviceId),
        JSON.stringify(payloadFor(a, 1_000_000, 118.4, 29.1)),
        'timestamp-out-of-range',
      ],
      [
        telemetryTopic('no-such-device'),
        JSON.stringify(payloadFor(a, now, 118.4, 29.1)),
        'unknown-device',
      ],
      [
        telemetryTopic(drone.deviceId),
        JSON.stringify(payloadFor(a, now, 118.4, 29.1)),
        'kind-mismatch',
      ],
      [telemetryTopic(b.deviceId), 'x'.repeat(70 * 1024), 'too-large'],
    ];
    const expected = Object.fromEntries(REJECT_REASONS.map((r) => [r, 0])) as Record<
      RejectReason,
      number
    >;
    let goodCount = 0;
    for (const [i, [topic, body, reason]] of bad.entries()) {
      const [gt, gb] = good(i);
      await pub.publishAsync(gt, gb, { qos: 1 });
      goodCount++;
      await pub.publishAsync(topic, body, { qos: 1 });
      expected[reason]++;
    }
    const total = goodCount + bad.length;
    await waitFor(
      () => core.live.ingest.counters.received,
      (n) => n >= total,
    );
    core.live.tick();
    expect(core.live.ingest.counters.rejected).toEqual(expected);
    expect(core.live.ingest.counters.accepted).toBe(goodCount);
    expect(core.live.repo.sampleCount()).toBe(goodCount);
    // Every refused message in the quarantine, newest first, as an operator inspects it.
    const quarantined = await core.api.listQuarantine();
    expect(quarantined.map((q) => q.reason).reverse()).toEqual(bad.map((x) => x[2]));
    // Still alive and ingesting after the bad stream.
    const [gt, gb] = good(999);
    await pub.publishAsync(gt, gb, { qos: 1 });
    await waitFor(
      () => core.live.ingest.counters.accepted,
      (n) => n > goodCount,
    );
    expect((await core.api.getStatus()).broker.state).toBe('connected');
  });
});
