import type Database from 'better-sqlite3';
import {
  TRACK_MAX_POINTS,
  type ConsoleCommands,
  type ConsoleEvents,
  type EventName,
  type Unsubscribe,
} from '../../../shared/contract/ConsoleApi';
import { EventHub } from '../../../shared/contract/emitter';
import type { Alert } from '../../../shared/domain/alerts';
import type { AuditCheck, AuditFile } from '../../../shared/domain/audit';
import { exportSessionAudit } from '../log/auditExport';
import { afterActionReport } from '../kpi/afterAction';
import type { AfterActionReport } from '../../../shared/domain/report';
import type { ReachGrid } from '../../../shared/domain/reach';
import { sessionTimeAt, type ClockState } from '../../../shared/domain/clock';
import { Refused } from '../../../shared/domain/refusal';
import type { ClockChange, SessionInfo, TimelineMark } from '../../../shared/domain/session';
import {
  QUARANTINE_LIST_MAX,
  type QuarantinedMessage,
  type StatusSnapshot,
} from '../../../shared/domain/status';
import type { UnitPosition, UnitSnapshot } from '../../../shared/domain/units';
import { AlertEngine } from '../alerts/AlertEngine';
import type {
  DrillAction,
  DrillSnapshot,
  ScenarioLoad,
  ScenarioSource,
  ScenarioSummary,
} from '../../../shared/domain/drill';
import { DrillDesk } from '../drill/DrillDesk';
import { EventLog } from '../log/EventLog';
import { marksOf } from '../log/marks';
import type { SimFault } from '../sim/faults';
import type { OperatorBook } from '../auth/OperatorBook';
import type { RegionPack } from '../region/loadRegion';
import { AlertRepo } from '../store/AlertRepo';
import { startRetention, type RetentionTimer } from '../store/retention';
import { SupportRepo } from '../store/SupportRepo';
import { TelemetryRepo } from '../store/TelemetryRepo';
import { AuditWatch } from '../log/auditWatch';
import { supportApi, type SupportCommandName, type SupportCommands } from '../desk/supportApi';
import { ReachService } from '../desk/ReachService';
import type { MilpSolver } from '../support/recommend';
import { SupportDesk } from '../desk/SupportDesk';
import type { TravelModel } from '../support/types';
import { exerciseTopics, LIVE_TOPICS, type TopicSpace } from '../../../shared/telemetry/topics';
import { applyClockChange, clockReason, type SessionClock } from './SessionClock';
import { MAX_PAST_MS, TelemetryIngest } from './TelemetryIngest';
import { attempt } from '../attempt';
import { actor } from '../auth/callerScope';

const STATUS_PERIOD_MS = 1000;

/** Commands served by the workstation (the composition root), not by a session. */
export const ROOT_COMMANDS = [
  'login',
  'logout',
  'whoAmI',
  'listOperators',
  'enrolOperator',
  'removeOperator',
  'listWallTokens',
  'issueWallToken',
  'revokeWallToken',
  'getRegion',
  'getWallLayout',
  'saveWallLayout',
  'listSessions',
  'startExercise',
  'endExercise',
  'openReplay',
  'closeReplay',
] as const;
export type SessionCommands = Omit<
  ConsoleCommands,
  (typeof ROOT_COMMANDS)[number] | SupportCommandName
>;

export interface SessionOptions {
  readonly info: SessionInfo;
  /** When the session (its store) was first made, epoch ms; defaults to the clock's now. */
  readonly createdMs?: number;
  readonly clock: SessionClock;
  readonly pack: RegionPack;
  readonly travel: TravelModel;
  readonly solver: MilpSolver | undefined;
  /** The session's own store, opened and migrated; the session closes it. */
  readonly db: Database.Database;
  readonly nativeBinding: string | undefined;
  readonly operators: OperatorBook;
  /** Named as the issuer of every order this session sends. */
  readonly clientId: string;
  readonly tickMs: number;
  readonly retentionHours: number;
  readonly downsampleSec: number;
  /** The machine's clock, for rates and the clock's own reference. */
  readonly realNow?: () => number;
}

