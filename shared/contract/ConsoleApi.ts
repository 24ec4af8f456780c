import type { Alert, AlertEvent } from '../domain/alerts';
import type { AuditCheck, AuditFile } from '../domain/audit';
import type { AfterActionReport } from '../domain/report';
import type { ClockState } from '../domain/clock';
import type { ClockChange, ExerciseDraft, SessionSummary, TimelineMark } from '../domain/session';
import type {
  DrillAction,
  DrillSnapshot,
  ScenarioLoad,
  ScenarioSource,
  ScenarioSummary,
} from '../domain/drill';
import type { RegionSnapshot } from '../domain/region';
import type { Grade, Incident, IncidentDraft, RunCard, GradeTargets } from '../domain/incidents';
import type { ReachGrid } from '../domain/reach';
import type { QuarantinedMessage, StatusSnapshot } from '../domain/status';
import type { ScreenRole, WallLayout } from '../domain/wall';
import type {
  ApprovalRole,
  Caller,
  IssuedWallToken,
  LoginResult,
  OperatorDraft,
  OperatorEntry,
  OperatorRole,
  WallTokenEntry,
} from '../domain/operators';
import type {
  SupportEvent,
  SupportPackage,
  SupportRequest,
  SupportSuggestion,
  UnitStatus,
} from '../domain/support';
import type { UnitPosition, UnitSnapshot, UnitsFrame } from '../domain/units';

/** Commands the renderer may call. Every command returns a Promise, whatever the transport. */
export interface ConsoleCommands {
  /**
   * Logs this screen in (a shift starts): a wrong password is counted, and the fifth in a row
   * locks the name for 15 minutes. Everything but login and whoAmI needs a logged-in caller.
   */
  login(name: string, password: string): Promise<LoginResult>;
  /** Logs this screen out (a shift ends); it shows the login again. */
  logout(): Promise<void>;
  /** Who this screen acts as: anonymous, an operator, or a wall screen's token. */
  whoAmI(): Promise<Caller>;
  getRegion(): Promise<RegionSnapshot>;
  getUnits(): Promise<readonly UnitSnapshot[]>;
  getStatus(): Promise<StatusSnapshot>;
  /** Recorded positions of one unit in [fromMs, toMs], oldest first, at most TRACK_MAX_POINTS. */
  getTrack(unitId: string, fromMs: number, toMs: number): Promise<readonly UnitPosition[]>;
  /** Open alerts plus those acknowledged in the last 24 h, newest first, at most ALERT_LIST_MAX. */
  listAlerts(): Promise<readonly Alert[]>;
  /** Acknowledges in the configured operator's name; refuses an unknown or already acknowledged id. */
  ackAlert(alertId: number): Promise<Alert>;
  /** The last refused device messages, newest first, at most QUARANTINE_LIST_MAX. */
  listQuarantine(): Promise<readonly QuarantinedMessage[]>;

  /** Who this console acts as, the run cards, grade targets and approval rules of the region. */
  getSupportSetup(): Promise<SupportSetup>;
  /** Open incidents and those closed in the last 24 h, newest first. */
  listIncidents(): Promise<readonly Incident[]>;
  createIncident(draft: IncidentDraft): Promise<Incident>;
  /** Raising an incident to grade III or higher raises a support suggestion. */
  regradeIncident(incidentId: string, grade: Grade): Promise<Incident>;
  /**
   * Closes an incident (结案) with a reason. Refused while support units are committed to it;
   * a request still awaiting approval is cancelled with it.
   */
  closeIncident(incidentId: string, reason: string): Promise<Incident>;
  /**
   * 移交指挥: the incident's command passes to `successor` (shift change). Only its commander may
   * hand it over; its attached units are told, and then take orders from the successor only.
   */
  handOverCommand(incidentId: string, successor: string, reason: string): Promise<Incident>;
  /** One click: creates a request for the incident's run card and recommends packages for it. */
  requestSupport(incidentId: string): Promise<SupportRequest>;
  /** Predicted times and compliance of the package made of exactly these units (what-if). */
  evaluatePackage(requestId: string, unitIds: readonly string[]): Promise<SupportPackage>;
  /**
   * Approves these units (a recommended package, possibly edited); orders go out at once. A grade
   * that needs more than the operator's role needs a supervisor's countersign (their login), or,
   * where the region allows it for the grade, emergency authority with a written reason.
   */
  approveSupport(
    requestId: string,
    unitIds: readonly string[],
    authority?: Countersign | EmergencyDispatch,
  ): Promise<SupportRequest>;
  /** A supervisor approves, after the fact, a dispatch made under emergency authority. */
  confirmEmergency(requestId: string): Promise<SupportRequest>;
  rejectSupport(requestId: string, reason: string): Promise<SupportRequest>;
  cancelSupport(requestId: string, reason: string): Promise<SupportRequest>;
  /** Returns every unit of the request to its station and awards task points. */
  releaseSupport(requestId: string): Promise<SupportRequest>;
  /** Open requests and those ended in the last 24 h, newest first. */
  listSupport(): Promise<readonly SupportRequest[]>;
  /** Every persisted step of one request, oldest first. */
  getSupportTimeline(requestId: string): Promise<readonly SupportEvent[]>;
  /** Status of every unit (available, assigned, en route, on scene, off duty, offline). */
  getUnitStatuses(): Promise<readonly UnitStatusEntry[]>;
  /**
   * An order to one unit from this console's operator. A unit attached to an incident takes orders
   * only from that incident's commander: any other is refused, and the refusal is audited.
   */
  orderUnit(unitId: string, order: UnitOrderCommand): Promise<void>;
  listSuggestions(): Promise<readonly SupportSuggestion[]>;
  dismissSuggestion(suggestionId: string): Promise<void>;

