import type { AuditCheck } from './audit';
import type { ClockState } from './clock';
import type { SessionInfo } from './session';

export const LINK_STATES = ['connecting', 'connected', 'reconnecting', 'offline'] as const;
export type LinkState = (typeof LINK_STATES)[number];

export const REJECT_REASONS = [
  'too-large',
  'malformed-json',
  'bad-topic',
  'schema',
  'out-of-range',
  'timestamp-out-of-range',
  'unknown-device',
  'kind-mismatch',
] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];

/** A count per refusal reason, every one at zero. */
export function noRejections(): Record<RejectReason, number> {
  return Object.fromEntries(REJECT_REASONS.map((r) => [r, 0])) as Record<RejectReason, number>;
}

/** How many refused messages listQuarantine() answers (the store keeps more). */
export const QUARANTINE_LIST_MAX = 200;

/** A refused device message, kept for an operator or integrator to inspect. */
export interface QuarantinedMessage {
  readonly receivedMs: number;
  readonly topic: string;
  readonly reason: RejectReason;
  readonly detail: string;
  /** First bytes of the payload, hex. */
  readonly previewHex: string;
}

/** Why the console's own (embedded) broker turned a client or a packet away. */
export const BROKER_REFUSALS = [
  'no-credentials',
  'bad-credentials',
  'unknown-device',
  'bad-certificate',
  'publish-denied',
  'subscribe-denied',
] as const;
export type BrokerRefusal = (typeof BROKER_REFUSALS)[number];

export interface ExerciseNotice {
  readonly tsMs: number;
  readonly kind: 'road-closed';
  readonly place?: string;
  readonly text: string;
}

export interface StatusSnapshot {
  /** Session time of the snapshot (epoch ms). */
  readonly tsMs: number;
  readonly session?: SessionInfo;
  /** The session's clock: screens take SLA countdowns, ages and "x min ago" from it. */
  readonly clock?: ClockState;
  /**
   * An exercise's announcements to its players (a road closed), newest last: injects that change
   * no unit or incident the console holds, shown under the exercise banner.
   */
  readonly notices?: readonly ExerciseNotice[];
  /** A replay: the session it shows, its recorded period, and a counter bumped at every jump. */
  readonly replay?: {
    readonly of: SessionInfo;
    readonly fromMs: number;
    readonly toMs: number;
    /** Screens reload their lists when it changes (a jump back in time). */
    readonly epoch: number;
  };
  readonly broker: {
    readonly url: string;
    readonly embedded: boolean;
    readonly state: LinkState;
    readonly lastError: string | undefined;
    /** Successful reconnections since start (the first connection is not counted). */
    readonly reconnects?: number;
    /** MQTT protocol of the current or last connection: 4 = 3.1.1, 5 = MQTT 5. */
    readonly protocol?: 4 | 5 | undefined;
    /** The embedded broker's refusals since start, per reason (absent for an external broker). */
    readonly refused?: Readonly<Record<BrokerRefusal, number>>;
  };
  /** Messages received per second over the last second. */
  readonly msgsPerSec: number;
  /**
   * Session time of the newest device message the console accepted (the time the picture is "as
   * of"); undefined before any. A replay's is its instant.
   */
  readonly dataMs?: number | undefined;
  readonly accepted: number;
  readonly rejected: Readonly<Record<RejectReason, number>>;
  readonly unitsOnline: number;
  readonly unitsTotal: number;
  readonly simulator: boolean;
  /** Last failure to persist telemetry, until a write succeeds again. */
  readonly storeError: string | undefined;
  /** The support audit log's hash chain as last verified (at start, then on request). */
  readonly audit?: AuditCheck | undefined;
}
