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

/** Starts the built headless host (`node out/main/serve.js`) on a free port with a fresh data dir. */
async function startServe(
  args: string[] = [],
  supervisors: readonly Supervisor[] = [],
): Promise<{ console: Console; stop: () => Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'muster-e2e-'));
  enrol(dataDir, supervisors);
  const proc: ChildProcess = spawn(
    process.execPath,
    ['out/main/serve.js', '--port', '0', '--data-dir', dataDir, ...args],
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
    console: {
      url,
      origin: new URL(url).origin,
      brokerUrl,
      dataDir,
      output: () => out,
      deviceLogin: (deviceId) => issueDevice(dataDir, deviceId),
    },
    stop: async () => {
      if (proc.exitCode === null) {
        const exited = new Promise((r) => proc.once('exit', r));
        proc.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
        if (proc.exitCode === null) proc.kill('SIGKILL');
      }
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
