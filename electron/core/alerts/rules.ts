import type { AlertKind } from '../../../shared/domain/alerts';
import type { DeviceKind, Liveness } from '../../../shared/domain/units';
import type { DeviceEventPayload, DeviceStatusPayload } from '../../../shared/telemetry/schemas';
import type { TelemetrySample } from '../telemetry/sample';

/** Raise at or below; no default for vehicles, which run off the car's own supply. */
export const LOW_BATTERY_PCT: Readonly<Record<DeviceKind, number | undefined>> = {
  bodycam: 20,
  vehicle: undefined,
  drone: 25,
};
/** A low-battery alert clears only this far above its threshold, so a reading wobbling ±1 % does not flap. */
export const BATTERY_HYSTERESIS_PCT = 5;

// Heart rate (smart bracelet). Below 40 bpm in an awake, working officer means bradycardia, collapse
// or a bracelet that has slipped off — each needs a call. Above 150 bpm is beyond brisk exertion;
// a sprint touches it for seconds, so only a run lasting 30 s counts: a pursuit or struggle that
// long is itself worth the commander's attention. It clears back inside 45–140 bpm (hysteresis).
export const HEART_RATE = {
  lowBpm: 40,
  highBpm: 150,
  sustainMs: 30_000,
  clearLowBpm: 45,
  clearHighBpm: 140,
  /** Readings further apart than this do not make a run: a gap restarts the 30 s. */
  maxGapMs: 15_000,
} as const;

/** What the rules remember about one unit between inputs. */
export interface UnitRuleState {
  readonly deviceKind: DeviceKind;
  /** Conditions currently holding, mirrored by uncleared alerts. */
  readonly active: ReadonlySet<AlertKind>;
  /** Newest telemetry sample applied; older (late, redelivered) samples do not drive rules. */
  readonly lastSampleTsMs: number | undefined;
  readonly lastSosTsMs: number | undefined;
  /** Start and last reading of the current out-of-range heart-rate run. */
  readonly hrRunStartMs: number | undefined;
  readonly hrRunLastMs: number | undefined;
  /** Console receive time of an online:false status (e.g. the Last Will) not yet followed by telemetry. */
  readonly reportedOfflineMs: number | undefined;
  /**
   * A late SOS (older than a newer reading) was raised and its press has not yet been seen to end
   * in the late readings: the rest of that buffered press raises nothing more.
   */
  readonly lateSos: boolean;
}

export type RuleInput =
  | { readonly type: 'sample'; readonly sample: TelemetrySample }
  | { readonly type: 'event'; readonly payload: DeviceEventPayload }
  | {
      readonly type: 'status';
      /** Undefined: the retained status was deleted. */
      readonly payload: DeviceStatusPayload | undefined;
      /** Console receive time: samples are evaluated at the next tick, so order is by receipt. */
      readonly receivedMs: number;
    }
  | { readonly type: 'liveness'; readonly liveness: Liveness; readonly assigned: boolean };

export interface ConditionChange {
  readonly kind: AlertKind;
  readonly on: boolean;
  readonly value: number | undefined;
  readonly detail: string;
}

export interface Evaluation {
  readonly next: UnitRuleState;
  readonly changes: readonly ConditionChange[];
}

export function initialRuleState(
  deviceKind: DeviceKind,
  active: Iterable<AlertKind> = [],
): UnitRuleState {
  return {
    deviceKind,
    active: new Set(active),
    lastSampleTsMs: undefined,
    lastSosTsMs: undefined,
    hrRunStartMs: undefined,
    hrRunLastMs: undefined,
    reportedOfflineMs: undefined,
    lateSos: false,
  };
}

const NO_CHANGES: readonly ConditionChange[] = Object.freeze([]);

