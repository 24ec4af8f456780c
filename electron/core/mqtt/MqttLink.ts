import { connect, type IClientOptions, type MqttClient } from 'mqtt';
import type { LinkState } from '../../../shared/domain/status';
import { TELEMETRY_SUBSCRIPTION } from '../../../shared/telemetry/topics';

export interface MqttLinkOptions {
  readonly url: string;
  readonly clientId: string;
  readonly username?: string | undefined;
  readonly password?: string | undefined;
  /** 4 = MQTT 3.1.1 (aedes), 5 = MQTT 5. */
  readonly protocolVersion?: 4 | 5;
  readonly onMessage: (topic: string, payload: Uint8Array) => void;
  readonly onState?: (state: LinkState, error: string | undefined) => void;
}

/** The console's subscription to device telemetry. Reconnects and resubscribes by itself. */
export class MqttLink {
  private client: MqttClient | undefined;
  state: LinkState = 'offline';
  lastError: string | undefined;

  constructor(private readonly opts: MqttLinkOptions) {}

  start(): void {
    const o = this.opts;
    const options: IClientOptions = {
      clientId: o.clientId,
      protocolVersion: o.protocolVersion ?? 4,
      clean: true,
      reconnectPeriod: 1000,
      connectTimeout: 10_000,
      ...(o.username !== undefined ? { username: o.username } : {}),
      ...(o.password !== undefined ? { password: o.password } : {}),
    };
    this.setState('connecting');
    const client = connect(o.url, options);
    this.client = client;
    client.on('connect', () => {
      this.lastError = undefined;
      this.setState('connected');
      client.subscribe(TELEMETRY_SUBSCRIPTION, { qos: 1 }, (err) => {
        if (err) this.fail(`subscribe failed: ${err.message}`);
      });
    });
    client.on('reconnect', () => this.setState('reconnecting'));
    client.on('offline', () => this.setState('offline'));
    client.on('close', () => {
      if (this.state === 'connected') this.setState('reconnecting');
    });
    client.on('error', (err) => this.fail(err.message));
    client.on('message', (topic, payload) => {
      // The handler is the validation edge and must not throw; guard anyway so one bad message
      // can never take the link down.
      try {
        o.onMessage(topic, payload);
      } catch (err) {
        console.error('telemetry handler threw:', err);
      }
    });
  }

  async stop(): Promise<void> {
    const c = this.client;
    this.client = undefined;
    if (c) await c.endAsync(true);
    this.setState('offline');
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