/** Where a session's traffic comes from and its orders go: set by the root after construction. */
export interface SessionSource {
  brokerStatus(): StatusSnapshot['broker'];
  publish(topic: string, payload: string): Promise<void>;
  stop(): Promise<void>;
}

/** Something that feeds the source, stopped before the session's last tick (the simulator). */
export interface SessionFeeder {
  stop(): Promise<void>;
  /** An exercise inject on a simulated unit's device; false for a unit it does not simulate. */
  applyFault?(unitId: string, fault: SimFault): boolean;
}

/**
 * One session: its clock, its store, its event hub, the telemetry path, alerts and the support
 * desk. Live is one session; an exercise is another with its own store; both serve the same
 * commands. Sources (MQTT, the simulator) are attached by the composition root.
 */
export class Session implements SessionCommands {
  readonly info: SessionInfo;
  readonly createdMs: number;
  readonly clock: SessionClock;
  /** The MQTT namespace its devices live in: live, or the exercise's own. */
  readonly topics: TopicSpace;
  /** The session's store (also the workstation's, for the live session). */
  readonly db: Database.Database;
  readonly repo: TelemetryRepo;
  /** Everything people and the system do in this session; the state tables are its projections. */
  readonly log: EventLog;
  readonly ingest: TelemetryIngest;
  readonly alerts: AlertEngine;
  readonly desk: SupportDesk;
  private readonly hub = new EventHub();
  /** The support loop's commands (argument checks and refusals in supportApi). */
  readonly support: SupportCommands;
  /** The facilitator's desk: exercises only. */
  readonly drill: DrillDesk | undefined;
  private readonly audit: AuditWatch;
  private reach: ReachService | undefined;
  private retention: RetentionTimer | undefined;
  private readonly timers: NodeJS.Timeout[] = [];
  private source: SessionSource | undefined;
  private feeder: SessionFeeder | undefined;
  private readonly realNow: () => number;
  private stopped = false;

  constructor(private readonly opts: SessionOptions) {
    this.info = opts.info;
    this.clock = opts.clock;
    this.createdMs = opts.createdMs ?? opts.clock.now();
    const exercise = opts.info.kind === 'exercise';
    this.topics = exercise ? exerciseTopics(opts.info.id) : LIVE_TOPICS;
    const now = this.clock.now;
    const realNow = opts.realNow ?? Date.now;
    this.realNow = realNow;
    const { pack, db } = opts;
    this.db = db;
    this.repo = new TelemetryRepo(db, { nativeBinding: opts.nativeBinding });
    this.log = new EventLog(db);
    const supportRepo = new SupportRepo(db, this.log, opts.info.id);
    this.audit = new AuditWatch(supportRepo, now);
    this.alerts = new AlertEngine({
      repo: new AlertRepo(db, this.log),
      roster: pack.roster,
      // Read lazily: the desk is built next, and only ticks call this.
      assignedUnits: () => this.desk.assignedUnits(),
      emit: (e) => this.hub.emit('alert', e),
      restored: this.repo.loadStates(),
    });
    this.ingest = new TelemetryIngest({
      roster: pack.roster,
      repo: this.repo,
      alerts: this.alerts,
      now,
      realNow,
      topics: this.topics,
      onAck: (ack) => this.desk.onAck(ack),
      onOrder: (order) => this.desk.onOrder(order),
    });
    this.desk = new SupportDesk({
      repo: supportRepo,
      config: pack.support,
      roster: pack.roster,
      stations: pack.snapshot.stations,
      jurisdictions: pack.snapshot.layers.jurisdictions,
      travel: opts.travel,
      operators: opts.operators,
      clientId: opts.clientId,
      topics: this.topics,
      exercise: exercise ? { id: opts.info.id, name: opts.info.name } : undefined,
      units: () => this.ingest.units.snapshot(),
      publish: (topic, payload) =>
        this.source
          ? this.source.publish(topic, payload)
          : Promise.reject(new Error('no link to the devices')),
      slaAlert: (...a) => this.alerts.setSla(...a),
      emit: (name, payload) => this.hub.emit(name, payload),
      now,
    });
    this.desk.rt.solver = opts.solver;
    this.drill = exercise
      ? new DrillDesk({
          pack,
          clock: this.clock,
          log: this.log,
          desk: this.desk,
          fault: (unitId, fault) => this.feeder?.applyFault?.(unitId, fault) ?? false,
          emit: (d) => this.hub.emit('drill', d),
          onNotice: () => this.emitStatus(),
        })
      : undefined;
    this.support = supportApi(this.desk);
    this.clock.onChange(() => this.emitStatus());
  }

