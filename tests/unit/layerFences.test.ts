import { ESLint, type Linter } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

// Proves the layer fences in eslint.config.mjs against code that crosses them. The linted files
// need not exist; their paths only have to fall under the config's `files` globs.

const FENCE_RULES = new Set([
  'no-restricted-imports',
  'no-restricted-globals',
  'no-restricted-properties',
]);

let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: process.cwd() });
});

async function lint(filePath: string, code: string): Promise<Linter.LintMessage[]> {
  const [result] = await eslint.lintText(code, { filePath });
  if (!result) throw new Error(`no lint result for ${filePath}`);
  return result.messages;
}

/** The fence violations as "rule: subject", in source order. */
async function fenceHits(filePath: string, code: string): Promise<string[]> {
  const messages = await lint(filePath, code);
  for (const m of messages) {
    if (m.fatal) throw new Error(`${filePath} did not parse: ${m.message}`);
  }
  return messages
    .filter((m) => m.ruleId !== null && FENCE_RULES.has(m.ruleId))
    .map((m) => {
      expect(m.severity, m.message).toBe(2);
      const subject = /'([^']+)'/.exec(m.message)?.[1] ?? m.message;
      return `${m.ruleId}: ${subject}`;
    });
}

const importOf = (spec: string): string => `import * as m from '${spec}';\nexport const x = m;\n`;

const RENDERER = 'renderer/src/__fence__.ts';
const RENDERER_TSX = 'renderer/src/components/__Fence__.tsx';
const SHARED = 'shared/x.ts';
const CORE = 'electron/core/__fence__.ts';
const SERVE = 'electron/serve/__fence__.ts';

describe('renderer fence', () => {
  it.each([
    'node:fs',
    'fs',
    'electron',
    'better-sqlite3',
    'mqtt',
    'ws',
    'aedes',
    'node:path',
    'path',
    'crypto',
  ])('refuses an import of %s', async (spec) => {
    expect(await fenceHits(RENDERER, importOf(spec))).toEqual([`no-restricted-imports: ${spec}`]);
  });

  it('refuses the wall clock as domain time', async () => {
    const code = 'export const ageMs = (t: number): number => Date.now() - t;\n';
    expect(await fenceHits(RENDERER_TSX, code)).toEqual(['no-restricted-properties: Date.now']);
  });

  it('refuses the same in .tsx components', async () => {
    const code = `import { readFileSync } from 'node:fs';\nexport const F = () => <p>{String(readFileSync)}</p>;\n`;
    expect(await fenceHits(RENDERER_TSX, code)).toEqual(['no-restricted-imports: node:fs']);
  });

  it('refuses type-only imports and re-exports too', async () => {
    expect(
      await fenceHits(RENDERER, "import type { Stats } from 'node:fs';\nexport type S = Stats;\n"),
    ).toEqual(['no-restricted-imports: node:fs']);
    expect(await fenceHits(RENDERER, "export { readFileSync } from 'fs';\n")).toEqual([
      'no-restricted-imports: fs',
    ]);
  });

  it('refuses reaching into the Node side by relative path', async () => {
    expect(await fenceHits(RENDERER, importOf('../../electron/core/config'))).toEqual([
      'no-restricted-imports: ../../electron/core/config',
    ]);
  });

  it.each([
    ['process.env', 'export const url = process.env.MUSTER_BROKER_URL;\n', 'process'],
    ['Buffer', "export const b = Buffer.from('x');\n", 'Buffer'],
    ['require', "export const fs = require('fs');\n", 'require'],
    ['__dirname', 'export const d = __dirname;\n', '__dirname'],
    ['global', 'export const g = global;\n', 'global'],
    ['setImmediate', 'setImmediate(() => undefined);\n', 'setImmediate'],
  ])('refuses the Node global %s', async (_label, code, name) => {
    const hits = await fenceHits(RENDERER, code);
    expect(hits).toContain(`no-restricted-globals: ${name}`);
    expect(hits.filter((h) => h.startsWith('no-restricted-globals'))).toEqual([
      `no-restricted-globals: ${name}`,
    ]);
  });

  it('passes a clean renderer module importing react and shared code', async () => {
    const code = [
      "import { useState } from 'react';",
      "import type { UnitsFrame } from '../../shared/domain/units';",
      '',
      'export function useFrameCount(frame: UnitsFrame | undefined): number {',
      '  const [count] = useState(frame?.idx.length ?? 0);',
      '  return count;',
      '}',
      '',
    ].join('\n');
    expect(await lint(RENDERER, code)).toEqual([]);
  });

  it('passes a clean .tsx component', async () => {
    const code = [
      "import { useState } from 'react';",
      '',
      'export function Counter() {',
      '  const [n, setN] = useState(0);',
      '  return <button onClick={() => setN(n + 1)}>{n}</button>;',
      '}',
      '',
    ].join('\n');
    expect(await lint(RENDERER_TSX, code)).toEqual([]);
  });
});

