import { DEVICE_KIND_OF, type RosterUnit } from '../../shared/domain/units';

/** A documented v1 payload for a roster unit's device kind (see docs/device-contract-v1.md). */
export function payloadFor(
  unit: RosterUnit,
  tsMs: number,
  lon: number,
  lat: number,
): Record<string, unknown> {
  const kind = DEVICE_KIND_OF[unit.kind];
  const base = { v: 1, kind, tsMs, lon, lat, headingDeg: 90, speedKmh: 12.5 };
  if (kind === 'bodycam')
    return { ...base, batteryPct: 80, recording: true, sos: false, heartRateBpm: 88 };
  if (kind === 'drone')
    return { ...base, batteryPct: 66, altAglM: 100, altMslM: 230, flightMode: 'auto', linkPct: 92 };
  return { ...base, ignition: true, siren: false, lights: false };
}
