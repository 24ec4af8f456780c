import { join } from 'node:path';
import {
  TRACK_MAX_POINTS,
  type ConsoleApi,
  type ConsoleEvents,
  type EventName,
  type Unsubscribe,
} from '../../shared/contract/ConsoleApi';
import { EventHub } from '../../shared/contract/emitter';
import type { Alert } from '../../shared/domain/alerts';
import type { ReachGrid } from '../../shared/domain/reach';
import type { RegionSnapshot } from '../../shared/domain/region';
import type { StatusSnapshot } from '../../shared/domain/status';
import type { UnitPosition, UnitSnapshot } from '../../shared/domain/units';
import type { WallLayout } from '../../shared/domain/wall';
import { readBrokerTls, type CoreConfig } from './config';
import { AlertEngine } from './alerts/AlertEngine';
import { startEmbeddedBroker, type EmbeddedBroker } from './mqtt/embeddedBroker';
import { MqttLink } from './mqtt/MqttLink';
import { loadRegionPack, type RegionPack } from './region/loadRegion';
import { Simulator } from './sim/Simulator';
import { AlertRepo } from './store/AlertRepo';
import { openStore } from './store/openStore';
import { SupervisorBook } from './auth/SupervisorBook';
import { startRetention, type RetentionTimer } from './store/retention';
import { SupportRepo } from './store/SupportRepo';
import { loadSolver } from './support/recommend';
import { SupportDesk } from './support/SupportDesk';
import { ReachService } from './support/reach/ReachService';
import { AuditWatch } from './support/auditWatch';
import type { AuditCheck } from '../../shared/domain/audit';
import { supportApi, type SupportArgs, type SupportCommands } from './support/desk/supportApi';
import { createTravelModel } from './support/travel';
import type { TravelModel } from './support/types';
import { TelemetryRepo } from './store/TelemetryRepo';
import { Coalescer } from './telemetry/Coalescer';
import { IngestCounters } from './telemetry/IngestCounters';
import {
  parseDeviceMessage,
  type DeviceBinding,
  type ParseContext,
} from './telemetry/parseTelemetry';
import { Quarantine } from './telemetry/Quarantine';
import { UnitTable } from './telemetry/UnitTable';
import { WallLayoutRepo } from './wall/WallLayoutRepo';

const MAX_FUTURE_MS = 5 * 60_000;
const MAX_PAST_MS = 24 * 3_600_000;
const STATUS_PERIOD_MS = 1000;
/** How long start-up waits for the broker subscription before going on without it. */
const SUBSCRIBE_WAIT_MS = 5000;

export type Clock = () => number;

/**
 * The console core: region, store, MQTT link, telemetry pipeline and simulator behind ConsoleApi.
 * Plain Node — both hosts (Electron, headless) and the tests run exactly this.
 */
export class ConsoleCore implements ConsoleApi {
  readonly counters: IngestCounters;
  readonly quarantine = new Quarantine(200);
  private readonly hub = new EventHub();
  private readonly coalescer = new Coalescer();
  private readonly units: UnitTable;
  private readonly devices: Map<string, DeviceBinding>;
  private readonly parseCtx: { -readonly [K in keyof ParseContext]: ParseContext[K] };
  private readonly alerts: AlertEngine;
  private readonly desk: SupportDesk;
  private readonly support: SupportCommands;
  private readonly audit: AuditWatch;
  private readonly travel: TravelModel;
  private reach: ReachService | undefined;
  private readonly timers: NodeJS.Timeout[] = [];
  /** Set by start() right after construction. */
  private wall!: WallLayoutRepo;
  private link: MqttLink | undefined;
  private broker: EmbeddedBroker | undefined;
  private sim: Simulator | undefined;
  private retention: RetentionTimer | undefined;
  private brokerUrl = '';
  private lastStoreError: string | undefined;
  private stopped = false;

