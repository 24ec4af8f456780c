// In-process micro-benchmark of the console's ingest path: ConsoleCore.handleMessage for every
// message plus ConsoleCore.tick every tick's worth, without a broker in the loop, for the current
// tree and for a baseline tree in the same run (same messages, fresh database each round), so
// their ratio does not depend on what else the machine is doing. Run `bench/ingestMicro.sh`.
//
// The baseline is a checked-out copy of electron/ and shared/ at an older commit under
// bench-results/legacy (see ingestMicro.sh); rounds alternate baseline/current.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { coreConfigFrom } from '../electron/core/config';
import { ConsoleCore } from '../electron/core/ConsoleCore';
import {
  ConsoleCore as LegacyCore,
  coreConfigFrom as legacyConfigFrom,
} from './ingestMicroBaseline.mjs';
import { BENCH_REGION_ID, payloadTemplates, readStations, writeBenchPack } from './roster';

const { values: args } = parseArgs({
  options: {
    units: { type: 'string', default: '10000' },
    messages: { type: 'string', default: '200000' },
    /** Messages per tick: 66,000 msg/s × the 200 ms tick, as in bench:ingest. */
    'per-tick': { type: 'string', default: '13000' },
    rounds: { type: 'string', default: '3' },
  },
});
const UNITS = Number(args.units);
const MESSAGES = Number(args.messages);
const PER_TICK = Number(args['per-tick']);
const ROUNDS = Number(args.rounds);

/** What both trees' cores offer the benchmark. */
interface Core {
  handleMessage(topic: string, payload: Uint8Array): void;
  tick(): void;
  readonly counters: { readonly accepted: number };
  readonly repo: { sampleCount(): number; writeTick: (...a: never[]) => void };
  stop(): Promise<void>;
}

interface Round {
  readonly handleUsPerMsg: number;
  readonly tickUsPerMsg: number;
  /** The part of the tick spent in TelemetryRepo.writeTick on the main thread. */
  readonly writeUsPerMsg: number;
  /** From the first message to everything committed. */
  readonly wallUsPerMsg: number;
  /** CPU of the whole process, all threads. */
  readonly cpuUsPerMsg: number;
  readonly totalUsPerMsg: number;
}

