import { connectAsync, type IClientOptions, type MqttClient } from 'mqtt';
import type { Station } from '../../../shared/domain/region';
import type { RosterUnit } from '../../../shared/domain/units';
import { telemetryTopic } from '../../../shared/telemetry/topics';
import { createSimUnit, stepSimUnit, toPayload, type SimUnitState } from './motion';
import { seedFromId } from './rng';

// The built-in simulator is an ordinary MQTT client: it publishes exactly what real body-cams,
// vehicles and drones would (device contract v1), so the console cannot tell it from the field.

export interface SimulatorOptions {
  readonly brokerUrl: string;
  readonly roster: readonly RosterUnit[];
  readonly stations: readonly Station[];
  /** Samples per unit per second; default 1. */
  readonly rateHz?: number | undefined;
  readonly clientId?: string | undefined;
  /** Epoch-ms clock; defaults to Date.now. Simulated time runs with it. */
  readonly now?: (() => number) | undefined;
  readonly username?: string | undefined;
  readonly password?: string | undefined;
  /** 4 = MQTT 3.1.1 (aedes, the default), 5 = MQTT 5. */
  readonly protocolVersion?: 4 | 5 | undefined;
  /** Mixed into every unit's id-derived seed, to get a different but repeatable demo. */
  readonly seed?: number | undefined;
  readonly log?: ((message: string, err?: unknown) => void) | undefined;
  /** Test seam: how the MQTT client is made. Defaults to mqtt.connectAsync without retries. */
  readonly connectClient?:
    ((url: string, options: IClientOptions) => Promise<MqttClient>) | undefined;
}

interface Slot {
  state: SimUnitState;
  readonly topic: string;
  lastStepMs: number;
  inFlight: boolean;
}

/** Shortest and longest scheduler tick; each tick publishes the units whose turn has come. */
const MIN_TICK_MS = 10;
const MAX_TICK_MS = 50;
const LOG_EVERY_MS = 5000;

export class Simulator {
  private readonly slots: Slot[] = [];
  private readonly now: () => number;
  private readonly periodMs: number;
  private readonly log: (message: string, err?: unknown) => void;
  private client: MqttClient | undefined;
  private timer: ReturnType<typeof setInterval> | undefined;
  private cursor = 0;
  private nextDueMs = 0;
  /** Bumped when the connection drops: publishes begun on the old socket may never call back. */
  private generation = 0;
  private publishedCount = 0;
  private skippedCount = 0;
  private lastLogMs = -Infinity;
  private suppressedLogs = 0;
  private state: 'idle' | 'starting' | 'running' | 'stopped' = 'idle';

  constructor(private readonly opts: SimulatorOptions) {
    const rateHz = opts.rateHz ?? 1;
    if (!(rateHz > 0 && rateHz <= 50)) throw new Error(`simulator rateHz out of range: ${rateHz}`);
    this.periodMs = 1000 / rateHz;
    this.now = opts.now ?? (() => Date.now());
    this.log = opts.log ?? ((message, err) => console.warn(`[sim] ${message}`, err ?? ''));
    const homes = new Map(opts.stations.map((s) => [s.id, s.lonLat]));
    const t0 = this.now();
    for (const unit of opts.roster) {
      const home = homes.get(unit.stationId);
      if (!home) {
        this.log(`unit ${unit.id} skipped: unknown station ${unit.stationId}`);
        continue;
      }
      let topic: string;
      try {
        topic = telemetryTopic(unit.deviceId);
      } catch (err) {
        this.log(`unit ${unit.id} skipped`, err);
        continue;
      }
      const seed = (seedFromId(unit.id) ^ (opts.seed ?? 0)) >>> 0;
      this.slots.push({
        state: createSimUnit(unit, home, seed),
        topic,
        lastStepMs: t0,
        inFlight: false,
      });
    }
  }

  /** Messages the client has handed to the socket. */
  get published(): number {
    return this.publishedCount;
  }

  /** Samples not sent because the unit's previous publish was still pending or the link was down. */
  get skipped(): number {
    return this.skippedCount;
  }

  /** Units being simulated (roster entries with a known station and a valid device id). */
  get unitCount(): number {
    return this.slots.length;
  }