  /** Verifies the audit chain, restores state and starts ticking. */
  start(): void {
    // Before anything is appended: a broken chain is reported as the store was found.
    const audit = this.audit.check();
    if (!audit.ok) console.error(`audit log: event ${String(audit.badSeq)}: ${audit.reason}`);
    this.ingest.restore(this.clock.now());
    this.timers.push(setInterval(() => this.tick(), this.opts.tickMs));
    this.timers.push(setInterval(() => this.emitStatus(), STATUS_PERIOD_MS));
    this.retention = startRetention(
      this.repo,
      {
        retentionMs: this.opts.retentionHours * 3_600_000,
        bucketMs: this.opts.downsampleSec * 1000,
        lateArrivalMs: MAX_PAST_MS,
      },
      this.clock.now,
    );
  }

  attach(source: SessionSource, feeder?: SessionFeeder): void {
    this.source = source;
    this.feeder = feeder;
  }

  /** One tick: persist, update state, emit one frame. Public so tests can drive it. */
  tick(): void {
    const nowMs = this.clock.now();
    this.ingest.drain(nowMs, (frame) => this.hub.emit('unitsFrame', frame));
    this.alerts.checkLiveness(nowMs);
    this.desk.tick(nowMs); // guards itself: one failing request never stops the tick
    try {
      this.drill?.tick();
    } catch (err) {
      console.error('drill tick failed:', err);
    }
  }

  /** Persists what arrived without waiting for the tick (no frame). */
  drainNow(): void {
    this.ingest.drain(this.clock.now());
  }

  /** The validation edge for every device message. Never throws. */
  handleMessage(topic: string, payload: Uint8Array): void {
    this.ingest.handleMessage(topic, payload);
  }

  getUnits(): Promise<readonly UnitSnapshot[]> {
    return Promise.resolve(this.ingest.units.snapshot());
  }

  getStatus(): Promise<StatusSnapshot> {
    return Promise.resolve(this.status());
  }

  getTrack(unitId: string, fromMs: number, toMs: number): Promise<readonly UnitPosition[]> {
    return Promise.resolve(this.repo.track(unitId, fromMs, toMs, TRACK_MAX_POINTS));
  }

  listAlerts(): Promise<readonly Alert[]> {
    return Promise.resolve(this.alerts.list(this.clock.now()));
  }

  listQuarantine(): Promise<readonly QuarantinedMessage[]> {
    return attempt(() => this.repo.refusals.quarantine(QUARANTINE_LIST_MAX));
  }

  ackAlert(alertId: number): Promise<Alert> {
    return attempt(() => this.alerts.ack(alertId, this.clock.now()));
  }

  exportAudit(): Promise<AuditFile> {
    return attempt(() =>
      exportSessionAudit(this.log, this.info, actor().name, this.clock.now(), this.realNow()),
    );
  }

