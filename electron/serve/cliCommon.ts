// What the console's terminal commands (supervisors, devices) share: where the console's data is,
// and how a command ends (an exit code, or one line naming what went wrong).
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { envValue } from '../core/config';

export const DATA_DIR_HELP = `  --data-dir DIR  the console's data directory (env MUSTER_DATA_DIR, default ~/.muster, as
                  npm run serve; the Electron console keeps its data in <userData>/data)`;

export function dataDirOf(given: string | undefined): string {
  return resolve(given ?? envValue(process.env, 'MUSTER_DATA_DIR') ?? join(homedir(), '.muster'));
}

/** Runs a command's main: its exit code, or 1 with `name: reason` on standard error. */
export function runCommand(name: string, main: () => Promise<number>): void {
  // `… list | head`: a reader that stops early is not an error.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      console.error(`${name}: ${err instanceof Error ? err.message : String(err)}`);
      process.exitCode = 1;
    },
  );
}
