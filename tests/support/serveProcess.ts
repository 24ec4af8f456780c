import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { waitFor } from './coreHarness';

const ROOT = resolve(__dirname, '../..');
const SERVE = join(ROOT, 'out/main/serve.js');

function newestMtimeMs(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestMtimeMs(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/** The headless host is tested as built; (re)build it when missing or older than its sources. */
export function ensureServeBuilt(): void {
  const sources = Math.max(
    newestMtimeMs(join(ROOT, 'electron')),
    newestMtimeMs(join(ROOT, 'shared')),
  );
  if (existsSync(SERVE) && statSync(SERVE).mtimeMs >= sources) return;
  const r = spawnSync(join(ROOT, 'node_modules/.bin/electron-vite'), ['build'], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (r.status !== 0 || !existsSync(SERVE)) {
    throw new Error(
      `this test needs ${SERVE}: \`npx electron-vite build\` failed:\n${r.stdout}\n${r.stderr}`,
    );
  }
}

export interface ServeProcess {
  readonly proc: ChildProcess;
  output(): string;
}

/** Starts the built console host in its own process and waits for "ready". */
export async function startServe(args: readonly string[]): Promise<ServeProcess> {
  const proc = spawn(process.execPath, [SERVE, '--port', '0', ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, MUSTER_TOKEN: '' },
  });
  let out = '';
  proc.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const ready = await waitFor(
    () => out.includes('Muster console ready') || proc.exitCode !== null,
    (v) => v,
    15_000,
  );
  if (!ready || proc.exitCode !== null) throw new Error(`console did not start:\n${out}`);
  return { proc, output: () => out };
}

/** Ends the process with a signal and waits for it to exit. */
export function killServe(c: ServeProcess, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
  return new Promise((r) => {
    if (c.proc.exitCode !== null || c.proc.signalCode !== null) return r();
    c.proc.once('exit', () => r());
    c.proc.kill(signal);
  });
}
