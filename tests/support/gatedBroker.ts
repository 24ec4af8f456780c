import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { DeviceKeyring } from '../../electron/core/auth/DeviceKeyring';
import { loadAcl, type Acl } from '../../electron/core/mqtt/acl';
import { BrokerGate } from '../../electron/core/mqtt/BrokerGate';
import { startEmbeddedBroker, type EmbeddedBroker } from '../../electron/core/mqtt/embeddedBroker';
import type { EmbeddedListen } from '../../electron/core/mqtt/listenConfig';
import { openStore } from '../../electron/core/store/openStore';
import { RESOURCES_DIR } from './coreHarness';

/** The shipped ACL (resources/broker/muster.acl), as the console reads it. */
export function shippedAcl(): Acl {
  return loadAcl(join(RESOURCES_DIR, 'broker', 'muster.acl'));
}

export interface GatedBroker {
  readonly broker: EmbeddedBroker;
  readonly gate: BrokerGate;
  readonly keyring: DeviceKeyring;
  close(): Promise<void>;
}

/**
 * The embedded broker as the console runs it, outside a console: the shipped ACL, a real keyring in
 * an in-memory store, and the given roster device ids.
 */
export async function startGatedBroker(
  deviceIds: readonly string[] = [],
  where?: EmbeddedListen,
  log: (line: string) => void = () => {},
): Promise<GatedBroker> {
  const db: Database.Database = openStore({ file: ':memory:' });
  const keyring = new DeviceKeyring(db);
  const gate = new BrokerGate({
    acl: shippedAcl(),
    devices: keyring,
    deviceIds: new Set(deviceIds),
    log,
  });
  const broker = await startEmbeddedBroker(gate, where);
  return {
    broker,
    gate,
    keyring,
    close: async () => {
      await broker.close();
      db.close();
    },
  };
}

/**
 * Issues a device's secret in a console's store while the console runs, as `npm run devices --
 * issue` does: returns the device's login on that console's embedded broker.
 */
export async function issueDeviceLogin(
  dataDir: string,
  deviceId: string,
): Promise<{ username: string; password: string }> {
  const db = openStore({ file: join(dataDir, 'muster.db') });
  try {
    const issued = await new DeviceKeyring(db).issue(deviceId);
    return { username: issued.deviceId, password: issued.secret };
  } finally {
    db.close();
  }
}