  private constructor(
    readonly config: CoreConfig,
    private readonly pack: RegionPack,
    readonly repo: TelemetryRepo,
    private readonly now: Clock,
    alertRepo: AlertRepo,
    supportRepo: SupportRepo,
    supervisors: SupervisorBook,
  ) {
    this.counters = new IngestCounters(now());
    this.audit = new AuditWatch(supportRepo, now);
    this.units = new UnitTable(pack.roster);
    this.devices = new Map(pack.roster.map((unit, idx) => [unit.deviceId, { idx, unit }]));
    this.parseCtx = {
      devices: this.devices,
      nowMs: 0,
      maxFutureMs: MAX_FUTURE_MS,
      maxPastMs: MAX_PAST_MS,
    };
    this.alerts = new AlertEngine({
      repo: alertRepo,
      roster: pack.roster,
      operator: config.operator,
      // Read lazily: the desk is built next, and only ticks call this.
      assignedUnits: () => this.desk.assignedUnits(),
      emit: (e) => this.hub.emit('alert', e),
      restored: repo.loadStates(),
    });
    // One travel model for the recommender and the simulator, so simulated units keep the ETAs.
    // With a road layer in the pack, on the road graph (built once here); else straight line.
    this.travel = createTravelModel({ ...pack.support.travel, roads: pack.roads });
    this.desk = new SupportDesk({
      repo: supportRepo,
      config: pack.support,
      roster: pack.roster,
      stations: pack.snapshot.stations,
      jurisdictions: pack.snapshot.layers.jurisdictions,
      travel: this.travel,
      operator: config.operator,
      role: config.role,
      supervisors,
      clientId: config.clientId,
      units: () => this.units.snapshot(),
      publish: (topic, payload) =>
        this.link ? this.link.publishQos1(topic, payload) : Promise.reject(new Error('no link')),
      slaAlert: (...a) => this.alerts.setSla(...a),
      emit: (name, payload) => this.hub.emit(name, payload),
      now,
    });
    this.support = supportApi(this.desk);
  }

  /** Loads the region, opens the store, connects the broker and starts ticking. */
  static async start(config: CoreConfig, now: Clock = Date.now): Promise<ConsoleCore> {
    const pack = loadRegionPack(join(config.resourcesDir, 'regions'), config.regionId, {
      option: config.basemap,
      pmtilesUrl: config.basemapPmtilesUrl,
    });
    const db = openStore({
      file: join(config.dataDir, 'muster.db'),
      nativeBinding: config.sqliteNativeBinding,
    });
    const core = new ConsoleCore(
      config,
      pack,
      new TelemetryRepo(db, { nativeBinding: config.sqliteNativeBinding }),
      now,
      new AlertRepo(db),
      new SupportRepo(db),
      new SupervisorBook(db, now),
    );
    core.wall = new WallLayoutRepo(db, {
      operator: config.operator,
      now,
      emit: (layout) => core.hub.emit('wallLayout', layout),
    });
    try {
      await core.boot();
    } catch (err) {
      await core.stop();
      throw err;
    }
    return core;
  }

  private async boot(): Promise<void> {
    // Before anything is appended: a broken chain is reported as the store was found.
    const audit = this.audit.check();
    if (!audit.ok)
      console.error(`support audit log: event ${String(audit.badSeq)}: ${audit.reason}`);
    const byId = new Map(this.pack.roster.map((u, i) => [u.id, i]));
    for (const s of this.repo.loadStates()) {
      const idx = byId.get(s.unitId);
      if (idx !== undefined) this.units.restore(idx, s, this.now());
    }
    try {
      this.desk.rt.solver = await loadSolver();
    } catch (err) {
      // The recommender falls back to greedy and says why; the console still works.
      console.error('MILP solver not loaded:', err);
    }
    if (this.config.brokerUrl === undefined) {
      this.broker = await startEmbeddedBroker();
      this.brokerUrl = this.broker.url;
    } else {
      this.brokerUrl = this.config.brokerUrl;
    }
    this.link = new MqttLink({
      url: this.brokerUrl,
      clientId: this.config.clientId,
      username: this.config.brokerUsername,
      password: this.config.brokerPassword,
      protocol: this.config.mqttProtocol,
      tls: readBrokerTls(this.config),
      onMessage: (topic, payload) => this.handleMessage(topic, payload),
      onState: () => this.emitStatus(),
    });
    this.link.start();
    await this.link.whenSubscribed(SUBSCRIBE_WAIT_MS);
    this.timers.push(setInterval(() => this.tick(), this.config.tickMs));
    this.timers.push(setInterval(() => this.emitStatus(), STATUS_PERIOD_MS));
    this.retention = startRetention(
      this.repo,
      {
        retentionMs: this.config.retentionHours * 3_600_000,
        bucketMs: this.config.downsampleSec * 1000,
        lateArrivalMs: MAX_PAST_MS,
      },
      this.now,
    );
    if (this.config.simulate) {
      this.sim = new Simulator({
        brokerUrl: this.brokerUrl,
        roster: this.pack.roster,
        stations: this.pack.snapshot.stations,
        rateHz: this.config.simRateHz,
        clientId: `${this.config.clientId}-sim`,
        travel: this.travel,
        ...(this.config.brokerUsername !== undefined
          ? { username: this.config.brokerUsername }
          : {}),
        ...(this.config.brokerPassword !== undefined
          ? { password: this.config.brokerPassword }
          : {}),
      });
      await this.sim.start();
    }
  }