describe('shared fence', () => {
  it.each(['node:path', 'path', 'node:crypto', 'fs', 'electron', 'better-sqlite3', 'mqtt', 'ws'])(
    'refuses an import of %s',
    async (spec) => {
      expect(await fenceHits(SHARED, importOf(spec))).toEqual([`no-restricted-imports: ${spec}`]);
    },
  );

  it('refuses Node globals', async () => {
    expect(
      await fenceHits('shared/telemetry/__fence__.ts', 'export const e = process.env;\n'),
    ).toEqual(['no-restricted-globals: process']);
  });

  it('allows zod', async () => {
    expect(
      await fenceHits(SHARED, "import { z } from 'zod';\nexport const s = z.string();\n"),
    ).toEqual([]);
  });
});

describe('core and headless host fence', () => {
  it.each([CORE, 'electron/core/store/__fence__.ts', SERVE])(
    '%s refuses electron',
    async (file) => {
      expect(await fenceHits(file, importOf('electron'))).toEqual([
        'no-restricted-imports: electron',
      ]);
    },
  );

  it.each([
    [CORE, '../../electron/main/ipcAdapter'],
    [SERVE, '../../electron/preload/index'],
    [CORE, '../../renderer/src/App'],
    [SERVE, '../../renderer/src/transport/x'],
  ])('%s refuses %s', async (file, spec) => {
    expect(await fenceHits(file, importOf(spec))).toEqual([`no-restricted-imports: ${spec}`]);
  });

  it.each([
    [CORE, '../main/ipcAdapter'],
    ['electron/core/telemetry/__fence__.ts', '../../main/index'],
    [SERVE, '../main/security'],
    [CORE, '../preload/index'],
  ])('%s refuses the sibling-relative import %s', async (file, spec) => {
    expect(await fenceHits(file, importOf(spec))).toEqual([`no-restricted-imports: ${spec}`]);
  });

  it('lets the core use Node built-ins, the database and the broker', async () => {
    const code = [
      "import { readFileSync } from 'node:fs';",
      "import Database from 'better-sqlite3';",
      "import mqtt from 'mqtt';",
      'export const all = [readFileSync, Database, mqtt, process.env, Buffer];',
      '',
    ].join('\n');
    expect(await fenceHits(CORE, code)).toEqual([]);
    expect(await fenceHits(SERVE, code)).toEqual([]);
  });

  it('lets the Electron main process import electron (the fence is scoped)', async () => {
    expect(await fenceHits('electron/main/__fence__.ts', importOf('electron'))).toEqual([]);
  });
});

describe('support engine fence (pure: shared/ and its own folders only)', () => {
  const ENGINE = 'electron/core/support/recommend/__fence__.ts';

  it.each([
    '../../store/SupportRepo',
    '../../desk/DeskRuntime',
    '../../sim/geo',
    '../../session/Session',
    'node:crypto',
    'better-sqlite3',
    'mqtt',
    'electron',
  ])('refuses %s', async (spec) => {
    expect(await fenceHits(ENGINE, importOf(spec))).toEqual([`no-restricted-imports: ${spec}`]);
  });

  it('lets it use shared/, its own folders and a solver library', async () => {
    const code = [
      "import { haversineM } from '../../../../shared/domain/distance';",
      "import { straightLine } from '../travel/straightLine';",
      "import { gini } from '../workflow';",
      "import type { TravelModel } from '../types';",
      "import type { Highs } from 'highs';",
      'export const all: unknown[] = [haversineM, straightLine, gini];',
      'export type T = [TravelModel, Highs];',
      '',
    ].join('\n');
    expect(await fenceHits(ENGINE, code)).toEqual([]);
  });
});
