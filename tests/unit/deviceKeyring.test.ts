import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3';
import { DeviceKeyring } from '../../electron/core/auth/DeviceKeyring';
import { openStore } from '../../electron/core/store/openStore';

let db: Database.Database;
let keyring: DeviceKeyring;
beforeEach(() => {
  db = openStore({ file: ':memory:' });
  keyring = new DeviceKeyring(db);
});
afterEach(() => db.close());

const bytes = (s: string): Buffer => Buffer.from(s);

describe('DeviceKeyring', () => {
  it('accepts the secret it issued, and nothing else', async () => {
    const { secret } = await keyring.issue('bc-chengguan-01');
    expect(secret).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(await keyring.verify('bc-chengguan-01', bytes(secret))).toBe(true);
    expect(await keyring.verify('bc-chengguan-01', bytes(`${secret}x`))).toBe(false);
    expect(await keyring.verify('bc-chengguan-02', bytes(secret))).toBe(false);
    const row = db.prepare('SELECT hash FROM device_credential').get() as { hash: Buffer };
    expect(row.hash.includes(bytes(secret))).toBe(false);
  });

  it('stops accepting an old secret once a new one is issued, even one accepted before', async () => {
    const first = await keyring.issue('bc-chengguan-01');
    expect(await keyring.verify('bc-chengguan-01', bytes(first.secret))).toBe(true);
    const second = await keyring.issue('bc-chengguan-01');
    expect(await keyring.verify('bc-chengguan-01', bytes(first.secret))).toBe(false);
    expect(await keyring.verify('bc-chengguan-01', bytes(second.secret))).toBe(true);
  });

  it('refuses a revoked device, and says whether there was anything to revoke', async () => {
    const { secret } = await keyring.issue('bc-chengguan-01');
    expect(await keyring.verify('bc-chengguan-01', bytes(secret))).toBe(true);
    expect(keyring.revoke('bc-chengguan-01')).toBe(true);
    expect(keyring.revoke('bc-chengguan-01')).toBe(false);
    expect(await keyring.verify('bc-chengguan-01', bytes(secret))).toBe(false);
  });

  it("sees another connection's issue at once (the command runs beside the console)", async () => {
    const other = new DeviceKeyring(db);
    const { secret } = await other.issue('pc-huabu-01');
    expect(await keyring.verify('pc-huabu-01', bytes(secret))).toBe(true);
  });

  it('issues a batch all or nothing, and refuses ids that are not device ids', async () => {
    await expect(keyring.prepare(['ok-1', 'not/ok'])).rejects.toThrow(/invalid device id/);
    await expect(keyring.prepare(['muster-console'])).rejects.toThrow(/console's own/);
    const batch = await keyring.prepare(['a-1', 'a-2']);
    expect(keyring.list()).toEqual([]);
    batch.commit();
    expect(keyring.list().map((c) => c.deviceId)).toEqual(['a-1', 'a-2']);
  });
});
