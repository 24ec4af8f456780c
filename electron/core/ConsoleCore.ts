import { join } from 'node:path';
import type { ConsoleApi, ConsoleCommands } from '../../shared/contract/ConsoleApi';
import { EventHub } from '../../shared/contract/emitter';
import { routeApi } from '../../shared/contract/routeApi';
import type { ExerciseDraft, SessionSummary } from '../../shared/domain/session';
import { Refused } from '../../shared/domain/refusal';
import { DeviceKeyring } from './auth/DeviceKeyring';
import { OperatorBook } from './auth/OperatorBook';
import { WallTokenBook } from './auth/WallTokenBook';
import { LoginSessions } from './auth/LoginSessions';
import { Gate } from './auth/Gate';
import { actingAs } from './auth/callerScope';
import { commandNames } from '../../shared/contract/ConsoleApi';
import type { SessionKind } from '../../shared/domain/session';
import type { CoreConfig } from './config';
import { loadAcl } from './mqtt/acl';
import { BrokerGate, type BrokerLogin } from './mqtt/BrokerGate';
import { startEmbeddedBroker, type EmbeddedBroker } from './mqtt/embeddedBroker';
import { loadRegionPack, type RegionPack } from './region/loadRegion';
import { RecordedStore } from './replay/RecordedStore';
import { ReplaySession } from './replay/ReplaySession';
import {
  exercisesDir,
  openExercise,
  storedExercises,
  summaryOf,
  type ExerciseDeps,
} from './session/exercises';
import { ROOT_COMMANDS, Session } from './session/Session';
import { SessionClock } from './session/SessionClock';
import { newSessionId, sessionOfStore } from './session/sessionMeta';
import { connectSources } from './session/sources';
import { SUPPORT_COMMANDS } from './desk/supportApi';
import { openStore } from './store/openStore';
import { loadSolver, type MilpSolver } from './support/recommend';
import { createTravelModel } from './support/travel';
import { WallLayoutRepo } from './wall/WallLayoutRepo';
import { attempt } from './attempt';

/** The workstation's own commands; everything else is a session's. */
type RootCommands = Pick<ConsoleCommands, (typeof ROOT_COMMANDS)[number]>;

/**
 * The composition root: the region, the travel model and solver, the broker, the workstation's
 * own records (wall layout, enrolled supervisors) and the sessions. Live is the one session a
 * console always runs; exercises run beside it, each with its own store and MQTT namespace. A host
 * serves each screen `apiFor(session)`: the workstation's commands, and its session's. Plain Node:
 * both hosts (Electron, headless) and the tests run exactly this.
 */
export class ConsoleCore {
  /**
   * The live session's api in process, acting as config.operator with no role check: for tests
   * and harnesses. Hosts never serve it: every screen gets a `gate` connection's api.
   */
  readonly api: ConsoleApi;
  /** Screens connect here: logins, wall tokens, and the role check of every command. */
  readonly gate: Gate;
  private readonly root: RootCommands;
  private readonly liveApi: ConsoleApi;
  private readonly exercises = new Map<string, { session: Session; api: ConsoleApi }>();
  private readonly replays = new Map<string, { session: ReplaySession; api: ConsoleApi }>();
  private stopped = false;

