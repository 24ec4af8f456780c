// `npm run bench:ingest [-- --soak-minutes 10]`: the ingest benchmark of issue 3, in one run
// against one Debian mosquitto and one publisher process. Prints a table and writes the raw
// figures to bench-results/ingest-<timestamp>.json.
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { connectAsync, type MqttClient } from 'mqtt';
import { startMosquitto } from '../tests/support/mosquitto';
import {
  PROBE_TOPIC,
  type PublisherCommand,
  type PublisherEvent,
  type PublisherInit,
  type Qos,
  type SubscriberEvent,
  type SubscriberInit,
  type SubscriberRole,
} from './protocol';
import { canIsolate, describe, pin, placement, type Placement, type Topology } from './affinity';
import { BENCH_REGION_ID, writeBenchPack } from './roster';
import { f0, report, ROLE_LABEL, type BurstPhase, type SoakPhase } from './report';
import { slope } from './stats';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = process.cwd();

const { values: args } = parseArgs({
  options: {
    units: { type: 'string', default: '10000' },
    'qos0-messages': { type: 'string', default: '200000' },
    'qos1-messages': { type: 'string', default: '100000' },
    'soak-minutes': { type: 'string', default: '1' },
    'rate-hz': { type: 'string', default: '1' },
    /** CPU profiles of the console processes, for finding where ingest time goes. */
    profile: { type: 'boolean', default: false },
    /** Mosquitto's set_tcp_nodelay (off by default in mosquitto): shows what Nagle costs. */
    'broker-nodelay': { type: 'boolean', default: false },
    'skip-bursts': { type: 'boolean', default: false },
    /** Interleaved repeats of the a/b/c bursts per QoS; ratios are medians over them. */
    repeats: { type: 'string', default: '3' },
    /** CPU placement (bench/affinity.ts): isolated, shared, or both interleaved. */
    topology: { type: 'string', default: 'both' },
  },
});
const UNITS = Number(args.units);
const SOAK_MS = Number(args['soak-minutes']) * 60_000;
const COUNTS: Record<Qos, number> = {
  0: Number(args['qos0-messages']),
  1: Number(args['qos1-messages']),
};
const RATE_HZ = Number(args['rate-hz']);
const REPEATS = Math.max(1, Math.floor(Number(args.repeats)));
const ISOLATE = canIsolate();
if (!['isolated', 'shared', 'both'].includes(args.topology)) {
  throw new Error(`--topology must be isolated, shared or both, not "${args.topology}"`);
}
if (!ISOLATE && args.topology !== 'shared') {
  console.log('this machine cannot pin processes (one CPU or no taskset): shared placement only');
}
/** The placements this run measures, in the order each repeat runs them. */
const TOPOLOGIES: readonly Topology[] = !ISOLATE
  ? ['shared']
  : args.topology === 'both'
    ? ['isolated', 'shared']
    : [args.topology as Topology];
const PLACEMENTS: readonly Placement[] = TOPOLOGIES.map((t) => placement(t));
// In-flight windows: large enough that the publisher is never the bottleneck, bounded so
// mqtt.js does not collapse (SETUP-NOTES: unthrottled publish() falls to ~900 msg/s).
const WINDOW: Record<Qos, number> = { 0: 1000, 1: 200 };
const QOS0_ROLES = ['bare', 'console', 'naive'] as const satisfies readonly SubscriberRole[];
const QOS1_ROLES = [
  'bare',
  'console',
  'console-receipt',
  'naive',
] as const satisfies readonly SubscriberRole[];
/** max_inflight_messages of the shipped county configuration, which the console is tuned for. */
const COUNTY_INFLIGHT = (() => {
  const conf = readFileSync(join(ROOT, 'resources/broker/mosquitto-county.conf'), 'utf8');
  const m = /^max_inflight_messages (\d+)$/m.exec(conf);
  if (!m) throw new Error('resources/broker/mosquitto-county.conf sets no max_inflight_messages');
  return Number(m[1]);
})();

/** Events from a child, awaited in order. */
class Child<E extends { ev: string }> {
  private readonly queue: E[] = [];
  private waiter: (() => void) | undefined;
  private exited: string | undefined;

  constructor(readonly proc: ChildProcess) {
    proc.on('message', (m: E) => {
      this.queue.push(m);
      this.waiter?.();
    });
    proc.on('exit', (code) => {
      this.exited = `exited with code ${code}`;
      this.waiter?.();
    });
  }

  async next<K extends E['ev']>(ev: K, timeoutMs = 60_000): Promise<Extract<E, { ev: K }>> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const i = this.queue.findIndex((m) => m.ev === ev);
      if (i >= 0) return this.queue.splice(i, 1)[0] as Extract<E, { ev: K }>;
      if (this.exited) throw new Error(`child ${this.exited} before "${ev}"`);
      if (Date.now() > end) throw new Error(`timed out waiting for "${ev}"`);
      await new Promise<void>((r) => {
        this.waiter = r;
        setTimeout(r, 500);
      });
    }
  }

  send(m: unknown): void {
    this.proc.send(m as never);
  }

  exit(): Promise<void> {
    if (this.proc.exitCode !== null) return Promise.resolve();
    return new Promise((r) => this.proc.once('exit', () => r()));
  }
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