async function runOnce(
  label: string,
  start: (dataDir: string) => Promise<Core>,
  topics: readonly string[],
  payloads: readonly Buffer[],
): Promise<Round> {
  const dataDir = mkdtempSync(join(tmpdir(), `muster-micro-${label}-`));
  const core = await start(dataDir);
  try {
    const base = core.counters.accepted;
    let writeMs = 0;
    const write = core.repo.writeTick;
    // Times the store's share of the tick (a writable slot at run time, whatever its type says).
    (core.repo as { writeTick: (...a: never[]) => void }).writeTick = (...a: never[]) => {
      const t = performance.now();
      write(...a);
      writeMs += performance.now() - t;
    };
    let handleMs = 0;
    let tickMs = 0;
    const cpu = process.cpuUsage();
    const t00 = performance.now();
    for (let i = 0; i < payloads.length; i += PER_TICK) {
      const end = Math.min(payloads.length, i + PER_TICK);
      const t0 = performance.now();
      for (let k = i; k < end; k++) core.handleMessage(topics[k] as string, payloads[k] as Buffer);
      const t1 = performance.now();
      core.tick();
      tickMs += performance.now() - t1;
      handleMs += t1 - t0;
    }
    const accepted = core.counters.accepted - base;
    const persisted = core.repo.sampleCount(); // waits for the store to commit everything
    const wallMs = performance.now() - t00;
    const used = process.cpuUsage(cpu);
    await core.stop();
    if (accepted !== payloads.length || persisted !== payloads.length) {
      throw new Error(
        `${label}: accepted ${accepted}, persisted ${persisted} of ${payloads.length}`,
      );
    }
    const n = payloads.length;
    return {
      handleUsPerMsg: (handleMs * 1000) / n,
      tickUsPerMsg: (tickMs * 1000) / n,
      writeUsPerMsg: (writeMs * 1000) / n,
      wallUsPerMsg: (wallMs * 1000) / n,
      cpuUsPerMsg: (used.user + used.system) / n,
      totalUsPerMsg: ((handleMs + tickMs) * 1000) / n,
    };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
};

async function main(): Promise<void> {
  const root = process.cwd();
  const tmp = mkdtempSync(join(tmpdir(), 'muster-micro-'));
  const resourcesDir = join(tmp, 'resources');
  const roster = writeBenchPack(resolve(root, 'resources/regions/kaihua'), resourcesDir, UNITS);
  const templates = payloadTemplates(
    roster,
    readStations(join(resourcesDir, 'regions', BENCH_REGION_ID)),
  );
  const baseTsMs = Date.now() - 3_600_000;
  const topics: string[] = [];
  const payloads: Buffer[] = [];
  for (let i = 0; i < MESSAGES; i++) {
    const t = templates[i % templates.length];
    if (!t) throw new Error('no templates');
    topics.push(t.topic);
    payloads.push(Buffer.from(t.head + (baseTsMs + Math.floor(i / UNITS)) + t.tail));
  }
  const values = (dataDir: string) => ({
    'no-sim': true,
    'data-dir': dataDir,
    region: BENCH_REGION_ID,
  });
  // Since the session split the telemetry path is the live session's: adapted to the old shape.
  const startCurrent = async (dataDir: string): Promise<Core> => {
    const c = await ConsoleCore.start({
      ...coreConfigFrom(values(dataDir), {}, { resourcesDir }),
      clientId: `micro-cur-${process.pid}`,
    });
    const live = c.live;
    return {
      handleMessage: (topic, payload) => live.handleMessage(topic, payload),
      tick: () => live.tick(),
      counters: live.ingest.counters,
      repo: live.repo,
      stop: () => c.stop(),
    };
  };
  const startLegacy = (dataDir: string): Promise<Core> =>
    LegacyCore.start({
      ...legacyConfigFrom(values(dataDir), {}, { resourcesDir }),
      clientId: `micro-old-${process.pid}`,
    });
  const legacy: Round[] = [];
  const current: Round[] = [];
  try {
    for (let r = 0; r < ROUNDS; r++) {
      legacy.push(await runOnce('legacy', startLegacy, topics, payloads));
      current.push(await runOnce('current', startCurrent, topics, payloads));
      const l = legacy[r] as Round;
      const c = current[r] as Round;
      console.log(
        `round ${r + 1}: baseline ${l.totalUsPerMsg.toFixed(2)} µs/msg ` +
          `(handle ${l.handleUsPerMsg.toFixed(2)}, tick ${l.tickUsPerMsg.toFixed(2)})  ` +
          `current ${c.totalUsPerMsg.toFixed(2)} µs/msg ` +
          `(handle ${c.handleUsPerMsg.toFixed(2)}, tick ${c.tickUsPerMsg.toFixed(2)})`,
      );
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  const m = (rs: readonly Round[], k: keyof Round): number => median(rs.map((x) => x[k]));
  console.log(
    `\nmedian of ${ROUNDS}, ${MESSAGES.toLocaleString('en-US')} messages, ${UNITS} units, ` +
      `${PER_TICK} per tick (µs per message; handle + tick = main thread):`,
  );
  for (const k of [
    'handleUsPerMsg',
    'tickUsPerMsg',
    'writeUsPerMsg',
    'totalUsPerMsg',
    'wallUsPerMsg',
    'cpuUsPerMsg',
  ] as const) {
    const b = m(legacy, k);
    const c = m(current, k);
    console.log(
      `  ${k.padEnd(15)} baseline ${b.toFixed(2).padStart(6)}  current ${c.toFixed(2).padStart(6)}  ` +
        `current/baseline ${(c / b).toFixed(2)}`,
    );
  }
  console.log(
    `  throughput ceiling of the main thread: baseline ${Math.round(1e6 / m(legacy, 'totalUsPerMsg')).toLocaleString('en-US')} msg/s, ` +
      `current ${Math.round(1e6 / m(current, 'totalUsPerMsg')).toLocaleString('en-US')} msg/s`,
  );
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error('micro-benchmark failed:', err);
    process.exit(1);
  },
);
