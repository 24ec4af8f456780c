import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

const CANDIDATES = ['/usr/sbin/mosquitto', '/usr/bin/mosquitto'];

export function mosquittoPath(): string | undefined {
  return CANDIDATES.find((p) => existsSync(p));
}

export function hasMosquittoPub(): boolean {
  return spawnSync('mosquitto_pub', ['--help']).error === undefined;
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
  stop(): Promise<void>;
}

/** Starts Debian's mosquitto on a free loopback port with a config of its own (extra lines appended). */
export async function startMosquitto(
  dir: string,
  extraConfig = '',
  port?: number,
): Promise<Mosquitto> {
  const bin = mosquittoPath();
  if (!bin) throw new Error('mosquitto not installed');
  const p = port ?? (await freePort());
  const conf = join(dir, `mosquitto-${p}.conf`);
  writeFileSync(
    conf,
    [
      'per_listener_settings true',
      `listener ${p} 127.0.0.1`,
      extraConfig || 'allow_anonymous true',
      'persistence false',
      'log_dest stderr',
      'log_type error',
      'log_type warning',
      // Started as root, mosquitto drops privileges to this user; keep it root-readable files only.
      'user root',
      '',
    ].join('\n'),
  );
  const proc: ChildProcess = spawn(bin, ['-c', conf], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  proc.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  await waitListening(p, proc, () => stderr);
  return {
    port: p,
    url: `mqtt://127.0.0.1:${p}`,
    stop: () =>
      new Promise<void>((resolve) => {
        if (proc.exitCode !== null) return resolve();
        proc.once('exit', () => resolve());
        proc.kill('SIGTERM');
      }),
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
