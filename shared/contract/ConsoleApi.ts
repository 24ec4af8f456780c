import type { Alert, AlertEvent } from '../domain/alerts';
import type { AuditCheck } from '../domain/audit';
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
import type { WallLayout } from '../domain/wall';
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
   * that needs more than the operator's role needs a supervisor's countersign (name and PIN).
   */
  approveSupport(
    requestId: string,
    unitIds: readonly string[],
    countersign?: Countersign,
  ): Promise<SupportRequest>;
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
}

export const OPERATOR_ROLES = ['commander', 'supervisor'] as const;
export type OperatorRole = (typeof OPERATOR_ROLES)[number];

/** A supervisor's countersign (会签) on an approval above the operator's role. */
export interface Countersign {
  readonly supervisor: string;
  readonly pin: string;
}

export interface SupportSetup {
  readonly operator: { readonly name: string; readonly role: OperatorRole };
  /** Supervisors enrolled on this console, who may countersign (names only). */
  readonly supervisors: readonly string[];
  readonly runCards: readonly RunCard[];
  readonly gradeTargets: GradeTargets;
  /** The role that must approve support for each grade. */
  readonly approvalRole: Readonly<Record<Grade, OperatorRole>>;
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
}

export type EventName = keyof ConsoleEvents;
export type CommandName = keyof ConsoleCommands;
export type Unsubscribe = () => void;

export interface ConsoleApi extends ConsoleCommands {
  on<E extends EventName>(name: E, fn: (payload: ConsoleEvents[E]) => void): Unsubscribe;
}

// The name tables are what transports iterate; `satisfies` makes a missing or stray name a compile error.
export const COMMAND_NAMES = {
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