  private constructor(
    readonly config: CoreConfig,
    private readonly pack: RegionPack,
    readonly live: Session,
    private readonly wall: WallLayoutRepo,
    /** The workstation's events (the wall layout); a session's come from the session. */
    private readonly hub: EventHub,
    private readonly broker: EmbeddedBroker | undefined,
    private readonly deps: ExerciseDeps,
    operators: OperatorBook,
  ) {
    const viaGate = (name: string) => () =>
      Promise.reject(new Error(`${name} is a screen's command: connect through core.gate`));
    this.root = {
      login: viaGate('login'),
      logout: viaGate('logout'),
      whoAmI: viaGate('whoAmI'),
      listOperators: () => Promise.resolve(operators.list()),
      enrolOperator: viaGate('enrolOperator'),
      removeOperator: viaGate('removeOperator'),
      listWallTokens: viaGate('listWallTokens'),
      issueWallToken: viaGate('issueWallToken'),
      revokeWallToken: viaGate('revokeWallToken'),
      getRegion: () => Promise.resolve(this.pack.snapshot),
      getWallLayout: () => Promise.resolve(this.wall.get()),
      saveWallLayout: (screens) => attempt(() => this.wall.save(screens)),
      listSessions: () => Promise.resolve(this.sessions()),
      startExercise: (draft) => this.startExercise(draft),
      endExercise: (id) => this.endExercise(id),
      openReplay: (id) => attempt(() => this.openReplay(id)),
      closeReplay: (id) => attempt(() => this.closeReplay(id)),
    };
    this.liveApi = this.routed(live);
    this.api = actingAs(
      this.liveApi,
      { kind: 'operator', name: config.operator, role: config.role },
      commandNames,
    );
    this.gate = new Gate({
      book: operators,
      walls: new WallTokenBook(live.db, deps.realNow),
      logins: new LoginSessions(live.db, deps.realNow),
      sessions: (id) => this.sessionApi(id),
      record: (r) =>
        live.log.write(() =>
          live.log.append({
            subject: r.subject,
            tsMs: deps.realNow(),
            operator: r.by,
            kind: r.kind,
            reason: r.reason,
            ...(r.body === undefined ? {} : { body: r.body }),
          }),
        ),
    });
  }

  /** A session's unchecked api and kind, for the gate's connections. */
  private sessionApi(
    id: string | undefined,
  ): { readonly api: ConsoleApi; readonly kind: SessionKind } | undefined {
    if (id === undefined || id === this.live.info.id) return { api: this.liveApi, kind: 'live' };
    const e = this.exercises.get(id);
    if (e) return { api: e.api, kind: 'exercise' };
    const r = this.replays.get(id);
    return r ? { api: r.api, kind: 'replay' } : undefined;
  }

  private routed(session: Session | ReplaySession): ConsoleApi {
    return routeApi(
      { names: ROOT_COMMANDS, serves: this.root },
      { names: SUPPORT_COMMANDS, serves: session.support },
      session,
      (name) => (name === 'wallLayout' ? this.hub : session),
    );
  }

