#!/usr/bin/env node
// Builds better-sqlite3 for Electron's ABI into native/electron/, from a copy of the package, so the
// Node build in node_modules (used by npm test and npm run serve) is never touched. Needs Electron's
// headers from the internet once; `npm start` runs it only when the file is missing.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const root = resolve(dirname(new URL(import.meta.url).pathname), '..');
const target = join(root, 'native/electron/better_sqlite3.node');
const force = process.argv.includes('--force');
if (existsSync(target) && !force) process.exit(0);

const electronVersion = JSON.parse(
  readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8'),
).version;
const work = join(root, '.electron-native/better-sqlite3');
rmSync(work, { recursive: true, force: true });
cpSync(join(root, 'node_modules/better-sqlite3'), work, {
  recursive: true,
  filter: (src) => !src.includes(`${join('better-sqlite3', 'build')}`),
});

const npmCli = process.env.npm_execpath;
const gyp = npmCli ? join(dirname(npmCli), '../node_modules/node-gyp/bin/node-gyp.js') : undefined;
const [cmd, pre] =
  gyp && existsSync(gyp) ? [process.execPath, [gyp]] : ['npx', ['--yes', 'node-gyp']];
// npm's nodedir setting points node-gyp at Node's headers; Electron's must be used here.
const env = Object.fromEntries(
  Object.entries(process.env).filter(([k]) => k.toLowerCase() !== 'npm_config_nodedir'),
);

console.log(`building better-sqlite3 for Electron ${electronVersion} (one-off)…`);
const r = spawnSync(
  cmd,
  [
    ...pre,
    'rebuild',
    '--release',
    '--runtime=electron',
    `--target=${electronVersion}`,
    '--dist-url=https://electronjs.org/headers',
  ],
  { cwd: work, stdio: 'inherit', env },
);
if (r.status !== 0) {
  console.error(
    '\nCould not build better-sqlite3 for Electron (Electron headers are downloaded once from the\n' +
      'internet). The Node build in node_modules is untouched, so `npm test` and `npm run serve` still\n' +
      'work. Retry with network access: npm run build:native-electron',
  );
  process.exit(1);
}
mkdirSync(dirname(target), { recursive: true });
cpSync(join(work, 'build/Release/better_sqlite3.node'), target);
console.log(`wrote ${target}`);
