import { describe, expect, it } from 'vitest';
import {
  bodycamTelemetry,
  droneTelemetry,
  FLIGHT_MODES,
  inLonLatRange,
  MAX_PAYLOAD_BYTES,
  telemetryPayload,
  vehicleTelemetry,
} from '../../shared/telemetry/schemas';
import {
  isDeviceId,
  parseTelemetryTopic,
  TELEMETRY_SUBSCRIPTION,
  TOPIC_ROOT,
  telemetryTopic,
} from '../../shared/telemetry/topics';

const TS = 1_767_225_600_000;

const GOOD = {
  bodycam: {
    v: 1,
    kind: 'bodycam',
    tsMs: TS,
    lon: 118.41,
    lat: 29.14,
    accuracyM: 4.5,
    headingDeg: 90,
    speedKmh: 5.2,
    batteryPct: 81,
    recording: true,
    sos: false,
    heartRateBpm: 92,
  },
  vehicle: {
    v: 1,
    kind: 'vehicle',
    tsMs: TS,
    lon: 118.41,
    lat: 29.14,
    speedKmh: 62,
    ignition: true,
    siren: false,
    lights: true,
  },
  drone: {
    v: 1,
    kind: 'drone',
    tsMs: TS,
    lon: 118.41,
    lat: 29.14,
    altAglM: 120,
    altMslM: 310,
    flightMode: 'loiter',
    linkPct: 77,
    batteryPct: 55,
  },
} as const;

type Kind = keyof typeof GOOD;
const KINDS = Object.keys(GOOD) as Kind[];

// [field, bad values, good edge values] shared by every kind.
const COMMON_FIELDS: [string, unknown[], unknown[]][] = [
  ['v', [0, 2, '1', 1.5, null, true], [1]],
  ['tsMs', [0, -1, 1.5, '1767225600000', Infinity, NaN, null], [1, Number.MAX_SAFE_INTEGER]],
  ['lon', [Infinity, -Infinity, NaN, '118.4', null, [118.4]], [-180, 180, 0]],
  ['lat', [Infinity, -Infinity, NaN, '29.1', null, {}], [-90, 90, 0]],
  ['accuracyM', [-0.01, 10_000.01, Infinity, NaN, '5', null], [0, 10_000, undefined]],
  ['headingDeg', [-0.01, 360.01, Infinity, NaN, '90', null], [0, 360, undefined]],
  ['speedKmh', [-1, 400.01, Infinity, NaN, '60', null], [0, 400, undefined]],
  ['batteryPct', [-0.01, 100.01, Infinity, NaN, '50', null], [0, 100, undefined]],
];

const KIND_FIELDS: Record<Kind, [string, unknown[], unknown[]][]> = {
  bodycam: [
    ['recording', ['true', 1, 0, null], [true, false, undefined]],
    ['sos', ['false', 1, null], [true, false, undefined]],
    ['heartRateBpm', [19.99, 250.01, Infinity, NaN, '80', null], [20, 250, undefined]],
  ],
  vehicle: [
    ['ignition', ['on', 1, null], [true, false, undefined]],
    ['siren', ['off', 0, null], [true, false, undefined]],
    ['lights', ['yes', 1, null], [true, false, undefined]],
  ],
  drone: [
    ['altAglM', [-100.01, 10_000.01, Infinity, NaN, '120', null], [-100, 10_000, undefined]],
    ['altMslM', [-500.01, 10_000.01, Infinity, NaN, '300', null], [-500, 10_000, undefined]],
    ['flightMode', ['hover', 'AUTO', '', 1, null], [...FLIGHT_MODES, undefined]],
    ['linkPct', [-0.01, 100.01, Infinity, NaN, '50', null], [0, 100, undefined]],
  ],
};

const SCHEMA_OF = { bodycam: bodycamTelemetry, vehicle: vehicleTelemetry, drone: droneTelemetry };

/** The good payload of `kind` with `field` set to `value`, or without it when `value` is undefined. */
function withField(kind: Kind, field: string, value: unknown): Record<string, unknown> {
  const rest = Object.entries(GOOD[kind]).filter(([k]) => k !== field);
  return Object.fromEntries(value === undefined ? rest : [...rest, [field, value]]);
}

