import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface TestPki {
  /** PEM file paths. */
  readonly caFile: string;
  readonly serverCertFile: string;
  readonly serverKeyFile: string;
  readonly clientCertFile: string;
  readonly clientKeyFile: string;
  /** A client certificate from a CA the broker does not trust. */
  readonly strangerCertFile: string;
  readonly strangerKeyFile: string;
  /** A device's client certificate from the CA: CN = the device id given to makeTestPki. */
  readonly deviceCertFile: string;
  readonly deviceKeyFile: string;
}

export function hasOpenssl(): boolean {
  return spawnSync('openssl', ['version']).status === 0;
}

function openssl(dir: string, args: readonly string[]): void {
  const r = spawnSync('openssl', args, { cwd: dir, encoding: 'utf8' });
  if (r.status !== 0) {
    throw new Error(`openssl ${args.join(' ')} failed: ${r.stderr || String(r.error)}`);
  }
}

function makeCa(dir: string, name: string): void {
  openssl(dir, [
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:prime256v1',
    '-nodes',
    '-days',
    '2',
    '-subj',
    `/CN=Muster test CA ${name}`,
    '-keyout',
    `${name}.key`,
    '-out',
    `${name}.pem`,
  ]);
}

function issue(dir: string, ca: string, name: string, cn: string, ext: string): void {
  openssl(dir, [
    'req',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:prime256v1',
    '-nodes',
    '-subj',
    `/CN=${cn}`,
    '-keyout',
    `${name}.key`,
    '-out',
    `${name}.csr`,
  ]);
  writeFileSync(join(dir, `${name}.ext`), ext);
  openssl(dir, [
    'x509',
    '-req',
    '-in',
    `${name}.csr`,
    '-CA',
    `${ca}.pem`,
    '-CAkey',
    `${ca}.key`,
    '-CAcreateserial',
    '-days',
    '2',
    '-extfile',
    `${name}.ext`,
    '-out',
    `${name}.pem`,
  ]);
}

/**
 * A throw-away PKI in dir made with openssl: a CA, a server certificate for 127.0.0.1/localhost
 * signed by it, client certificates signed by it (the console's, and a device's with CN = deviceId),
 * and a client certificate from another CA.
 */
export function makeTestPki(dir: string, deviceId = 'bc-chengguan-01'): TestPki {
  makeCa(dir, 'ca');
  makeCa(dir, 'other-ca');
  issue(
    dir,
    'ca',
    'server',
    'localhost',
    'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n',
  );
  issue(dir, 'ca', 'client', 'muster-console', 'extendedKeyUsage=clientAuth\n');
  issue(dir, 'other-ca', 'stranger', 'muster-console', 'extendedKeyUsage=clientAuth\n');
  issue(dir, 'ca', 'device', deviceId, 'extendedKeyUsage=clientAuth\n');
  const f = (n: string): string => join(dir, n);
  return {
    caFile: f('ca.pem'),
    serverCertFile: f('server.pem'),
    serverKeyFile: f('server.key'),
    clientCertFile: f('client.pem'),
    clientKeyFile: f('client.key'),
    strangerCertFile: f('stranger.pem'),
    strangerKeyFile: f('stranger.key'),
    deviceCertFile: f('device.pem'),
    deviceKeyFile: f('device.key'),
  };
}

/** A mosquitto password file (mosquitto_passwd -b) with these users and passwords. */
export function makePasswordFile(
  dir: string,
  users: Readonly<Record<string, string>>,
  name = 'passwd',
): string {
  const file = join(dir, name);
  for (const [i, [user, password]] of Object.entries(users).entries()) {
    const args = ['-b', ...(i === 0 ? ['-c'] : []), file, user, password];
    const r = spawnSync('mosquitto_passwd', args, { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`mosquitto_passwd failed: ${r.stderr || String(r.error)}`);
  }
  return file;
}
