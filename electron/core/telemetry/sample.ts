/** One accepted telemetry sample, already validated and bound to a roster unit. */
export interface TelemetrySample {
  readonly unitIdx: number;
  readonly unitId: string;
  readonly tsMs: number;
  readonly receivedMs: number;
  readonly lon: number;
  readonly lat: number;
  readonly headingDeg: number | undefined;
  readonly speedKmh: number | undefined;
  readonly batteryPct: number | undefined;
  readonly altM: number | undefined;
  // Body-cam extras read by the alert rules; optional because they are not persisted per sample.
  readonly sos?: boolean | undefined;
  readonly heartRateBpm?: number | undefined;
  readonly recording?: boolean | undefined;
}
