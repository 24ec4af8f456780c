import type { RejectReason } from '../../../shared/domain/status';
import { DEVICE_KIND_OF, type RosterUnit } from '../../../shared/domain/units';
import {
  inLonLatRange,
  MAX_PAYLOAD_BYTES,
  telemetryPayload,
} from '../../../shared/telemetry/schemas';
import { parseTelemetryTopic } from '../../../shared/telemetry/topics';
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
}

export type ParseResult =
  | { readonly ok: true; readonly sample: TelemetrySample }
  | { readonly ok: false; readonly reason: RejectReason; readonly detail: string };

const reject = (reason: RejectReason, detail: string): ParseResult => ({
  ok: false,
  reason,
  detail,
});

const decoder = new TextDecoder('utf-8', { fatal: true });

/** Validates one MQTT message at the edge. Pure; never throws. */
export function parseTelemetry(topic: string, payload: Uint8Array, ctx: ParseContext): ParseResult {
  if (payload.byteLength > MAX_PAYLOAD_BYTES) {
    return reject('too-large', `${payload.byteLength} bytes > ${MAX_PAYLOAD_BYTES}`);
  }
  const deviceId = parseTelemetryTopic(topic);
  if (deviceId === undefined) return reject('bad-topic', topic.slice(0, 200));

  let json: unknown;
  try {
    json = JSON.parse(decoder.decode(payload));
  } catch (err) {
    return reject(
      'malformed-json',
      err instanceof Error ? err.message.slice(0, 200) : 'unparsable',
    );
  }
  const parsed = telemetryPayload.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return reject('schema', `${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`);
  }
  const p = parsed.data;
  if (!inLonLatRange(p.lon, p.lat)) return reject('out-of-range', `lon ${p.lon}, lat ${p.lat}`);
  if (p.tsMs > ctx.nowMs + ctx.maxFutureMs || p.tsMs < ctx.nowMs - ctx.maxPastMs) {
    return reject('timestamp-out-of-range', `tsMs ${p.tsMs} vs console clock ${ctx.nowMs}`);
  }
  const binding = ctx.devices.get(deviceId);
  if (!binding) return reject('unknown-device', deviceId);
  const expected = DEVICE_KIND_OF[binding.unit.kind];
  if (p.kind !== expected) {
    return reject('kind-mismatch', `${deviceId} reports ${p.kind}, roster says ${expected}`);
  }
  return {
    ok: true,
    sample: {
      unitIdx: binding.idx,
      unitId: binding.unit.id,
      tsMs: p.tsMs,
      receivedMs: ctx.nowMs,
      lon: p.lon,
      lat: p.lat,
      headingDeg: p.headingDeg,
      speedKmh: p.speedKmh,
      batteryPct: p.batteryPct,
      altM: p.kind === 'drone' ? (p.altAglM ?? p.altMslM) : undefined,
    },
  };
}
