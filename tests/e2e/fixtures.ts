import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base } from '@playwright/test';

export interface Console {
  /** The URL printed by the headless host, token included. */
  readonly url: string;
  readonly origin: string;
  /** The broker the console listens to, from its `broker: URL` line (the embedded one by default). */
  readonly brokerUrl: string;
  /** The host's data dir (its SQLite store is muster.db there). */
  readonly dataDir: string;
  readonly output: () => string;
  /** Issues a device's secret with the real command (`node out/main/devices.js issue`). */
  readonly deviceLogin: (deviceId: string) => { username: string; password: string };
}

export interface Supervisor {
  readonly name: string;
  readonly pin: string;
}

/** Enrols supervisors with the real command (`node out/main/supervisors.js add`, PIN on stdin). */
function enrol(dataDir: string, supervisors: readonly Supervisor[]): void {
  for (const s of supervisors) {
    const r = spawnSync(
      process.execPath,
      ['out/main/supervisors.js', 'add', s.name, '--data-dir', dataDir],
      { input: `${s.pin}\n`, encoding: 'utf8' },
    );
    if (r.status !== 0) throw new Error(`enrolling ${s.name} failed:\n${r.stdout}${r.stderr}`);
  }
}

function issueDevice(dataDir: string, deviceId: string): { username: string; password: string } {
  const r = spawnSync(
    process.execPath,
    ['out/main/devices.js', 'issue', deviceId, '--data-dir', dataDir],
    { encoding: 'utf8' },
  );
  const [id, secret] = r.stdout.trim().split('\t');
  if (r.status !== 0 || id !== deviceId || secret === undefined) {
    throw new Error(`issuing ${deviceId} failed:\n${r.stdout}${r.stderr}`);
  }
  return { username: id, password: secret };
}

export interface ServeProcess {
  readonly url: string;
  readonly brokerUrl: string;
  readonly output: () => string;
  /** Ends the host: SIGTERM (then SIGKILL after 5 s), or SIGKILL at once to play a crash. */
  stop(signal?: 'SIGTERM' | 'SIGKILL'): Promise<void>;
}

/**
 * Runs the built headless host (`node out/main/serve.js`) on `dataDir` with these arguments
 * (`--port 0` unless they name one) and waits for it to print its URL.
 */
export async function spawnServe(dataDir: string, args: string[] = []): Promise<ServeProcess> {
  const port = args.includes('--port') ? [] : ['--port', '0'];
  const proc: ChildProcess = spawn(
    process.execPath,
    ['out/main/serve.js', ...port, '--data-dir', dataDir, ...args],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, MUSTER_TOKEN: '' } },
  );
  let out = '';
  proc.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const [url, brokerUrl] = await new Promise<[string, string]>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start:\n${out}`)), 30_000);
    const poll = setInterval(() => {
      const m = /Muster console ready: (http\S+)/.exec(out);
      const b = /^broker: ((?:mqtts?|wss?):\/\/\S+)/m.exec(out);
      if (m?.[1] && b?.[1]) {
        clearTimeout(timer);
        clearInterval(poll);
        resolve([m[1], b[1]]);
      } else if (proc.exitCode !== null) {
        clearTimeout(timer);
        clearInterval(poll);
        reject(new Error(`serve exited with ${proc.exitCode}:\n${out}`));
      }
    }, 50);
  });
  return {
    url,
    brokerUrl,
    output: () => out,
    stop: async (signal = 'SIGTERM') => {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      const exited = new Promise((r) => proc.once('exit', r));
      proc.kill(signal);
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
    },
  };
}

/** Starts the built headless host on a free port with a fresh data dir. */
async function startServe(
  args: string[] = [],
  supervisors: readonly Supervisor[] = [],
): Promise<{ console: Console; stop: () => Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'muster-e2e-'));
  enrol(dataDir, supervisors);
  const host = await spawnServe(dataDir, args);
  return {
    console: {
      url: host.url,
      origin: new URL(host.url).origin,
      brokerUrl: host.brokerUrl,
      dataDir,
      output: host.output,
      deviceLogin: (deviceId) => issueDevice(dataDir, deviceId),
    },
    stop: async () => {
      await host.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const test = base.extend<
  object,
  { muster: Console; musterArgs: string[]; musterSupervisors: Supervisor[] }
>({
  // Extra host arguments for a spec (`test.use({ musterArgs: [...] })`); a spec that sets them gets
  // its own worker, hence its own host.
  musterArgs: [[], { scope: 'worker', option: true }],
  // Supervisors enrolled in the host's data dir before it starts.
  musterSupervisors: [[], { scope: 'worker', option: true }],
  muster: [
    async ({ musterArgs, musterSupervisors }, use) => {
      const s = await startServe(musterArgs, musterSupervisors);
      await use(s.console);
      await s.stop();
    },
    { scope: 'worker' },
  ],
});

export { expect } from '@playwright/test';
