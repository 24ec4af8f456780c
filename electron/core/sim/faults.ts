// What an exercise's injects do to a simulated device: an SOS press, a battery drained to a level,
// a link that goes silent for a while or for good, a crew that refuses orders while unavailable.
// The simulator keeps one record per unit and consults it when it reports and when it is ordered.
import type { AckPayload, OrderPayload } from '../../../shared/telemetry/orders';
import type { TelemetryPayload } from '../../../shared/telemetry/schemas';

export type SimFault =
  | { readonly kind: 'sos' }
  | { readonly kind: 'battery'; readonly pct: number }
  /** Reports stop until `untilMs` (comms loss), or for good (device failure). */
  | { readonly kind: 'silent'; readonly untilMs?: number }
  | { readonly kind: 'unavailable'; readonly untilMs: number };

export interface FaultState {
  readonly silentUntilMs?: number;
  readonly batteryPct?: number;
  readonly unavailableUntilMs?: number;
}

/** The unit's fault record after one more fault (an SOS changes nothing here: it is an event). */
export function withFault(prev: FaultState | undefined, f: SimFault): FaultState {
  const s = prev ?? {};
  switch (f.kind) {
    case 'sos':
      return s;
    case 'battery':
      return { ...s, batteryPct: f.pct };
    case 'silent':
      return { ...s, silentUntilMs: f.untilMs ?? Infinity };
    case 'unavailable':
      return { ...s, unavailableUntilMs: f.untilMs };
  }
}

export function isSilent(s: FaultState | undefined, tMs: number): boolean {
  return s?.silentUntilMs !== undefined && tMs < s.silentUntilMs;
}

/** The report as the faulty device sends it: a drained battery never reads above its level. */
export function faultyReport(p: TelemetryPayload, s: FaultState | undefined): TelemetryPayload {
  const pct = s?.batteryPct;
  if (pct === undefined || !('batteryPct' in p) || p.batteryPct === undefined) return p;
  return { ...p, batteryPct: Math.min(p.batteryPct, pct) };
}

/** The crew's answer to a dispatch while it is unavailable; undefined when it may take it. */
export function unavailableAnswer(
  s: FaultState | undefined,
  order: OrderPayload,
  tMs: number,
): AckPayload | undefined {
  if (order.type !== 'dispatch') return undefined;
  if (s?.unavailableUntilMs === undefined || tMs >= s.unavailableUntilMs) return undefined;
  return {
    v: 1,
    orderId: order.orderId,
    tsMs: Math.max(1, Math.round(tMs)),
    state: 'refused',
    reason: 'unit unavailable',
  };
}
