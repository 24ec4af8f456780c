import { readFileSync } from 'node:fs';
import { connectAsync } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backoffDelayMs, MqttLink, type MqttLinkOptions } from '../../electron/core/mqtt/MqttLink';
import { telemetryTopic } from '../../shared/telemetry/topics';
import { connectPublisher, tempDir, waitFor } from '../support/coreHarness';
import { startGatedBroker } from '../support/gatedBroker';
import { freePort, mosquittoPath, requireOrSkip, startMosquitto } from '../support/mosquitto';
import { hasOpenssl, makeTestPki } from '../support/tls';

const present = requireOrSkip('mosquitto + openssl', mosquittoPath() !== undefined && hasOpenssl());

interface Received {
  topic: string;
  body: string;
}

function link(
  url: string,
  extra: Partial<MqttLinkOptions> = {},
): { link: MqttLink; got: Received[]; states: string[] } {
  const got: Received[] = [];
  const states: string[] = [];
  const l = new MqttLink({
    url,
    clientId: `muster-link-test-${Math.random().toString(36).slice(2)}`,
    onMessage: (topic, payload) => got.push({ topic, body: Buffer.from(payload).toString() }),
    onState: (s) => states.push(s),
    ...extra,
  });
  return { link: l, got, states };
}

const TOPIC = telemetryTopic('bc-chengguan-01');

describe('reconnect backoff', () => {
  it('doubles from 0.5 s and caps at 30 s', () => {
    const delays = Array.from({ length: 10 }, (_, i) => backoffDelayMs(i));
    expect(delays).toEqual([500, 1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000, 30_000]);
    expect(backoffDelayMs(1e9)).toBe(30_000);
  });
});

describe('protocol negotiation', () => {
  it("'auto' falls back to MQTT 3.1.1 against the embedded aedes broker", async () => {
    const { broker, gate, close } = await startGatedBroker();
    const { link: l, got } = link(broker.url, { protocol: 'auto', ...gate.console });
    try {
      l.start();
      await waitFor(
        () => l.state,
        (s) => s === 'connected',
      );
      expect(l.stats()).toMatchObject({ state: 'connected', protocol: 4, reconnects: 0 });
      const pub = await connectPublisher(broker.url, gate.simulator);
      await waitFor(
        async () => {
          await pub.publishAsync(TOPIC, 'x', { qos: 1 });
          return got.length;
        },
        (n) => n > 0,
      );
      await pub.endAsync();
      expect(got[0]).toEqual({ topic: TOPIC, body: 'x' });
    } finally {
      await l.stop();
      await close();
    }
  });
});