  /** Connects and starts publishing. Rejects if the broker cannot be reached or refuses us. */
  async start(): Promise<void> {
    if (this.state !== 'idle') throw new Error(`simulator already ${this.state}`);
    this.state = 'starting';
    const o = this.opts;
    const options: IClientOptions = {
      clientId: o.clientId ?? `muster-sim-${Math.random().toString(16).slice(2, 10)}`,
      protocolVersion: o.protocolVersion ?? 4,
      clean: true,
      reconnectPeriod: 2000,
      connectTimeout: 10_000,
      // Samples are only worth anything fresh: while offline, drop them rather than queue them.
      queueQoSZero: false,
      ...(o.username !== undefined ? { username: o.username } : {}),
      ...(o.password !== undefined ? { password: o.password } : {}),
    };
    let client: MqttClient;
    try {
      client = await (o.connectClient ?? defaultConnect)(o.brokerUrl, options);
    } catch (err) {
      if (this.state === 'starting') this.state = 'idle';
      throw err;
    }
    client.on('error', (err) => this.warn('mqtt error', err));
    client.on('close', () => {
      this.generation++;
      for (const s of this.slots) s.inFlight = false;
    });
    if (this.state !== 'starting') {
      // stop() was called while we were connecting.
      await client.endAsync();
      return;
    }
    this.client = client;
    const t0 = this.now();
    for (const s of this.slots) s.lastStepMs = t0;
    this.nextDueMs = t0;
    const slotMs = this.periodMs / Math.max(1, this.slots.length);
    const tickMs = Math.min(MAX_TICK_MS, Math.max(MIN_TICK_MS, slotMs));
    this.timer = setInterval(() => this.tick(), tickMs);
    this.state = 'running';
  }

  async stop(): Promise<void> {
    this.state = 'stopped';
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
    const c = this.client;
    this.client = undefined;
    if (c) await c.endAsync();
  }

  /**
   * Units take turns round-robin, one every period/N ms, so N units at 1 Hz make a steady stream
   * rather than a burst each second.
   */
  private tick(): void {
    try {
      const n = this.slots.length;
      if (n === 0) return;
      const t = this.now();
      // After a stall (suspended laptop, blocked loop), resynchronise instead of catching up in a
      // burst; positions still advance by the true elapsed time at each unit's next turn.
      if (t - this.nextDueMs > this.periodMs) this.nextDueMs = t;
      const slotMs = this.periodMs / n;
      for (let budget = n; budget > 0 && this.nextDueMs <= t; budget--) {
        const slot = this.slots[this.cursor];
        if (slot) this.emit(slot, t);
        this.cursor = (this.cursor + 1) % n;
        this.nextDueMs += slotMs;
      }
    } catch (err) {
      this.warn('tick failed', err);
    }
  }

  private emit(slot: Slot, t: number): void {
    try {
      slot.state = stepSimUnit(slot.state, t - slot.lastStepMs);
      slot.lastStepMs = t;
      const client = this.client;
      // Backpressure: QoS 0 publishes call back once the packet is written to the socket (after
      // 'drain' when its buffer is full). If this unit's previous sample is still waiting, the
      // broker or network is slower than we produce, so skip this sample instead of queueing
      // without bound; the next one carries the newer position anyway.
      if (!client || !client.connected || slot.inFlight) {
        this.skippedCount++;
        return;
      }
      const body = JSON.stringify(toPayload(slot.state, t));
      const gen = this.generation;
      // Set before publishing: MQTT.js may call back synchronously when the socket takes the write.
      slot.inFlight = true;
      try {
        client.publish(slot.topic, body, { qos: 0 }, (err) => {
          if (gen === this.generation) slot.inFlight = false;
          if (err) this.warn(`publish to ${slot.topic} failed`, err);
          else this.publishedCount++;
        });
      } catch (err) {
        slot.inFlight = false;
        throw err;
      }
    } catch (err) {
      this.warn(`unit ${slot.state.unit.id} failed`, err);
    }
  }

  /** Logs at most once per LOG_EVERY_MS so a dead broker cannot flood the log. */
  private warn(message: string, err: unknown): void {
    const t = this.now();
    if (t - this.lastLogMs < LOG_EVERY_MS) {
      this.suppressedLogs++;
      return;
    }
    const extra = this.suppressedLogs > 0 ? ` (+${this.suppressedLogs} suppressed)` : '';
    this.lastLogMs = t;
    this.suppressedLogs = 0;
    try {
      this.log(message + extra, err);
    } catch {
      // A broken logger must not take the timer down either.
    }
  }
}

// allowRetries=false: fail start() instead of waiting forever on a wrong URL. Once connected, the
// client's own reconnect loop handles later drops.
function defaultConnect(url: string, options: IClientOptions): Promise<MqttClient> {
  return connectAsync(url, options, false);
}
