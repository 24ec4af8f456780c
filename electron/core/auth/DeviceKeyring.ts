// Device credentials for the embedded broker (username = deviceId). The console makes each device's
// secret itself (24 random bytes, 192 bits) and keeps only its scrypt hash. Because a secret is
// machine-made and that long, guessing it is out of reach whatever the hash costs, so the cost is
// low (N = 2^10, ~2 ms): a whole county reconnecting after a restart does not queue behind it. A
// secret once accepted is remembered by its SHA-256 until it is re-issued or revoked, so a device
// that reconnects every few seconds costs one lookup. `npm run devices` issues and revokes.
import { createHash, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import type Database from 'better-sqlite3';
import { isDeviceId } from '../../../shared/telemetry/topics';

const COST_N = 1024;
const KEY_LEN = 32;
const SALT_LEN = 16;
const SECRET_BYTES = 24;
/** Hashed for an unknown device so that a miss takes as long as a wrong secret. */
const DUMMY_SALT = Buffer.alloc(SALT_LEN);

/** Usernames the console keeps for itself on its embedded broker. */
export const RESERVED_USERNAMES: readonly string[] = ['muster-console', 'muster-sim'];

export interface IssuedCredential {
  readonly deviceId: string;
  /** Shown once, to be put on the device; never stored. */
  readonly secret: string;
  readonly issuedMs: number;
}

interface CredentialRow {
  salt: Buffer;
  hash: Buffer;
  cost_n: number;
  issued_ms: number;
}

const derive = (secret: Buffer | string, salt: Buffer, n: number): Promise<Buffer> =>
  new Promise((done, fail) =>
    scrypt(secret, salt, KEY_LEN, { N: n, r: 8, p: 1 }, (err, key) =>
      err ? fail(err) : done(key),
    ),
  );

const sha256 = (b: Buffer): Buffer => createHash('sha256').update(b).digest();

export class DeviceKeyring {
  private readonly selectOne: Database.Statement<[string], CredentialRow>;
  private readonly selectAll: Database.Statement<[], { device_id: string; issued_ms: number }>;
  private readonly upsert: Database.Statement<[string, Buffer, Buffer, number, number]>;
  private readonly deleteOne: Database.Statement<[string]>;
  /** deviceId → the SHA-256 of the secret last accepted, and the issue it belongs to. */
  private readonly accepted = new Map<string, { issuedMs: number; digest: Buffer }>();

  constructor(
    private readonly db: Database.Database,
    private readonly now: () => number = Date.now,
  ) {
    this.selectOne = db.prepare(
      'SELECT salt, hash, cost_n, issued_ms FROM device_credential WHERE device_id = ?',
    );
    this.selectAll = db.prepare(
      'SELECT device_id, issued_ms FROM device_credential ORDER BY device_id',
    );
    this.upsert = db.prepare(
      `INSERT INTO device_credential (device_id, salt, hash, cost_n, issued_ms) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (device_id) DO UPDATE SET salt = excluded.salt, hash = excluded.hash,
         cost_n = excluded.cost_n, issued_ms = excluded.issued_ms`,
    );
    this.deleteOne = db.prepare('DELETE FROM device_credential WHERE device_id = ?');
  }

  /** Makes a new secret for a device (the old one stops working at its next connect). */
  async issue(deviceId: string): Promise<IssuedCredential> {
    const batch = await this.prepare([deviceId]);
    batch.commit();
    return batch.issued[0] as IssuedCredential;
  }

  /**
   * New secrets for several devices, hashed first and stored by `commit()` in one short
   * transaction: all or none, and the store is not held while hashing.
   */
  async prepare(
    deviceIds: readonly string[],
  ): Promise<{ readonly issued: readonly IssuedCredential[]; commit(): void }> {
    for (const id of deviceIds) {
      if (!isDeviceId(id)) throw new Error(`invalid device id: ${JSON.stringify(id)}`);
      if (RESERVED_USERNAMES.includes(id)) {
        throw new Error(`${id} is the console's own broker username, not a device`);
      }
    }
    const made = await Promise.all(
      deviceIds.map(async (deviceId) => {
        const secret = randomBytes(SECRET_BYTES).toString('base64url');
        const salt = randomBytes(SALT_LEN);
        return { deviceId, secret, salt, hash: await derive(secret, salt, COST_N) };
      }),
    );
    const nowMs = this.now();
    const issued = made.map((m) => {
      // Never the same instant twice for one device: a cached acceptance cannot outlive its issue.
      const last = this.selectOne.get(m.deviceId)?.issued_ms ?? 0;
      return { ...m, issuedMs: Math.max(nowMs, last + 1) };
    });
    return {
      issued: issued.map(({ deviceId, secret, issuedMs }) => ({ deviceId, secret, issuedMs })),
      commit: this.db.transaction(() => {
        for (const m of issued) this.upsert.run(m.deviceId, m.salt, m.hash, COST_N, m.issuedMs);
      }),
    };
  }

  /** True when the device had a credential. */
  revoke(deviceId: string): boolean {
    return this.deleteOne.run(deviceId).changes > 0;
  }

  list(): { deviceId: string; issuedMs: number }[] {
    return this.selectAll.all().map((r) => ({ deviceId: r.device_id, issuedMs: r.issued_ms }));
  }

  /** True when the secret is the device's current one. Read from the store at every call. */
  async verify(deviceId: string, secret: Buffer): Promise<boolean> {
    const row = this.selectOne.get(deviceId);
    if (!row) {
      await derive(secret, DUMMY_SALT, COST_N);
      return false;
    }
    const digest = sha256(secret);
    const known = this.accepted.get(deviceId);
    if (known?.issuedMs === row.issued_ms && timingSafeEqual(known.digest, digest)) return true;
    const hash = await derive(secret, row.salt, row.cost_n);
    const ok = hash.length === row.hash.length && timingSafeEqual(hash, row.hash);
    if (ok) this.accepted.set(deviceId, { issuedMs: row.issued_ms, digest });
    return ok;
  }
}
