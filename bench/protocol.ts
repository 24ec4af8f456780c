// Messages between the bench orchestrator (ingest.ts) and its child processes over fork() IPC.

export type Qos = 0 | 1;

/** Sent until a subscriber proves its subscription is live: invalid, so never persisted. */
export const PROBE_TOPIC = 'muster/v1/devices/bench-probe/telemetry';

export interface PublisherInit {
  readonly url: string;
  readonly regionDir: string;
  readonly units: number;
}

export type PublisherCommand =
  | {
      readonly cmd: 'burst';
      readonly qos: Qos;
      readonly count: number;
      readonly window: number;
      /** Message i reports unit i mod units at tsMs = baseTsMs + floor(i / units). */
      readonly baseTsMs: number;
    }
  | {
      readonly cmd: 'paced';
      readonly qos: Qos;
      readonly ratePerSec: number;
      readonly durationMs: number;
      readonly window: number;
    }
  | { readonly cmd: 'exit' };

export interface PublisherDone {
  readonly ev: 'done';
  readonly startMs: number;
  /** When the last publish was acknowledged (QoS 1) or written to the socket (QoS 0). */
  readonly endMs: number;
  readonly sent: number;
  /** Paced mode: how far the publisher fell behind its schedule at worst. */
  readonly maxLagMs: number;
  readonly payloadBytes: number;
}

export type PublisherEvent = { readonly ev: 'ready' } | PublisherDone;

/** console-receipt: the console with PUBACK on receipt, as before acknowledgement on commit. */
export type SubscriberRole = 'bare' | 'console' | 'console-receipt' | 'naive' | 'soak';

export interface SubscriberInit {
  readonly role: SubscriberRole;
  readonly url: string;
  /** Burst roles finish when this many messages are received (bare) or persisted. */
  readonly expected: number;
  readonly dataDir: string;
  readonly resourcesDir: string;
  readonly regionId: string;
  readonly clientId: string;
}

export type SubscriberCommand = { readonly cmd: 'arm' } | { readonly cmd: 'stop' };

export interface BurstResult {
  readonly ev: 'result';
  readonly received: number;
  readonly persisted: number;
  /** Time of the last message counted (bare) or the last tick that persisted samples. */
  readonly lastMs: number;
  readonly stalled: boolean;
  readonly rejected: number;
  readonly cpuMs: number;
  readonly rssMb: number;
}

export interface LatencySummary {
  readonly count: number;
  readonly p50Ms: number;
  readonly p90Ms: number;
  readonly p99Ms: number;
  readonly p999Ms: number;
  readonly maxMs: number;
  /** Samples at or above the 250 ms target. */
  readonly over250Ms: number;
}

export interface SoakResult {
  readonly ev: 'soak';
  readonly latency: LatencySummary;
  /** Device→console arrival (before coalescing), sampled one message in 16. */
  readonly arrival: LatencySummary;
  readonly tickMs: number;
  /** How long each tick ran (write, state, alerts, frame). */
  readonly tickDuration: LatencySummary;
  /** Event-loop delay of the console process (perf_hooks), ms. */
  readonly loopDelayMs: { readonly p50: number; readonly p99: number; readonly max: number };
  /** One summary per 10-second window, to show the latency does not drift over the soak. */
  readonly windows: readonly (LatencySummary & { readonly atS: number })[];
  /** [seconds since arm, RSS MB, heap used MB], one per second. */
  readonly rss: readonly (readonly [number, number, number])[];
  readonly frames: number;
  readonly accepted: number;
  readonly rejected: number;
  readonly persisted: number;
  readonly cpuMs: number;
}

export type SubscriberEvent =
  | { readonly ev: 'connected' }
  | { readonly ev: 'probed' }
  | { readonly ev: 'armed' }
  | BurstResult
  | SoakResult;