  /** The validation edge for every MQTT message. Never throws. */
  handleMessage(topic: string, payload: Uint8Array): void {
    const nowMs = this.now();
    this.counters.countMessage(nowMs);
    // One context object, reused: this runs for every message, up to tens of thousands a second.
    this.parseCtx.nowMs = nowMs;
    const r = parseDeviceMessage(topic, payload, this.parseCtx);
    if (r.ok) {
      this.counters.accepted++;
      // Events and status reports are rare and urgent: evaluated now, not at the next tick.
      if (r.channel === 'telemetry') this.coalescer.push(r.sample);
      else if (r.channel === 'event') this.alerts.onEvent(r.event, nowMs);
      else if (r.channel === 'status') this.alerts.onStatus(r.status, nowMs);
      else if (r.channel === 'ack') this.desk.onAck(r.ack);
      else this.desk.onOrder(r.order);
    } else {
      this.counters.reject(r.reason);
      this.quarantine.add(nowMs, topic, payload, r.reason, r.detail);
    }
  }

  /** One coalescing tick: persist, update state, emit one frame. Public so tests can drive it. */
  tick(): void {
    const nowMs = this.now();
    const batch = this.coalescer.pending > 0 ? this.coalescer.drain() : undefined;
    if (batch) this.units.applyLatest(batch.latest);
    this.units.refreshLiveness(nowMs);
    // The live picture goes out before the write: a commander should not wait on the disk.
    const frame = this.units.takeFrame(nowMs);
    if (frame) this.hub.emit('unitsFrame', frame);
    if (batch) {
      // Committed on the store's writer thread (TelemetryWriter), one transaction per tick. A failed
      // write (disk full, locked file) must not stop the live picture: it is reported below.
      this.repo.queueTick(batch.samples, batch.latest);
      this.alerts.onSamples(batch.samples, nowMs);
    }
    // The writer thread reports a commit's outcome after the tick that queued it.
    this.lastStoreError = this.repo.writeError;
    this.alerts.checkLiveness(nowMs);
    this.desk.tick(nowMs); // guards itself: one failing request never stops the tick
  }

  /** The PMTiles file the host must serve at config.basemapPmtilesUrl, if the basemap is one. */
  get basemapFile(): string | undefined {
    return this.pack.basemapFile;
  }

  /** The GIS server template the host's raster proxy fetches from, if the basemap is raster. */
  get basemapRasterTemplate(): string | undefined {
    return this.pack.basemapRasterTemplate;
  }

  getRegion(): Promise<RegionSnapshot> {
    return Promise.resolve(this.pack.snapshot);
  }

  getUnits(): Promise<readonly UnitSnapshot[]> {
    return Promise.resolve(this.units.snapshot());
  }

  getStatus(): Promise<StatusSnapshot> {
    return Promise.resolve(this.status());
  }

  getTrack(unitId: string, fromMs: number, toMs: number): Promise<readonly UnitPosition[]> {
    return Promise.resolve(this.repo.track(unitId, fromMs, toMs, TRACK_MAX_POINTS));
  }

  listAlerts(): Promise<readonly Alert[]> {
    return Promise.resolve(this.alerts.list(this.now()));
  }

  ackAlert(alertId: number): Promise<Alert> {
    try {
      return Promise.resolve(this.alerts.ack(alertId, this.now()));
    } catch (err) {
      return Promise.reject(err instanceof Error ? err : new Error(String(err)));
    }
  }

