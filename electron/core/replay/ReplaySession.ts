import {
  TRACK_MAX_POINTS,
  type ConsoleEvents,
  type EventName,
  type SupportSetup,
  type Unsubscribe,
} from '../../../shared/contract/ConsoleApi';
import { EventHub } from '../../../shared/contract/emitter';
import type { Alert } from '../../../shared/domain/alerts';
import { afterActionReport } from '../kpi/afterAction';
import { attempt } from '../attempt';
import type { AfterActionReport } from '../../../shared/domain/report';
import type { AuditCheck, AuditFile } from '../../../shared/domain/audit';
import type { ClockState } from '../../../shared/domain/clock';
import type { DrillSnapshot, ScenarioLoad, ScenarioSummary } from '../../../shared/domain/drill';
import type { ReachGrid } from '../../../shared/domain/reach';
import { Refused } from '../../../shared/domain/refusal';
import type { ClockChange, SessionInfo, TimelineMark } from '../../../shared/domain/session';
import {
  noRejections,
  type QuarantinedMessage,
  type StatusSnapshot,
} from '../../../shared/domain/status';
import type { UnitPosition, UnitSnapshot } from '../../../shared/domain/units';
import type { SupportCommands } from '../desk/supportApi';
import { attachmentsOf, unitStatuses } from '../desk/statuses';
import { AuditWatch } from '../log/auditWatch';
import { marksOf } from '../log/marks';
import { stepOf } from '../store/SupportRepo';
import type { RegionPack } from '../region/loadRegion';
import type { SessionCommands } from '../session/Session';
import { applyClockChange, SessionClock } from '../session/SessionClock';
import type { RecordedStore } from './RecordedStore';
import { ReplayState } from './ReplayState';

const STATUS_PERIOD_MS = 1000;
const READ_ONLY = 'a replay is read-only: it shows what was recorded';
const refuse = (): Promise<never> => Promise.reject(new Refused('replay-read-only', READ_ONLY));

export interface ReplayOptions {
  readonly info: SessionInfo;
  /** The session recorded in the store (what is replayed). */
  readonly of: SessionInfo;
  readonly store: RecordedStore;
  readonly pack: RegionPack;
  readonly range: { readonly fromMs: number; readonly toMs: number };
  readonly tickMs: number;
  readonly realNow: () => number;
}

/**
 * 回放 — a read-only session over a recorded store. Its clock (virtual, 0.25–60×, bounded to the
 * recorded period) picks the instant; the map and every board show the session as it was then:
 * units from their samples, incidents, requests and alerts from the event log folded to it.
 */
export class ReplaySession implements SessionCommands {
  readonly info: SessionInfo;
  readonly clock: SessionClock;
  readonly createdMs: number;
  readonly support: SupportCommands;
  private readonly hub = new EventHub();
  private readonly state: ReplayState;
  private readonly audit: AuditWatch;
  private readonly timers: NodeJS.Timeout[] = [];
  private seq = 0;
  /** Bumped on every jump: screens reload their lists when it changes. */
  private epoch = 0;

  constructor(private readonly opts: ReplayOptions) {
    this.info = opts.info;
    this.createdMs = opts.realNow();
    this.clock = SessionClock.virtual(opts.range.fromMs, opts.realNow);
    this.state = new ReplayState(opts.store, opts.pack.roster);
    this.audit = new AuditWatch({ verifyAudit: () => opts.store.log.verify() }, this.clock.now);
    this.support = this.readOnlySupport();
  }

  start(): void {
    this.audit.check();
    this.state.foldTo(this.clock.now());
    this.timers.push(setInterval(() => this.tick(), this.opts.tickMs));
    this.timers.push(setInterval(() => this.emitStatus(), STATUS_PERIOD_MS));
  }

  /** One playback step: the frame at the clock's instant, and what happened since the last one. */
  tick(): void {
    if (this.clock.paused) return;
    let t = this.clock.now();
    if (t >= this.opts.range.toMs) {
      // The end of the recording: stop there (paused first, so no time runs past it).
      this.clock.pause();
      this.clock.seek(this.opts.range.toMs);
      t = this.opts.range.toMs;
    }
    this.show(t);
  }

  /** The frame for instant `tMs` (what a seek hands the screens). */
  private frameAt(tMs: number): ConsoleEvents['unitsFrame'] {
    return this.state.frame(tMs, ++this.seq);
  }

  private show(tMs: number): void {
    const changes = this.state.foldTo(tMs);
    this.hub.emit('unitsFrame', this.frameAt(tMs));
    if (!changes) {
      this.epoch++;
      this.emitStatus();
      return;
    }
    for (const i of changes.incidents) this.hub.emit('incident', i);
    for (const r of changes.requests) this.hub.emit('support', r);
    for (const a of changes.alerts) this.hub.emit('alert', a);
  }

  controlClock(change: ClockChange): Promise<ClockState> {
    try {
      const { fromMs, toMs } = this.opts.range;
      const c =
        change.type === 'seek'
          ? { ...change, sessionMs: Math.min(toMs, Math.max(fromMs, change.sessionMs)) }
          : change;
      const after = applyClockChange(this.clock, c);
      if (c.type === 'seek') this.show(this.clock.now());
      this.emitStatus();
      return Promise.resolve(after);
    } catch (err) {
      return Promise.reject(err instanceof Error ? err : new Error(String(err)));
    }
  }

