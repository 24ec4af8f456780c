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

export interface StatusSnapshot {
  readonly tsMs: number;
  readonly broker: {
    readonly url: string;
    readonly embedded: boolean;
    readonly state: LinkState;
    readonly lastError: string | undefined;
  };
  /** Messages received per second over the last second. */
  readonly msgsPerSec: number;
  readonly accepted: number;
  readonly rejected: Readonly<Record<RejectReason, number>>;
  readonly unitsOnline: number;
  readonly unitsTotal: number;
  readonly simulator: boolean;
  /** Last failure to persist telemetry, until a write succeeds again. */
  readonly storeError: string | undefined;
}