interface Bench {
  readonly mqttUrl: string;
  readonly tmp: string;
  readonly resourcesDir: string;
  readonly publisher: Child<PublisherEvent>;
  readonly probe: MqttClient;
  readonly brokerPid: number | undefined;
}

/** Puts the broker, the publisher and this driver where `p` says; subscribers start in place. */
function placeWorld(b: Bench, p: Placement): void {
  if (!ISOLATE) return;
  for (const pid of [b.brokerPid, b.publisher.proc.pid, process.pid]) {
    if (pid !== undefined) pin(pid, p.world);
  }
}

function startSubscriber(
  b: Bench,
  place: Placement,
  role: SubscriberRole,
  qos: Qos,
  expected: number,
  repeat = 1,
) {
  // A fresh database and broker session per phase and repeat: nothing carries over between them.
  const tag = `${role}-qos${qos}-r${repeat}-${place.topology}`;
  const dataDir = join(b.tmp, tag);
  mkdirSync(dataDir, { recursive: true });
  const init: SubscriberInit = {
    role,
    url: b.mqttUrl,
    expected,
    dataDir,
    resourcesDir: b.resourcesDir,
    regionId: BENCH_REGION_ID,
    // A client id per phase: a console with a persistent session must not inherit another's queue.
    clientId: `muster-bench-${tag}-${process.pid}`,
  };
  const script = join(HERE, 'subscriber.mjs');
  const execArgv =
    args.profile && (role === 'console' || role === 'soak')
      ? ['--cpu-prof', '--cpu-prof-dir', join(ROOT, 'bench-results/profiles')]
      : [];
  // Started under taskset, so every thread it ever makes (the store's writer included) stays there.
  const proc = ISOLATE
    ? spawn(
        'taskset',
        ['-c', place.subscriber, process.execPath, ...execArgv, script, JSON.stringify(init)],
        { stdio: ['inherit', 'inherit', 'inherit', 'ipc'] },
      )
    : fork(script, [JSON.stringify(init)], { stdio: 'inherit', execArgv });
  return { init, child: new Child<SubscriberEvent>(proc) };
}

/** Publishes a probe until the subscriber proves its subscription is live, then arms it. */
async function connectAndArm(b: Bench, child: Child<SubscriberEvent>): Promise<void> {
  await child.next('connected');
  const probing = setInterval(
    () => b.probe.publish(PROBE_TOPIC, '{"probe":true}', { qos: 0 }),
    100,
  );
  try {
    await child.next('probed', 15_000);
  } finally {
    clearInterval(probing);
  }
  await sleep(300); // let stray probes land before the baseline is taken
  child.send({ cmd: 'arm' });
  await child.next('armed');
}

/** Ends a console's broker session so its queue cannot grow while later phases publish. */
async function dropSession(b: Bench, clientId: string): Promise<void> {
  const c = await connectAsync(b.mqttUrl, { clientId, clean: true });
  await c.endAsync();
}

async function burstPhase(
  b: Bench,
  place: Placement,
  role: SubscriberRole,
  qos: Qos,
  repeat: number,
): Promise<BurstPhase> {
  const messages = COUNTS[qos];
  const { init, child } = startSubscriber(b, place, role, qos, messages, repeat);
  await connectAndArm(b, child);
  const cmd: PublisherCommand = {
    cmd: 'burst',
    qos,
    count: messages,
    window: WINDOW[qos],
    // The same messages for every role at this QoS: each phase has a fresh database.
    baseTsMs: Date.now() - 3_600_000 - qos * 100_000,
  };
  b.publisher.send(cmd);
  const pub = await b.publisher.next('done', 600_000);
  const sub = await child.next('result', 600_000);
  await child.exit();
  if (role === 'console' || role === 'console-receipt') await dropSession(b, init.clientId);
  const counted = role === 'bare' ? sub.received : sub.persisted;
  const ratePerSec = (counted * 1000) / (sub.lastMs - pub.startMs);
  return {
    topology: place.topology,
    role,
    qos,
    repeat,
    messages,
    publisher: { ...pub, ratePerSec: (pub.sent * 1000) / (pub.endMs - pub.startMs) },
    subscriber: sub,
    ratePerSec,
    cpuUsPerMsg: (sub.cpuMs * 1000) / Math.max(1, sub.received),
  };
}

