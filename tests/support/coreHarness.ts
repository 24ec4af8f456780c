import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { connectAsync, type MqttClient } from 'mqtt';
import { afterAll, beforeAll } from 'vitest';
import { coreConfigFrom, type CoreConfig } from '../../electron/core/config';
import { ConsoleCore } from '../../electron/core/ConsoleCore';
import { OperatorBook } from '../../electron/core/auth/OperatorBook';
import type { OperatorRole } from '../../shared/domain/operators';

export const RESOURCES_DIR = resolve(__dirname, '../../resources');

export function tempDir(prefix = 'muster-test-'): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export function testConfig(dataDir: string, overrides: Partial<CoreConfig> = {}): CoreConfig {
  return {
    ...coreConfigFrom({ 'no-sim': true, 'data-dir': dataDir }, {}, { resourcesDir: RESOURCES_DIR }),
    tickMs: 50,
    ...overrides,
  };
}

export async function startCore(
  dataDir: string,
  overrides: Partial<CoreConfig> = {},
): Promise<ConsoleCore> {
  return ConsoleCore.start(testConfig(dataDir, overrides));
}

/**
 * A client that plays devices: on a core's embedded broker, logged in as its simulator (which may
 * publish every roster device's reports); on a bare URL (a test's own mosquitto), as given.
 */
export async function connectPublisher(
  to: string | Pick<ConsoleCore, 'url' | 'simulatorLogin'>,
  login?: { username: string; password: string },
): Promise<MqttClient> {
  const url = typeof to === 'string' ? to : to.url;
  const as = login ?? (typeof to === 'string' ? undefined : to.simulatorLogin);
  return connectAsync(url, {
    clientId: `test-pub-${process.pid}-${Math.random().toString(36).slice(2)}`,
    ...(as ? { username: as.username, password: as.password } : {}),
  });
}

/** Polls until the predicate holds or the deadline passes; returns the last value for a clear assertion. */
export async function waitFor<T>(
  read: () => T | Promise<T>,
  ok: (v: T) => boolean,
  timeoutMs = 10_000,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  let v = await read();
  while (!ok(v) && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 25));
    v = await read();
  }
  return v;
}

/**
 * One core with the embedded broker and one publisher for a whole describe block, started in
 * beforeAll and stopped in afterAll. Read the fields inside tests, not at collection time.
 */
export function useCoreAndPublisher(prefix?: string): { core: ConsoleCore; pub: MqttClient } {
  const tmp = tempDir(prefix);
  const ctx = {} as { core: ConsoleCore; pub: MqttClient };
  beforeAll(async () => {
    ctx.core = await startCore(tmp.dir);
    ctx.pub = await connectPublisher(ctx.core);
  });
  afterAll(async () => {
    await ctx.pub?.endAsync();
    await ctx.core?.stop();
    tmp.remove();
  });
  return ctx;
}

/** A password long enough for enrolment, for the operators tests enrol. */
export const TEST_PASSWORD = 'test-password-1';

/** Enrols an operator in a running core's store, as `npm run operators -- add` does. */
export function enrol(
  core: ConsoleCore,
  name: string,
  role: OperatorRole,
  password = TEST_PASSWORD,
): void {
  new OperatorBook(core.live.db).enrol(name, role, password, 'test');
}
