import type { StatusSnapshot } from '../../../shared/domain/status';
import type { LinkSnapshot } from '../transport/linkStore';

/** Why what a screen shows may not be current, most serious first. */
export type StaleReason = 'token-refused' | 'link-lost' | 'broker-down' | 'no-data';

export interface Staleness {
  readonly reason: StaleReason;
  /** The time the picture is as of (session time), when known. */
  readonly dataMs: number | undefined;
  readonly brokerUrl?: string;
  readonly lastError?: string;
}

/** Beyond this without a status push (one a second) the link is taken as lost, even if open. */
export const STATUS_SILENCE_MS = 5_000;
/** No device message for this long (the body-cam and vehicle stale threshold): the data is old. */
export const NO_DATA_MS = 30_000;

/** When statuses arrived, by the machine's clock: the first one and the last one. */
export interface Heard {
  readonly firstMs: number;
  readonly lastMs: number;
}

/**
 * Whether the screen must say its picture is not current, and why; undefined when it is live.
 * `heard` is when statuses arrived and `nowMs` now, by the machine's clock.
 */
export function stalenessOf(
  link: LinkSnapshot,
  status: StatusSnapshot | undefined,
  heard: Heard | undefined,
  nowMs: number,
): Staleness | undefined {
  const dataMs = status?.dataMs;
  if (link.state === 'refused') return { reason: 'token-refused', dataMs };
  if (link.state === 'closed' || (link.state === 'connecting' && heard !== undefined)) {
    return { reason: 'link-lost', dataMs };
  }
  if (status === undefined || heard === undefined || link.state === 'connecting') return undefined;
  if (nowMs - heard.lastMs > STATUS_SILENCE_MS) return { reason: 'link-lost', dataMs };
  // A replay shows a recorded instant: old by design.
  if (status.session?.kind === 'replay') return undefined;
  const { broker } = status;
  if (broker.state !== 'connected') {
    return {
      reason: 'broker-down',
      dataMs,
      brokerUrl: broker.url,
      ...(broker.lastError !== undefined ? { lastError: broker.lastError } : {}),
    };
  }
  // A paused exercise sends nothing, and its clock stands still with it.
  if (status.clock?.paused === true || status.unitsTotal === 0) return undefined;
  const silentMs = dataMs === undefined ? nowMs - heard.firstMs : status.tsMs - dataMs;
  return silentMs > NO_DATA_MS ? { reason: 'no-data', dataMs } : undefined;
}
