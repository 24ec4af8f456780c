// Units (the things commanders move) and the devices that report for them.

export const UNIT_KINDS = [
  'officer-pair',
  'patrol-car',
  'motorbike',
  'traffic-car',
  'drone',
] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export const DEVICE_KINDS = ['bodycam', 'vehicle', 'drone'] as const;
export type DeviceKind = (typeof DEVICE_KINDS)[number];

/** Which device kind reports for a unit kind. */
export const DEVICE_KIND_OF: Readonly<Record<UnitKind, DeviceKind>> = {
  'officer-pair': 'bodycam',
  'patrol-car': 'vehicle',
  motorbike: 'vehicle',
  'traffic-car': 'vehicle',
  drone: 'drone',
};

export const MODULES = [
  'public-order',
  'investigation',
  'technical',
  'traffic',
  'swat',
  'negotiation',
  'drone',
  'medical',
  'eod',
] as const;
export type CapabilityModule = (typeof MODULES)[number];

export interface RosterUnit {
  readonly id: string;
  readonly callsign: string;
  readonly kind: UnitKind;
  readonly stationId: string;
  readonly deviceId: string;
  readonly modules: readonly CapabilityModule[];
  /** Head count carried by the unit (a pair is 2). */
  readonly persons: number;
}

/** Liveness derived in the core from the telemetry stream. */
export const LIVENESS = ['unknown', 'online', 'stale', 'offline'] as const;
export type Liveness = (typeof LIVENESS)[number];

export interface UnitPosition {
  readonly tsMs: number;
  readonly lon: number;
  readonly lat: number;
  readonly headingDeg: number | undefined;
  readonly speedKmh: number | undefined;
  readonly batteryPct: number | undefined;
  readonly altM: number | undefined;
}

export interface UnitSnapshot {
  readonly unit: RosterUnit;
  readonly liveness: Liveness;
  readonly last: UnitPosition | undefined;
}

/**
 * One tick of changes, packed as columns. `idx` points into the roster order of `getUnits()`.
 * NaN stands for "not reported" in the float columns.
 */
export interface UnitsFrame {
  readonly seq: number;
  readonly tsMs: number;
  readonly idx: Uint32Array;
  readonly sampleTsMs: Float64Array;
  readonly lon: Float64Array;
  readonly lat: Float64Array;
  readonly headingDeg: Float32Array;
  readonly speedKmh: Float32Array;
  readonly batteryPct: Float32Array;
  /** Drones: altitude above ground (AGL) in metres. */
  readonly altM: Float32Array;
  /** Index into LIVENESS. */
  readonly liveness: Uint8Array;
}
