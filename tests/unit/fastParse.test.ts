import { describe, expect, it } from 'vitest';
import { isCommonTelemetry } from '../../electron/core/telemetry/fastTelemetry';
import {
  parseDeviceMessage,
  parseTelemetry,
  type DeviceBinding,
  type ParseContext,
} from '../../electron/core/telemetry/parseTelemetry';
import type { RosterUnit } from '../../shared/domain/units';
import {
  bodycamTelemetry,
  droneTelemetry,
  FLIGHT_MODES,
  telemetryPayload,
  vehicleTelemetry,
} from '../../shared/telemetry/schemas';
import { prng } from '../support/oracles';

// The fast path must decide exactly as zod does: a payload it accepts, zod accepts with the same
// values; a payload zod accepts, it accepts too (else it is not a fast path for that shape). The
// generator walks each field's bounds, types and presence, plus roots and envelopes zod refuses.

const NOW = 1_767_225_600_000;
const SHAPES = { bodycam: bodycamTelemetry, vehicle: vehicleTelemetry, drone: droneTelemetry };
type Kind = keyof typeof SHAPES;
const KINDS = Object.keys(SHAPES) as Kind[];

/** [field, lo, hi] of every bounded number, per kind (the schema's bounds, restated to probe). */
const BOUNDS: Record<Kind, readonly (readonly [string, number, number])[]> = {
  bodycam: [['heartRateBpm', 20, 250]],
  vehicle: [],
  drone: [
    ['altAglM', -100, 10_000],
    ['altMslM', -500, 10_000],
    ['linkPct', 0, 100],
  ],
};
const COMMON_BOUNDS: readonly (readonly [string, number, number])[] = [
  ['accuracyM', 0, 10_000],
  ['headingDeg', 0, 360],
  ['speedKmh', 0, 400],
  ['batteryPct', 0, 100],
];
const BOOLEANS: Record<Kind, readonly string[]> = {
  bodycam: ['recording', 'sos'],
  vehicle: ['ignition', 'siren', 'lights'],
  drone: [],
};

function generator(seed: number) {
  const rnd = prng(seed);
  const int = (n: number): number => Math.floor(rnd() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)] as T;
  const junk = (): unknown =>
    pick<unknown>([
      null,
      'x',
      '',
      '12',
      true,
      false,
      [],
      [1],
      {},
      { a: 1 },
      NaN,
      Infinity,
      -Infinity,
      undefined,
      -0,
    ]);
  /** A value at, just inside, just outside or far from a bound, or of another type. */
  const near = (lo: number, hi: number): unknown =>
    pick<() => unknown>([
      () => lo,
      () => hi,
      () => lo + rnd() * (hi - lo),
      () => lo - 1e-9,
      () => hi + 1e-9,
      () => lo - 1 - int(1000),
      () => hi + 1 + int(1000),
      () => String(lo),
      junk,
    ])();

  const valid = (kind: Kind): Record<string, unknown> => {
    const o: Record<string, unknown> = {
      v: 1,
      kind,
      tsMs: NOW - int(3_600_000),
      lon: -180 + rnd() * 360,
      lat: -90 + rnd() * 180,
    };
    for (const [k, lo, hi] of [...COMMON_BOUNDS, ...BOUNDS[kind]]) {
      if (rnd() < 0.6) o[k] = lo + rnd() * (hi - lo);
    }
    for (const k of BOOLEANS[kind]) if (rnd() < 0.6) o[k] = rnd() < 0.5;
    if (kind === 'drone' && rnd() < 0.6) o.flightMode = pick(FLIGHT_MODES);
    return o;
  };

  const mutations: ((o: Record<string, unknown>, kind: Kind) => unknown)[] = [
    (o) => o, // unchanged
    (o) => ({ ...o, extra: junk(), note: 'z'.repeat(int(100)) }), // unknown fields are ignored
    (o, kind) => {
      const [k, lo, hi] = pick([...COMMON_BOUNDS, ...BOUNDS[kind]]);
      return { ...o, [k]: near(lo, hi) };
    },
    (o, kind) => {
      const ks = BOOLEANS[kind];
      return ks.length === 0
        ? { ...o, flightMode: pick(['auto', 'AUTO', 'hover', 1, null]) }
        : {
            ...o,
            [pick(ks)]: junk(),
          };
    },
    (o) => ({ ...o, v: pick<unknown>([1, 2, 0, '1', 1.0000001, true, null, undefined]) }),
    (o) => ({
      ...o,
      tsMs: pick<unknown>([
        1,
        0,
        -5,
        1.5,
        2 ** 53 - 1,
        2 ** 53,
        1e300,
        String(NOW),
        NaN,
        Infinity,
        undefined,
      ]),
    }),
    (o) => ({ ...o, [pick(['lon', 'lat'])]: pick<unknown>([181, -91, 1e308, ...[junk()]]) }),
    (o) => ({ ...o, kind: pick<unknown>(['tank', 'BODYCAM', '', null, 5, undefined, ...KINDS]) }),
    (o) => {
      const drop = pick(Object.keys(o));
      return Object.fromEntries(Object.entries(o).filter(([k]) => k !== drop));
    },
    // A field of another kind: unknown to this kind's schema, so ignored.
    (o) => ({ ...o, heartRateBpm: 10, altAglM: -1000, ignition: 'yes', flightMode: 'warp' }),
    (o) => pick<unknown>([[o], null, 42, 'telemetry', true, JSON.parse(`{"__proto__":{"v":1}}`)]),
  ];

  return (): unknown => {
    const kind = pick(KINDS);
    let o: unknown = valid(kind);
    // Up to three mutations, so combinations of faults are generated too.
    for (let m = int(4); m > 0 && typeof o === 'object' && o !== null && !Array.isArray(o); m--) {
      o = pick(mutations)(o as Record<string, unknown>, kind);
    }
    return o;
  };
}

