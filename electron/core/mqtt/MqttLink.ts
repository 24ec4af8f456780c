import { connect, type IClientOptions, type MqttClient } from 'mqtt';
import { generate as generatePacket } from 'mqtt-packet';
import type { LinkState } from '../../../shared/domain/status';
import { CONSOLE_SUBSCRIPTIONS } from '../../../shared/telemetry/topics';
import { AckLedger, type AckMark } from './AckLedger';

/** 4 = MQTT 3.1.1 (aedes), 5 = MQTT 5, 'auto' = MQTT 5, falling back to 3.1.1 if refused. */
export type MqttProtocolSetting = 4 | 5 | 'auto';

export interface MqttTls {
  /** PEM contents, not file names: the caller reads the files and names them in its errors. */
  readonly ca?: string | undefined;
  readonly cert?: string | undefined;
  readonly key?: string | undefined;
}

export interface MqttBackoff {
  readonly initialMs: number;
  readonly maxMs: number;
}

export interface MqttLinkOptions {
  readonly url: string;
  readonly clientId: string;
  readonly username?: string | undefined;
  readonly password?: string | undefined;
  readonly protocol?: MqttProtocolSetting;
  readonly tls?: MqttTls | undefined;
  /** Persistent session (default true): the broker holds QoS 1 messages while the console is down. */
  readonly persistentSession?: boolean;
  /** MQTT 5 session expiry; 3.1.1 sessions last until the broker's own limit. */
  readonly sessionExpirySec?: number;
  readonly backoff?: MqttBackoff;
  readonly connectTimeoutMs?: number;
  readonly onMessage: (topic: string, payload: Uint8Array) => void;
  /** Topic filters to subscribe to (QoS 1); the live device topics by default. */
  readonly subscriptions?: readonly string[];
  readonly onState?: (state: LinkState, error: string | undefined) => void;
  /**
   * When a QoS 1 message is acknowledged to the broker. 'commit' (the console's): held after
   * onMessage until the owner calls release() with a mark taken after its commit, so a crash never
   * loses a message the broker counts as delivered. 'receipt' (default): as soon as onMessage
   * returns, mqtt.js's own behaviour (kept to measure against in bench:ingest).
   */
  readonly ackQos1?: 'commit' | 'receipt';
  /** Each successful CONNACK, with whether the broker still held this client's session. */
  readonly onConnect?: (sessionPresent: boolean) => void;
}

export interface LinkStats {
  readonly state: LinkState;
  readonly lastError: string | undefined;
  /** Successful connections after the first one. */
  readonly reconnects: number;
  /** Protocol of the current (or last) connection; undefined before the first. */
  readonly protocol: 4 | 5 | undefined;
  /** Whether the broker still held this console's session at the last connect. */
  readonly sessionPresent: boolean | undefined;
}

export const DEFAULT_BACKOFF: MqttBackoff = { initialMs: 500, maxMs: 30_000 };
export const DEFAULT_SESSION_EXPIRY_SEC = 24 * 3600;

/** Delay before reconnect attempt `attempt` (0-based): doubling from initialMs, capped at maxMs. */
export function backoffDelayMs(attempt: number, b: MqttBackoff = DEFAULT_BACKOFF): number {
  return Math.min(b.maxMs, b.initialMs * 2 ** Math.min(attempt, 30));
}

/** Given to mqtt.js's handleMessage callback to skip its PUBACK (see holdAcks). */
const ACK_HELD = new Error('PUBACK held until the store commits');

// CONNACK codes meaning "this broker does not speak that protocol version": 3.1.1's 1, MQTT 5's 132.
const VERSION_REFUSED = new Set([1, 132]);

/**
 * The console's subscription to device telemetry. Each attempt is a fresh mqtt.js client without
 * its own reconnect timer, so the link owns backoff, protocol fallback and resubscription.
 */
export class MqttLink {
  private client: MqttClient | undefined;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private attempt = 0;
  private connections = 0;
  private version: 4 | 5;
  /** In 'auto', the version is settled by the first successful connection and kept after it. */
  private versionSettled: boolean;
  state: LinkState = 'offline';
  lastError: string | undefined;
  protocol: 4 | 5 | undefined;
  sessionPresent: boolean | undefined;
  private subscribedWaiters: (() => void)[] = [];
  private subscribed = false;
  private readonly held = new AckLedger();