async function soakPhase(b: Bench, place: Placement): Promise<SoakPhase> {
  placeWorld(b, place);
  const { init, child } = startSubscriber(b, place, 'soak', 0, 0);
  await connectAndArm(b, child);
  const cmd: PublisherCommand = {
    cmd: 'paced',
    qos: 0,
    ratePerSec: UNITS * RATE_HZ,
    durationMs: SOAK_MS,
    window: WINDOW[0],
  };
  b.publisher.send(cmd);
  const pub = await b.publisher.next('done', SOAK_MS + 600_000);
  await sleep(1500); // the last samples reach a frame within a tick or two
  child.send({ cmd: 'stop' });
  const result = await child.next('soak', 600_000);
  await child.exit();
  await dropSession(b, init.clientId);
  const rss = result.rss;
  const mbPerMin = (pts: readonly (readonly [number, number, number])[]): number =>
    slope(pts.map(([t, r]) => [t / 60, r]));
  const durationS = (pub.endMs - pub.startMs) / 1000;
  return {
    topology: place.topology,
    units: UNITS,
    rateHz: RATE_HZ,
    durationS,
    publisher: { ...pub, ratePerSec: (pub.sent * 1000) / (pub.endMs - pub.startMs) },
    result,
    rssStartMb: rss[0]?.[1] ?? NaN,
    rssEndMb: rss[rss.length - 1]?.[1] ?? NaN,
    rssMaxMb: Math.max(...rss.map((r) => r[1])),
    rssSlopeMbPerMin: mbPerMin(rss),
    rssSlopeSecondHalfMbPerMin: mbPerMin(rss.slice(Math.floor(rss.length / 2))),
  };
}

async function main(): Promise<void> {
  const startedAt = new Date();
  const tmp = mkdtempSync(join(tmpdir(), 'muster-bench-'));
  const resourcesDir = join(tmp, 'resources');
  writeBenchPack(join(ROOT, 'resources/regions/kaihua'), resourcesDir, UNITS);
  const mosq = await startMosquitto(
    tmp,
    // No per-client queue limit: a subscriber that falls behind at QoS 1 must be measured, not
    // silently dropped by the broker at its default of 1000 queued messages.
    // The in-flight window of the shipped county configuration (resources/broker): the console
    // holds PUBACKs until its tick commits.
    ['allow_anonymous true', 'max_queued_messages 0', `max_inflight_messages ${COUNTY_INFLIGHT}`]
      .concat(args['broker-nodelay'] ? ['set_tcp_nodelay true'] : [])
      .join('\n'),
  );
  const pubInit: PublisherInit = {
    url: mosq.url,
    regionDir: join(resourcesDir, 'regions', BENCH_REGION_ID),
    units: UNITS,
  };
  const publisher = new Child<PublisherEvent>(
    fork(join(HERE, 'publisher.mjs'), [JSON.stringify(pubInit)], { stdio: 'inherit' }),
  );
  const probe = await connectAsync(mosq.url, { clientId: `muster-bench-probe-${process.pid}` });
  const b: Bench = { mqttUrl: mosq.url, tmp, resourcesDir, publisher, probe, brokerPid: mosq.pid };
  try {
    await publisher.next('ready');
    const bursts: BurstPhase[] = [];
    for (const qos of args['skip-bursts'] ? [] : ([0, 1] as const)) {
      for (let repeat = 1; repeat <= REPEATS; repeat++) {
        for (const place of PLACEMENTS) {
          placeWorld(b, place);
          // At QoS 1 the path before acknowledgement on commit runs too, for the before/after figure.
          const roles = qos === 1 ? QOS1_ROLES : QOS0_ROLES;
          for (const role of roles) {
            process.stdout.write(
              `${ROLE_LABEL[role]}, QoS ${qos}, ${COUNTS[qos]} messages, repeat ${repeat}, ${place.topology}… `,
            );
            const p = await burstPhase(b, place, role, qos, repeat);
            console.log(`${f0(p.ratePerSec)} msg/s`);
            bursts.push(p);
          }
        }
      }
    }
    // The soak in the first placement: isolated when the machine can, the console on its own CPUs.
    const soakPlace = PLACEMENTS[0] as Placement;
    process.stdout.write(
      `soak: ${UNITS} units × ${RATE_HZ} Hz for ${SOAK_MS / 60_000} min, ${soakPlace.topology}… `,
    );
    const soak = await soakPhase(b, soakPlace);
    console.log('done\n');
    const payloadBytes = bursts[0]?.publisher.payloadBytes ?? 0;
    const { text, ratios } = report(UNITS, bursts, soak, payloadBytes, PLACEMENTS.map(describe));
    console.log(text);
    const outDir = resolve(ROOT, 'bench-results');
    mkdirSync(outDir, { recursive: true });
    const file = join(outDir, `ingest-${startedAt.toISOString().replace(/[:.]/g, '-')}.json`);
    writeFileSync(
      file,
      JSON.stringify(
        {
          startedAt: startedAt.toISOString(),
          command: `npm run bench:ingest -- ${process.argv.slice(2).join(' ')}`.trim(),
          machine: {
            cpus: cpus().length,
            cpuModel: cpus()[0]?.model,
            totalMemMb: totalmem() / 1024 / 1024,
          },
          node: process.version,
          broker: 'mosquitto (Debian)',
          placements: PLACEMENTS,
          units: UNITS,
          payloadBytes,
          windows: WINDOW,
          bursts,
          ratios,
          soak,
          printed: text,
        },
        null,
        2,
      ),
    );
    console.log(`\nraw results: ${file}`);
  } finally {
    publisher.send({ cmd: 'exit' });
    await publisher.exit();
    await probe.endAsync();
    await mosq.stop();
    rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error('bench failed:', err);
  process.exitCode = 1;
});
