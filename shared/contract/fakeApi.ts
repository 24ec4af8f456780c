import { GENESIS_HASH, type AuditCheck } from '../domain/audit';
import type { Alert } from '../domain/alerts';
import { DEFAULT_GRADE_TARGETS, type Incident } from '../domain/incidents';
import type { RegionSnapshot } from '../domain/region';
import type { QuarantinedMessage, StatusSnapshot } from '../domain/status';
import type {
  PackageUnit,
  Recommendation,
  SupportEvent,
  SupportPackage,
  SupportRequest,
  SupportState,
  SupportSuggestion,
} from '../domain/support';
import type { UnitPosition, UnitSnapshot } from '../domain/units';
import type { ReachGrid } from '../domain/reach';
import type { WallLayout } from '../domain/wall';
import type {
  CommandName,
  ConsoleApi,
  ConsoleEvents,
  EventName,
  SupportSetup,
  UnitStatusEntry,
} from './ConsoleApi';
import { EventHub } from './emitter';
import { fakeAccessCommands, type FakeAccessData } from './fakeAccess';
import type { Caller } from '../domain/operators';
import type { AfterActionReport } from '../domain/report';
import type { ClockState } from '../domain/clock';
import type { DrillSnapshot, ScenarioSummary } from '../domain/drill';
import type { SessionSummary } from '../domain/session';

/** In-memory ConsoleApi for unit tests: answers from `data`, events pushed by the test. */
export interface FakeConsoleApi extends ConsoleApi {
  readonly data: FakeAccessData & {
    region: RegionSnapshot;
    units: readonly UnitSnapshot[];
    status: StatusSnapshot;
    /** Recorded positions per unit id, oldest first. */
    tracks?: Readonly<Record<string, readonly UnitPosition[]>>;
    /** Answer of listAlerts(); ackAlert() marks one acknowledged by `operator` ('fake-operator'). */
    alerts?: Alert[];
    quarantine?: QuarantinedMessage[];
    operator?: string;
    /** Defaults: role 'commander', DEFAULT_GRADE_TARGETS, grades I–II approved by a supervisor. */
    setup?: SupportSetup;
    /** Incidents, requests, timelines and suggestions; the support commands change them. */
    incidents?: Incident[];
    support?: SupportRequest[];
    timelines?: Record<string, SupportEvent[]>;
    suggestions?: SupportSuggestion[];
    unitStatuses?: UnitStatusEntry[];
    /** What requestSupport recommends per incident id; no packages when absent. */
    recommendations?: Readonly<Record<string, Recommendation>>;
    /** Answer of getReachGrid(); a 1×1 grid nothing reaches when absent. */
    reach?: ReachGrid;
    /** Answer of getWallLayout(); saveWallLayout() replaces it and emits 'wallLayout'. */
    wallLayout?: WallLayout;
    /** What verifyAudit() finds (an empty intact log when absent); it lands in status and is emitted. */
    audit?: AuditCheck;
    /** Sessions listed (live alone when absent); startExercise adds a running one. */
    sessions?: SessionSummary[];
    scenarios?: ScenarioSummary[];
    drill?: DrillSnapshot;
    /** Answer of getReport(); refused when absent. */
    report?: AfterActionReport;
  };
  /** Commands called so far, in order. */
  readonly calls: CommandName[];
  emit<E extends EventName>(name: E, payload: ConsoleEvents[E]): void;
  listenerCount(name: EventName): number;
}