  constructor(private readonly opts: MqttLinkOptions) {
    const p = opts.protocol ?? 'auto';
    this.version = p === 'auto' ? 5 : p;
    this.versionSettled = p !== 'auto';
  }

  get reconnects(): number {
    return Math.max(0, this.connections - 1);
  }

  stats(): LinkStats {
    return {
      state: this.state,
      lastError: this.lastError,
      reconnects: this.reconnects,
      protocol: this.protocol,
      sessionPresent: this.sessionPresent,
    };
  }

  /**
   * Resolves true once the first subscription is granted, false after `timeoutMs`. Start-up waits
   * on this so devices publishing right after start are not lost to a broker with no subscriber yet;
   * an unreachable broker does not hold start-up beyond the timeout (the link keeps retrying).
   */
  whenSubscribed(timeoutMs: number): Promise<boolean> {
    if (this.subscribed) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      this.subscribedWaiters.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }

  start(): void {
    this.stopped = false;
    this.setState('connecting');
    this.open();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    const c = this.client;
    this.client = undefined;
    // Forced: a graceful DISCONNECT could wait on an unreachable broker; the session survives either way.
    if (c) await c.endAsync(true);
    this.setState('offline');
  }

  private clientOptions(): IClientOptions {
    const o = this.opts;
    const persistent = o.persistentSession ?? true;
    const tls = o.tls;
    return {
      clientId: o.clientId,
      protocolVersion: this.version,
      clean: !persistent,
      ...(this.version === 5 && persistent
        ? {
            properties: {
              sessionExpiryInterval: o.sessionExpirySec ?? DEFAULT_SESSION_EXPIRY_SEC,
            },
          }
        : {}),
      reconnectPeriod: 0,
      resubscribe: false,
      connectTimeout: o.connectTimeoutMs ?? 10_000,
      ...(o.username !== undefined ? { username: o.username } : {}),
      ...(o.password !== undefined ? { password: o.password } : {}),
      ...(tls?.ca !== undefined ? { ca: tls.ca } : {}),
      ...(tls?.cert !== undefined ? { cert: tls.cert } : {}),
      ...(tls?.key !== undefined ? { key: tls.key } : {}),
      // Never relaxed: an unverifiable broker is an error the operator must see.
      rejectUnauthorized: true,
    };
  }

  private open(): void {
    const client = connect(this.opts.url, this.clientOptions());
    this.client = client;
    // Packet ids held on an earlier connection cannot be acknowledged on this one.
    this.held.reset();
    if (this.opts.ackQos1 === 'commit') this.holdAcks(client);
    let connected = false;
    let sentConnect = false;
    let refusedCode: number | undefined;
    let socketError = false;
    client.on('packetsend', (p) => {
      if (p.cmd === 'connect') sentConnect = true;
    });
    client.on('connect', (ack) => {
      if (client !== this.client) return;
      connected = true;
      this.attempt = 0;
      this.connections++;
      this.versionSettled = true;
      this.protocol = this.version;
      this.sessionPresent = ack.sessionPresent;
      this.lastError = undefined;
      this.setState('connected');
      this.opts.onConnect?.(ack.sessionPresent);
      // Always resubscribe: a broker may have lost the session (restart without persistence).
      const filters = Object.fromEntries(
        (this.opts.subscriptions ?? CONSOLE_SUBSCRIPTIONS).map((t) => [t, { qos: 1 as const }]),
      );
      client.subscribe(filters, (err, granted) => {
        if (err) this.fail(`subscribe failed: ${err.message}`);
        else if (granted?.some((g) => g.qos > 2))
          this.fail(`subscribe refused by broker (code ${granted.map((g) => g.qos).join(',')})`);
        else {
          this.subscribed = true;
          for (const go of this.subscribedWaiters.splice(0)) go();
        }
      });
    });
    client.on('error', (err: Error & { code?: unknown }) => {
      if (client !== this.client) return;
      if (typeof err.code === 'number') refusedCode = err.code;
      else if (typeof err.code === 'string') socketError = true;
      this.fail(err.message);
    });
    client.on('close', () => {
      if (client !== this.client || this.stopped) return;
      this.client = undefined;
      client.removeAllListeners('message');
      void client.endAsync(true).catch(() => undefined);
      const versionProblem =
        refusedCode !== undefined
          ? VERSION_REFUSED.has(refusedCode)
          : sentConnect && !connected && !socketError;
      if (!this.versionSettled && this.version === 5 && versionProblem) {
        // A 3.1.1-only broker: retry at once with 3.1.1 rather than waiting out a backoff.
        this.version = 4;
        this.setState('connecting');
        this.open();
        return;
      }
      this.scheduleReconnect();
    });
    client.on('message', (topic, payload) => {
      // The handler is the validation edge and must not throw; guard anyway so one bad message
      // can never take the link down.
      try {
        this.opts.onMessage(topic, payload);
      } catch (err) {
        console.error('telemetry handler threw:', err);
      }
    });
  }