  getReport(fromMs?: number, toMs?: number): Promise<AfterActionReport> {
    return attempt(() =>
      afterActionReport({
        session: this.info,
        events: this.log.all(),
        fromMs: fromMs ?? this.createdMs,
        toMs: toMs ?? this.clock.now(),
        generatedMs: this.clock.now(),
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

  /**
   * A facilitator's clock control, recorded in the session's log. Refused on live (the wall
   * clock). Nothing timed in session time fires while paused: SLA timers, ack timeouts, the
   * simulated units and scheduled injects all read this clock.
   */
  controlClock(change: ClockChange): Promise<ClockState> {
    return attempt(() => {
      const before = this.clock.snapshot();
      const after = applyClockChange(this.clock, change);
      this.log.write(() =>
        this.log.append({
          subject: this.info.id,
          tsMs: sessionTimeAt(before, before.atMs),
          operator: actor().name,
          kind: 'clock',
          reason: clockReason(change),
          body: change,
        }),
      );
      return after;
    });
  }

  listMarks(): Promise<readonly TimelineMark[]> {
    return attempt(() => marksOf(this.log.all()));
  }

  listScenarios(): Promise<readonly ScenarioSummary[]> {
    return attempt(() => this.drillDesk().scenarios());
  }

  loadScenario(source: ScenarioSource): Promise<ScenarioLoad> {
    return attempt(() => this.drillDesk().load(source));
  }

  getDrill(): Promise<DrillSnapshot> {
    return attempt(() => this.drillDesk().snapshot());
  }

  drillAction(action: DrillAction): Promise<DrillSnapshot> {
    return attempt(() => this.drillDesk().act(action));
  }

  private drillDesk(): DrillDesk {
    if (!this.drill) {
      throw new Refused(
        'not-an-exercise',
        'scenarios and injects run in an exercise, not on live duty',
      );
    }
    return this.drill;
  }

  /** Records the session's own milestones (an exercise opened or ended) in its log. */
  record(kind: 'session-started' | 'session-ended', reason: string, body: unknown): void {
    this.log.write(() =>
      this.log.append({
        subject: this.info.id,
        tsMs: this.clock.now(),
        operator: actor().name,
        kind,
        reason,
        body,
      }),
    );
  }

  getReachGrid(): Promise<ReachGrid> {
    // Built on first use: the stations' grid is priced once, the units' at most every 10 s.
    this.reach ??= new ReachService({
      bbox: this.opts.pack.snapshot.info.bbox,
      stations: this.opts.pack.snapshot.stations,
      travel: this.opts.travel,
      pool: (nowMs) => this.desk.rt.pool(nowMs),
      now: this.clock.now,
    });
    return Promise.resolve(this.reach.get());
  }

  on<E extends EventName>(name: E, fn: (payload: ConsoleEvents[E]) => void): Unsubscribe {
    return this.hub.on(name, fn);
  }

  status(): StatusSnapshot {
    const nowMs = this.clock.now();
    const c = this.ingest.counters;
    return {
      tsMs: nowMs,
      session: this.info,
      clock: this.clock.snapshot(),
      ...(this.drill ? { notices: this.drill.notices.slice(-3) } : {}),
      broker: this.source?.brokerStatus() ?? NO_BROKER,
      msgsPerSec: Math.round(c.ratePerSec(this.realNow())),
      dataMs: c.lastAcceptedMs,
      accepted: c.accepted,
      rejected: { ...c.rejected },
      unitsOnline: this.ingest.units.countOnline(),
      unitsTotal: this.ingest.units.n,
      simulator: this.feeder !== undefined,
      storeError: this.repo.writeError ?? this.alerts.lastError,
      audit: this.audit.last,
    };
  }

  emitStatus(): void {
    if (!this.stopped) this.hub.emit('status', this.status());
  }

  /**
   * Stops ticking and the sources, persists what arrived since the last tick, and closes the
   * store. QoS 1 acknowledgements go out with that last commit, so the broker does not send those
   * messages again at the next start.
   */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    for (const t of this.timers) clearInterval(t);
    this.retention?.stop();
    await this.feeder?.stop();
    this.tick();
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, STOP_COMMIT_WAIT_MS);
      this.repo.afterCommit(() => {
        clearTimeout(timer);
        setImmediate(resolve);
      });
    });
    await this.source?.stop();
    this.repo.close();
  }
}

/** How long a stop waits for the last commit before closing the link with acks still held. */
const STOP_COMMIT_WAIT_MS = 5000;

const NO_BROKER: StatusSnapshot['broker'] = {
  url: '',
  embedded: false,
  state: 'offline',
  lastError: undefined,
};
