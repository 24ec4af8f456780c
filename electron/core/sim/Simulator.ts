import { connectAsync, type IClientOptions, type MqttClient } from 'mqtt';
import type { LonLat, Station } from '../../../shared/domain/region';
import type { RosterUnit } from '../../../shared/domain/units';
import type { AckPayload } from '../../../shared/telemetry/orders';
import { LIVE_TOPICS, type TopicSpace } from '../../../shared/telemetry/topics';
import type { TravelModel } from '../support/types';
import { legForMove, signalsOf, stepLeg, type Leg } from './legs';
import { createSimUnit, stepSimUnit, toPayload, type SimUnitState } from './motion';
import {
  faultyReport,
  isSilent,
  unavailableAnswer,
  withFault,
  type FaultState,
  type SimFault,
} from './faults';
import { seedFromId } from './rng';
import {
  IDLE_TASK,
  arrived,
  dueTask,
  parseOrder,
  reactionMs,
  receiveOrder,
  startedMoving,
  viewOf,
  type Movement,
  type Task,
  type TaskStep,
  type TaskView,
} from './tasking';

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
  /** Routes and ETAs for units under orders; without it they go straight at patrol pace. */
  readonly travel?: TravelModel | undefined;
  /** Crew reaction before a dispatch is acknowledged, uniform in [min, max] ms; default 500–2000. */
  readonly reactionMs?: readonly [minMs: number, maxMs: number] | undefined;
  /** The namespace the simulated devices live in: live (default) or an exercise's. */
  readonly topics?: TopicSpace | undefined;
  /** Test seam: how the MQTT client is made. Defaults to mqtt.connectAsync without retries. */
  readonly connectClient?:
    ((url: string, options: IClientOptions) => Promise<MqttClient>) | undefined;
}

interface Slot {
  state: SimUnitState;
  /** What exercise injects have done to the device (faults.ts); undefined for a sound one. */
  faults: FaultState | undefined;
  readonly topic: string;
  lastStepMs: number;
  inFlight: boolean;
  /** Set once the unit has had an order; undefined for the (many) units that never have. */
  task: Task | undefined;
  /** Movement under orders; undefined while the unit follows its patrol loop. */
  leg: Leg | undefined;
  ackTopic: string | undefined;
}

/** Shortest and longest scheduler tick; each tick publishes the units whose turn has come. */
const MIN_TICK_MS = 10;
const MAX_TICK_MS = 50;
const LOG_EVERY_MS = 5000;
const DEFAULT_REACTION_MS: readonly [number, number] = [500, 2000];

