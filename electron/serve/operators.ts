// `npm run operators -- add|remove|list`: enrols the people who log in on the console, in its own
// database. The first administrator is enrolled here (the console's first start asks for one on
// its terminal too); after that an administrator enrols everyone from the console's screen. Plain
// Node, no electron; safe while the console runs (SQLite in WAL mode: a change counts at once).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { OPERATOR_ROLES, PASSWORD_MIN } from '../../shared/domain/operators';
import {
  checkOperatorName,
  checkPassword,
  checkRole,
  OperatorBook,
} from '../core/auth/OperatorBook';
import { openStore } from '../core/store/openStore';
import { DATA_DIR_HELP, dataDirOf, readSecret, runCommand } from './cliCommon';

const HELP = `Usage: npm run operators -- <command> [--data-dir DIR]

  add NAME --role ROLE  enrol an operator, or give one a new role and password (this also lifts
                        a lock). ROLE: ${OPERATOR_ROLES.join(' | ')}.
                        The password (at least ${PASSWORD_MIN} characters) is read from standard
                        input: asked twice, not shown, on a terminal; the first line of a pipe
                        otherwise
  remove NAME           take an operator off this console
  list                  the operators enrolled: role, when, by whom, and any lock

${DATA_DIR_HELP}
`;

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    args: process.argv.slice(2),
    options: {
      'data-dir': { type: 'string' },
      role: { type: 'string' },
      help: { type: 'boolean' },
    },
    allowPositionals: true,
    strict: true,
  });
  const [command, ...rest] = positionals;
  if (values.help || command === undefined) {
    process.stdout.write(HELP);
    return command === undefined && !values.help ? 2 : 0;
  }
  if (!['add', 'remove', 'list'].includes(command)) {
    throw new Error(`unknown command ${JSON.stringify(command)} (add, remove or list)`);
  }
  const name = rest.join(' ');
  if (command !== 'list' && name.trim() === '')
    throw new Error(`${command} needs the operator's name`);
  const role = command === 'add' ? checkRole(values.role ?? '') : undefined;
  let password = '';
  if (command === 'add') {
    password = await readSecret(
      `password for ${name.trim()} (at least ${PASSWORD_MIN} characters): `,
    );
    if (process.stdin.isTTY && (await readSecret('password again: ')) !== password) {
      throw new Error('the two passwords differ; nothing was changed');
    }
  }
  if (command === 'add') {
    // Refused before the store is touched: a bad name or password leaves nothing behind.
    checkOperatorName(name);
    checkPassword(password);
  }
  const dataDir = dataDirOf(values['data-dir']);
  const file = join(dataDir, 'muster.db');
  // Only enrolling may make the store (the first admin, before the first start): a list or a
  // removal on a mistyped --data-dir says so instead of answering for an empty new store.
  if (command !== 'add' && !existsSync(file)) {
    throw new Error(`no console store in ${dataDir} (is --data-dir the console's?)`);
  }
  const db = openStore({ file });
  try {
    const book = new OperatorBook(db);
    if (command === 'add' && role !== undefined) {
      const o = book.enrol(name, role, password, 'terminal');
      console.log(`enrolled ${o.name} as ${o.role} in ${dataDir}`);
    } else if (command === 'remove') {
      if (!book.remove(name)) throw new Error(`no operator named ${name.trim()} in ${dataDir}`);
      console.log(`removed ${name.trim()} from ${dataDir}`);
    } else {
      const all = book.list();
      if (all.length === 0) console.log(`no operators enrolled in ${dataDir}`);
      for (const o of all) {
        const lock =
          o.lockedUntilMs === undefined
            ? ''
            : `\tlocked until ${new Date(o.lockedUntilMs).toISOString()}`;
        console.log(
          `${o.name}\t${o.role}\tenrolled ${new Date(o.enrolledMs).toISOString()} by ${o.enrolledBy}${lock}`,
        );
      }
    }
  } finally {
    db.close();
  }
  return 0;
}

runCommand('operators', main);