  /**
   * Verifies the support audit log's hash chain from the first event (also done at start); the
   * result is kept in the status snapshot.
   */
  verifyAudit(): Promise<AuditCheck>;
  /**
   * This session's whole audit chain as a file, with its head hash; the export itself is recorded
   * in the chain first. Verified offline by `npm run audit -- verify FILE`.
   */
  exportAudit(): Promise<AuditFile>;
  /**
   * The after-action report (复盘) of this session between fromMs and toMs (session time; by
   * default from its start to now): response times per grade, SLA, alerts, burden, who helped whom.
   */
  getReport(fromMs?: number, toMs?: number): Promise<AfterActionReport>;

  /** Reach areas now, from the stations and from the available units (recomputed at most every 10 s). */
  getReachGrid(): Promise<ReachGrid>;
  /** Live, the exercises of this console (running and ended) and open replays. */
  listSessions(): Promise<readonly SessionSummary[]>;
  /** Opens a new exercise (演练) with its own store and MQTT namespace, paused at its start. */
  startExercise(draft: ExerciseDraft): Promise<SessionSummary>;
  /** Ends a running exercise: its simulation stops, its store stays for replay and the report. */
  endExercise(sessionId: string): Promise<SessionSummary>;
  /**
   * Pauses, resumes, sets the speed (0.25–60×) of or moves this session's clock. Refused on live,
   * which runs on the wall clock.
   */
  controlClock(change: ClockChange): Promise<ClockState>;
  /**
   * Opens a replay (回放) of live's or an exercise's recording: a read-only session, its own view,
   * paused at the start of the recorded period. Live keeps running.
   */
  openReplay(sessionId: string): Promise<SessionSummary>;
  closeReplay(replayId: string): Promise<void>;
  /** What happened in this session, for a replay's timeline: incidents, requests, approvals, arrivals, alerts, injects. */
  listMarks(): Promise<readonly TimelineMark[]>;
  /** Scenarios the region pack ships (drills/); in an exercise only. */
  listScenarios(): Promise<readonly ScenarioSummary[]>;
  /**
   * Loads a scenario into this exercise, shipped or imported from CSV: checked whole against the
   * region, refused whole with every line and field that is wrong. Once per exercise.
   */
  loadScenario(source: ScenarioSource): Promise<ScenarioLoad>;
  /** The exercise's injects, what each one led the players to do, and the facilitator's notes. */
  getDrill(): Promise<DrillSnapshot>;
  /** Fires an inject now (or the next one), skips one, places one by hand, or adds a note. */
  drillAction(action: DrillAction): Promise<DrillSnapshot>;
  /** This workstation's video-wall layout (a default one until saved). */
  getWallLayout(): Promise<WallLayout>;
  saveWallLayout(screens: WallLayout['screens']): Promise<WallLayout>;

  /** The operators enrolled on this console (admin). */
  listOperators(): Promise<readonly OperatorEntry[]>;
  /** Enrols an operator, or gives one a new role and password (which also lifts a lock). */
  enrolOperator(draft: OperatorDraft): Promise<OperatorEntry>;
  /** Takes an operator off this console: their open screens are logged out at once. */
  removeOperator(name: string): Promise<void>;
  listWallTokens(): Promise<readonly WallTokenEntry[]>;
  /** A read-only token for one wall screen role; its secret is returned this once. */
  issueWallToken(screen: ScreenRole, label: string): Promise<IssuedWallToken>;
  /** Revokes a wall token: screens using it lose their link at once. */
  revokeWallToken(tokenId: string): Promise<WallTokenEntry>;
}

/** A supervisor's countersign (会签) on an approval above the operator's role: their login. */
export interface Countersign {
  readonly supervisor: string;
  readonly password: string;
}

