// Who may use the embedded broker, and for what. Nobody is anonymous:
// - the console and its simulator log in with credentials made at each start (never stored);
// - a device logs in as its deviceId, with the secret `npm run devices` issued for it, or, on the
//   TLS listener, with a client certificate from the configured CA whose CN is its deviceId;
// - what each may publish or read is resources/broker/muster.acl, the file a county's mosquitto
//   enforces too.
// Every refusal is counted per reason for the status strip and logged (at most once per reason a
// minute), and none of them reaches a session.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { TLSSocket } from 'node:tls';
import type { Client, PublishPacket, Subscription } from 'aedes';
import { BROKER_REFUSALS, type BrokerRefusal } from '../../../shared/domain/status';
import type { Acl } from './acl';

export interface BrokerLogin {
  readonly username: string;
  readonly password: string;
}

/** The device secrets the gate checks (DeviceKeyring). */
export interface DeviceSecrets {
  verify(deviceId: string, secret: Buffer): Promise<boolean>;
}

export interface BrokerGateOptions {
  readonly acl: Acl;
  readonly devices: DeviceSecrets;
  /** The device ids of the region's roster: nobody else gets in as a device. */
  readonly deviceIds: ReadonlySet<string>;
  readonly log?: (line: string) => void;
  readonly now?: () => number;
}

type AuthDone = (error: (Error & { returnCode: number }) | null, success: boolean | null) => void;

const LOG_EVERY_MS = 60_000;
/** MQTT 3.1.1 CONNACK return codes. */
const BAD_USERNAME_OR_PASSWORD = 4;
const NOT_AUTHORIZED = 5;

const newLogin = (username: string): BrokerLogin => ({
  username,
  password: randomBytes(24).toString('base64url'),
});

export class BrokerGate {
  /** The console's own login (its MQTT sources in every session). */
  readonly console = newLogin('muster-console');
  /** The simulator's login: it plays every roster device's reports. */
  readonly simulator = newLogin('muster-sim');
  private readonly counts = Object.fromEntries(BROKER_REFUSALS.map((r) => [r, 0])) as Record<
    BrokerRefusal,
    number
  >;
  private readonly lastLogged = new Map<BrokerRefusal, { atMs: number; counted: number }>();
  /** The username each connected client logged in as. */
  private readonly who = new WeakMap<Client, string>();

  constructor(private readonly opts: BrokerGateOptions) {}

  refusals(): Readonly<Record<BrokerRefusal, number>> {
    return { ...this.counts };
  }

  readonly authenticate = (
    client: Client,
    username: string | undefined,
    password: Buffer | undefined,
    done: AuthDone,
  ): void => {
    this.login(client, username, password).then(
      (refusal) => {
        if (refusal === undefined) return done(null, true);
        this.refuse(refusal, `${username ?? '(none)'} from ${remote(client)}`);
        const err = Object.assign(new Error(`refused: ${refusal}`), {
          returnCode: refusal === 'bad-credentials' ? BAD_USERNAME_OR_PASSWORD : NOT_AUTHORIZED,
        });
        done(err, false);
      },
      (err: unknown) => {
        this.refuse('bad-credentials', `${username ?? '(none)'}: ${String(err)}`);
        done(Object.assign(new Error('refused'), { returnCode: NOT_AUTHORIZED }), false);
      },
    );
  };

  readonly authorizePublish = (
    client: Client | null,
    packet: PublishPacket,
    done: (error?: Error | null) => void,
  ): void => {
    const username = client ? this.who.get(client) : undefined;
    if (username !== undefined && client) {
      if (this.opts.acl.mayPublish({ username, clientId: client.id }, packet.topic)) {
        return done(null);
      }
    }
    this.refuse('publish-denied', `${username ?? '(no client)'} to ${packet.topic}`);
    done(new Error(`not allowed to publish to ${packet.topic}`));
  };

  readonly authorizeSubscribe = (
    client: Client,
    sub: Subscription,
    done: (error: Error | null, subscription?: Subscription | null) => void,
  ): void => {
    const username = this.who.get(client);
    if (
      username !== undefined &&
      this.opts.acl.maySubscribe({ username, clientId: client.id }, sub.topic)
    ) {
      return done(null, sub);
    }
    this.refuse('subscribe-denied', `${username ?? '(unknown)'} to ${sub.topic}`);
    // Negated: the SUBACK says 0x80 for this filter and the client stays connected (as mosquitto).
    done(null, null);
  };

  /** Undefined when the client may connect; else why not. Records who the client is. */
  private async login(
    client: Client,
    username: string | undefined,
    password: Buffer | undefined,
  ): Promise<BrokerRefusal | undefined> {
    const cert = certificateOf(client);
    if (cert === 'rejected') return 'bad-certificate';
    if (cert !== undefined && (password === undefined || password.length === 0)) {
      if (username !== undefined && username !== '' && username !== cert) return 'bad-certificate';
      if (!this.opts.deviceIds.has(cert)) return 'unknown-device';
      this.who.set(client, cert);
      return undefined;
    }
    if (username === undefined || username === '' || password === undefined) {
      return 'no-credentials';
    }
    const own = [this.console, this.simulator].find((l) => l.username === username);
    if (own) {
      if (!sameSecret(password, own.password)) return 'bad-credentials';
    } else {
      if (!this.opts.deviceIds.has(username)) return 'unknown-device';
      if (!(await this.opts.devices.verify(username, password))) return 'bad-credentials';
    }
    this.who.set(client, username);
    return undefined;
  }

  private refuse(reason: BrokerRefusal, detail: string): void {
    this.counts[reason] += 1;
    const now = (this.opts.now ?? Date.now)();
    const last = this.lastLogged.get(reason);
    if (last && now - last.atMs < LOG_EVERY_MS) return;
    const since = last ? this.counts[reason] - last.counted : 1;
    this.lastLogged.set(reason, { atMs: now, counted: this.counts[reason] });
    (this.opts.log ?? console.warn)(
      `broker refused (${reason}): ${detail}${since > 1 ? `; ${since} such refusals since the last line` : ''}`,
    );
  }
}

function sameSecret(given: Buffer, expected: string): boolean {
  const want = Buffer.from(expected);
  // Length first: timingSafeEqual needs equal lengths, and the length of a login is not a secret.
  return given.length === want.length && timingSafeEqual(given, want);
}

/** The CN of a verified client certificate, 'rejected' for one that failed, or undefined. */
function certificateOf(client: Client): string | 'rejected' | undefined {
  const conn = client.conn;
  if (!(conn instanceof TLSSocket)) return undefined;
  const peer = conn.getPeerCertificate();
  if (!peer || Object.keys(peer).length === 0) return undefined;
  if (!conn.authorized) return 'rejected';
  const cn = peer.subject?.CN;
  return typeof cn === 'string' && cn !== '' ? cn : 'rejected';
}

function remote(client: Client): string {
  const conn = client.conn as { remoteAddress?: string };
  return conn.remoteAddress ?? 'unknown address';
}
