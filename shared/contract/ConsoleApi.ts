import type { Alert, AlertEvent } from '../domain/alerts';
import type { RegionSnapshot } from '../domain/region';
import type { StatusSnapshot } from '../domain/status';
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
}

export const TRACK_MAX_POINTS = 20_000;

/** Events the core pushes. */
export interface ConsoleEvents {
  unitsFrame: UnitsFrame;
  status: StatusSnapshot;
  alert: AlertEvent;
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
} as const satisfies Record<CommandName, true>;

export const EVENT_NAMES = {
  unitsFrame: true,
  status: true,
  alert: true,
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