export function createFakeApi(data: FakeConsoleApi['data']): FakeConsoleApi {
  const hub = new EventHub();
  const calls: CommandName[] = [];
  // Answers are cloned so a test cannot pass by mutating what the code under test received.
  const answer = <T>(name: CommandName, value: T): Promise<T> => {
    calls.push(name);
    return Promise.resolve(structuredClone(value));
  };
  const refuse = (name: CommandName, message: string): Promise<never> => {
    calls.push(name);
    return Promise.reject(new Error(message));
  };
  const operator = (): string => data.operator ?? 'fake-operator';
  const setup = (): SupportSetup =>
    data.setup ?? {
      operator: { name: operator(), role: 'commander' },
      supervisors: (data.supervisors ?? []).map((x) => x.name),
      runCards: [],
      gradeTargets: DEFAULT_GRADE_TARGETS,
      approvalRole: { I: 'supervisor', II: 'supervisor', III: 'commander', IV: 'commander' },
      emergencyAuthority: { I: true, II: true, III: false, IV: false },
      geofenceM: 200,
      travelModel: 'straight-line',
    };
  let nextId = 1;
  let nextSeq = 1;

  const incidents = (): Incident[] => (data.incidents ??= []);
  const requests = (): SupportRequest[] => (data.support ??= []);
  const putIncident = (i: Incident): Incident => {
    incidents().splice(0, incidents().length, i, ...incidents().filter((x) => x.id !== i.id));
    hub.emit('incident', structuredClone(i));
    return i;
  };
  const putRequest = (r: SupportRequest, from?: SupportState): SupportRequest => {
    requests().splice(0, requests().length, r, ...requests().filter((x) => x.id !== r.id));
    const e: SupportEvent = {
      seq: nextSeq++,
      requestId: r.id,
      tsMs: r.updatedMs,
      operator: operator(),
      kind: 'transition',
      to: r.state,
      ...(from ? { from } : {}),
    };
    ((data.timelines ??= {})[r.id] ??= []).push(e);
    hub.emit('support', structuredClone(r));
    hub.emit('supportEvent', structuredClone(e));
    return r;
  };
  /** A request in one of `from`, or the reason it cannot move. */
  const find = (id: string, from: readonly SupportState[]): SupportRequest | string => {
    const r = requests().find((x) => x.id === id);
    if (!r) return `unknown support request ${id}`;
    return from.includes(r.state) ? r : `request ${id} is ${r.state}`;
  };
  const move = (
    name: CommandName,
    id: string,
    from: readonly SupportState[],
    to: SupportState,
  ): Promise<SupportRequest> => {
    const r = find(id, from);
    if (typeof r === 'string') return refuse(name, r);
    const updatedMs = Math.max(Date.now(), r.updatedMs + 1);
    return answer(name, putRequest({ ...r, state: to, updatedMs }, r.state));
  };
  // What-if: the package of exactly these units, priced from the request's candidates.
  const evaluate = (r: SupportRequest, unitIds: readonly string[]): SupportPackage | string => {
    const pool = new Map<string, PackageUnit>();
    for (const p of r.recommendation?.packages ?? [])
      for (const u of p.units) pool.set(u.unitId, u);
    const units: PackageUnit[] = [];
    for (const id of unitIds) {
      const u = pool.get(id);
      if (!u) return `unit ${id} is not a candidate of ${r.id}`;
      units.push(u);
    }
    const grade = incidents().find((i) => i.id === r.incidentId)?.grade ?? 'IV';
    const targetOnSceneS = setup().gradeTargets[grade].onSceneMin * 60;
    const lastArrivalS = Math.max(0, ...units.map((u) => u.etaS));
    const unitsLate = units.filter((u) => u.etaS > targetOnSceneS).length;
    return {
      units,
      compliance: { grade, targetOnSceneS, lastArrivalS, unitsLate, meetsTarget: unitsLate === 0 },
      coverage: [],
      score: units.reduce((sum, u) => sum + u.etaS, 0),
      shortfalls: [],
    };
  };

  const me = (): Caller =>
    data.caller ?? {
      kind: 'operator',
      name: operator(),
      role: setup().operator.role ?? 'commander',
    };
  return {
    data,
    calls,
    ...fakeAccessCommands(data, me, answer, refuse, (n, p) => hub.emit(n, p)),
    getRegion: () => answer('getRegion', data.region),
    getUnits: () => answer('getUnits', data.units),
    getStatus: () => answer('getStatus', data.status),
    getTrack: (unitId, fromMs, toMs) =>
      answer(
        'getTrack',
        (data.tracks?.[unitId] ?? []).filter((p) => p.tsMs >= fromMs && p.tsMs <= toMs),
      ),
    listAlerts: () => answer('listAlerts', data.alerts ?? []),
    listQuarantine: () => answer('listQuarantine', data.quarantine ?? []),
    ackAlert: (alertId) => {
      const list = data.alerts ?? [];
      const i = list.findIndex((a) => a.id === alertId);
      const found = list[i];
      if (!found) return refuse('ackAlert', `unknown alert id ${alertId}`);
      if (found.ackedMs !== undefined)
        return refuse('ackAlert', `alert ${alertId} is already acknowledged`);
      const acked: Alert = { ...found, ackedMs: Date.now(), ackedBy: operator() };
      list[i] = acked;
      return answer('ackAlert', acked);
    },

    getSupportSetup: () => answer('getSupportSetup', setup()),
    listIncidents: () => answer('listIncidents', incidents()),
    createIncident: (draft) => {
      const nowMs = Date.now();
      const incident: Incident = {
        ...draft,
        id: `inc-${nextId++}`,
        jurisdictionId: draft.jurisdictionId ?? 'fake-station',
        commander: operator(),
        state: 'open',
        createdMs: nowMs,
        updatedMs: nowMs,
        drill: false,
      };
      return answer('createIncident', putIncident(incident));
    },
    regradeIncident: (incidentId, grade) => {
      const found = incidents().find((i) => i.id === incidentId);
      if (!found) return refuse('regradeIncident', `unknown incident ${incidentId}`);
      const updatedMs = Math.max(Date.now(), found.updatedMs + 1);
      return answer('regradeIncident', putIncident({ ...found, grade, updatedMs }));
    },
    closeIncident: (incidentId, reason) => {
      const found = incidents().find((i) => i.id === incidentId);
      if (!found) return refuse('closeIncident', `unknown incident ${incidentId}`);
      if (found.state !== 'open')
        return refuse('closeIncident', `incident ${incidentId} is closed`);
      const updatedMs = Math.max(Date.now(), found.updatedMs + 1);
      return answer(
        'closeIncident',
        putIncident({
          ...found,
          state: 'closed',
          updatedMs,
          closedBy: 'fake',
          closeReason: reason,
        }),
      );
    },
    handOverCommand: (incidentId, successor) => {
      const found = incidents().find((i) => i.id === incidentId);
      if (!found) return refuse('handOverCommand', `unknown incident ${incidentId}`);
      if (found.commander !== operator())
        return refuse(
          'handOverCommand',
          `incident ${incidentId} is commanded by ${found.commander}`,
        );
      const updatedMs = Math.max(Date.now(), found.updatedMs + 1);
      return answer(
        'handOverCommand',
        putIncident({ ...found, commander: successor.trim(), updatedMs }),
      );
    },
    requestSupport: (incidentId) => {
      if (!incidents().some((i) => i.id === incidentId))
        return refuse('requestSupport', `unknown incident ${incidentId}`);
      const nowMs = Date.now();
      const recommendation: Recommendation = data.recommendations?.[incidentId] ?? {
        needs: [],
        packages: [],
        solver: 'greedy',
        computedMs: nowMs,
        elapsedMs: 0,
        excluded: {},
      };
      const r: SupportRequest = {
        id: `sup-${nextId++}`,
        incidentId,
        state: 'recommended',
        recommendation,
        orders: [],
        requestedBy: operator(),
        createdMs: nowMs,
        updatedMs: nowMs,
      };
      return answer('requestSupport', putRequest(r));
    },
    evaluatePackage: (requestId, unitIds) => {
      const r = find(requestId, ['recommended']);
      const pkg = typeof r === 'string' ? r : evaluate(r, unitIds);
      return typeof pkg === 'string'
        ? refuse('evaluatePackage', pkg)
        : answer('evaluatePackage', pkg);
    },
    approveSupport: (requestId, unitIds, authority) => {
      const countersign = authority && 'supervisor' in authority ? authority : undefined;
      const r = find(requestId, ['recommended']);
      if (typeof r === 'string') return refuse('approveSupport', r);
      const grade = incidents().find((i) => i.id === r.incidentId)?.grade ?? 'IV';
      const { operator: me, approvalRole, gradeTargets } = setup();
      const needsCountersign = approvalRole[grade] === 'supervisor' && me.role !== 'supervisor';
      if (needsCountersign && !countersign)
        return refuse('approveSupport', `grade ${grade} support needs the supervisor role`);
      const pkg = evaluate(r, unitIds);
      if (typeof pkg === 'string') return refuse('approveSupport', pkg);
      let countersignedBy: string | undefined;
      if (needsCountersign && countersign) {
        const sup = (data.supervisors ?? []).find((x) => x.name === countersign.supervisor);
        if (!sup)
          return refuse('approveSupport', 'countersign refused (unknown): no such supervisor');
        if (sup.password !== countersign.password)
          return refuse(
            'approveSupport',
            'countersign refused (wrong-pin, 4 left): wrong password',
          );
        countersignedBy = sup.name;
      }
      const nowMs = Math.max(Date.now(), r.updatedMs + 1);
      const approved: SupportRequest = {
        ...r,
        state: 'approved',
        approved: pkg,
        orders: pkg.units.map((u) => ({
          unitId: u.unitId,
          callsign: u.callsign,
          state: 'pending',
          attempts: 0,
          etaS: u.etaS,
        })),
        updatedMs: nowMs,
        approvedMs: nowMs,
        approvedBy: me.name,
        ...(countersignedBy === undefined ? {} : { countersignedBy }),
        startDueMs: nowMs + gradeTargets[grade].startMin * 60_000,
        onSceneDueMs: nowMs + gradeTargets[grade].onSceneMin * 60_000,
      };
      return answer('approveSupport', putRequest(approved, r.state));
    },
    rejectSupport: (id) => move('rejectSupport', id, ['requested', 'recommended'], 'rejected'),
    confirmEmergency: (id) => {
      const r = requests().find((x) => x.id === id);
      if (!r?.emergency) return refuse('confirmEmergency', `${id} [refused:emergency-none]`);
      const emergency = { ...r.emergency, confirmedBy: operator(), confirmedMs: Date.now() };
      return answer('confirmEmergency', putRequest({ ...r, emergency }));
    },
    cancelSupport: (id) =>
      move(
        'cancelSupport',
        id,
        ['requested', 'recommended', 'approved', 'dispatched'],
        'cancelled',
      ),
    releaseSupport: (id) =>
      move('releaseSupport', id, ['approved', 'dispatched', 'en-route', 'on-scene'], 'released'),
    listSupport: () => answer('listSupport', requests()),
    getSupportTimeline: (id) => answer('getSupportTimeline', data.timelines?.[id] ?? []),
    getUnitStatuses: () => answer('getUnitStatuses', data.unitStatuses ?? []),
    orderUnit: () => answer('orderUnit', undefined),
    listSuggestions: () => answer('listSuggestions', data.suggestions ?? []),
    dismissSuggestion: (id) => {
      const list = data.suggestions ?? [];
      if (!list.some((g) => g.id === id))
        return refuse('dismissSuggestion', `unknown suggestion ${id}`);
      data.suggestions = list.filter((g) => g.id !== id);
      return answer('dismissSuggestion', undefined);
    },

    getReport: () =>
      data.report
        ? answer('getReport', data.report)
        : refuse('getReport', 'no report in this fake'),
    exportAudit: () =>
      answer('exportAudit', {
        fileName: 'muster-audit-fake.jsonl',
        text: '{}\n',
        events: 0,
        headHash: GENESIS_HASH,
      }),
    verifyAudit: () => {
      const found: AuditCheck = data.audit ?? {
        ok: true,
        events: 0,
        headHash: GENESIS_HASH,
        checkedMs: 0,
      };
      data.status = { ...data.status, audit: found };
      hub.emit('status', data.status);
      return answer('verifyAudit', found);
    },

    getReachGrid: () =>
      answer(
        'getReachGrid',
        data.reach ?? {
          bbox: data.region.info.bbox,
          cols: 1,
          rows: 1,
          fromStationsS: [-1],
          fromAvailableS: [-1],
          computedMs: 0,
          model: 'straight-line',
        },
      ),
    listSessions: () =>
      answer(
        'listSessions',
        data.sessions ?? [
          {
            id: 'lv-fake',
            kind: 'live',
            name: data.region.info.name,
            state: 'running',
            createdMs: 0,
          },
        ],
      ),
    startExercise: (draft) => {
      const s: SessionSummary = {
        id: `ex-fake${String((data.sessions ?? []).length)}`,
        kind: 'exercise',
        name: draft.name,
        state: 'running',
        createdMs: data.status.tsMs,
        clock: {
          mode: 'virtual',
          sessionMs: data.status.tsMs,
          atMs: data.status.tsMs,
          speed: draft.speed ?? 1,
          paused: true,
        },
      };
      data.sessions = [...(data.sessions ?? []), s];
      return answer('startExercise', s);
    },
    endExercise: (id) => {
      const s = data.sessions?.find((x) => x.id === id && x.state === 'running');
      if (!s) return refuse('endExercise', `unknown exercise ${id}`);
      const { clock: _clock, ...rest } = s;
      const ended: SessionSummary = { ...rest, state: 'ended' };
      data.sessions = (data.sessions ?? []).map((x) => (x.id === id ? ended : x));
      return answer('endExercise', ended);
    },
    controlClock: (change) => {
      const c = data.status.clock;
      if (!c || c.mode === 'wall') {
        return refuse('controlClock', 'a live session runs on the wall clock');
      }
      const next: ClockState =
        change.type === 'pause'
          ? { ...c, paused: true }
          : change.type === 'resume'
            ? { ...c, paused: false }
            : change.type === 'speed'
              ? { ...c, speed: change.speed }
              : { ...c, sessionMs: change.sessionMs };
      data.status = { ...data.status, clock: next };
      hub.emit('status', data.status);
      return answer('controlClock', next);
    },
    openReplay: () => refuse('openReplay', 'the fake console keeps no recordings'),
    closeReplay: () => refuse('closeReplay', 'the fake console keeps no recordings'),
    listMarks: () => answer('listMarks', []),
    listScenarios: () => answer('listScenarios', data.scenarios ?? []),
    loadScenario: () => refuse('loadScenario', 'the fake console runs no scenarios'),
    getDrill: () => answer('getDrill', data.drill ?? { injects: [], notes: [] }),
    drillAction: () => refuse('drillAction', 'the fake console runs no scenarios'),
    getWallLayout: () =>
      answer(
        'getWallLayout',
        data.wallLayout ?? {
          screens: [{ displayId: 'primary', role: 'map' }],
          updatedMs: 0,
          updatedBy: '',
        },
      ),
    saveWallLayout: (screens) => {
      data.wallLayout = { screens, updatedMs: Date.now(), updatedBy: operator() };
      hub.emit('wallLayout', structuredClone(data.wallLayout));
      return answer('saveWallLayout', data.wallLayout);
    },

    on: (name, fn) => hub.on(name, fn),
    emit: (name, payload) => hub.emit(name, payload),
    listenerCount: (name) => hub.count(name),
  };
}