describe('telemetry payload schema (contract v1)', () => {
  it('caps payloads at 64 KiB', () => {
    expect(MAX_PAYLOAD_BYTES).toBe(65_536);
  });

  it.each(KINDS)('accepts a complete %s payload unchanged', (kind) => {
    const r = telemetryPayload.safeParse(GOOD[kind]);
    expect(r.success).toBe(true);
    expect(r.data).toEqual(GOOD[kind]);
    expect(SCHEMA_OF[kind].safeParse(GOOD[kind]).success).toBe(true);
  });

  it.each(KINDS)('accepts a minimal %s payload (v, kind, tsMs, lon, lat)', (kind) => {
    const minimal = { v: 1, kind, tsMs: TS, lon: 0, lat: 0 };
    expect(telemetryPayload.parse(minimal)).toEqual(minimal);
  });

  it.each(KINDS)('%s: each required field is required', (kind) => {
    for (const field of ['v', 'kind', 'tsMs', 'lon', 'lat']) {
      const r = telemetryPayload.safeParse(withField(kind, field, undefined));
      expect(r.success, `${kind} without ${field}`).toBe(false);
      expect(r.error?.issues[0]?.path, `${kind} without ${field}`).toEqual([field]);
    }
  });

  describe.each(KINDS)('%s field violations', (kind) => {
    const fields = [...COMMON_FIELDS, ...KIND_FIELDS[kind]];
    it.each(fields)('%s: rejects bad values, accepts edge values', (field, bad, good) => {
      for (const value of bad) {
        const r = telemetryPayload.safeParse(withField(kind, field, value));
        expect(r.success, `${kind}.${field} = ${String(value)}`).toBe(false);
        expect(r.error?.issues[0]?.path, `${kind}.${field} = ${String(value)}`).toEqual([field]);
      }
      for (const value of good) {
        const r = telemetryPayload.safeParse(withField(kind, field, value));
        expect(r.success, `${kind}.${field} = ${String(value)}`).toBe(true);
      }
    });
  });

  it.each([['patrol'], ['Bodycam'], [''], [1], [null]])('rejects unknown kind %j', (kind) => {
    const r = telemetryPayload.safeParse({ ...GOOD.vehicle, kind });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['kind']);
  });

  it.each([[null], [[]], ['{}'], [42], [undefined]])('rejects the non-object %j', (value) => {
    expect(telemetryPayload.safeParse(value).success).toBe(false);
  });

  it('ignores and strips unknown fields so devices can add fields', () => {
    const r = telemetryPayload.safeParse({ ...GOOD.vehicle, fuelPct: 40, firmware: '2.1.0' });
    expect(r.success).toBe(true);
    expect(r.data).toEqual(GOOD.vehicle);
  });

  it('ignores fields of another kind, even out of range (they are unknown to this kind)', () => {
    const r = telemetryPayload.safeParse({ ...GOOD.vehicle, heartRateBpm: 999, altAglM: -1e6 });
    expect(r.success).toBe(true);
    expect(r.data).toEqual(GOOD.vehicle);
  });

  it('checks lon/lat range separately: out-of-range coordinates pass the schema', () => {
    const r = telemetryPayload.safeParse({ ...GOOD.bodycam, lon: 181, lat: -91 });
    expect(r.success).toBe(true);
  });
});

describe('inLonLatRange', () => {
  it.each([
    [0, 0],
    [-180, -90],
    [180, 90],
    [118.41, 29.14],
  ])('accepts %d, %d', (lon, lat) => {
    expect(inLonLatRange(lon, lat)).toBe(true);
  });

  it.each([
    [180.000001, 0],
    [-180.000001, 0],
    [0, 90.000001],
    [0, -90.000001],
    [NaN, 0],
    [0, NaN],
    [29.14, 118.41], // swapped lat/lon, a common device bug
  ])('refuses %d, %d', (lon, lat) => {
    expect(inLonLatRange(lon, lat)).toBe(false);
  });
});

describe('topic grammar', () => {
  const id64 = 'a'.repeat(64);
  const id65 = 'a'.repeat(65);

  it('names the root and the subscription', () => {
    expect(TOPIC_ROOT).toBe('muster/v1');
    expect(TELEMETRY_SUBSCRIPTION).toBe('muster/v1/devices/+/telemetry');
  });

  it.each(['a', 'bc-0001', 'KH.PC_12-a', '0', id64])('accepts device id %s', (id) => {
    expect(isDeviceId(id)).toBe(true);
    expect(telemetryTopic(id)).toBe(`muster/v1/devices/${id}/telemetry`);
    expect(parseTelemetryTopic(telemetryTopic(id))).toBe(id);
  });

  it.each(['', '+', '#', 'a/b', 'a+', 'bc#1', 'a b', 'a\u0000b', '警车1', 'é', id65, 'a\n'])(
    'refuses device id %j',
    (id) => {
      expect(isDeviceId(id)).toBe(false);
      expect(() => telemetryTopic(id)).toThrow(`invalid device id: ${JSON.stringify(id)}`);
      expect(parseTelemetryTopic(`muster/v1/devices/${id}/telemetry`)).toBeUndefined();
    },
  );

  it.each([
    'muster/v1/devices/+/telemetry',
    'muster/v1/devices/#',
    'muster/v1/devices/bc-1/telemetry/',
    'muster/v1/devices/bc-1/telemetry/extra',
    '/muster/v1/devices/bc-1/telemetry',
    'muster/v1/devices//telemetry',
    'muster/v1/devices/a/b/telemetry',
    'muster/v2/devices/bc-1/telemetry',
    'Muster/v1/devices/bc-1/telemetry',
    'muster/v1/device/bc-1/telemetry',
    'muster/v1/devices/bc-1/status',
    'muster/v1/devices/bc-1/telemetry\n',
    `muster/v1/devices/${id65}/telemetry`,
    '',
  ])('parseTelemetryTopic refuses %j', (topic) => {
    expect(parseTelemetryTopic(topic)).toBeUndefined();
  });
});
