import type { TelemetrySample } from '../../electron/core/telemetry/sample';

/** An accepted telemetry sample with neutral values; tests override what they look at. */
export function makeSample(
  unitId: string,
  tsMs: number,
  extra: Partial<TelemetrySample> = {},
): TelemetrySample {
  return {
    unitIdx: 0,
    unitId,
    tsMs,
    receivedMs: tsMs,
    lon: 118.4,
    lat: 29.1,
    headingDeg: undefined,
    speedKmh: undefined,
    batteryPct: undefined,
    altM: undefined,
    ...extra,
  };
}