/** The schema's fields of a payload the fast path accepted: what zod's parsed value holds. */
function schemaFields(j: Record<string, unknown>): Record<string, unknown> {
  const shape = SHAPES[j.kind as Kind].shape;
  return Object.fromEntries(
    Object.keys(shape)
      .filter((k) => k in j)
      .map((k) => [k, j[k]]),
  );
}

describe('fast telemetry check agrees with the zod schema', () => {
  it('on 20,000 generated valid and malformed values: same decision, same parsed value', () => {
    const next = generator(20_261_124);
    let accepted = 0;
    for (let i = 0; i < 20_000; i++) {
      const j = next();
      const z = telemetryPayload.safeParse(j);
      const fast = isCommonTelemetry(j);
      if (fast !== z.success) {
        throw new Error(`fast ${fast}, zod ${z.success} for ${String(JSON.stringify(j))}`);
      }
      if (fast && z.success) {
        accepted++;
        expect(schemaFields(j as Record<string, unknown>)).toStrictEqual(z.data);
      }
    }
    // Both halves of the space were exercised.
    expect(accepted).toBeGreaterThan(4_000);
    expect(accepted).toBeLessThan(16_000);
  });
});

function unit(id: string, kind: RosterUnit['kind'], deviceId: string): RosterUnit {
  return { id, callsign: id, kind, stationId: 'st-1', deviceId, modules: [], persons: 1 };
}
const DEVICES = new Map<string, DeviceBinding>([
  ['bc-1', { idx: 0, unit: unit('u-bc-1', 'officer-pair', 'bc-1') }],
  ['car-7', { idx: 1, unit: unit('u-car-7', 'patrol-car', 'car-7') }],
  ['uav-3', { idx: 2, unit: unit('u-uav-3', 'drone', 'uav-3') }],
]);
const CTX: ParseContext = {
  devices: DEVICES,
  nowMs: NOW,
  maxFutureMs: 5_000,
  maxPastMs: 3_600_000,
};
const ZOD: ParseContext = { ...CTX, zodOnly: true };

describe('parsing with and without the fast path', () => {
  it('gives identical results, rejections and their details included, on 10,000 payloads', () => {
    const next = generator(7);
    const reasons = new Map<string, number>();
    const encoder = new TextEncoder();
    for (let i = 0; i < 10_000; i++) {
      const j = next();
      const full = JSON.stringify(j) ?? 'undefined';
      const text = i % 50 === 0 ? full.slice(0, -1) : full; // and some truncated JSON
      const bytes = encoder.encode(text);
      const topic = `muster/v1/devices/${['bc-1', 'car-7', 'uav-3', 'ghost'][i % 4]}/telemetry`;
      const fast = parseDeviceMessage(topic, bytes, CTX);
      expect(fast).toStrictEqual(parseDeviceMessage(topic, bytes, ZOD));
      expect(parseTelemetry(topic, bytes, CTX)).toStrictEqual(parseTelemetry(topic, bytes, ZOD));
      const key = fast.ok ? 'ok' : fast.reason;
      reasons.set(key, (reasons.get(key) ?? 0) + 1);
    }
    // Accepted samples and each body-level rejection reason all occurred.
    for (const r of [
      'ok',
      'schema',
      'malformed-json',
      'out-of-range',
      'timestamp-out-of-range',
      'unknown-device',
      'kind-mismatch',
    ]) {
      expect(reasons.get(r) ?? 0, r).toBeGreaterThan(0);
    }
  });

  it('keeps the body-cam extras on console samples and leaves them off for other kinds', () => {
    const bc = { v: 1, kind: 'bodycam', tsMs: NOW, lon: 118, lat: 29, sos: true, heartRateBpm: 30 };
    const r = parseDeviceMessage(
      'muster/v1/devices/bc-1/telemetry',
      new TextEncoder().encode(JSON.stringify(bc)),
      CTX,
    );
    expect(r.ok && r.channel === 'telemetry' && r.sample).toMatchObject({
      sos: true,
      heartRateBpm: 30,
      recording: undefined,
    });
    const car = { v: 1, kind: 'vehicle', tsMs: NOW, lon: 118, lat: 29, sos: true };
    const c = parseDeviceMessage(
      'muster/v1/devices/car-7/telemetry',
      new TextEncoder().encode(JSON.stringify(car)),
      CTX,
    );
    expect(c.ok && c.channel === 'telemetry' && c.sample.sos).toBeUndefined();
  });
});