  /** Loads the region, opens the live store, connects the broker and starts ticking. */
  static async start(config: CoreConfig, now: () => number = Date.now): Promise<ConsoleCore> {
    const pack = loadRegionPack(config.regionsDir, config.regionId, {
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
      const info = sessionOfStore(db, { kind: 'live', name: pack.snapshot.info.name }, now());
      const operators = new OperatorBook(db, now);
      const live = new Session({
        info: { id: info.id, kind: info.kind, name: info.name },
        createdMs: info.createdMs,
        clock: SessionClock.wall(now),
        pack,
        travel,
        solver,
        db,
        nativeBinding: config.sqliteNativeBinding,
        operators,
        clientId: config.clientId,
        tickMs: config.tickMs,
        retentionHours: config.retentionHours,
        downsampleSec: config.downsampleSec,
        realNow: now,
      });
      let gate: BrokerGate | undefined;
      if (config.brokerUrl === undefined) {
        gate = new BrokerGate({
          acl: loadAcl(join(config.resourcesDir, 'broker', 'muster.acl')),
          devices: new DeviceKeyring(db, now),
          deviceIds: new Set(pack.roster.map((u) => u.deviceId)),
        });
        broker = await startEmbeddedBroker(gate, config.brokerListen);
      }
      const brokerUrl = broker?.url ?? (config.brokerUrl as string);
      const hub = new EventHub();
      const wall = new WallLayoutRepo(db, {
        now,
        emit: (layout) => hub.emit('wallLayout', layout),
      });
      const deps: ExerciseDeps = {
        config,
        brokerUrl,
        gate,
        pack,
        travel,
        solver,
        operators,
        realNow: now,
      };
      core = new ConsoleCore(config, pack, live, wall, hub, broker, deps, operators);
      live.start();
      await connectSources(live, deps, { clientId: config.clientId, simulate: config.simulate });
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

  /** The api of one session: live when `sessionId` is undefined; undefined for an unknown one. */
  apiFor(sessionId: string | undefined): ConsoleApi | undefined {
    if (sessionId === undefined || sessionId === this.live.info.id) return this.api;
    const api = (this.exercises.get(sessionId) ?? this.replays.get(sessionId))?.api;
    const { operator: name, role } = this.config;
    return api && actingAs(api, { kind: 'operator', name, role }, commandNames);
  }

  /** The running exercise, for tests and the hosts. */
  exercise(sessionId: string): Session | undefined {
    return this.exercises.get(sessionId)?.session;
  }

  private sessions(): SessionSummary[] {
    const running = [...this.exercises.values()].map((e) => summaryOf(e.session, 'running'));
    const ended = storedExercises(this.config.dataDir).filter((s) => !this.exercises.has(s.id));
    const replays = [...this.replays.values()].map((r) => summaryOf(r.session, 'running'));
    return [summaryOf(this.live, 'running'), ...running, ...ended, ...replays];
  }

  /** Opens a replay of live's or an exercise's recording (read-only, beside everything else). */
  private openReplay(sessionId: string): SessionSummary {
    const { dataDir, sqliteNativeBinding } = this.config;
    const running = this.exercises.get(sessionId)?.session.info;
    const stored = storedExercises(dataDir).find((s) => s.id === sessionId);
    const of =
      sessionId === this.live.info.id ? this.live.info : (running ?? (stored && { ...stored }));
    if (!of) throw new Refused('replay-unknown', `unknown session ${sessionId}: nothing to replay`);
    const file =
      of.kind === 'live' ? join(dataDir, 'muster.db') : join(exercisesDir(dataDir), `${of.id}.db`);
    const store = new RecordedStore(file, sqliteNativeBinding);
    const range = store.range(this.pack.roster.map((u) => u.id));
    if (!range) {
      store.close();
      throw new Refused(
        'replay-empty',
        `the recording of ${of.name} is empty: there is nothing to replay`,
      );
    }
    const session = new ReplaySession({
      info: { id: newSessionId('replay'), kind: 'replay', name: of.name },
      of: { id: of.id, kind: of.kind, name: of.name },
      store,
      pack: this.pack,
      range,
      tickMs: this.config.tickMs,
      realNow: this.deps.realNow,
    });
    session.start();
    this.replays.set(session.info.id, { session, api: this.routed(session) });
    return summaryOf(session, 'running');
  }

  private closeReplay(replayId: string): void {
    const r = this.replays.get(replayId);
    if (!r) throw new Refused('replay-unknown', `unknown replay ${replayId}`);
    this.replays.delete(replayId);
    r.session.stop();
  }

  private async startExercise(draft: ExerciseDraft): Promise<SessionSummary> {
    if (this.stopped) throw new Refused('console-stopping', 'the console is stopping');
    const session = await openExercise(this.deps, draft);
    this.exercises.set(session.info.id, { session, api: this.routed(session) });
    return summaryOf(session, 'running');
  }

  private async endExercise(sessionId: string): Promise<SessionSummary> {
    const running = this.exercises.get(sessionId);
    if (!running) {
      const known = storedExercises(this.config.dataDir).some((s) => s.id === sessionId);
      throw known
        ? new Refused('exercise-ended', `exercise ${sessionId} has already ended`)
        : new Refused('exercise-unknown', `unknown exercise ${sessionId}`);
    }
    running.session.record('session-ended', 'exercise ended', {});
    this.exercises.delete(sessionId);
    await running.session.stop();
    return summaryOf(running.session, 'ended');
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
    return this.deps.brokerUrl;
  }

  /** The embedded broker's TLS listener, when it has one. */
  get tlsUrl(): string | undefined {
    return this.broker?.tlsUrl;
  }

  /**
   * The simulator's login on the embedded broker (it may publish every roster device's reports):
   * for in-process harnesses that play many devices at once. Undefined with an external broker.
   */
  get simulatorLogin(): BrokerLogin | undefined {
    return this.deps.gate?.simulator;
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    for (const id of [...this.replays.keys()]) this.closeReplay(id);
    for (const id of [...this.exercises.keys()]) await this.endExercise(id);
    await this.live.stop();
    await this.broker?.close();
  }
}
