import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, type Page } from '@playwright/test';
import WebSocket from 'ws';
import { createWsApi, wsUrl, type WebSocketCtor } from '../../shared/contract/wsClient';
import type { OperatorRole } from '../../shared/domain/operators';
import { LOGIN_STORAGE_KEY } from '../../renderer/src/transport/pickApi';

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
  /** One operator enrolled per role before the host started. */
  readonly operators: Readonly<Record<OperatorRole, Operator>>;
  /** Logs `page` in as that role's operator from its next load on (its tab resumes a login). */
  readonly loginAs: (page: Page, role: OperatorRole) => Promise<void>;
}

export interface Operator {
  readonly name: string;
  readonly role: OperatorRole;
  readonly password: string;
}

/** The operators every host gets: one per role, enrolled with the real command. */
export const OPERATORS: Readonly<Record<OperatorRole, Operator>> = {
  commander: { name: '值班指挥长 王伟', role: 'commander', password: 'commander-pass-1' },
  supervisor: { name: '王建国', role: 'supervisor', password: 'supervisor-pass-1' },
  facilitator: { name: '导调 李娜', role: 'facilitator', password: 'facilitator-pass-1' },
  auditor: { name: '审计 赵敏', role: 'auditor', password: 'auditor-pass-1' },
  admin: { name: '管理员 陈', role: 'admin', password: 'admin-pass-0001' },
};

/** Enrols operators with the real command (`node out/main/operators.js add`, password on stdin). */
export function enrol(dataDir: string, operators: readonly Operator[]): void {
  for (const o of operators) {
    const r = spawnSync(
      process.execPath,
      ['out/main/operators.js', 'add', o.name, '--role', o.role, '--data-dir', dataDir],
      { input: `${o.password}\n`, encoding: 'utf8' },
    );
    if (r.status !== 0) throw new Error(`enrolling ${o.name} failed:\n${r.stdout}${r.stderr}`);
  }
}

/** A login made over the host's socket, as a screen makes it: its resume token. */
async function resumeTokenFor(url: string, o: Operator): Promise<string> {
  const u = new URL(url);
  const token = u.searchParams.get('token') ?? '';
  const api = createWsApi(wsUrl(u.origin), token, WebSocket as unknown as WebSocketCtor);
  try {
    return (await api.login(o.name, o.password)).resumeToken;
  } finally {
    api.close();
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
): Promise<{ console: Console; stop: () => Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'muster-e2e-'));
  enrol(dataDir, Object.values(OPERATORS));
  const host = await spawnServe(dataDir, args);
  const resumes = new Map<OperatorRole, Promise<string>>();
  const loginAs = async (page: Page, role: OperatorRole): Promise<void> => {
    let t = resumes.get(role);
    if (!t) resumes.set(role, (t = resumeTokenFor(host.url, OPERATORS[role])));
    const resume = await t;
    // Set before the page's own script runs, on every load until the page logs out.
    await page.addInitScript(
      ([key, value]) => {
        const store = (
          globalThis as unknown as {
            sessionStorage: {
              getItem(k: string): string | null;
              setItem(k: string, v: string): void;
            };
          }
        ).sessionStorage;
        if (!store.getItem(key)) store.setItem(key, value);
      },
      [LOGIN_STORAGE_KEY, resume] as const,
    );
  };
  return {
    console: {
      url: host.url,
      origin: new URL(host.url).origin,
      brokerUrl: host.brokerUrl,
      dataDir,
      output: host.output,
      deviceLogin: (deviceId) => issueDevice(dataDir, deviceId),
      operators: OPERATORS,
      loginAs,
    },
    stop: async () => {
      await host.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const test = base.extend<
  { musterRole: OperatorRole | 'none' },
  { muster: Console; musterArgs: string[] }
>({
  // Who the test's page is logged in as (`test.use({ musterRole: 'facilitator' })`); 'none'
  // leaves it at the login screen.
  musterRole: ['commander', { option: true }],
  page: async ({ page, muster, musterRole }, use) => {
    if (musterRole !== 'none') await muster.loginAs(page, musterRole);
    await use(page);
  },
  // Extra host arguments for a spec (`test.use({ musterArgs: [...] })`); a spec that sets them gets
  // its own worker, hence its own host.
  musterArgs: [[], { scope: 'worker', option: true }],
  muster: [
    async ({ musterArgs }, use) => {
      const s = await startServe(musterArgs);
      await use(s.console);
      await s.stop();
    },
    { scope: 'worker' },
  ],
});

export { expect } from '@playwright/test';
