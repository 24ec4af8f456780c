// `npm run supervisors -- add|remove|list`: enrols the supervisors who may countersign approvals
// above the console operator's role, in the console's own database. Plain Node, no electron; safe
// to run while the console is open (the store is SQLite in WAL mode; a new PIN counts at once).
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { SupervisorBook } from '../core/auth/SupervisorBook';
import { openStore } from '../core/store/openStore';
import { DATA_DIR_HELP, dataDirOf, runCommand } from './cliCommon';

const HELP = `Usage: npm run supervisors -- <command> [--data-dir DIR]

  add NAME      enrol a supervisor, or give one a new PIN (this also lifts a lock);
                the PIN (6–12 digits) is read from standard input: asked twice, not shown,
                on a terminal; the first line of a pipe otherwise
  remove NAME   take a supervisor off this console
  list          the supervisors enrolled, with when

${DATA_DIR_HELP}
`;

/** Reads one line without echo on a terminal; the first line of a pipe otherwise. */
function readSecret(prompt: string): Promise<string> {
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

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    args: process.argv.slice(2),
    options: { 'data-dir': { type: 'string' }, help: { type: 'boolean' } },
    allowPositionals: true,
    strict: true,
  });
  const [command, ...rest] = positionals;
  if (values.help || command === undefined) {
    process.stdout.write(HELP);
    return command === undefined && !values.help ? 2 : 0;
  }
  const dataDir = dataDirOf(values['data-dir']);
  const name = rest.join(' ');
  if ((command === 'add' || command === 'remove') && name.trim() === '') {
    throw new Error(`${command} needs the supervisor's name`);
  }
  if (!['add', 'remove', 'list'].includes(command)) {
    throw new Error(`unknown command ${JSON.stringify(command)} (add, remove or list)`);
  }
  let pin = '';
  if (command === 'add') {
    pin = await readSecret('PIN (6–12 digits): ');
    if (process.stdin.isTTY && (await readSecret('PIN again: ')) !== pin) {
      throw new Error('the two PINs differ; nothing was changed');
    }
  }
  const db = openStore({ file: join(dataDir, 'muster.db') });
  try {
    const book = new SupervisorBook(db);
    if (command === 'add') {
      const s = book.enrol(name, pin);
      console.log(`enrolled ${s.name} in ${dataDir}`);
    } else if (command === 'remove') {
      if (!book.remove(name)) throw new Error(`no supervisor named ${name.trim()} in ${dataDir}`);
      console.log(`removed ${name.trim()} from ${dataDir}`);
    } else {
      const all = book.list();
      if (all.length === 0) console.log(`no supervisors enrolled in ${dataDir}`);
      for (const s of all)
        console.log(`${s.name}\tenrolled ${new Date(s.enrolledMs).toISOString()}`);
    }
  } finally {
    db.close();
  }
  return 0;
}

runCommand('supervisors', main);