/** Applies one input to one unit's rule state. Pure: returns the next state and condition edges. */
export function evaluate(prev: UnitRuleState, input: RuleInput): Evaluation {
  if (input.type === 'sample') {
    const changes: ConditionChange[] = [];
    const next = evaluateSample(prev, input.sample, changes);
    return { next, changes: changes.length > 0 ? changes : NO_CHANGES };
  }
  const changes: ConditionChange[] = [];
  // Copied on the first change only.
  let active: ReadonlySet<AlertKind> = prev.active;
  const set = (kind: AlertKind, on: boolean, value: number | undefined, detail: string): void => {
    active = toggle(active, kind, on, value, detail, changes);
  };
  let next: UnitRuleState = prev;

  switch (input.type) {
    case 'event': {
      const p = input.payload;
      if (p.type !== 'sos') break; // recording on/off is shown, not alerted
      if (prev.lastSosTsMs !== undefined && p.tsMs < prev.lastSosTsMs) {
        // Late (buffered while the device was out of reach): a newer reading says where the
        // button is now, yet the press happened and the commander must see it.
        if (p.state === 'on') active = lateSosPress(active, p.tsMs, 'event-late', changes);
        break;
      }
      next = { ...next, lastSosTsMs: p.tsMs };
      set('sos', p.state === 'on', undefined, 'event');
      break;
    }
    case 'status': {
      // Status goes by arrival order, not tsMs: a Last Will carries the time it was registered
      // (the connect), yet the broker delivers it after everything the device sent. Telemetry
      // arriving after it clears it.
      // A deleted status (empty retained message) says nothing more about the device.
      const p = input.payload;
      next = { ...next, reportedOfflineMs: p && !p.online ? input.receivedMs : undefined };
      batteryRule(prev.deviceKind, p?.batteryPct, active, set, 'status');
      break;
    }
    case 'liveness': {
      const reported = prev.reportedOfflineMs !== undefined;
      const offline = input.liveness === 'offline' || reported;
      set('offline', input.assigned && offline, undefined, reported ? 'status' : 'liveness');
      break;
    }
  }
  return { next: changes.length > 0 ? { ...next, active } : next, changes };
}

/**
 * The sample rules, written for the broker's rate: every sample of every unit is evaluated (an SOS
 * press or a battery dip that starts and ends inside one tick is still an alert), so this builds
 * at most one state object and no closures. Appends condition edges to `changes`; returns `prev`
 * itself when the sample changes nothing (older than the newest applied).
 */
export function evaluateSample(
  prev: UnitRuleState,
  s: TelemetrySample,
  changes: ConditionChange[],
): UnitRuleState {
  if (prev.lastSampleTsMs !== undefined && s.tsMs <= prev.lastSampleTsMs) {
    return lateSample(prev, s, changes);
  }
  let active = prev.active;
  // Telemetry and events both carry SOS; whichever is newer by device clock wins.
  let lastSosTsMs = prev.lastSosTsMs;
  if (s.sos !== undefined && (lastSosTsMs === undefined || s.tsMs >= lastSosTsMs)) {
    lastSosTsMs = s.tsMs;
    active = toggle(active, 'sos', s.sos, undefined, 'telemetry', changes);
  }
  const threshold = LOW_BATTERY_PCT[prev.deviceKind];
  const pct = s.batteryPct;
  if (pct !== undefined && threshold !== undefined) {
    const low = active.has('low-battery');
    if (!low && pct <= threshold) {
      active = toggle(active, 'low-battery', true, pct, 'telemetry', changes);
    } else if (low && pct >= threshold + BATTERY_HYSTERESIS_PCT) {
      active = toggle(active, 'low-battery', false, pct, 'telemetry', changes);
    }
  }
  // Heart rate: an out-of-range run raises after sustainMs; see HEART_RATE.
  let hrRunStartMs = prev.hrRunStartMs;
  let hrRunLastMs = prev.hrRunLastMs;
  const bpm = s.heartRateBpm;
  const hr = HEART_RATE;
  if (bpm === undefined) {
    // no reading: the run neither grows nor breaks
  } else if (active.has('heart-rate')) {
    if (bpm >= hr.clearLowBpm && bpm <= hr.clearHighBpm) {
      active = toggle(active, 'heart-rate', false, bpm, 'telemetry', changes);
      hrRunStartMs = undefined;
      hrRunLastMs = undefined;
    } else {
      hrRunLastMs = s.tsMs;
    }
  } else if (bpm >= hr.lowBpm && bpm <= hr.highBpm) {
    hrRunStartMs = undefined;
    hrRunLastMs = undefined;
  } else {
    const continues =
      hrRunStartMs !== undefined &&
      hrRunLastMs !== undefined &&
      s.tsMs - hrRunLastMs <= hr.maxGapMs;
    const start = continues ? (hrRunStartMs as number) : s.tsMs;
    if (s.tsMs - start >= hr.sustainMs) {
      active = toggle(active, 'heart-rate', true, bpm, 'telemetry', changes);
    }
    hrRunStartMs = start;
    hrRunLastMs = s.tsMs;
  }
  const back = prev.reportedOfflineMs !== undefined && s.receivedMs > prev.reportedOfflineMs;
  return {
    deviceKind: prev.deviceKind,
    active,
    lastSampleTsMs: s.tsMs,
    lastSosTsMs,
    hrRunStartMs,
    hrRunLastMs,
    reportedOfflineMs: back ? undefined : prev.reportedOfflineMs,
    lateSos: prev.lateSos,
  };
}

