import { FLIGHT_MODES, type TelemetryPayload } from '../../../shared/telemetry/schemas';

// A hand-written check for the telemetry payloads devices actually send, run before zod because
// zod's safeParse was the largest single cost of validation at the broker's rate (bench:ingest
// profile). It only ever says "zod would accept this": anything it is unsure of — every
// malformed payload included — goes on to zod, so each rejection keeps zod's reason and detail.
// tests/unit/fastParse.test.ts checks, over thousands of generated valid and malformed payloads,
// that whenever this accepts, zod accepts too and returns the same field values.

const isObject = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

/** A number within [lo, hi]; NaN and ±Infinity fail the comparisons, as zod's finite() does. */
const inRange = (x: unknown, lo: number, hi: number): boolean =>
  typeof x === 'number' && x >= lo && x <= hi;

const optInRange = (x: unknown, lo: number, hi: number): boolean =>
  x === undefined || inRange(x, lo, hi);

const optBoolean = (x: unknown): boolean => x === undefined || typeof x === 'boolean';

const FLIGHT_MODE_SET: ReadonlySet<unknown> = new Set<unknown>(FLIGHT_MODES);

/**
 * True only when `telemetryPayload` (shared/telemetry/schemas.ts) accepts `j` unchanged apart from
 * dropping unknown fields, so reading the schema's fields off `j` gives zod's parsed value. False
 * means "ask zod", not "invalid". Bounds are zod's, restated: keep them in step with the schema.
 */
export function isCommonTelemetry(j: unknown): j is TelemetryPayload {
  if (!isObject(j)) return false;
  const tsMs = j.tsMs;
  if (
    j.v !== 1 ||
    // zod 4's int() accepts safe integers only.
    !Number.isSafeInteger(tsMs) ||
    (tsMs as number) <= 0 ||
    !Number.isFinite(j.lon) ||
    !Number.isFinite(j.lat) ||
    !optInRange(j.accuracyM, 0, 10_000) ||
    !optInRange(j.headingDeg, 0, 360) ||
    !optInRange(j.speedKmh, 0, 400) ||
    !optInRange(j.batteryPct, 0, 100)
  ) {
    return false;
  }
  switch (j.kind) {
    case 'bodycam':
      return optBoolean(j.recording) && optBoolean(j.sos) && optInRange(j.heartRateBpm, 20, 250);
    case 'vehicle':
      return optBoolean(j.ignition) && optBoolean(j.siren) && optBoolean(j.lights);
    case 'drone':
      return (
        optInRange(j.altAglM, -100, 10_000) &&
        optInRange(j.altMslM, -500, 10_000) &&
        (j.flightMode === undefined || FLIGHT_MODE_SET.has(j.flightMode)) &&
        optInRange(j.linkPct, 0, 100)
      );
    default:
      return false;
  }
}
