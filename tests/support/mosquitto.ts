import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';

const CANDIDATES = ['/usr/sbin/mosquitto', '/usr/bin/mosquitto'];

export function mosquittoPath(): string | undefined {
  return CANDIDATES.find((p) => existsSync(p));
}

export function hasMosquittoPub(): boolean {
  return spawnSync('mosquitto_pub', ['--help']).error === undefined;
}

/** Mosquitto and its mosquitto_pub (and `also`, when a suite needs more): required in CI. */
export function requireMosquittoPub(also?: { readonly what: string; readonly present: boolean }) {
  const what = ['mosquitto + mosquitto_pub', ...(also ? [also.what] : [])].join(' + ');
  return requireOrSkip(
    what,
    mosquittoPath() !== undefined && hasMosquittoPub() && (also?.present ?? true),
  );
}

const execFileAsync = promisify(execFile);

/** Runs Debian's mosquitto_pub: the outside client in the broker tests. */
export function mosquittoPub(args: readonly string[]): Promise<unknown> {
  return execFileAsync('mosquitto_pub', [...args]);
}

/** In CI a missing broker is a failure; on a developer machine the suite may skip, naming what is missing. */
export function requireOrSkip(what: string, present: boolean): boolean {
  if (present) return true;
  if (process.env.CI === 'true')
    throw new Error(`${what} is required in CI (installed by .ci/run)`);
  console.warn(`skipping: ${what} is not installed`);
  return false;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export interface Mosquitto {
  readonly port: number;
  readonly url: string;
  /** The broker's process id (for tests that kill it). */
  readonly pid: number | undefined;
  stop(): Promise<void>;
  /** Ends the broker with a signal and waits for it to exit (SIGKILL: no shutdown, no final save). */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** Everything the broker wrote to stderr. */
  log(): string;
}

export interface MosquittoOptions {
  /**
   * Keep sessions and queued QoS 1 messages on disk, saved on every change so that they survive
   * even SIGKILL (as far as mosquitto can: a message accepted in the same loop turn may not).
   */
  readonly persistence?: boolean;
  /** Global (not per-listener) config lines, e.g. max_queued_messages. */
  readonly globalConfig?: string;
}

/**
 * Starts Debian's mosquitto on a free loopback port with a config of its own (listener-scoped lines
 * in extraConfig; default allow_anonymous true). Start it again with the same dir and port to
 * restart it with the same persistent store.
 */
export async function startMosquitto(
  dir: string,
  extraConfig = '',
  port?: number,
  options: MosquittoOptions = {},
): Promise<Mosquitto> {
  const bin = mosquittoPath();
  if (!bin) throw new Error('mosquitto not installed');
  const p = port ?? (await freePort());
  const conf = join(dir, `mosquitto-${p}.conf`);
  const persistence = options.persistence
    ? [
        'persistence true',
        `persistence_location ${dir}/`,
        `persistence_file mosquitto-${p}.db`,
        'autosave_on_changes true',
        'autosave_interval 1',
      ]
    : ['persistence false'];
  writeFileSync(
    conf,
    [
      'per_listener_settings true',
      ...persistence,
      options.globalConfig ?? '',
      'log_dest stderr',
      'log_type error',
      'log_type warning',
      // Started as root, mosquitto drops privileges to this user; keep it root-readable files only.
      'user root',
      `listener ${p} 127.0.0.1`,
      extraConfig || 'allow_anonymous true',
      '',
    ].join('\n'),
  );
  return runMosquitto(conf, p);
}

/** Starts mosquitto with a config file of the caller's, listening on `port`. */
export async function runMosquitto(conf: string, port: number): Promise<Mosquitto> {
  const bin = mosquittoPath();
  if (!bin) throw new Error('mosquitto not installed');
  const p = port;
  const proc: ChildProcess = spawn(bin, ['-c', conf], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  proc.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  await waitListening(p, proc, () => stderr);
  const kill = (signal: NodeJS.Signals = 'SIGTERM'): Promise<void> =>
    new Promise<void>((resolve) => {
      if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
      proc.once('exit', () => resolve());
      proc.kill(signal);
    });
  return {
    port: p,
    url: `mqtt://127.0.0.1:${p}`,
    pid: proc.pid,
    stop: () => kill('SIGTERM'),
    kill,
    log: () => stderr,
  };
}

async function waitListening(
  port: number,
  proc: ChildProcess,
  stderr: () => string,
): Promise<void> {
  const { connect } = await import('node:net');
  const end = Date.now() + 10_000;
  while (Date.now() < end) {
    if (proc.exitCode !== null) throw new Error(`mosquitto exited: ${stderr()}`);
    const ok = await new Promise<boolean>((resolve) => {
      const s = connect(port, '127.0.0.1');
      s.once('connect', () => {
        s.destroy();
        resolve(true);
      });
      s.once('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`mosquitto did not listen on ${port}: ${stderr()}`);
}