/**
 * A sample older than the newest applied drives no rule, except an SOS: a press buffered while the
 * device was out of reach is raised once per press (and cleared at once, the newer reading being
 * the button's state now), so the commander sees it and acknowledges it.
 */
function lateSample(
  prev: UnitRuleState,
  s: TelemetrySample,
  changes: ConditionChange[],
): UnitRuleState {
  if (s.sos === true && !prev.lateSos && !prev.active.has('sos')) {
    const active = lateSosPress(prev.active, s.tsMs, 'telemetry-late', changes);
    return { ...prev, active, lateSos: true };
  }
  if (s.sos === false && prev.lateSos) return { ...prev, lateSos: false };
  return prev;
}

/**
 * A late SOS press: raised and cleared in one go (an alert stays open until acknowledged, cleared
 * or not), its value the device time of the press. Nothing when an SOS is already open.
 */
function lateSosPress(
  active: ReadonlySet<AlertKind>,
  pressedMs: number,
  detail: string,
  changes: ConditionChange[],
): ReadonlySet<AlertKind> {
  if (active.has('sos')) return active;
  const raised = toggle(active, 'sos', true, pressedMs, detail, changes);
  return toggle(raised, 'sos', false, pressedMs, detail, changes);
}

/** `active` with `kind` switched to `on`, recording the edge; the same set when nothing changes. */
function toggle(
  active: ReadonlySet<AlertKind>,
  kind: AlertKind,
  on: boolean,
  value: number | undefined,
  detail: string,
  changes: ConditionChange[],
): ReadonlySet<AlertKind> {
  if (active.has(kind) === on) return active;
  const copy = new Set(active);
  if (on) copy.add(kind);
  else copy.delete(kind);
  changes.push({ kind, on, value, detail });
  return copy;
}

type Setter = (kind: AlertKind, on: boolean, value: number | undefined, detail: string) => void;

function batteryRule(
  kind: DeviceKind,
  pct: number | undefined,
  active: ReadonlySet<AlertKind>,
  set: Setter,
  detail: string,
): void {
  const threshold = LOW_BATTERY_PCT[kind];
  if (pct === undefined || threshold === undefined) return;
  if (!active.has('low-battery') && pct <= threshold) set('low-battery', true, pct, detail);
  else if (active.has('low-battery') && pct >= threshold + BATTERY_HYSTERESIS_PCT) {
    set('low-battery', false, pct, detail);
  }
}
