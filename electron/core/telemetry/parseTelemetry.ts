import type { RejectReason } from '../../../shared/domain/status';
import { DEVICE_KIND_OF, type RosterUnit } from '../../../shared/domain/units';
import type { z } from 'zod';
import {
  deviceEventPayload,
  deviceStatusPayload,
  inLonLatRange,
  MAX_PAYLOAD_BYTES,
  telemetryPayload,
  type DeviceEventPayload,
  type TelemetryPayload,
  type DeviceStatusPayload,
} from '../../../shared/telemetry/schemas';
import {
  ackPayload,
  orderPayload,
  type AckPayload,
  type OrderPayload,
} from '../../../shared/telemetry/orders';
import {
  LIVE_TOPICS,
  parseTelemetryTopic,
  type TopicSpace,
} from '../../../shared/telemetry/topics';
import { isCommonTelemetry } from './fastTelemetry';
import type { TelemetrySample } from './sample';

export interface DeviceBinding {
  readonly idx: number;
  readonly unit: RosterUnit;
}

export interface ParseContext {
  readonly devices: ReadonlyMap<string, DeviceBinding>;
  readonly nowMs: number;
  /** Device clocks may run ahead; beyond this the sample is refused. */
  readonly maxFutureMs: number;
  /** Older samples (e.g. held by the broker while the console was down) are still accepted up to this. */
  readonly maxPastMs: number;
  /** Validate telemetry with zod alone, skipping the fast path: the reference in tests and benches. */
  readonly zodOnly?: boolean;
  /** The namespace the session listens in (an exercise's); live when absent. */
  readonly topics?: TopicSpace;
}

export type ParseResult =
  | { readonly ok: true; readonly sample: TelemetrySample }
  | { readonly ok: false; readonly reason: RejectReason; readonly detail: string };

const decoder = new TextDecoder('utf-8', { fatal: true });

/** Validates one MQTT message at the edge. Pure; never throws. */
export function parseTelemetry(topic: string, payload: Uint8Array, ctx: ParseContext): ParseResult {
  if (payload.byteLength > MAX_PAYLOAD_BYTES) {
    return rejection('too-large', `${payload.byteLength} bytes > ${MAX_PAYLOAD_BYTES}`);
  }
  const deviceId = parseTelemetryTopic(topic);
  if (deviceId === undefined) return rejection('bad-topic', topic.slice(0, 200));
  const r = telemetrySample(deviceId, payload, ctx, false);
  return 'reason' in r ? r : { ok: true, sample: r };
}

type Rejection = Extract<ParseResult, { ok: false }>;

/**
 * The body checks of a telemetry message whose size and topic have passed. `bodycamExtras`: also
 * carry sos / heart rate / recording, which only the alert rules read; the console always asks
 * for them, so its samples share one object shape.
 */
function telemetrySample(
  deviceId: string,
  payload: Uint8Array,
  ctx: ParseContext,
  bodycamExtras: boolean,
): TelemetrySample | Rejection {
  let json: unknown;
  try {
    json = withoutNulls(JSON.parse(decoder.decode(payload)));
  } catch (err) {
    return rejection(
      'malformed-json',
      err instanceof Error ? err.message.slice(0, 200) : 'unparsable',
    );
  }
  let p: TelemetryPayload;
  if (ctx.zodOnly !== true && isCommonTelemetry(json)) {
    p = json;
  } else {
    const parsed = telemetryPayload.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return rejection(
        'schema',
        `${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`,
      );
    }
    p = parsed.data;
  }
  if (!inLonLatRange(p.lon, p.lat)) return rejection('out-of-range', `lon ${p.lon}, lat ${p.lat}`);
  if (p.tsMs > ctx.nowMs + ctx.maxFutureMs || p.tsMs < ctx.nowMs - ctx.maxPastMs) {
    return rejection('timestamp-out-of-range', `tsMs ${p.tsMs} vs console clock ${ctx.nowMs}`);
  }
  const binding = ctx.devices.get(deviceId);
  if (!binding) return rejection('unknown-device', deviceId);
  const expected = DEVICE_KIND_OF[binding.unit.kind];
  if (p.kind !== expected) {
    return rejection('kind-mismatch', `${deviceId} reports ${p.kind}, roster says ${expected}`);
  }
  const altM = p.kind === 'drone' ? (p.altAglM ?? p.altMslM) : undefined;
  if (!bodycamExtras) {
    return {
      unitIdx: binding.idx,
      unitId: binding.unit.id,
      tsMs: p.tsMs,
      receivedMs: ctx.nowMs,
      lon: p.lon,
      lat: p.lat,
      headingDeg: p.headingDeg,
      speedKmh: p.speedKmh,
      batteryPct: p.batteryPct,
      altM,
    };
  }
  const body = p.kind === 'bodycam' ? p : undefined;
  return {
    unitIdx: binding.idx,
    unitId: binding.unit.id,
    tsMs: p.tsMs,
    receivedMs: ctx.nowMs,
    lon: p.lon,
    lat: p.lat,
    headingDeg: p.headingDeg,
    speedKmh: p.speedKmh,
    batteryPct: p.batteryPct,
    altM,
    sos: body?.sos,
    heartRateBpm: body?.heartRateBpm,
    recording: body?.recording,
  };
}

