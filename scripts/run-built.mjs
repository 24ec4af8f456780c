// Runs one of the console's terminal commands (operators, devices, quarantine, audit) from the
// build, building first only when the build is missing or older than a source it is made from, so
// a command takes a moment instead of a full rebuild each time. Exit code: the command's.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const COMMANDS = new Set(['operators', 'devices', 'quarantine', 'audit']);
const SOURCES = [
  'electron',
  'shared',
  'resources/broker',
  'electron.vite.config.ts',
  'package.json',
];

/** The newest modification time under these paths (files only). */
function newestMtime(paths) {
  let newest = 0;
  const visit = (p) => {
    const s = statSync(p);
    if (s.isDirectory()) {
      for (const name of readdirSync(p)) visit(join(p, name));
    } else newest = Math.max(newest, s.mtimeMs);
  };
  for (const p of paths) if (existsSync(p)) visit(p);
  return newest;
}

const [command, ...args] = process.argv.slice(2);
if (!COMMANDS.has(command)) {
  console.error(`run-built: unknown command ${JSON.stringify(command)}`);
  process.exit(2);
}
const built = join('out', 'main', `${command}.js`);
if (!existsSync(built) || statSync(built).mtimeMs < newestMtime(SOURCES)) {
  console.error('building the console first (sources changed since the last build)…');
  const b = spawnSync('npx', ['electron-vite', 'build'], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (b.status !== 0) process.exit(b.status ?? 1);
}
const r = spawnSync(process.execPath, [built, ...args], { stdio: 'inherit' });
process.exit(r.status ?? 1);
