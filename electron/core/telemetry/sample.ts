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
}
