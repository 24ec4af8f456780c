// Who may call each command. The core enforces this table on every call, whatever the transport
// (IPC or WebSocket); the renderer reads the same table only to hide what a caller may not do.
import type { Caller, OperatorRole } from '../domain/operators';
import type { SessionKind } from '../domain/session';
import type { CommandName } from './ConsoleApi';

type Who = 'anyone' | 'operators' | readonly OperatorRole[];

interface Access {
  /** Logged-in operators allowed; 'anyone' includes anonymous screens and walls. */
  readonly who: Who;
  /** A wall token may call it (reads that a wall screen shows). */
  readonly wall?: true;
  /** Only in these kinds of session (a facilitator's commands run in exercises). */
  readonly in?: readonly SessionKind[];
  /** Who may in a replay, where it differs (a replay is the viewer's own: anyone moves its clock). */
  readonly inReplay?: readonly OperatorRole[];
}

const COMMANDING: readonly OperatorRole[] = ['commander', 'supervisor'];
const VIEWERS: readonly OperatorRole[] = ['commander', 'supervisor', 'facilitator', 'auditor'];
const read: Access = { who: 'operators', wall: true };
const operatorsOnly: Access = { who: 'operators' };
const command: Access = { who: COMMANDING };
const facilitate: Access = { who: ['facilitator'], in: ['exercise'] };
const admin: Access = { who: ['admin'] };

export const COMMAND_ACCESS = {
  login: { who: 'anyone' },
  logout: { who: 'operators' },
  whoAmI: { who: 'anyone' },
  getRegion: read,
  getUnits: read,
  getStatus: read,
  getTrack: operatorsOnly,
  listAlerts: read,
  ackAlert: command,
  listQuarantine: operatorsOnly,
  getSupportSetup: read,
  listIncidents: read,
  createIncident: command,
  regradeIncident: command,
  closeIncident: command,
  handOverCommand: command,
  requestSupport: command,
  evaluatePackage: command,
  approveSupport: command,
  // Only a supervisor approves what a commander dispatched under emergency authority.
  confirmEmergency: { who: ['supervisor'] },
  rejectSupport: command,
  cancelSupport: command,
  releaseSupport: command,
  listSupport: read,
  getSupportTimeline: read,
  getUnitStatuses: read,
  orderUnit: command,
  listSuggestions: read,
  dismissSuggestion: command,
  verifyAudit: operatorsOnly,
  // The auditor takes the chain away; a replay is a view, its store is exported from the terminal.
  exportAudit: { who: ['auditor'], in: ['live', 'exercise'] },
  getReport: operatorsOnly,
  getReachGrid: read,
  listSessions: read,
  startExercise: { who: ['facilitator'] },
  endExercise: { who: ['facilitator'] },
  // A facilitator's clock in an exercise; anyone watching a replay moves its own.
  controlClock: { who: ['facilitator'], in: ['exercise', 'replay'], inReplay: VIEWERS },
  openReplay: { who: VIEWERS },
  closeReplay: { who: VIEWERS },
  listMarks: read,
  listScenarios: facilitate,
  loadScenario: facilitate,
  getDrill: { who: ['facilitator', 'auditor'], in: ['exercise', 'replay'] },
  drillAction: facilitate,
  getWallLayout: read,
  saveWallLayout: { who: ['commander', 'supervisor', 'admin'] },
  listOperators: admin,
  enrolOperator: admin,
  removeOperator: admin,
  listWallTokens: admin,
  issueWallToken: admin,
  revokeWallToken: admin,
} as const satisfies Record<CommandName, Access>;

export type AccessVerdict =
  | { readonly ok: true }
  | { readonly ok: false; readonly code: 'login-required' | 'access-denied'; readonly why: string };

/** May `caller` call `name` in a session of `kind`? With the reason when not. */
export function accessOf(caller: Caller, name: CommandName, kind: SessionKind): AccessVerdict {
  const a: Access = COMMAND_ACCESS[name];
  if (a.who === 'anyone') return { ok: true };
  if (caller.kind === 'anonymous') {
    return { ok: false, code: 'login-required', why: `${name}: log in first` };
  }
  if (caller.kind === 'wall') {
    return a.wall
      ? { ok: true }
      : { ok: false, code: 'access-denied', why: `${name}: a wall screen only shows` };
  }
  const who = kind === 'replay' && a.inReplay ? a.inReplay : a.who;
  if (who !== 'operators' && !who.includes(caller.role)) {
    return { ok: false, code: 'access-denied', why: `${name}: not for a ${caller.role}` };
  }
  if (a.in && !a.in.includes(kind)) {
    return { ok: false, code: 'access-denied', why: `${name}: not in a ${kind} session` };
  }
  return { ok: true };
}

/** For the UI: may this caller use the command here (buttons it may not use are not shown)? */
export const mayCall = (caller: Caller, name: CommandName, kind: SessionKind): boolean =>
  accessOf(caller, name, kind).ok;
