// One measured subscriber per process, so each phase starts from a clean heap:
//   bare    — a bare mqtt.js client that only counts messages (the broker's deliverable rate);
//   console — a real ConsoleCore (parse, validate, coalesce, persist, state, frames), QoS 1
//             acknowledged after the commit;
//   console-receipt — the same, QoS 1 acknowledged on receipt (the path before 2026-12-07);
//   naive   — parse + validate, then one INSERT per message in its own transaction;
//   soak    — a ConsoleCore under paced load: device→frame latency and RSS over time.
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { connectAsync } from 'mqtt';
import { coreConfigFrom } from '../electron/core/config';
import { ConsoleCore } from '../electron/core/ConsoleCore';
import { loadRegionPack } from '../electron/core/region/loadRegion';
import { openStore } from '../electron/core/store/openStore';
import { parseTelemetry, type DeviceBinding } from '../electron/core/telemetry/parseTelemetry';
import { TELEMETRY_SUBSCRIPTION } from '../shared/telemetry/topics';
import {
  PROBE_TOPIC,
  type BurstResult,
  type SoakResult,
  type SubscriberCommand,
  type SubscriberEvent,
  type SubscriberInit,
} from './protocol';
import { LatencyHistogram } from './stats';

const init = JSON.parse(process.argv[2] ?? '{}') as SubscriberInit;
const STALL_MS = 3000;
const MB = 1024 * 1024;

function send(ev: SubscriberEvent): void {
  process.send?.(ev);
}

function onCommand(fn: (c: SubscriberCommand) => void): void {
  process.on('message', (c: SubscriberCommand) => fn(c));
}

function cpuMs(start: NodeJS.CpuUsage): number {
  const u = process.cpuUsage(start);
  return (u.user + u.system) / 1000;
}

/** Calls `finish` once the count reaches `expected`, or when progress stops for STALL_MS. */
function watchProgress(
  progress: () => { count: number; lastMs: number },
  finish: (stalled: boolean) => void,
) {
  const armedMs = Date.now();
  const timer = setInterval(() => {
    const p = progress();
    if (p.count >= init.expected) return done(false);
    const since = p.count > 0 ? p.lastMs : armedMs;
    if (Date.now() - since > (p.count > 0 ? STALL_MS : 30_000)) done(true);
  }, 50);
  let finished = false;
  function done(stalled: boolean): void {
    if (finished) return;
    finished = true;
    clearInterval(timer);
    finish(stalled);
  }
  return done;
}

