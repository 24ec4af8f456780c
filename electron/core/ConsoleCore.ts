import { join } from 'node:path';
import type { ConsoleApi } from '../../shared/contract/ConsoleApi';
import { EventHub } from '../../shared/contract/emitter';
import { routeApi } from '../../shared/contract/routeApi';
import type { RegionSnapshot } from '../../shared/domain/region';
import type { WallLayout } from '../../shared/domain/wall';
import { SupervisorBook } from './auth/SupervisorBook';
import { readBrokerTls, type CoreConfig } from './config';
import { startEmbeddedBroker, type EmbeddedBroker } from './mqtt/embeddedBroker';
import { loadRegionPack, type RegionPack } from './region/loadRegion';
import { MqttSource } from './session/MqttSource';
import { ROOT_COMMANDS, Session } from './session/Session';
import { SessionClock } from './session/SessionClock';
import { sessionOfStore } from './session/sessionMeta';
import { Simulator } from './sim/Simulator';
import { openStore } from './store/openStore';
import { loadSolver, type MilpSolver } from './support/recommend';
import { createTravelModel } from './support/travel';
import type { TravelModel } from './support/types';
import { WallLayoutRepo } from './wall/WallLayoutRepo';

/** The workstation's own commands; everything else is a session's. */
interface RootCommands {
  getRegion(): Promise<RegionSnapshot>;
  getWallLayout(): Promise<WallLayout>;
  saveWallLayout(screens: WallLayout['screens']): Promise<WallLayout>;
}

/**
 * The composition root: the region, the travel model and solver, the broker, the workstation's
 * own records (wall layout, enrolled supervisors) and the sessions. Live is the one session a
 * console always runs; the hosts serve `api`, which routes each command to the workstation or to
 * the live session. Plain Node — both hosts (Electron, headless) and the tests run exactly this.
 */
export class ConsoleCore {
  readonly api: ConsoleApi;
  private sim: Simulator | undefined;
  private mqtt: MqttSource | undefined;
  private stopped = false;

  private constructor(
    readonly config: CoreConfig,
    private readonly pack: RegionPack,
    readonly live: Session,
    private readonly wall: WallLayoutRepo,
    /** The workstation's events (the wall layout); a session's come from the session. */
    hub: EventHub,
    private readonly broker: EmbeddedBroker | undefined,
    private readonly brokerUrl: string,
  ) {
    const root: RootCommands = {
      getRegion: () => Promise.resolve(this.pack.snapshot),
      getWallLayout: () => Promise.resolve(this.wall.get()),
      saveWallLayout: (screens) => attempt(() => this.wall.save(screens)),
    };
    this.api = routeApi(ROOT_COMMANDS, root, live, (name) => (name === 'wallLayout' ? hub : live));
  }

  /** Loads the region, opens the live store, connects the broker and starts ticking. */
  static async start(config: CoreConfig, now: () => number = Date.now): Promise<ConsoleCore> {
    const pack = loadRegionPack(join(config.resourcesDir, 'regions'), config.regionId, {
      option: config.basemap,
      pmtilesUrl: config.basemapPmtilesUrl,
    });
    // One travel model for the recommender and the simulator, so simulated units keep the ETAs.
    // With a road layer in the pack, on the road graph (built once here); else straight line.
    const travel = createTravelModel({ ...pack.support.travel, roads: pack.roads });
    let solver: MilpSolver | undefined;
    try {
      solver = await loadSolver();
    } catch (err) {
      // The recommender falls back to greedy and says why; the console still works.
      console.error('MILP solver not loaded:', err);
    }
    const db = openStore({
      file: join(config.dataDir, 'muster.db'),
      nativeBinding: config.sqliteNativeBinding,
    });
    let broker: EmbeddedBroker | undefined;
    let core: ConsoleCore | undefined;
    try {
      const clock = SessionClock.wall(now);
      const info = sessionOfStore(db, { kind: 'live', name: pack.snapshot.info.name }, now());
      const supervisors = new SupervisorBook(db, now);
      const live = new Session({
        info: { id: info.id, kind: info.kind, name: info.name },
        clock,
        pack,
        travel,
        solver,
        db,
        nativeBinding: config.sqliteNativeBinding,
        supervisors,
        operator: config.operator,
        role: config.role,
        clientId: config.clientId,
        tickMs: config.tickMs,
        retentionHours: config.retentionHours,
        downsampleSec: config.downsampleSec,
        realNow: now,
      });
      if (config.brokerUrl === undefined) broker = await startEmbeddedBroker();
      const url = broker?.url ?? (config.brokerUrl as string);
      const hub = new EventHub();
      const wall = new WallLayoutRepo(db, {
        operator: config.operator,
        now,
        emit: (layout) => hub.emit('wallLayout', layout),
      });
      core = new ConsoleCore(config, pack, live, wall, hub, broker, url);
      await core.boot(travel);
      return core;
    } catch (err) {
      if (core) await core.stop();
      else {
        db.close();
        await broker?.close();
      }
      throw err;
    }
  }

  private async boot(travel: TravelModel): Promise<void> {
    const config = this.config;
    this.live.start();
    this.mqtt = new MqttSource({
      link: {
        url: this.brokerUrl,
        clientId: config.clientId,
        username: config.brokerUsername,
        password: config.brokerPassword,
        protocol: config.mqttProtocol,
        tls: readBrokerTls(config),
        ackQos1: config.ackQos1 ?? 'commit',
      },
      embedded: this.broker !== undefined,
      ingest: this.live.ingest,
      onMessage: (topic, payload) => this.live.handleMessage(topic, payload),
      alerts: this.live.alerts,
      db: this.live.db,
      now: this.live.clock.now,
      drainNow: () => this.live.drainNow(),
      onStatus: () => this.live.emitStatus(),
    });
    if (config.simulate) {
      this.sim = new Simulator({
        brokerUrl: this.brokerUrl,
        roster: this.pack.roster,
        stations: this.pack.snapshot.stations,
        rateHz: config.simRateHz,
        clientId: `${config.clientId}-sim`,
        travel,
        ...(config.brokerUsername !== undefined ? { username: config.brokerUsername } : {}),
        ...(config.brokerPassword !== undefined ? { password: config.brokerPassword } : {}),
      });
    }
    this.live.attach(this.mqtt, this.sim);
    await this.mqtt.start();
    await this.sim?.start();
  }

  /** The PMTiles file the host must serve at config.basemapPmtilesUrl, if the basemap is one. */
  get basemapFile(): string | undefined {
    return this.pack.basemapFile;
  }

  /** The GIS server template the host's raster proxy fetches from, if the basemap is raster. */
  get basemapRasterTemplate(): string | undefined {
    return this.pack.basemapRasterTemplate;
  }

  /** The broker the live session is connected to. */
  get url(): string {
    return this.brokerUrl;
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    await this.live.stop();
    await this.broker?.close();
  }
}

function attempt<T>(fn: () => T): Promise<T> {
  try {
    return Promise.resolve(fn());
  } catch (err) {
    return Promise.reject(err instanceof Error ? err : new Error(String(err)));
  }
}
