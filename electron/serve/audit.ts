// `npm run audit -- export|verify`: the audit chain taken away and checked without the console.
// `export` writes a session's chain (live, or an exercise by id) to a file, recording the export in
// the chain first; `verify FILE` recomputes every hash of an exported file from the genesis and
// checks it ends where its header says. Plain Node, no electron; safe while the console runs.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { exportSessionAudit, verifyExport } from '../core/log/auditExport';
import { EventLog } from '../core/log/EventLog';
import { exercisesDir } from '../core/session/exercises';
import { openStore } from '../core/store/openStore';
import type { SessionInfo } from '../../shared/domain/session';
import { DATA_DIR_HELP, dataDirOf, runCommand } from './cliCommon';

const HELP = `Usage: npm run audit -- <command>

  export [--session ID] --out FILE   write the audit chain of live (or of the exercise ID) to FILE
                                     (JSON Lines: a header with the head hash, one event a line);
                                     the export is recorded in the chain first
  verify FILE                        check an exported chain offline: every hash from the genesis,
                                     and that it ends at the head its header names; exit 1 if not

${DATA_DIR_HELP}
`;

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    args: process.argv.slice(2),
    options: {
      'data-dir': { type: 'string' },
      session: { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean' },
    },
    allowPositionals: true,
    strict: true,
  });
  const [command, file] = positionals;
  if (values.help || command === undefined) {
    process.stdout.write(HELP);
    return command === undefined && !values.help ? 2 : 0;
  }
  if (command === 'verify') {
    if (file === undefined) throw new Error('verify needs the exported file');
    const v = verifyExport(readFileSync(file, 'utf8'));
    if (!v.ok) {
      console.log(`BROKEN: ${v.reason}`);
      return 1;
    }
    console.log(
      `intact: ${String(v.events)} events of ${v.header.session.name} (${v.header.session.id}), head ${v.header.headHash}, exported by ${v.header.exportedBy} at ${new Date(v.header.exportedMs).toISOString()}`,
    );
    return 0;
  }
  if (command !== 'export')
    throw new Error(`unknown command ${JSON.stringify(command)} (export or verify)`);
  if (values.out === undefined) throw new Error('export needs --out FILE');
  const dataDir = dataDirOf(values['data-dir']);
  const dbFile =
    values.session === undefined
      ? join(dataDir, 'muster.db')
      : join(exercisesDir(dataDir), `${values.session}.db`);
  if (!existsSync(dbFile)) throw new Error(`no console store at ${dbFile}`);
  const db = openStore({ file: dbFile });
  try {
    const log = new EventLog(db);
    const nowMs = Date.now();
    const info = db
      .prepare<[], SessionInfo>(
        'SELECT session_id AS id, kind, name FROM session_meta WHERE id = 1',
      )
      .get();
    if (!info) throw new Error(`${dbFile} holds no session`);
    const file = exportSessionAudit(log, { ...info }, 'terminal', nowMs, nowMs);
    writeFileSync(values.out, file.text, { mode: 0o600 });
    console.log(`exported ${String(file.events)} events, head ${file.headHash}, to ${values.out}`);
  } finally {
    db.close();
  }
  return 0;
}

runCommand('audit', main);
