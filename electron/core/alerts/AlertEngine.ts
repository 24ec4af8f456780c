import {
  ALERT_ACKED_WINDOW_MS,
  ALERT_LIST_MAX,
  type Alert,
  type AlertEvent,
  type AlertKind,
  type SlaAlertKind,
} from '../../../shared/domain/alerts';
import { DEVICE_KIND_OF, type RosterUnit } from '../../../shared/domain/units';
import type { AlertRepo } from '../store/AlertRepo';
import type { DeviceEvent, DeviceStatus } from '../telemetry/parseTelemetry';
import type { TelemetrySample } from '../telemetry/sample';
import { livenessOf } from '../telemetry/UnitTable';
import {
  evaluate,
  evaluateSample,
  initialRuleState,
  type ConditionChange,
  type RuleInput,
  type UnitRuleState,
} from './rules';
import { actor } from '../auth/callerScope';

export interface AlertEngineOptions {
  readonly repo: AlertRepo;
  readonly roster: readonly RosterUnit[];
  /** The units assigned to a task now; only assigned units raise an offline alert. */
  readonly assignedUnits: () => ReadonlySet<string>;
  readonly emit: (event: AlertEvent) => void;
  /** Last receipt time per unit restored from the store, so liveness is right from the first tick. */
  readonly restored?: Iterable<{ readonly unitId: string; readonly receivedMs: number }>;
}

const keyOf = (unitId: string, kind: AlertKind): string => `${unitId}\u0000${kind}`;

/**
 * Turns rule condition edges into alert records. At most one live alert per (unit, kind): a
 * condition returning before its cleared alert was acknowledged reopens that alert instead of
 * adding another, so a flapping device cannot fill the list or the table.
 */
export class AlertBook {
  /** Alerts still tracked: not acknowledged, or acknowledged while the condition holds. */
  private readonly live = new Map<number, Alert>();
  private readonly byKey = new Map<string, number>();

  constructor(
    private nextId: number,
    alerts: Iterable<Alert> = [],
  ) {
    for (const a of alerts) this.track(a);
  }

  get size(): number {
    return this.live.size;
  }

  /** Kinds with an uncleared alert for a unit, to seed the rules after a restart. */
  activeKinds(unitId: string): AlertKind[] {
    return [...this.live.values()]
      .filter((a) => a.unitId === unitId && a.clearedMs === undefined)
      .map((a) => a.kind);
  }

  get(id: number): Alert | undefined {
    return this.live.get(id);
  }

  /** The id the next new alert takes. */
  nextAlertId(): number {
    return this.nextId;
  }

  /** The record a condition edge produces, or undefined when nothing changes. Does not mutate. */
  apply(unitId: string, c: ConditionChange, nowMs: number): AlertEvent | undefined {
    const id = this.byKey.get(keyOf(unitId, c.kind));
    const cur = id === undefined ? undefined : this.live.get(id);
    if (c.on) {
      if (cur && cur.clearedMs === undefined) return undefined;
      if (cur && cur.ackedMs === undefined) {
        return {
          change: 'raised',
          alert: { ...cur, clearedMs: undefined, value: c.value, detail: c.detail },
        };
      }
      const alert: Alert = {
        id: this.nextId,
        kind: c.kind,
        unitId,
        raisedMs: nowMs,
        value: c.value,
        detail: c.detail,
        clearedMs: undefined,
        ackedMs: undefined,
        ackedBy: undefined,
      };
      return { change: 'raised', alert };
    }
    if (!cur || cur.clearedMs !== undefined) return undefined;
    return { change: 'cleared', alert: { ...cur, clearedMs: nowMs } };
  }

  /** Records a change produced by apply() or ack(), after it has been persisted. */
  commit(e: AlertEvent): void {
    if (e.alert.id >= this.nextId) this.nextId = e.alert.id + 1;
    this.track(e.alert);
  }

