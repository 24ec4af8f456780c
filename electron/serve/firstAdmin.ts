// A fresh console has nobody who can log in. On its first start from a terminal it asks for the
// first administrator, as `npm run operators -- add NAME --role admin` would; without a terminal
// (a service) it says how to enrol one. The administrator then enrols everyone else on screen.
import type { Gate } from '../core/auth/Gate';
import { readLine, readSecret } from './cliCommon';

const HOW = 'enrol one with: npm run operators -- add NAME --role admin';

export async function ensureFirstAdmin(gate: Gate): Promise<void> {
  if (gate.hasAdmin()) return;
  if (!process.stdin.isTTY) {
    console.warn(`No administrator is enrolled yet, so nobody can log in: ${HOW}`);
    return;
  }
  console.log('No administrator is enrolled yet. Enrol the first one now (Ctrl-C to skip).');
  for (;;) {
    const name = (await readLine('administrator name: ')).trim();
    const password = await readSecret('password (at least 8 characters): ');
    if ((await readSecret('password again: ')) !== password) {
      console.error('the two passwords differ; try again');
      continue;
    }
    try {
      const o = gate.enrolFirstAdmin(name, password);
      console.log(`enrolled ${o.name} as admin: log in on the console with this name`);
      return;
    } catch (err) {
      console.error(err instanceof Error ? err.message : String(err));
    }
  }
}
