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
}

export type RuleInput =
  | { readonly type: 'sample'; readonly sample: TelemetrySample }
  | { readonly type: 'event'; readonly payload: DeviceEventPayload }
  | {
      readonly type: 'status';
      readonly payload: DeviceStatusPayload;
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
  };
}

/** Applies one input to one unit's rule state. Pure: returns the next state and condition edges. */
export function evaluate(prev: UnitRuleState, input: RuleInput): Evaluation {
  const changes: ConditionChange[] = [];
  // Copied on the first change only: this runs for every sample at the broker's rate.
  let active: ReadonlySet<AlertKind> = prev.active;
  const set = (kind: AlertKind, on: boolean, value: number | undefined, detail: string): void => {
    if (active.has(kind) === on) return;
    const copy = new Set(active);
    if (on) copy.add(kind);
    else copy.delete(kind);
    active = copy;
    changes.push({ kind, on, value, detail });
  };
  let next: UnitRuleState = prev;

  switch (input.type) {
    case 'sample': {
      const s = input.sample;
      if (prev.lastSampleTsMs !== undefined && s.tsMs <= prev.lastSampleTsMs) break;
      const back = prev.reportedOfflineMs !== undefined && s.receivedMs > prev.reportedOfflineMs;
      next = {
        ...next,
        lastSampleTsMs: s.tsMs,
        reportedOfflineMs: back ? undefined : prev.reportedOfflineMs,
      };
      // Telemetry and events both carry SOS; whichever is newer by device clock wins.
      if (s.sos !== undefined && (prev.lastSosTsMs === undefined || s.tsMs >= prev.lastSosTsMs)) {
        next = { ...next, lastSosTsMs: s.tsMs };
        set('sos', s.sos, undefined, 'telemetry');
      }
      batteryRule(prev.deviceKind, s.batteryPct, active, set, 'telemetry');
      next = { ...next, ...heartRateRule(prev, s.tsMs, s.heartRateBpm, active, set) };
      break;
    }
    case 'event': {
      const p = input.payload;
      if (p.type !== 'sos') break; // recording on/off is shown, not alerted
      if (prev.lastSosTsMs !== undefined && p.tsMs < prev.lastSosTsMs) break;
      next = { ...next, lastSosTsMs: p.tsMs };
      set('sos', p.state === 'on', undefined, 'event');
      break;
    }
    case 'status': {
      // Status goes by arrival order, not tsMs: a Last Will carries the time it was registered
      // (the connect), yet the broker delivers it after everything the device sent. Telemetry
      // arriving after it clears it.
      const p = input.payload;
      next = { ...next, reportedOfflineMs: p.online ? undefined : input.receivedMs };
      batteryRule(prev.deviceKind, p.batteryPct, active, set, 'status');
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

function heartRateRule(
  prev: UnitRuleState,
  tsMs: number,
  bpm: number | undefined,
  active: ReadonlySet<AlertKind>,
  set: Setter,
): Pick<UnitRuleState, 'hrRunStartMs' | 'hrRunLastMs'> {
  const hr = HEART_RATE;
  const unchanged = { hrRunStartMs: prev.hrRunStartMs, hrRunLastMs: prev.hrRunLastMs };
  if (bpm === undefined) return unchanged; // no reading: the run neither grows nor breaks
  if (active.has('heart-rate')) {
    if (bpm >= hr.clearLowBpm && bpm <= hr.clearHighBpm) {
      set('heart-rate', false, bpm, 'telemetry');
      return { hrRunStartMs: undefined, hrRunLastMs: undefined };
    }
    return { hrRunStartMs: prev.hrRunStartMs, hrRunLastMs: tsMs };
  }
  if (bpm >= hr.lowBpm && bpm <= hr.highBpm)
    return { hrRunStartMs: undefined, hrRunLastMs: undefined };
  const continues =
    prev.hrRunStartMs !== undefined &&
    prev.hrRunLastMs !== undefined &&
    tsMs - prev.hrRunLastMs <= hr.maxGapMs;
  const start = continues ? (prev.hrRunStartMs as number) : tsMs;
  if (tsMs - start >= hr.sustainMs) set('heart-rate', true, bpm, 'telemetry');
  return { hrRunStartMs: start, hrRunLastMs: tsMs };
}