  // Support commands (issue 5): argument checks and refusals live in supportApi.
  getSupportSetup(...a: SupportArgs<'getSupportSetup'>) {
    return this.support.getSupportSetup(...a);
  }
  listIncidents(...a: SupportArgs<'listIncidents'>) {
    return this.support.listIncidents(...a);
  }
  createIncident(...a: SupportArgs<'createIncident'>) {
    return this.support.createIncident(...a);
  }
  regradeIncident(...a: SupportArgs<'regradeIncident'>) {
    return this.support.regradeIncident(...a);
  }
  closeIncident(...a: SupportArgs<'closeIncident'>) {
    return this.support.closeIncident(...a);
  }
  handOverCommand(...a: SupportArgs<'handOverCommand'>) {
    return this.support.handOverCommand(...a);
  }
  requestSupport(...a: SupportArgs<'requestSupport'>) {
    return this.support.requestSupport(...a);
  }
  evaluatePackage(...a: SupportArgs<'evaluatePackage'>) {
    return this.support.evaluatePackage(...a);
  }
  approveSupport(...a: SupportArgs<'approveSupport'>) {
    return this.support.approveSupport(...a);
  }
  rejectSupport(...a: SupportArgs<'rejectSupport'>) {
    return this.support.rejectSupport(...a);
  }
  cancelSupport(...a: SupportArgs<'cancelSupport'>) {
    return this.support.cancelSupport(...a);
  }
  releaseSupport(...a: SupportArgs<'releaseSupport'>) {
    return this.support.releaseSupport(...a);
  }
  listSupport(...a: SupportArgs<'listSupport'>) {
    return this.support.listSupport(...a);
  }
  getSupportTimeline(...a: SupportArgs<'getSupportTimeline'>) {
    return this.support.getSupportTimeline(...a);
  }
  getUnitStatuses(...a: SupportArgs<'getUnitStatuses'>) {
    return this.support.getUnitStatuses(...a);
  }
  orderUnit(...a: SupportArgs<'orderUnit'>) {
    return this.support.orderUnit(...a);
  }
  listSuggestions(...a: SupportArgs<'listSuggestions'>) {
    return this.support.listSuggestions(...a);
  }
  dismissSuggestion(...a: SupportArgs<'dismissSuggestion'>) {
    return this.support.dismissSuggestion(...a);
  }

  verifyAudit(): Promise<AuditCheck> {
    const r = this.audit.check();
    this.emitStatus();
    return Promise.resolve(r);
  }

  getReachGrid(): Promise<ReachGrid> {
    // Built on first use: the stations' grid is priced once, the units' at most every 10 s.
    this.reach ??= new ReachService({
      bbox: this.pack.snapshot.info.bbox,
      stations: this.pack.snapshot.stations,
      travel: this.travel,
      pool: (nowMs) => this.desk.rt.pool(nowMs),
      now: this.now,
    });
    return Promise.resolve(this.reach.get());
  }

  // Video wall (issue 4): checks and persistence live in WallLayoutRepo.
  getWallLayout(): Promise<WallLayout> {
    return Promise.resolve(this.wall.get());
  }
  saveWallLayout(screens: WallLayout['screens']): Promise<WallLayout> {
    try {
      return Promise.resolve(this.wall.save(screens));
    } catch (err) {
      return Promise.reject(err instanceof Error ? err : new Error(String(err)));
    }
  }

  on<E extends EventName>(name: E, fn: (payload: ConsoleEvents[E]) => void): Unsubscribe {
    return this.hub.on(name, fn);
  }

  status(): StatusSnapshot {
    const nowMs = this.now();
    return {
      tsMs: nowMs,
      broker: {
        url: this.brokerUrl,
        embedded: this.broker !== undefined,
        state: this.link?.state ?? 'offline',
        lastError: this.link?.lastError,
        reconnects: this.link?.reconnects ?? 0,
        protocol: this.link?.protocol,
      },
      msgsPerSec: Math.round(this.counters.ratePerSec(nowMs)),
      accepted: this.counters.accepted,
      rejected: { ...this.counters.rejected },
      unitsOnline: this.units.countOnline(),
      unitsTotal: this.units.n,
      simulator: this.sim !== undefined,
      storeError: this.lastStoreError ?? this.alerts.lastError,
      audit: this.audit.last,
    };
  }

  private emitStatus(): void {
    if (!this.stopped) this.hub.emit('status', this.status());
  }

  get url(): string {
    return this.brokerUrl;
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    for (const t of this.timers) clearInterval(t);
    this.retention?.stop();
    await this.sim?.stop();
    await this.link?.stop();
    this.tick(); // persist what arrived since the last tick
    this.repo.close();
    await this.broker?.close();
  }
}