async function bareOrNaive(naive: boolean): Promise<void> {
  const client = await connectAsync(init.url, { clientId: init.clientId, clean: true });
  let probed = false;
  let armed = false;
  let received = 0;
  let persisted = 0;
  let base = 0;
  let lastMs = 0;
  let rejected = 0;
  let handle: ((topic: string, payload: Buffer) => void) | undefined;

  if (naive) {
    const pack = loadRegionPack(join(init.resourcesDir, 'regions'), init.regionId);
    const devices = new Map<string, DeviceBinding>(
      pack.roster.map((unit, idx) => [unit.deviceId, { idx, unit }]),
    );
    const db = openStore({ file: join(init.dataDir, 'muster.db') });
    // Autocommit: each run() is its own transaction, the textbook per-message ingest.
    const insert = db.prepare(
      `INSERT OR IGNORE INTO telemetry_sample
         (unit_id, ts_ms, received_ms, lon, lat, heading_deg, speed_kmh, battery_pct, alt_m)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const n = (v: number | undefined): number | null => (v === undefined ? null : v);
    handle = (topic, payload) => {
      const nowMs = Date.now();
      const r = parseTelemetry(topic, payload, {
        devices,
        nowMs,
        maxFutureMs: 5 * 60_000,
        maxPastMs: 24 * 3_600_000,
      });
      if (!r.ok) {
        rejected++;
        return;
      }
      const s = r.sample;
      insert.run(
        s.unitId,
        s.tsMs,
        s.receivedMs,
        s.lon,
        s.lat,
        n(s.headingDeg),
        n(s.speedKmh),
        n(s.batteryPct),
        n(s.altM),
      );
      persisted++;
      lastMs = nowMs;
    };
    process.on('exit', () => db.close());
  }

  client.on('message', (topic, payload) => {
    received++;
    if (!probed) {
      if (topic === PROBE_TOPIC) {
        probed = true;
        send({ ev: 'probed' });
      }
      return;
    }
    if (!armed) return;
    if (handle) handle(topic, payload);
    else lastMs = Date.now();
  });
  await client.subscribeAsync(TELEMETRY_SUBSCRIPTION, { qos: 1 });
  send({ ev: 'connected' });

  onCommand((c) => {
    if (c.cmd !== 'arm') return;
    armed = true;
    // Probes still in flight were counted before arming; baseline them out.
    base = received;
    const baseRejected = rejected;
    const cpu = process.cpuUsage();
    watchProgress(
      () => ({ count: naive ? persisted : received - base, lastMs }),
      (stalled) => {
        const result: BurstResult = {
          ev: 'result',
          received: received - base,
          persisted: naive ? persisted : 0,
          lastMs,
          stalled,
          rejected: rejected - baseRejected,
          cpuMs: cpuMs(cpu),
          rssMb: process.memoryUsage().rss / MB,
        };
        send(result);
        void client.endAsync(true).then(() => process.exit(0));
      },
    );
    send({ ev: 'armed' });
  });
}

async function startCore(ackQos1: 'commit' | 'receipt' = 'commit'): Promise<ConsoleCore> {
  const config = coreConfigFrom(
    { broker: init.url, 'no-sim': true, 'data-dir': init.dataDir, region: init.regionId },
    {},
    { resourcesDir: init.resourcesDir },
  );
  const core = await ConsoleCore.start({ ...config, clientId: init.clientId, ackQos1 });
  const end = Date.now() + 10_000;
  while (core.live.status().broker.state !== 'connected') {
    if (Date.now() > end)
      throw new Error(`console did not connect: ${core.live.status().broker.lastError}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  send({ ev: 'connected' });
  // The probe is rejected by validation, so it is counted as received but never persisted.
  while (core.live.ingest.counters.received === 0) await new Promise((r) => setTimeout(r, 10));
  send({ ev: 'probed' });
  return core;
}

async function consoleBurst(ackQos1: 'commit' | 'receipt'): Promise<void> {
  const core = await startCore(ackQos1);
  let base = 0;
  let baseRejected = 0;
  let lastMs = 0;
  let lastAccepted = 0;
  core.api.on('unitsFrame', () => {
    // A frame carries every sample accepted before its tick; their commit follows (see below).
    const accepted = core.live.ingest.counters.accepted - base;
    if (accepted > lastAccepted) {
      lastAccepted = accepted;
      lastMs = Date.now();
    }
  });
  onCommand((c) => {
    if (c.cmd !== 'arm') return;
    base = core.live.ingest.counters.accepted;
    baseRejected = core.live.ingest.counters.rejectedTotal;
    const baseReceived = core.live.ingest.counters.received;
    const cpu = process.cpuUsage();
    watchProgress(
      () => ({ count: lastAccepted, lastMs }),
      (stalled) => {
        // The rate counts to the commit of the last sample, not to its frame: the store's writer
        // thread commits each tick after the frame goes out.
        const persisted = core.live.repo.sampleCount(); // waits for queued ticks
        const result: BurstResult = {
          ev: 'result',
          received: core.live.ingest.counters.received - baseReceived,
          persisted,
          lastMs: Math.max(lastMs, core.live.repo.lastCommitMs),
          stalled,
          rejected: core.live.ingest.counters.rejectedTotal - baseRejected,
          cpuMs: cpuMs(cpu),
          rssMb: process.memoryUsage().rss / MB,
        };
        send(result);
        void core.stop().then(() => process.exit(0));
      },
    );
    send({ ev: 'armed' });
  });
}

async function soak(): Promise<void> {
  const core = await startCore();
  const n = (await core.api.getUnits()).length;
  const lastCounted = new Float64Array(n);
  const all = new LatencyHistogram();
  const win = new LatencyHistogram();
  const windows: SoakResult['windows'][number][] = [];
  const rss: [number, number, number][] = [];
  const arrival = new LatencyHistogram();
  let armed = false;
  let frames = 0;
  let armedMs = 0;
  let seen = 0;
  // Device→console arrival for one message in 16, to split the frame latency into broker transit
  // and coalescing wait. MqttLink calls core.live.handleMessage through the instance, so this wraps it.
  const tickMs = new LatencyHistogram();
  const tick = core.live.tick.bind(core.live);
  // The timer calls core.live.tick through the instance too: time each tick (write, state, frame).
  core.live.tick = () => {
    const t0 = performance.now();
    tick();
    if (armed) tickMs.add(performance.now() - t0);
  };
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  const handle = core.live.handleMessage.bind(core.live);
  core.live.handleMessage = (topic, payload) => {
    if (armed && (seen++ & 15) === 0) {
      const m = /"tsMs":(\d+)/.exec(
        Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength).toString(
          'utf8',
          0,
          120,
        ),
      );
      if (m) arrival.add(Date.now() - Number(m[1]));
    }
    handle(topic, payload);
  };
  core.api.on('unitsFrame', (f) => {
    if (!armed) return;
    frames++;
    const emitMs = Date.now();
    for (let k = 0; k < f.idx.length; k++) {
      const i = f.idx[k] as number;
      const ts = f.sampleTsMs[k] as number;
      // A unit also appears in a frame when only its liveness changed; count each sample once.
      if (!(ts > (lastCounted[i] as number))) continue;
      lastCounted[i] = ts;
      all.add(emitMs - ts);
      win.add(emitMs - ts);
    }
  });
  const sampleRss = (): void => {
    const m = process.memoryUsage();
    rss.push([(Date.now() - armedMs) / 1000, m.rss / MB, m.heapUsed / MB]);
  };
  let timers: NodeJS.Timeout[] = [];
  let cpu = process.cpuUsage();
  let base = 0;
  let baseRejected = 0;
  onCommand((c) => {
    if (c.cmd === 'arm') {
      armed = true;
      armedMs = Date.now();
      base = core.live.ingest.counters.accepted;
      baseRejected = core.live.ingest.counters.rejectedTotal;
      cpu = process.cpuUsage();
      loopDelay.enable();
      sampleRss();
      timers = [
        setInterval(sampleRss, 1000),
        setInterval(() => {
          windows.push({ atS: Math.round((Date.now() - armedMs) / 1000), ...win.summary() });
          win.reset();
        }, 10_000),
      ];
      send({ ev: 'armed' });
      return;
    }
    for (const t of timers) clearInterval(t);
    sampleRss();
    const result: SoakResult = {
      ev: 'soak',
      latency: all.summary(),
      arrival: arrival.summary(),
      tickMs: core.config.tickMs,
      tickDuration: tickMs.summary(),
      loopDelayMs: {
        p50: loopDelay.percentile(50) / 1e6,
        p99: loopDelay.percentile(99) / 1e6,
        max: loopDelay.max / 1e6,
      },
      windows,
      rss,
      frames,
      accepted: core.live.ingest.counters.accepted - base,
      rejected: core.live.ingest.counters.rejectedTotal - baseRejected,
      persisted: core.live.repo.sampleCount(),
      cpuMs: cpuMs(cpu),
    };
    send(result);
    void core.stop().then(() => process.exit(0));
  });
}

const roles = {
  bare: () => bareOrNaive(false),
  naive: () => bareOrNaive(true),
  console: () => consoleBurst('commit'),
  'console-receipt': () => consoleBurst('receipt'),
  soak,
};

roles[init.role]().catch((err: unknown) => {
  console.error(`${init.role} subscriber failed:`, err);
  process.exit(1);
});