  getUnits(): Promise<readonly UnitSnapshot[]> {
    return Promise.resolve(this.state.units(this.clock.now()));
  }

  getStatus(): Promise<StatusSnapshot> {
    return Promise.resolve(this.status());
  }

  getTrack(unitId: string, fromMs: number, toMs: number): Promise<readonly UnitPosition[]> {
    const upTo = Math.min(toMs, this.clock.now());
    return Promise.resolve(this.opts.store.trackOf(unitId, fromMs, upTo, TRACK_MAX_POINTS));
  }

  /** A replay shows positions, incidents and alerts; refused messages are live's to inspect. */
  listQuarantine(): Promise<readonly QuarantinedMessage[]> {
    return Promise.resolve([]);
  }

  listAlerts(): Promise<readonly Alert[]> {
    return Promise.resolve(this.state.alerts(this.clock.now()));
  }

  /** A replay is a view: its recording's chain is exported from the terminal (npm run audit). */
  exportAudit(): Promise<AuditFile> {
    return refuse();
  }

  /** The report of the recording up to the instant shown. */
  getReport(fromMs?: number, toMs?: number): Promise<AfterActionReport> {
    return attempt(() =>
      afterActionReport({
        session: this.opts.of,
        events: this.opts.store.log.all(),
        fromMs: fromMs ?? this.opts.range.fromMs,
        toMs: toMs ?? this.clock.now(),
        generatedMs: this.opts.realNow(),
        gradeTargets: this.opts.pack.support.gradeTargets,
        roster: this.opts.pack.roster,
      }),
    );
  }

  verifyAudit(): Promise<AuditCheck> {
    const r = this.audit.check();
    this.emitStatus();
    return Promise.resolve(r);
  }

  listMarks(): Promise<readonly TimelineMark[]> {
    return Promise.resolve(marksOf(this.opts.store.log.all()));
  }

  getDrill(): Promise<DrillSnapshot> {
    return Promise.resolve({ injects: [], notes: [] });
  }

  listScenarios(): Promise<readonly ScenarioSummary[]> {
    return Promise.resolve([]);
  }

  ackAlert = refuse;
  getReachGrid = (): Promise<ReachGrid> => refuse();
  loadScenario = (): Promise<ScenarioLoad> => refuse();
  drillAction = refuse;

  on<E extends EventName>(name: E, fn: (payload: ConsoleEvents[E]) => void): Unsubscribe {
    return this.hub.on(name, fn);
  }

  status(): StatusSnapshot {
    const t = this.clock.now();
    const units = this.state.units(t);
    return {
      tsMs: t,
      session: this.info,
      clock: this.clock.snapshot(),
      replay: { of: this.opts.of, ...this.opts.range, epoch: this.epoch },
      broker: { url: '', embedded: false, state: 'offline', lastError: undefined },
      msgsPerSec: 0,
      dataMs: t,
      accepted: 0,
      rejected: noRejections(),
      unitsOnline: units.filter((u) => u.liveness === 'online').length,
      unitsTotal: units.length,
      simulator: false,
      storeError: undefined,
      audit: this.audit.last,
    };
  }

  emitStatus(): void {
    this.hub.emit('status', this.status());
  }

  stop(): void {
    for (const t of this.timers) clearInterval(t);
    this.opts.store.close();
  }

  private readOnlySupport(): SupportCommands {
    const now = (): number => this.clock.now();
    const c = this.opts.pack.support;
    const setup: SupportSetup = {
      operator: { name: '', role: 'commander' },
      supervisors: [],
      runCards: c.runCards,
      gradeTargets: c.gradeTargets,
      approvalRole: c.approvalRole,
      emergencyAuthority: c.emergencyAuthority,
      geofenceM: c.geofenceM,
      travelModel: '',
    };
    const p = () => this.state.state;
    return {
      getSupportSetup: () => Promise.resolve(setup),
      listIncidents: () => Promise.resolve(this.state.incidents(now())),
      listSupport: () => Promise.resolve(this.state.requests(now())),
      listSuggestions: () =>
        Promise.resolve([...p().suggestions.values()].filter((s) => s.dismissedMs === undefined)),
      getSupportTimeline: (id) =>
        Promise.resolve(
          this.opts.store.log
            .bySubject(id)
            .filter((e) => e.tsMs <= now() && e.kind !== 'request' && e.kind !== 'points')
            .map(stepOf),
        ),
      getUnitStatuses: () =>
        Promise.resolve(
          unitStatuses({
            units: this.state.units(now()),
            attachments: attachmentsOf(p().requests.values(), (id) => p().incidents.get(id)),
            shifts: c.shifts,
            nowMs: now(),
          }),
        ),
      createIncident: refuse,
      regradeIncident: refuse,
      closeIncident: refuse,
      handOverCommand: refuse,
      requestSupport: refuse,
      evaluatePackage: refuse,
      approveSupport: refuse,
      confirmEmergency: refuse,
      rejectSupport: refuse,
      cancelSupport: refuse,
      releaseSupport: refuse,
      orderUnit: refuse,
      dismissSuggestion: refuse,
    };
  }
}
