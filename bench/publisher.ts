// The benchmark's device fleet: one MQTT client in its own process publishing documented v1
// payloads with a bounded window of in-flight messages (unbounded publish() calls collapse
// mqtt.js throughput, see SETUP-NOTES), driven by the orchestrator over IPC.
import { connectAsync, type MqttClient } from 'mqtt';
import type {
  PublisherCommand,
  PublisherDone,
  PublisherEvent,
  PublisherInit,
  Qos,
} from './protocol';
import { benchRoster, payloadTemplates, readStations, type PayloadTemplate } from './roster';

const init = JSON.parse(process.argv[2] ?? '{}') as PublisherInit;

function send(ev: PublisherEvent): void {
  process.send?.(ev);
}

/** Publishes with at most `window` messages not yet acknowledged (QoS 1) or flushed (QoS 0). */
class WindowedPublisher {
  private inflight = 0;
  private wake: (() => void) | undefined;
  private drained: (() => void) | undefined;
  lastAckMs = 0;

  constructor(
    private readonly client: MqttClient,
    private readonly qos: Qos,
    private readonly window: number,
  ) {}

  private readonly onAck = (err?: Error): void => {
    if (err) console.error('publish failed:', err.message);
    this.inflight--;
    this.lastAckMs = Date.now();
    const w = this.wake;
    this.wake = undefined;
    w?.();
    if (this.inflight === 0) this.drained?.();
  };

  /** Resolves at once while the window has room. */
  room(): Promise<void> | undefined {
    if (this.inflight < this.window) return undefined;
    return new Promise((resolve) => (this.wake = resolve));
  }

  publish(topic: string, payload: string): void {
    this.inflight++;
    this.client.publish(topic, payload, { qos: this.qos }, this.onAck);
  }

  async drain(): Promise<void> {
    if (this.inflight === 0) return;
    await new Promise<void>((resolve) => (this.drained = resolve));
  }
}

async function burst(
  client: MqttClient,
  templates: readonly PayloadTemplate[],
  c: Extract<PublisherCommand, { cmd: 'burst' }>,
): Promise<PublisherDone> {
  const w = new WindowedPublisher(client, c.qos, c.window);
  const n = templates.length;
  const startMs = Date.now();
  for (let i = 0; i < c.count; i++) {
    const wait = w.room();
    if (wait) await wait;
    const t = templates[i % n] as PayloadTemplate;
    w.publish(t.topic, t.head + (c.baseTsMs + Math.floor(i / n)) + t.tail);
  }
  await w.drain();
  return { ev: 'done', startMs, endMs: w.lastAckMs, sent: c.count, maxLagMs: 0, payloadBytes: 0 };
}

/** Every unit once per `n / ratePerSec` seconds, evenly spread; tsMs is the send time. */
async function paced(
  client: MqttClient,
  templates: readonly PayloadTemplate[],
  c: Extract<PublisherCommand, { cmd: 'paced' }>,
): Promise<PublisherDone> {
  const w = new WindowedPublisher(client, c.qos, c.window);
  const n = templates.length;
  const startMs = Date.now();
  const total = Math.round((c.ratePerSec * c.durationMs) / 1000);
  let sent = 0;
  let maxLagMs = 0;
  while (sent < total) {
    const now = Date.now();
    const due = Math.min(total, Math.floor(((now - startMs) * c.ratePerSec) / 1000));
    if (due > sent) {
      const lag = now - (startMs + (sent * 1000) / c.ratePerSec);
      if (lag > maxLagMs) maxLagMs = lag;
    }
    while (sent < due) {
      const wait = w.room();
      if (wait) await wait;
      const t = templates[sent % n] as PayloadTemplate;
      w.publish(t.topic, t.head + Date.now() + t.tail);
      sent++;
    }
    await new Promise((r) => setTimeout(r, 2));
  }
  await w.drain();
  return { ev: 'done', startMs, endMs: w.lastAckMs, sent, maxLagMs, payloadBytes: 0 };
}

async function main(): Promise<void> {
  const stations = readStations(init.regionDir);
  const templates = payloadTemplates(benchRoster(init.units, stations), stations);
  const first = templates[0] as PayloadTemplate;
  const payloadBytes = Buffer.byteLength(first.head + Date.now() + first.tail);
  const client = await connectAsync(init.url, {
    clientId: `muster-bench-pub-${process.pid}`,
    clean: true,
  });
  let busy = Promise.resolve();
  process.on('message', (c: PublisherCommand) => {
    busy = busy.then(async () => {
      if (c.cmd === 'exit') {
        await client.endAsync();
        process.exit(0);
      }
      const done =
        c.cmd === 'burst' ? await burst(client, templates, c) : await paced(client, templates, c);
      send({ ...done, payloadBytes });
    });
  });
  send({ ev: 'ready' });
}

main().catch((err: unknown) => {
  console.error('publisher failed:', err);
  process.exit(1);
});
