import type { RosterUnit, UnitsFrame } from '../../../shared/domain/units';
import type { AlertEngine } from '../alerts/AlertEngine';
import type { TelemetryRepo } from '../store/TelemetryRepo';
import { Coalescer } from '../telemetry/Coalescer';
import { IngestCounters } from '../telemetry/IngestCounters';
import {
  parseDeviceMessage,
  type DeviceAck,
  type DeviceBinding,
  type DeviceOrder,
  type ParseContext,
} from '../telemetry/parseTelemetry';
import { QUARANTINE_KEPT } from '../store/RefusalRepo';
import { Quarantine } from '../telemetry/Quarantine';
import { UnitTable } from '../telemetry/UnitTable';
import type { TopicSpace } from '../../../shared/telemetry/topics';

const MAX_FUTURE_MS = 5 * 60_000;
export const MAX_PAST_MS = 24 * 3_600_000;

/**
 * A source that holds something back until what it delivered is committed: the MQTT link's
 * QoS 1 acknowledgements. Asked at each drain; the answer is called with the commit's outcome.
 */
export interface CommitWaiter {
  takeMark(): ((committed: boolean) => void) | undefined;
}

export interface TelemetryIngestOptions {
  readonly roster: readonly RosterUnit[];
  readonly repo: TelemetryRepo;
  readonly alerts: AlertEngine;
  /** Session time (epoch ms): what samples are judged and stored against. */
  readonly now: () => number;
  /** The machine's clock: message rates are per real second, whatever the session's speed. */
  readonly realNow: () => number;
  /** The namespace device topics are parsed in. */
  readonly topics: TopicSpace;
  readonly onAck: (ack: DeviceAck) => void;
  readonly onOrder: (order: DeviceOrder) => void;
}

/**
 * The telemetry path of a session: the validation edge for every device message, the coalescer,
 * the latest state per unit, and the per-tick write. Devices' events and status reports are rare
 * and urgent, so they reach the alert rules at once; samples go through the tick.
 */
export class TelemetryIngest {
  readonly counters: IngestCounters;
  /** Refused since the last drain: written with the drain's samples. */
  private readonly quarantine = new Quarantine(QUARANTINE_KEPT);
  readonly units: UnitTable;
  private readonly coalescer = new Coalescer();
  private readonly parseCtx: { -readonly [K in keyof ParseContext]: ParseContext[K] };
  private readonly waiters: CommitWaiter[] = [];

  constructor(private readonly opts: TelemetryIngestOptions) {
    this.counters = new IngestCounters(opts.realNow());
    this.units = new UnitTable(opts.roster);
    const devices = new Map<string, DeviceBinding>(
      opts.roster.map((unit, idx) => [unit.deviceId, { idx, unit }]),
    );
    this.parseCtx = {
      devices,
      nowMs: 0,
      maxFutureMs: MAX_FUTURE_MS,
      maxPastMs: MAX_PAST_MS,
      topics: opts.topics,
    };
  }

  /** Restores the latest state of each unit, and the refusal counts, from the store, at start. */
  restore(nowMs: number): void {
    Object.assign(this.counters.rejected, this.opts.repo.refusals.counts());
    const byId = new Map(this.opts.roster.map((u, i) => [u.id, i]));
    for (const s of this.opts.repo.loadStates()) {
      const idx = byId.get(s.unitId);
      if (idx === undefined) continue;
      this.units.restore(idx, s, nowMs);
      const last = this.counters.lastAcceptedMs;
      if (last === undefined || s.receivedMs > last) this.counters.lastAcceptedMs = s.receivedMs;
    }
  }

  addCommitWaiter(w: CommitWaiter): void {
    this.waiters.push(w);
  }

  /** The validation edge for every device message. Never throws. */
  handleMessage(topic: string, payload: Uint8Array): void {
    const nowMs = this.opts.now();
    this.counters.countMessage(this.opts.realNow());
    // One context object, reused: this runs for every message, up to tens of thousands a second.
    this.parseCtx.nowMs = nowMs;
    const r = parseDeviceMessage(topic, payload, this.parseCtx);
    if (r.ok) {
      this.counters.accepted++;
      this.counters.lastAcceptedMs = nowMs;
      if (r.channel === 'telemetry') this.coalescer.push(r.sample);
      else if (r.channel === 'event') this.opts.alerts.onEvent(r.event, nowMs);
      else if (r.channel === 'status') {
        this.units.reportStatus(r.status.unitIdx, r.status.payload?.online, nowMs, nowMs);
        this.opts.alerts.onStatus(r.status, nowMs);
      } else if (r.channel === 'ack') this.opts.onAck(r.ack);
      else this.opts.onOrder(r.order);
    } else {
      this.counters.reject(r.reason);
      this.quarantine.add(nowMs, topic, payload, r.reason, r.detail);
    }
  }

  /**
   * Applies and persists what arrived since the last drain. The tick passes `emitFrame` for the
   * frame of changed units; a drain forced by a waiting source sends none, and the next tick's
   * frame carries those units.
   */
  drain(nowMs: number, emitFrame?: (frame: UnitsFrame) => void): void {
    // Every message handled so far is in the batch below, or was stored when it was handled.
    const marks = this.waiters.map((w) => w.takeMark());
    const batch = this.coalescer.pending > 0 ? this.coalescer.drain() : undefined;
    if (batch) {
      this.units.applyLatest(batch.latest);
      // Whoever reads the units next (a command between ticks) sees them with their liveness.
      this.units.refreshLivenessOf(batch.latest, nowMs);
    }
    if (emitFrame) {
      // The whole roster once a tick: units age into stale and offline without reporting.
      this.units.refreshLiveness(nowMs);
      // The live picture goes out before the write: a commander should not wait on the disk.
      const frame = this.units.takeFrame(nowMs);
      if (frame) emitFrame(frame);
    }
    const refused = this.quarantine.take();
    if (batch || refused) {
      // One transaction per drain, on the store's writer thread, refusals included. A failed
      // write (disk full) must not stop the live picture: it is reported in the status.
      this.opts.repo.queueTick(batch?.samples ?? [], batch?.latest ?? [], refused);
    }
    if (batch) this.opts.alerts.onSamples(batch.samples, nowMs);
    const settle = marks.filter((m) => m !== undefined);
    if (settle.length > 0) {
      this.opts.repo.afterCommit((committed) => {
        for (const s of settle) s(committed);
      });
    }
  }
}
