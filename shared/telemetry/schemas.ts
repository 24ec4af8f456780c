import { z } from 'zod';

// Device telemetry payload, contract v1 (JSON, UTF-8). Units are in the field names.
// Unknown extra fields are ignored so devices may add fields without breaking older consoles.

/** Largest payload accepted; anything bigger is rejected before parsing. */
export const MAX_PAYLOAD_BYTES = 64 * 1024;

const finite = z.number().finite();
const pct = finite.min(0).max(100);

const common = {
  v: z.literal(1),
  /** Device clock, epoch milliseconds. */
  tsMs: z.number().int().positive(),
  /** WGS-84 degrees; range is checked separately so it is counted as its own reason. */
  lon: finite,
  lat: finite,
  accuracyM: finite.min(0).max(10_000).optional(),
  headingDeg: finite.min(0).max(360).optional(),
  speedKmh: finite.min(0).max(400).optional(),
  batteryPct: pct.optional(),
};

export const bodycamTelemetry = z.object({
  ...common,
  kind: z.literal('bodycam'),
  recording: z.boolean().optional(),
  sos: z.boolean().optional(),
  heartRateBpm: finite.min(20).max(250).optional(),
});

export const vehicleTelemetry = z.object({
  ...common,
  kind: z.literal('vehicle'),
  ignition: z.boolean().optional(),
  siren: z.boolean().optional(),
  lights: z.boolean().optional(),
});

export const FLIGHT_MODES = [
  'manual',
  'auto',
  'loiter',
  'return-home',
  'landing',
  'landed',
] as const;

export const droneTelemetry = z.object({
  ...common,
  kind: z.literal('drone'),
  altAglM: finite.min(-100).max(10_000).optional(),
  altMslM: finite.min(-500).max(10_000).optional(),
  flightMode: z.enum(FLIGHT_MODES).optional(),
  linkPct: pct.optional(),
});

export const telemetryPayload = z.discriminatedUnion('kind', [
  bodycamTelemetry,
  vehicleTelemetry,
  droneTelemetry,
]);

export type TelemetryPayload = z.infer<typeof telemetryPayload>;
export type BodycamTelemetry = z.infer<typeof bodycamTelemetry>;
export type VehicleTelemetry = z.infer<typeof vehicleTelemetry>;
export type DroneTelemetry = z.infer<typeof droneTelemetry>;

export function inLonLatRange(lon: number, lat: number): boolean {
  return lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90;
}

// Device events and status reports (contract v1). Same envelope rules as telemetry: `v`, `tsMs`,
// unknown extra fields ignored.

export const DEVICE_EVENT_TYPES = ['sos', 'recording'] as const;
export type DeviceEventType = (typeof DEVICE_EVENT_TYPES)[number];

/** `muster/v1/devices/{id}/event`: a button or state edge, published at QoS 1. */
export const deviceEventPayload = z.object({
  v: z.literal(1),
  tsMs: z.number().int().positive(),
  type: z.enum(DEVICE_EVENT_TYPES),
  state: z.enum(['on', 'off']),
});

/** `muster/v1/devices/{id}/status`: retained, and the device's Last Will with online:false. */
export const deviceStatusPayload = z.object({
  v: z.literal(1),
  tsMs: z.number().int().positive(),
  online: z.boolean(),
  batteryPct: pct.optional(),
  firmware: z.string().min(1).max(64).optional(),
});

export type DeviceEventPayload = z.infer<typeof deviceEventPayload>;
export type DeviceStatusPayload = z.infer<typeof deviceStatusPayload>;
