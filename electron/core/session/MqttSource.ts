import type Database from 'better-sqlite3';
import type { LinkState, StatusSnapshot } from '../../../shared/domain/status';
import type { AlertEngine } from '../alerts/AlertEngine';
import type { BrokerGate } from '../mqtt/BrokerGate';
import { BrokerSessionBook } from '../mqtt/BrokerSessionBook';
import { DEFAULT_SESSION_EXPIRY_SEC, MqttLink, type MqttLinkOptions } from '../mqtt/MqttLink';
import type { CommitWaiter, TelemetryIngest } from './TelemetryIngest';

/** How long start-up waits for the broker subscription before going on without it. */
const SUBSCRIBE_WAIT_MS = 5000;
/**
 * QoS 1 messages are acknowledged after their drain commits. A broker with a small in-flight
 * window (mosquitto's max_inflight_messages, 20 by default) stops sending until it has PUBACKs:
 * when messages are held and none arrived for this long, they are committed and acknowledged
 * without waiting for the tick.
 */
const ACK_STALL_MS = 20;
/** How often the store notes that the broker session is alive (the start of any later gap). */
const SESSION_ALIVE_MS = 5000;

export interface MqttSourceOptions {
  readonly link: Omit<MqttLinkOptions, 'onMessage' | 'onState' | 'onConnect'>;
  /** The console's own (embedded) broker's refusals, for the status strip; undefined if external. */
  readonly gate: Pick<BrokerGate, 'refusals'> | undefined;
  readonly ingest: TelemetryIngest;
  /** Every message, to the session's validation edge. */
  readonly onMessage: (topic: string, payload: Uint8Array) => void;
  readonly alerts: AlertEngine;
  /** The session's store: where the broker session is remembered between starts. */
  readonly db: Database.Database;
  readonly now: () => number;
  /** Drains and persists now, outside the tick (the broker waits for acknowledgements). */
  readonly drainNow: () => void;
  readonly onStatus: () => void;
}

/**
 * A session's live source: device traffic over MQTT. QoS 1 messages are acknowledged only after
 * the drain that carried them is committed (a crash then loses nothing the broker counts as
 * delivered), and a broker that lost the console's session is reported as a window of time in
 * which data may be missing. Also the session's way out for orders to devices.
 */
export class MqttSource implements CommitWaiter {
  readonly link: MqttLink;
  private readonly sessions: BrokerSessionBook;
  private readonly timers: NodeJS.Timeout[] = [];
  /** What the terminal was last told: undefined before the first connect or failure. */
  private saidUp: boolean | undefined;
  private stopping = false;
  /** Messages received at the last stall check: unchanged while acknowledgements are held = stalled. */
  private receivedAtCheck = -1;

  constructor(private readonly opts: MqttSourceOptions) {
    this.sessions = new BrokerSessionBook(
      opts.db,
      opts.link.clientId,
      (opts.link.sessionExpirySec ?? DEFAULT_SESSION_EXPIRY_SEC) * 1000,
    );
    this.link = new MqttLink({
      ...opts.link,
      onMessage: opts.onMessage,
      onState: (state) => {
        this.sayState(state);
        opts.onStatus();
      },
      onConnect: (sessionPresent) => this.onConnect(sessionPresent),
    });
    opts.ingest.addCommitWaiter(this);
  }

  get url(): string {
    return this.opts.link.url;
  }

  /** Connects and waits (up to 5 s) for the subscription, so early device traffic is not lost. */
  async start(): Promise<void> {
    this.link.start();
    await this.link.whenSubscribed(SUBSCRIBE_WAIT_MS);
    this.timers.push(setInterval(() => this.checkStall(), ACK_STALL_MS));
    this.timers.push(
      setInterval(() => {
        if (this.link.state === 'connected') this.sessions.alive(this.url, this.opts.now());
      }, SESSION_ALIVE_MS),
    );
  }

  async stop(): Promise<void> {
    // Going offline because the console stops is not a broker to warn about.
    this.stopping = true;
    for (const t of this.timers) clearInterval(t);
    await this.link.stop();
  }

  /**
   * QoS 1 messages handled so far are acknowledged to the broker once the drain that carries them
   * is committed, never before. A failed commit acknowledges nothing, and the link reconnects so
   * that the broker sends them again.
   */
  takeMark(): ((committed: boolean) => void) | undefined {
    const link = this.link;
    if (link.heldAcks === 0) return undefined;
    const held = link.holdMark();
    return (committed) => {
      if (committed) link.release(held);
      else link.redeliver('store write failed: QoS 1 messages left with the broker to redeliver');
    };
  }

  publish(topic: string, payload: string): Promise<void> {
    return this.link.publishQos1(topic, payload);
  }

  brokerStatus(): StatusSnapshot['broker'] {
    return {
      url: this.url,
      embedded: this.opts.gate !== undefined,
      state: this.link.state,
      lastError: this.link.lastError,
      reconnects: this.link.reconnects,
      protocol: this.link.protocol,
      ...(this.opts.gate ? { refused: this.opts.gate.refusals() } : {}),
    };
  }

  /**
   * The terminal says when the broker is lost and when it is back (not every retry): a console
   * that cannot reach its broker is not "ready" in any useful sense.
   */
  private sayState(state: LinkState): void {
    const up = state === 'connected';
    if (this.stopping || state === 'connecting' || up === this.saidUp) return;
    const first = this.saidUp === undefined;
    this.saidUp = up;
    if (up) {
      // The first connection goes without saying: the host prints its broker line.
      if (!first) console.log(`broker ${this.url}: connected again`);
      return;
    }
    const why = this.link.lastError ?? 'no answer';
    console.warn(
      `broker ${this.url}: NOT connected (${why}); device data is not updating, retrying`,
    );
  }

  /** Held acknowledgements and nothing arriving: the broker's in-flight window is full. */
  private checkStall(): void {
    const received = this.opts.ingest.counters.received;
    const stalled = received === this.receivedAtCheck;
    this.receivedAtCheck = received;
    if (stalled && this.link.heldAcks > 0) this.opts.drainNow();
  }

  /** Each CONNACK: a session the broker should have kept and did not is a window of lost data. */
  private onConnect(sessionPresent: boolean): void {
    const nowMs = this.opts.now();
    try {
      const gap = this.sessions.connected(this.url, sessionPresent, nowMs);
      if (!gap) return;
      console.error(
        `broker ${gap.brokerUrl} did not resume this console's session: QoS 1 messages from ` +
          `${new Date(gap.fromMs).toISOString()} to ${new Date(gap.toMs).toISOString()} may be lost` +
          (gap.expired ? ' (the session had expired)' : ''),
      );
      this.opts.alerts.raiseDataGap(
        gap.fromMs,
        gap.expired ? 'session-expired' : 'session-lost',
        nowMs,
      );
    } catch (err) {
      console.error('broker session check failed:', err);
    }
  }
}