export class Simulator {
  private readonly slots: Slot[] = [];
  private readonly byDevice = new Map<string, Slot>();
  private readonly byUnit = new Map<string, Slot>();
  /** Units with a dispatch waiting out its reaction delay; checked every tick. */
  private readonly pending = new Set<Slot>();
  private readonly now: () => number;
  private readonly topics: TopicSpace;
  private readonly periodMs: number;
  private readonly reaction: readonly [number, number];
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
    const [lo, hi] = opts.reactionMs ?? DEFAULT_REACTION_MS;
    if (!(lo >= 0 && hi >= lo && hi <= 60_000)) {
      throw new Error(`simulator reactionMs out of range: ${lo}..${hi}`);
    }
    this.reaction = [lo, hi];
    this.now = opts.now ?? (() => Date.now());
    this.topics = opts.topics ?? LIVE_TOPICS;
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
        topic = this.topics.topic(unit.deviceId, 'telemetry');
      } catch (err) {
        this.log(`unit ${unit.id} skipped`, err);
        continue;
      }
      const seed = (seedFromId(unit.id) ^ (opts.seed ?? 0)) >>> 0;
      if (this.byDevice.has(unit.deviceId) || this.byUnit.has(unit.id)) {
        this.log(`unit ${unit.id} skipped: duplicate unit or device id`);
        continue;
      }
      const slot: Slot = {
        state: createSimUnit(unit, home, seed),
        topic,
        faults: undefined,
        lastStepMs: t0,
        inFlight: false,
        task: undefined,
        leg: undefined,
        ackTopic: undefined,
      };
      this.slots.push(slot);
      this.byDevice.set(unit.deviceId, slot);
      this.byUnit.set(unit.id, slot);
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

  /** Where a unit stands with its orders; undefined for a unit that is not simulated. */
  taskOf(unitId: string): TaskView | undefined {
    const slot = this.byUnit.get(unitId);
    return slot === undefined ? undefined : viewOf(slot.task ?? IDLE_TASK);
  }

  /** A unit's simulated position as of its last step; undefined for a unit not simulated. */
  positionOf(unitId: string): LonLat | undefined {
    return this.byUnit.get(unitId)?.state.lonLat;
  }

  /**
   * An exercise inject on one unit's device: an SOS press is sent at once; the other faults change
   * what it reports (battery), whether it reports (comms loss, failure) or how it answers orders.
   * False for a unit that is not simulated.
   */
  applyFault(unitId: string, fault: SimFault): boolean {
    const slot = this.byUnit.get(unitId);
    if (!slot) return false;
    slot.faults = withFault(slot.faults, fault);
    if (fault.kind === 'sos') this.publishEvent(slot, { type: 'sos', state: 'on' });
    return true;
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
    client.on('message', (topic, payload) => this.onMessage(topic, payload));
    try {
      const granted = await client.subscribeAsync(this.topics.orderSubscription, { qos: 1 });
      if (granted.some((g) => g.qos === 128)) throw new Error('broker refused the subscription');
    } catch (err) {
      // Telemetry still works without orders; the units simply never answer one.
      this.log(`orders unavailable: cannot subscribe to ${this.topics.orderSubscription}`, err);
    }
    if (this.state !== 'starting') return;
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
      if (this.pending.size > 0) this.firePending(t);
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
      this.step(slot, t);
      const client = this.client;
      // Backpressure: QoS 0 publishes call back once the packet is written to the socket (after
      // 'drain' when its buffer is full). If this unit's previous sample is still waiting, the
      // broker or network is slower than we produce, so skip this sample instead of queueing
      // without bound; the next one carries the newer position anyway.
      if (isSilent(slot.faults, t)) return;
      if (!client || !client.connected || slot.inFlight) {
        this.skippedCount++;
        return;
      }
      const report = faultyReport(toPayload(slot.state, t, signalsOf(slot.leg)), slot.faults);
      const body = JSON.stringify(report);
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

  /** Brings a unit to time `t`: along its patrol loop, or along its leg with the order events. */
  private step(slot: Slot, t: number): void {
    const dtMs = t - slot.lastStepMs;
    if (!(dtMs > 0)) return;
    slot.lastStepMs = t;
    const leg = slot.leg;
    if (leg === undefined) {
      slot.state = stepSimUnit(slot.state, dtMs);
      return;
    }
    const r = stepLeg(slot.state, leg, dtMs);
    slot.state = r.state;
    slot.leg = r.leg;
    if (slot.task?.phase === 'en-route') this.apply(slot, startedMoving(slot.task, t));
    if (!r.arrived) return;
    if (leg.kind === 'drive' && leg.purpose === 'rejoin') {
      slot.leg = undefined;
      return;
    }
    if (slot.task !== undefined) this.apply(slot, arrived(slot.task, t));
  }

  private onMessage(topic: string, payload: Buffer): void {
    try {
      const where = this.topics.parse(topic);
      if (where?.channel !== 'order') return;
      // The wildcard also brings orders for real devices; those are not ours to answer.
      const slot = this.byDevice.get(where.deviceId);
      if (slot === undefined) return;
      const t = this.now();
      const parsed = parseOrder(payload.toString('utf8'), t);
      if (!parsed.ok) {
        this.warn(`order for ${where.deviceId} ignored: ${parsed.reason}`, undefined);
        return;
      }
      const o = parsed.order;
      const refusal = unavailableAnswer(slot.faults, o, t);
      if (refusal) return this.publishAck(slot, refusal);
      this.step(slot, t);
      const delayMs = reactionMs(o.orderId, this.opts.seed ?? 0, ...this.reaction);
      this.apply(slot, receiveOrder(slot.task ?? IDLE_TASK, o, t, delayMs));
    } catch (err) {
      this.warn(`order on ${topic} failed`, err);
    }
  }

  private firePending(t: number): void {
    // Deleting the current entry while iterating a Set is safe.
    for (const slot of this.pending) {
      const due = slot.task?.pending?.dueMs;
      if (due === undefined) this.pending.delete(slot);
      else if (due <= t) {
        this.step(slot, t);
        if (slot.task !== undefined) this.apply(slot, dueTask(slot.task, t));
      }
    }
  }

  private apply(slot: Slot, step: TaskStep): void {
    slot.task = step.task;
    if (step.task.pending !== undefined) this.pending.add(slot);
    else this.pending.delete(slot);
    for (const ack of step.acks) this.publishAck(slot, ack);
    if (step.move !== undefined) this.move(slot, step.move);
  }

  /**
   * Callers step the unit to now before they work out the task step, so a new leg starts where
   * the unit is and no arrival on the old leg can fire against the new task.
   */
  private move(slot: Slot, move: Movement): void {
    const r = legForMove(slot.state, move, this.opts.travel, (m, err) => this.warn(m, err));
    slot.state = r.state;
    slot.leg = r.leg;
  }

  private publishAck(slot: Slot, ack: AckPayload): void {
    const client = this.client;
    if (client === undefined) return;
    slot.ackTopic ??= this.topics.topic(slot.state.unit.deviceId, 'ack');
    const topic = slot.ackTopic;
    // QoS 1, queued by MQTT.js while offline: acks are few and each one matters to the console.
    client.publish(topic, JSON.stringify(ack), { qos: 1 }, (err) => {
      if (err) this.warn(`ack ${ack.state} to ${topic} failed`, err);
    });
  }

  private publishEvent(slot: Slot, e: { type: 'sos'; state: 'on' | 'off' }): void {
    const topic = this.topics.topic(slot.state.unit.deviceId, 'event');
    const body = JSON.stringify({ v: 1, tsMs: Math.max(1, Math.round(this.now())), ...e });
    this.client?.publish(topic, body, { qos: 1 }, (err) => {
      if (err) this.warn(`event to ${topic} failed`, err);
    });
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
