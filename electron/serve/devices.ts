// `npm run devices -- issue|revoke|list`: the devices' logins on the console's embedded broker
// (username = deviceId). Secrets are made here and printed once; the console keeps only their
// hashes, in its own database. Plain Node, no electron; safe while the console runs: a device's new
// secret counts at its next connect, a revoked one is refused from then on.
import { rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DeviceKeyring, type IssuedCredential } from '../core/auth/DeviceKeyring';
import { envValue } from '../core/config';
import { loadRegionPack } from '../core/region/loadRegion';
import { openStore } from '../core/store/openStore';
import { DATA_DIR_HELP, dataDirOf, runCommand } from './cliCommon';

const HELP = `Usage: npm run devices -- <command> [options]

  issue ID…       make a new secret for each device (its old one stops working) and print
                  "deviceId<TAB>secret", one line per device: put each on its device
  issue --all     the same for every device of the region's roster
  revoke ID…      the devices can no longer log in
  list            every roster device, and when its secret was issued (or "none")

  --out FILE      issue: write deviceId,username,password as CSV (mode 600) instead of printing
  --region ID     region pack whose roster names the devices (env MUSTER_REGION, default kaihua)
  --regions-dir DIR  where region packs live, as the console's (env MUSTER_REGIONS_DIR)
${DATA_DIR_HELP}

Devices then connect to the embedded broker with username = deviceId and the secret as password,
or, on its TLS listener, with a client certificate whose CN is the deviceId (--broker-tls-ca).
`;

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    args: process.argv.slice(2),
    options: {
      'data-dir': { type: 'string' },
      region: { type: 'string' },
      'regions-dir': { type: 'string' },
      out: { type: 'string' },
      all: { type: 'boolean' },
      help: { type: 'boolean' },
    },
    allowPositionals: true,
    strict: true,
  });
  const [command, ...ids] = positionals;
  if (values.help || command === undefined) {
    process.stdout.write(HELP);
    return values.help ? 0 : 2;
  }
  if (!['issue', 'revoke', 'list'].includes(command)) {
    throw new Error(`unknown command ${JSON.stringify(command)} (issue, revoke or list)`);
  }
  const regionId = values.region ?? envValue(process.env, 'MUSTER_REGION') ?? 'kaihua';
  const regionsDir = resolve(
    values['regions-dir'] ??
      envValue(process.env, 'MUSTER_REGIONS_DIR') ??
      join(__dirname, '../../resources', 'regions'),
  );
  const pack = loadRegionPack(regionsDir, regionId);
  const roster = pack.roster.map((u) => u.deviceId);
  const wanted = command === 'issue' && values.all === true ? roster : ids;
  if (command !== 'list' && wanted.length === 0) {
    throw new Error(`${command} needs device ids${command === 'issue' ? ' or --all' : ''}`);
  }
  const unknown = wanted.filter((id) => !roster.includes(id));
  if (unknown.length > 0) {
    throw new Error(`not in the ${regionId} roster: ${unknown.join(', ')}; nothing was changed`);
  }
  const dataDir = dataDirOf(values['data-dir']);
  const db = openStore({ file: join(dataDir, 'muster.db') });
  try {
    const keyring = new DeviceKeyring(db);
    if (command === 'issue') {
      // Every device listed gets a new secret, or none does; the file is written before the
      // secrets count, and taken back if they cannot be stored.
      const { issued, commit } = await keyring.prepare(wanted);
      if (values.out !== undefined) writeCsv(values.out, issued);
      try {
        commit();
      } catch (err) {
        if (values.out !== undefined) rmSync(values.out, { force: true });
        throw err;
      }
      if (values.out === undefined) {
        for (const c of issued) process.stdout.write(`${c.deviceId}\t${c.secret}\n`);
      }
      console.error(
        `issued ${issued.length} device secret(s) in ${dataDir}` +
          (values.out !== undefined ? `, written to ${values.out}` : ''),
      );
    } else if (command === 'revoke') {
      const gone = wanted.filter((id) => keyring.revoke(id));
      const none = wanted.filter((id) => !gone.includes(id));
      console.error(`revoked ${gone.length} in ${dataDir}`);
      if (none.length > 0) console.error(`had no secret: ${none.join(', ')}`);
    } else {
      const issued = new Map(keyring.list().map((c) => [c.deviceId, c.issuedMs]));
      const lines = roster.map((id) => {
        const at = issued.get(id);
        return `${id}\t${at === undefined ? 'none' : new Date(at).toISOString()}\n`;
      });
      process.stdout.write(lines.join(''));
    }
  } finally {
    db.close();
  }
  return 0;
}

function writeCsv(file: string, issued: readonly IssuedCredential[]): void {
  // Secrets are base64url and ids [A-Za-z0-9_.-]: no field needs quoting.
  const rows = [
    'deviceId,username,password',
    ...issued.map((c) => `${c.deviceId},${c.deviceId},${c.secret}`),
  ];
  try {
    writeFileSync(file, `${rows.join('\n')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (err) {
    const why =
      (err as NodeJS.ErrnoException).code === 'EEXIST' ? 'it already exists' : String(err);
    throw new Error(`cannot write ${file}: ${why}; nothing was changed`);
  }
}

runCommand('devices', main);