describe.skipIf(!present)('MQTT link against Debian mosquitto', () => {
  const tmp = tempDir();
  afterAll(() => tmp.remove());

  it("'auto' speaks MQTT 5 to mosquitto", async () => {
    const broker = await startMosquitto(tmp.dir);
    const { link: l } = link(broker.url, { protocol: 'auto' });
    try {
      l.start();
      await waitFor(
        () => l.state,
        (s) => s === 'connected',
      );
      expect(l.protocol).toBe(5);
    } finally {
      await l.stop();
      await broker.stop();
    }
  });

  describe('WebSocket transports', () => {
    let wsPort: number;
    let wssPort: number;
    let ca: string;
    const stops: (() => Promise<void>)[] = [];
    beforeAll(async () => {
      const pki = makeTestPki(tmp.dir);
      ca = readFileSync(pki.caFile, 'utf8');
      wsPort = await freePort();
      wssPort = await freePort();
      // The plain MQTT listener is only there for startMosquitto's readiness probe.
      const ws = await startMosquitto(
        tmp.dir,
        [
          'allow_anonymous true',
          `listener ${wsPort} 127.0.0.1`,
          'protocol websockets',
          'allow_anonymous true',
        ].join('\n'),
      );
      stops.push(() => ws.stop());
      const wss = await startMosquitto(
        tmp.dir,
        [
          'allow_anonymous true',
          `listener ${wssPort} 127.0.0.1`,
          'protocol websockets',
          'allow_anonymous true',
          `cafile ${pki.caFile}`,
          `certfile ${pki.serverCertFile}`,
          `keyfile ${pki.serverKeyFile}`,
        ].join('\n'),
      );
      stops.push(() => wss.stop());
    });
    afterAll(async () => {
      for (const s of stops) await s();
    });

    it.each([
      ['ws', () => `ws://127.0.0.1:${wsPort}`, false],
      ['wss', () => `wss://127.0.0.1:${wssPort}`, true],
    ])('receives over %s://', async (_name, url, tls) => {
      const { link: l, got } = link(url(), { protocol: 5, ...(tls ? { tls: { ca } } : {}) });
      try {
        l.start();
        const s = await waitFor(
          () => l.state,
          (x) => x === 'connected',
        );
        expect(s, l.lastError).toBe('connected');
        const pub = await connectAsync(url(), tls ? { ca } : {});
        await waitFor(
          async () => {
            await pub.publishAsync(TOPIC, 'over-ws', { qos: 1 });
            return got.length;
          },
          (n) => n > 0,
        );
        await pub.endAsync();
        expect(got[0]?.body).toBe('over-ws');
      } finally {
        await l.stop();
      }
    });
  });

  it.each([4, 5] as const)(
    'MQTT %s persistent session: QoS 1 published while the link is down arrives after restart',
    async (protocol) => {
      const broker = await startMosquitto(tmp.dir);
      const clientId = `muster-console-session-${protocol}`;
      const first = link(broker.url, { protocol, clientId });
      const pub = await connectPublisher(broker.url);
      try {
        first.link.start();
        await waitFor(
          () => first.link.state,
          (s) => s === 'connected',
        );
        // The subscription is made after CONNACK; wait until it carries traffic.
        await waitFor(
          async () => {
            await pub.publishAsync(TOPIC, 'warm-up', { qos: 1 });
            return first.got.length;
          },
          (n) => n > 0,
        );
        await first.link.stop();
        for (let i = 0; i < 20; i++) await pub.publishAsync(TOPIC, `held-${i}`, { qos: 1 });
        await pub.publishAsync(TOPIC, 'qos0-dropped', { qos: 0 });

        const second = link(broker.url, { protocol, clientId });
        second.link.start();
        try {
          const got = await waitFor(
            () => second.got.filter((m) => m.body.startsWith('held-')).length,
            (n) => n >= 20,
          );
          expect(got).toBe(20);
          expect(second.link.sessionPresent).toBe(true);
          expect(second.got.map((m) => m.body)).not.toContain('qos0-dropped');
        } finally {
          await second.link.stop();
        }
      } finally {
        await pub.endAsync();
        await broker.stop();
      }
    },
  );

  it.each([4, 5] as const)(
    'MQTT %s, acknowledged on commit: a held message comes again on the next connection, a released one never',
    async (protocol) => {
      const broker = await startMosquitto(tmp.dir);
      const clientId = `muster-console-held-${protocol}`;
      const pub = await connectPublisher(broker.url);
      const body = (m: Received) => m.body;
      try {
        const first = link(broker.url, { protocol, clientId, ackQos1: 'commit' });
        first.link.start();
        await waitFor(
          async () => {
            await pub.publishAsync(TOPIC, 'warm-up', { qos: 1 });
            return first.got.length;
          },
          (n) => n > 0,
        );
        first.link.release(first.link.holdMark());
        await pub.publishAsync(TOPIC, 'committed', { qos: 1 });
        await waitFor(
          () => first.got.map(body),
          (b) => b.includes('committed'),
        );
        first.link.release(first.link.holdMark());
        await pub.publishAsync(TOPIC, 'not-committed', { qos: 1 });
        await waitFor(
          () => first.got.map(body),
          (b) => b.includes('not-committed'),
        );
        expect(first.link.heldAcks).toBe(1);
        // A crash: the link goes without acknowledging what it holds.
        await first.link.stop();

        const second = link(broker.url, { protocol, clientId, ackQos1: 'commit' });
        second.link.start();
        try {
          const got = await waitFor(
            () => second.got.map(body),
            (b) => b.includes('not-committed'),
          );
          expect(got).toEqual(['not-committed']);
          second.link.release(second.link.holdMark());
          await pub.publishAsync(TOPIC, 'after', { qos: 1 });
          await waitFor(
            () => second.got.map(body),
            (b) => b.includes('after'),
          );
          expect(second.got.map(body)).toEqual(['not-committed', 'after']);
        } finally {
          await second.link.stop();
        }
      } finally {
        await pub.endAsync();
        await broker.stop();
      }
    },
  );

  it('acknowledged on commit: many messages flow while held, with no PUBACK until released', async () => {
    const broker = await startMosquitto(tmp.dir, '', undefined, {
      globalConfig: 'max_inflight_messages 0',
    });
    const { link: l, got } = link(broker.url, { protocol: 5, ackQos1: 'commit' });
    const pub = await connectPublisher(broker.url);
    try {
      l.start();
      await l.whenSubscribed(5000);
      await Promise.all(
        Array.from({ length: 500 }, (_, i) => pub.publishAsync(TOPIC, `m${i}`, { qos: 1 })),
      );
      // mqtt.js handles one packet at a time: held acknowledgements must not hold the next packet.
      await waitFor(
        () => got.length,
        (n) => n >= 500,
      );
      expect(got.length).toBe(500);
      expect(l.heldAcks).toBe(500);
      l.release(l.holdMark());
      expect(l.heldAcks).toBe(0);
    } finally {
      await pub.endAsync();
      await l.stop();
      await broker.stop();
    }
  });
});