  private track(a: Alert): void {
    const key = keyOf(a.unitId, a.kind);
    if (a.ackedMs !== undefined && a.clearedMs !== undefined) {
      this.live.delete(a.id);
      if (this.byKey.get(key) === a.id) this.byKey.delete(key);
      return;
    }
    this.live.set(a.id, a);
    this.byKey.set(key, a.id);
  }
}

/**
 * Alert rules, lifecycle and persistence for the core. Rules are pure (./rules.ts); this class
 * holds per-unit rule state, writes every change before announcing it, and attributes
 * acknowledgements to the configured operator.
 */
export class AlertEngine {
  private readonly book: AlertBook;
  private readonly rules = new Map<string, UnitRuleState>();
  private readonly receivedMs = new Map<string, number>();
  private readonly roster: readonly RosterUnit[];
  private readonly rosterIndex = new Map<string, number>();
  /** Units whose offline alert condition holds: with the assigned ones, all checkLiveness visits. */
  private readonly offlineOn = new Set<string>();
  /** Scratch for onSamples, emptied after each sample: no array per sample at the broker's rate. */
  private readonly changes: ConditionChange[] = [];
  /** Last failure to persist an alert change; the change is still shown. */
  lastError: string | undefined;

  constructor(private readonly opts: AlertEngineOptions) {
    this.roster = opts.roster;
    this.book = new AlertBook(opts.repo.maxId() + 1, opts.repo.loadLive());
    opts.roster.forEach((u, i) => {
      const rule = initialRuleState(DEVICE_KIND_OF[u.kind], this.book.activeKinds(u.id));
      this.rules.set(u.id, rule);
      this.rosterIndex.set(u.id, i);
      if (rule.active.has('offline')) this.offlineOn.add(u.id);
    });
    for (const r of opts.restored ?? []) this.receivedMs.set(r.unitId, r.receivedMs);
  }

  /**
   * Every sample, not only the newest per unit in the tick: SOS and low battery are level
   * conditions, yet a press released or a dip recovered within one tick is still an alert, and
   * heart-rate runs are timed sample by sample. Kept cheap instead (rules.evaluateSample).
   */
  onSamples(samples: readonly TelemetrySample[], nowMs: number): void {
    const out: AlertEvent[] = [];
    const changes = this.changes;
    for (const s of samples) {
      const seen = this.receivedMs.get(s.unitId);
      if (seen === undefined || s.receivedMs > seen) this.receivedMs.set(s.unitId, s.receivedMs);
      const prev = this.rules.get(s.unitId);
      if (!prev) continue;
      const next = evaluateSample(prev, s, changes);
      if (next === prev) continue;
      this.rules.set(s.unitId, next);
      if (changes.length > 0) {
        this.record(s.unitId, changes, nowMs, out);
        changes.length = 0;
      }
    }
    this.publish(out, nowMs);
  }

  onEvent(e: DeviceEvent, nowMs: number): void {
    const out: AlertEvent[] = [];
    this.run(e.unitId, { type: 'event', payload: e.payload }, nowMs, out);
    this.publish(out, nowMs);
  }

  onStatus(s: DeviceStatus, nowMs: number): void {
    const out: AlertEvent[] = [];
    this.run(
      s.unitId,
      { type: 'status', payload: s.payload, receivedMs: s.receivedMs },
      nowMs,
      out,
    );
    this.publish(out, nowMs);
  }

  /**
   * Offline alerts for assigned units, from the same liveness thresholds as the unit table. It
   * runs every tick, so it visits only the units whose alert can change: the assigned ones and
   * those with an offline condition still on (it clears once a unit is back or released).
   */
  checkLiveness(nowMs: number): void {
    const assigned = this.opts.assignedUnits();
    if (assigned.size === 0 && this.offlineOn.size === 0) return;
    const visit = [...new Set([...assigned, ...this.offlineOn])]
      .map((id) => this.rosterIndex.get(id))
      .filter((i): i is number => i !== undefined)
      .sort((a, b) => a - b);
    const out: AlertEvent[] = [];
    for (const i of visit) {
      const u = this.roster[i] as RosterUnit;
      const liveness = livenessOf(DEVICE_KIND_OF[u.kind], this.receivedMs.get(u.id), nowMs);
      this.run(u.id, { type: 'liveness', liveness, assigned: assigned.has(u.id) }, nowMs, out);
      if (this.rules.get(u.id)?.active.has('offline')) this.offlineOn.add(u.id);
      else this.offlineOn.delete(u.id);
    }
    this.publish(out, nowMs);
  }

