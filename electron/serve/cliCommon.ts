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

/** Reads one line without echo on a terminal; the first line of a pipe otherwise. */
export function readSecret(prompt: string): Promise<string> {
  const stdin = process.stdin;
  if (!stdin.isTTY) {
    return new Promise((done, fail) => {
      let text = '';
      stdin.setEncoding('utf8');
      stdin.on('data', (d: string) => (text += d));
      stdin.on('end', () => done(text.split(/\r?\n/)[0] ?? ''));
      stdin.on('error', fail);
    });
  }
  process.stderr.write(prompt);
  return new Promise((done) => {
    let text = '';
    stdin.setRawMode(true);
    stdin.setEncoding('utf8');
    const onData = (chunk: string): void => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') {
          stdin.setRawMode(false);
          stdin.pause();
          stdin.off('data', onData);
          process.stderr.write('\n');
          done(text);
          return;
        }
        if (ch === '\u0003') {
          process.stderr.write('\n');
          process.exit(130);
        }
        if (ch === '\u007f' || ch === '\b') text = text.slice(0, -1);
        else text += ch;
      }
    };
    stdin.on('data', onData);
    stdin.resume();
  });
}

/** Reads one echoed line from a terminal. */
export async function readLine(prompt: string): Promise<string> {
  const { createInterface } = await import('node:readline/promises');
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return await rl.question(prompt);
  } finally {
    rl.close();
  }
}