/** 紧急授权: dispatch now, with the reason no supervisor could countersign in time. */
export interface EmergencyDispatch {
  readonly emergencyReason: string;
}

export interface SupportSetup {
  /** Who the caller acts as (role undefined for a wall screen). */
  readonly operator: { readonly name: string; readonly role: OperatorRole | undefined };
  /** Supervisors enrolled on this console, who may countersign (names only). */
  readonly supervisors: readonly string[];
  readonly runCards: readonly RunCard[];
  readonly gradeTargets: GradeTargets;
  /** The role that must approve support for each grade. */
  readonly approvalRole: Readonly<Record<Grade, ApprovalRole>>;
  /** Grades a commander may dispatch under emergency authority when no supervisor can countersign. */
  readonly emergencyAuthority: Readonly<Record<Grade, boolean>>;
  /** A unit inside this radius of its incident counts as on scene (the map draws the ring). */
  readonly geofenceM: number;
  /** What ETAs are priced on: the region's road layer, or straight line × detour factor. */
  readonly travelModel: string;
}

export interface UnitStatusEntry {
  readonly unitId: string;
  readonly status: UnitStatus;
  readonly dutyHours: number;
  readonly requestId?: string;
  readonly incidentId?: string;
}

export type UnitOrderCommand =
  { readonly type: 'return' } | { readonly type: 'reassign'; readonly incidentId: string };

export const TRACK_MAX_POINTS = 20_000;

/** Events the core pushes. */
export interface ConsoleEvents {
  unitsFrame: UnitsFrame;
  status: StatusSnapshot;
  alert: AlertEvent;
  incident: Incident;
  support: SupportRequest;
  supportEvent: SupportEvent;
  suggestion: SupportSuggestion;
  unitStatuses: readonly UnitStatusEntry[];
  wallLayout: WallLayout;
  /** An exercise's drill changed: an inject fired, skipped or added, a note. */
  drill: DrillSnapshot;
  /** This screen's caller changed: logged in, out, or its operator or wall token was removed. */
  caller: Caller;
  /** The enrolled operators changed: who may countersign now. */
  operators: OperatorsChange;
}

export interface OperatorsChange {
  readonly supervisors: readonly string[];
}

export type EventName = keyof ConsoleEvents;
export type CommandName = keyof ConsoleCommands;
export type Unsubscribe = () => void;

export interface ConsoleApi extends ConsoleCommands {
  on<E extends EventName>(name: E, fn: (payload: ConsoleEvents[E]) => void): Unsubscribe;
}

// The name tables are what transports iterate; `satisfies` makes a missing or stray name a compile error.
export const COMMAND_NAMES = {
  login: true,
  logout: true,
  whoAmI: true,
  getRegion: true,
  getUnits: true,
  getStatus: true,
  getTrack: true,
  listAlerts: true,
  ackAlert: true,
  listQuarantine: true,
  getSupportSetup: true,
  listIncidents: true,
  createIncident: true,
  regradeIncident: true,
  closeIncident: true,
  handOverCommand: true,
  requestSupport: true,
  evaluatePackage: true,
  approveSupport: true,
  confirmEmergency: true,
  rejectSupport: true,
  cancelSupport: true,
  releaseSupport: true,
  listSupport: true,
  getSupportTimeline: true,
  getUnitStatuses: true,
  orderUnit: true,
  listSuggestions: true,
  dismissSuggestion: true,
  verifyAudit: true,
  exportAudit: true,
  getReport: true,
  getReachGrid: true,
  listSessions: true,
  startExercise: true,
  endExercise: true,
  controlClock: true,
  openReplay: true,
  closeReplay: true,
  listMarks: true,
  listScenarios: true,
  loadScenario: true,
  getDrill: true,
  drillAction: true,
  getWallLayout: true,
  saveWallLayout: true,
  listOperators: true,
  enrolOperator: true,
  removeOperator: true,
  listWallTokens: true,
  issueWallToken: true,
  revokeWallToken: true,
} as const satisfies Record<CommandName, true>;

export const EVENT_NAMES = {
  unitsFrame: true,
  status: true,
  alert: true,
  incident: true,
  support: true,
  supportEvent: true,
  suggestion: true,
  unitStatuses: true,
  wallLayout: true,
  drill: true,
  caller: true,
  operators: true,
} as const satisfies Record<EventName, true>;

export const commandNames = Object.keys(COMMAND_NAMES) as CommandName[];
export const eventNames = Object.keys(EVENT_NAMES) as EventName[];

export function isCommandName(name: unknown): name is CommandName {
  return typeof name === 'string' && Object.hasOwn(COMMAND_NAMES, name);
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(EVENT_NAMES, name);
}

/** IPC channel names used by the preload and the main process adapter. */
export const IPC_INVOKE = 'muster:invoke';
export const IPC_EVENT = 'muster:event';