  /**
   * SLA alerts: the support desk decides when their condition holds (a unit late against its
   * deadline) and ends; persisted and announced like every other alert.
   */
  setSla(
    unitId: string,
    kind: SlaAlertKind,
    on: boolean,
    value: number | undefined,
    detail: string,
    nowMs: number,
  ): void {
    const e = this.book.apply(unitId, { kind, on, value, detail }, nowMs);
    if (!e) return;
    this.book.commit(e);
    this.publish([e], nowMs);
  }

  /**
   * A data gap: the broker lost the console's session, so QoS 1 messages between `fromMs` and now
   * may never arrive. One alert per gap (each window is its own fact to acknowledge), raised and
   * cleared at once: nothing ends the condition but the operator taking note.
   */
  raiseDataGap(fromMs: number, detail: string, nowMs: number): void {
    const alert: Alert = {
      id: this.book.nextAlertId(),
      kind: 'data-gap',
      unitId: '',
      raisedMs: nowMs,
      value: fromMs,
      detail,
      clearedMs: nowMs,
      ackedMs: undefined,
      ackedBy: undefined,
    };
    const e: AlertEvent = { change: 'raised', alert };
    this.book.commit(e);
    this.publish([e], nowMs);
  }

  /** Whether an SLA alert of this kind is open for the unit (raised and not yet cleared). */
  hasSla(unitId: string, kind: SlaAlertKind): boolean {
    return this.book.activeKinds(unitId).includes(kind);
  }

  list(nowMs: number): Alert[] {
    return this.opts.repo.list(nowMs - ALERT_ACKED_WINDOW_MS, ALERT_LIST_MAX);
  }

  /** Acknowledges in the operator's name. Throws a clear error for an unknown or acknowledged id. */
  ack(alertId: number, nowMs: number): Alert {
    const cur = this.book.get(alertId) ?? this.opts.repo.get(alertId);
    if (!cur) throw new Error(`unknown alert id ${alertId}`);
    if (cur.ackedMs !== undefined) {
      throw new Error(
        `alert ${alertId} was already acknowledged by ${cur.ackedBy ?? '?'} at ` +
          new Date(cur.ackedMs).toISOString(),
      );
    }
    const e: AlertEvent = {
      change: 'acked',
      alert: { ...cur, ackedMs: nowMs, ackedBy: actor().name },
    };
    this.opts.repo.save([e], nowMs); // an acknowledgement that is not stored did not happen
    this.book.commit(e);
    this.opts.emit(e);
    return e.alert;
  }

  private run(unitId: string, input: RuleInput, nowMs: number, out: AlertEvent[]): void {
    const prev = this.rules.get(unitId);
    if (!prev) return;
    const { next, changes } = evaluate(prev, input);
    if (next !== prev) this.rules.set(unitId, next);
    this.record(unitId, changes, nowMs, out);
  }

  /** Turns condition edges into alert records, queued in `out` for publish(). */
  private record(
    unitId: string,
    changes: readonly ConditionChange[],
    nowMs: number,
    out: AlertEvent[],
  ): void {
    for (const c of changes) {
      const e = this.book.apply(unitId, c, nowMs);
      if (!e) continue;
      this.book.commit(e);
      out.push(e);
    }
  }

  private publish(events: readonly AlertEvent[], nowMs: number): void {
    if (events.length === 0) return;
    try {
      this.opts.repo.save(events, nowMs);
      this.lastError = undefined;
    } catch (err) {
      // The operator must still see an SOS when the disk is failing; the failure is reported.
      this.lastError = err instanceof Error ? err.message : String(err);
      console.error('alert write failed:', this.lastError);
    }
    for (const e of events) this.opts.emit(e);
  }
}