  /**
   * mqtt.js sends a QoS 1 PUBACK when handleMessage calls back, and handles the next packet only
   * then: holding that callback until a commit would take one message per tick. So the message is
   * handled ('message' is emitted before handleMessage), its id is held, and the callback is given
   * an error, which in mqtt.js 5 moves on to the next packet without sending the PUBACK; release()
   * sends it after the commit. The integration tests pin this against the installed mqtt.js.
   */
  private holdAcks(client: MqttClient): void {
    client.handleMessage = (packet, callback) => {
      if (packet.cmd === 'publish' && packet.qos === 1 && packet.messageId !== undefined) {
        if (client === this.client) this.held.hold(packet.messageId);
        callback(ACK_HELD);
        return;
      }
      callback();
    };
  }

  /** A mark covering every QoS 1 message handled so far (see release). */
  holdMark(): AckMark {
    return this.held.mark();
  }

  /** QoS 1 messages handled and not yet acknowledged. */
  get heldAcks(): number {
    return this.held.pending;
  }

  /**
   * Acknowledges, in receipt order, every QoS 1 message held up to `mark`: call it once what
   * those messages carried is committed. A mark from an earlier connection acknowledges nothing.
   */
  release(mark: AckMark): void {
    const ids = this.held.release(mark);
    const c = this.client;
    if (ids.length === 0 || !c?.connected) return;
    const opts = { protocolVersion: this.version };
    // One write for the whole batch: thousands of 4-byte packets a tick otherwise.
    const acks = ids.map((messageId) =>
      generatePacket({ cmd: 'puback', messageId, reasonCode: 0 }, opts),
    );
    c.stream.write(Buffer.concat(acks));
  }

  /**
   * Drops the connection so the broker redelivers what is held: for messages whose commit failed
   * (they must not be acknowledged, and MQTT redelivers only on a new connection).
   */
  redeliver(reason: string): void {
    const c = this.client;
    if (!c || this.stopped) return;
    this.held.reset();
    this.lastError = reason;
    this.client = undefined;
    c.removeAllListeners('message');
    void c.endAsync(true).catch(() => undefined);
    this.scheduleReconnect();
  }

  /**
   * Publishes at QoS 1, not retained. Resolves once the broker's PUBACK arrives; rejects at once
   * when the link is not connected (the caller keeps the order and retries on its own timer,
   * rather than mqtt.js queueing it behind a reconnect it does not know about) or on a send error.
   */
  publishQos1(topic: string, payload: string | Uint8Array, timeoutMs = 10_000): Promise<void> {
    const c = this.client;
    if (!c || this.state !== 'connected' || !c.connected) {
      return Promise.reject(new Error(`MQTT link ${this.state}: cannot publish to ${topic}`));
    }
    return new Promise((resolve, reject) => {
      // A connection dropped mid-flight may never call back: the caller must not hang on it.
      const timer = setTimeout(() => {
        reject(new Error(`no PUBACK for ${topic} within ${timeoutMs} ms`));
      }, timeoutMs);
      const body = typeof payload === 'string' ? payload : Buffer.from(payload);
      c.publish(topic, body, { qos: 1, retain: false }, (err) => {
        clearTimeout(timer);
        if (err) reject(err);
        else resolve();
      });
    });
  }

  private scheduleReconnect(): void {
    const delay = backoffDelayMs(this.attempt++, this.opts.backoff ?? DEFAULT_BACKOFF);
    this.setState('reconnecting');
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (!this.stopped) this.open();
    }, delay);
  }

  private fail(message: string): void {
    this.lastError = message;
    this.opts.onState?.(this.state, message);
  }

  private setState(s: LinkState): void {
    this.state = s;
    this.opts.onState?.(s, this.lastError);
  }
}
