import type Database from 'better-sqlite3';

/** A window in which QoS 1 messages held for this console by the broker may have been lost. */
export interface SessionGap {
  readonly brokerUrl: string;
  /** The last time the console knew its session was alive (connected). */
  readonly fromMs: number;
  /** The connect at which the broker answered that it held no session. */
  readonly toMs: number;
  /** The gap is longer than the session expiry the console asked for: the broker may drop it. */
  readonly expired: boolean;
}

interface Row {
  broker_url: string;
  alive_ms: number;
}

/**
 * Whether the broker kept this console's persistent session, judged at each CONNACK against what
 * the store remembers: the broker it last held a session on and when the console last knew it
 * was connected. A broker that held it sends what queued while the console was away; one that
 * did not (restarted without persistence, expired the session, a failover) has lost it.
 */
export class BrokerSessionBook {
  private readonly select: Database.Statement<[string], Row>;
  private readonly upsert: Database.Statement<[string, string, number]>;

  constructor(
    db: Database.Database,
    private readonly clientId: string,
    private readonly sessionExpiryMs: number,
  ) {
    this.select = db.prepare('SELECT broker_url, alive_ms FROM broker_session WHERE client_id = ?');
    this.upsert = db.prepare(
      `INSERT INTO broker_session (client_id, broker_url, alive_ms) VALUES (?, ?, ?)
       ON CONFLICT (client_id) DO UPDATE SET
         broker_url = excluded.broker_url, alive_ms = excluded.alive_ms`,
    );
  }

  /**
   * At a successful connect. Returns the gap when a session this console held on the same broker
   * was not resumed; a first connect, or one to another broker, has nothing to resume.
   */
  connected(brokerUrl: string, sessionPresent: boolean, nowMs: number): SessionGap | undefined {
    const prev = this.select.get(this.clientId);
    this.upsert.run(this.clientId, brokerUrl, nowMs);
    if (sessionPresent || prev === undefined || prev.broker_url !== brokerUrl) return undefined;
    return {
      brokerUrl,
      fromMs: prev.alive_ms,
      toMs: nowMs,
      expired: nowMs - prev.alive_ms > this.sessionExpiryMs,
    };
  }

  /** While connected, now and then: the start of any later gap is at most this old. */
  alive(brokerUrl: string, nowMs: number): void {
    this.upsert.run(this.clientId, brokerUrl, nowMs);
  }
}
