// `npm run quarantine`: what the console refused from devices, read from its store: the count per
// reason since the store was made, and the last refused messages (time, reason, topic, detail, the
// first bytes). Plain Node, no electron; read-only, safe while the console runs.
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { RefusalRepo } from '../core/store/RefusalRepo';
import { openStore } from '../core/store/openStore';
import { DATA_DIR_HELP, dataDirOf, runCommand } from './cliCommon';

const HELP = `Usage: npm run quarantine -- [--limit N] [--json] [--data-dir DIR]

  prints the refused-message counts per reason, then the last N refused messages, newest first,
  one per line: time<TAB>reason<TAB>topic<TAB>detail<TAB>first bytes (hex)

  --limit N       how many messages (1–1000, default 50)
  --json          one JSON object instead: { counts, messages }
${DATA_DIR_HELP}
`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      'data-dir': { type: 'string' },
      limit: { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean' },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const limit = Number(values.limit ?? '50');
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
    throw new Error(`--limit must be 1–1000, got ${JSON.stringify(values.limit)}`);
  }
  const db = openStore({ file: join(dataDirOf(values['data-dir']), 'muster.db') });
  try {
    const repo = new RefusalRepo(db);
    const counts = repo.counts();
    const messages = repo.quarantine(limit);
    if (values.json) {
      process.stdout.write(`${JSON.stringify({ counts, messages }, null, 2)}\n`);
      return 0;
    }
    const lines = [
      ...Object.entries(counts)
        .filter(([, n]) => n > 0)
        .map(([reason, n]) => `${reason}\t${n}`),
      '',
      ...messages.map((m) =>
        [new Date(m.receivedMs).toISOString(), m.reason, m.topic, m.detail, m.previewHex].join(
          '\t',
        ),
      ),
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    db.close();
  }
  return 0;
}

runCommand('quarantine', main);