/**
 * `null` in a field means "no reading" (contract v1): the field is dropped, so an optional one is
 * simply absent and the rest of the report is kept; a required one is then reported as missing.
 * The common report has no null and is returned as it is.
 */
function withoutNulls(json: unknown): unknown {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return json;
  const o = json as Record<string, unknown>;
  for (const k in o) {
    if (o[k] === null) return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null));
  }
  return json;
}

const rejection = (reason: RejectReason, detail: string): Rejection => ({
  ok: false,
  reason,
  detail,
});

/** A device event or status report, validated and bound to a roster unit. */
export interface DeviceEvent {
  readonly unitIdx: number;
  readonly unitId: string;
  readonly receivedMs: number;
  readonly payload: DeviceEventPayload;
}

export interface DeviceStatus {
  readonly unitIdx: number;
  readonly unitId: string;
  readonly receivedMs: number;
  /** Undefined: the retained status was deleted (an empty message). */
  readonly payload: DeviceStatusPayload | undefined;
}

/** A device's acknowledgement of an order, or an order seen on a device's order topic. */
export interface DeviceAck {
  readonly unitIdx: number;
  readonly unitId: string;
  readonly receivedMs: number;
  readonly payload: AckPayload;
}

export interface DeviceOrder {
  readonly unitIdx: number;
  readonly unitId: string;
  readonly receivedMs: number;
  readonly payload: OrderPayload;
}

export type DeviceMessageResult =
  | { readonly ok: true; readonly channel: 'telemetry'; readonly sample: TelemetrySample }
  | { readonly ok: true; readonly channel: 'event'; readonly event: DeviceEvent }
  | { readonly ok: true; readonly channel: 'status'; readonly status: DeviceStatus }
  | { readonly ok: true; readonly channel: 'ack'; readonly ack: DeviceAck }
  | { readonly ok: true; readonly channel: 'order'; readonly order: DeviceOrder }
  | { readonly ok: false; readonly reason: RejectReason; readonly detail: string };

type Payload = DeviceEventPayload | DeviceStatusPayload | AckPayload | OrderPayload;

const SCHEMAS: Readonly<Record<'event' | 'status' | 'ack' | 'order', z.ZodType<Payload>>> = {
  event: deviceEventPayload,
  status: deviceStatusPayload,
  ack: ackPayload,
  order: orderPayload,
};

/**
 * Routes any device topic (telemetry, event, status, ack, order) through the same edge checks and the same
 * reject reasons as telemetry. Pure; never throws.
 */
export function parseDeviceMessage(
  topic: string,
  payload: Uint8Array,
  ctx: ParseContext,
): DeviceMessageResult {
  if (payload.byteLength > MAX_PAYLOAD_BYTES) {
    return fail('too-large', `${payload.byteLength} bytes > ${MAX_PAYLOAD_BYTES}`);
  }
  const t = (ctx.topics ?? LIVE_TOPICS).parse(topic);
  if (t === undefined) return fail('bad-topic', topic.slice(0, 200));
  if (t.channel === 'telemetry') {
    const r = telemetrySample(t.deviceId, payload, ctx, true);
    return 'reason' in r ? r : { ok: true, channel: 'telemetry', sample: r };
  }
  if (t.channel === 'status' && payload.byteLength === 0) {
    // An empty retained message is how MQTT deletes a retained status: the status is cleared.
    const binding = ctx.devices.get(t.deviceId);
    if (!binding) return fail('unknown-device', t.deviceId);
    const status = { unitIdx: binding.idx, unitId: binding.unit.id, receivedMs: ctx.nowMs };
    return { ok: true, channel: 'status', status: { ...status, payload: undefined } };
  }
  const schema = SCHEMAS[t.channel];
  let json: unknown;
  try {
    json = withoutNulls(JSON.parse(decoder.decode(payload)));
  } catch (err) {
    return fail('malformed-json', err instanceof Error ? err.message.slice(0, 200) : 'unparsable');
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return fail('schema', `${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`);
  }
  const p = parsed.data;
  // A status is judged by when it arrives: a Last Will carries the time of the connection it was
  // registered with, and a retained status the time it was set, however long ago that was.
  const tooOld = t.channel !== 'status' && p.tsMs < ctx.nowMs - ctx.maxPastMs;
  if (p.tsMs > ctx.nowMs + ctx.maxFutureMs || tooOld) {
    return fail('timestamp-out-of-range', `tsMs ${p.tsMs} vs console clock ${ctx.nowMs}`);
  }
  const binding = ctx.devices.get(t.deviceId);
  if (!binding) return fail('unknown-device', t.deviceId);
  const bound = { unitIdx: binding.idx, unitId: binding.unit.id, receivedMs: ctx.nowMs };
  // The schema was picked by channel, so the casts restate what the parse established.
  switch (t.channel) {
    case 'event':
      return { ok: true, channel: 'event', event: { ...bound, payload: p as DeviceEventPayload } };
    case 'status':
      return {
        ok: true,
        channel: 'status',
        status: { ...bound, payload: p as DeviceStatusPayload },
      };
    case 'ack':
      return { ok: true, channel: 'ack', ack: { ...bound, payload: p as AckPayload } };
    case 'order':
      return { ok: true, channel: 'order', order: { ...bound, payload: p as OrderPayload } };
  }
}

const fail = (reason: RejectReason, detail: string): DeviceMessageResult => ({
  ok: false,
  reason,
  detail,
});
