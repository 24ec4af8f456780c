import { connectAsync, type MqttClient } from 'mqtt';
import type { RosterUnit } from '../../shared/domain/units';
import { telemetryTopic } from '../../shared/telemetry/topics';
import { payloadFor } from './payloads';

/**
 * A device fleet in one MQTT client: QoS 1 telemetry over the roster at a steady rate, each
 * sample with its own (unit, tsMs) key. It counts what the broker acknowledged (PUBACK): those
 * are the samples the broker owes the console.
 */
export class PacedPublisher {
  readonly acked = new Set<string>();
  sent = 0;
  failed = 0;
  private inflight = 0;
  private timer: NodeJS.Timeout | undefined;
  private startedMs = 0;
  private drained: (() => void) | undefined;

  private constructor(
    private readonly client: MqttClient,
    private readonly units: readonly RosterUnit[],
    private readonly ratePerSec: number,
    private readonly t0Ms: number,
    private readonly maxInflight: number,
  ) {}

  static async connect(
    url: string,
    units: readonly RosterUnit[],
    ratePerSec: number,
    opts: { username?: string; password?: string; maxInflight?: number } = {},
  ): Promise<PacedPublisher> {
    const client = await connectAsync(url, {
      clientId: `test-fleet-${process.pid}-${Math.random().toString(36).slice(2)}`,
      ...(opts.username !== undefined ? { username: opts.username } : {}),
      ...(opts.password !== undefined ? { password: opts.password } : {}),
    });
    // Timestamps in the recent past, one millisecond apart: every sample is unique and accepted.
    return new PacedPublisher(
      client,
      units,
      ratePerSec,
      Date.now() - 600_000,
      opts.maxInflight ?? 2000,
    );
  }

  start(): void {
    this.startedMs = Date.now();
    this.timer = setInterval(() => this.pump(), 5);
  }

  /** Stops publishing and waits for every PUBACK still due. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    if (this.inflight > 0) await new Promise<void>((r) => (this.drained = r));
  }

  async end(): Promise<void> {
    await this.stop();
    await this.client.endAsync();
  }

  private pump(): void {
    const due = Math.floor(((Date.now() - this.startedMs) * this.ratePerSec) / 1000);
    while (this.sent < due && this.inflight < this.maxInflight) this.publishOne();
  }

  private publishOne(): void {
    const seq = this.sent++;
    const unit = this.units[seq % this.units.length] as RosterUnit;
    const tsMs = this.t0Ms + seq;
    const key = `${unit.id}@${tsMs}`;
    const body = JSON.stringify(payloadFor(unit, tsMs, 118.4 + (seq % 1000) * 1e-5, 29.1));
    this.inflight++;
    this.client.publish(telemetryTopic(unit.deviceId), body, { qos: 1 }, (err) => {
      this.inflight--;
      if (err) this.failed++;
      else this.acked.add(key);
      if (this.inflight === 0) this.drained?.();
    });
  }
}
