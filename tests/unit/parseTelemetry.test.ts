import { describe, expect, it } from 'vitest';
import {
  parseTelemetry,
  type DeviceBinding,
  type ParseContext,
  type ParseResult,
} from '../../electron/core/telemetry/parseTelemetry';
import { REJECT_REASONS, type RejectReason } from '../../shared/domain/status';
import type { RosterUnit } from '../../shared/domain/units';
import { MAX_PAYLOAD_BYTES } from '../../shared/telemetry/schemas';
import { prng } from '../support/oracles';

const NOW = 1_767_225_600_000;
const FUTURE = 5_000;
const PAST = 3_600_000;

function unit(id: string, kind: RosterUnit['kind'], deviceId: string): RosterUnit {
  return { id, callsign: id, kind, stationId: 'st-1', deviceId, modules: [], persons: 1 };
}

const BINDINGS: [string, DeviceBinding][] = [
  ['bc-1', { idx: 0, unit: unit('u-pair-1', 'officer-pair', 'bc-1') }],
  ['car-7', { idx: 1, unit: unit('u-car-7', 'patrol-car', 'car-7') }],
  ['moto-2', { idx: 2, unit: unit('u-moto-2', 'motorbike', 'moto-2') }],
  ['uav-3', { idx: 3, unit: unit('u-uav-3', 'drone', 'uav-3') }],
];

const CTX: ParseContext = {
  devices: new Map(BINDINGS),
  nowMs: NOW,
  maxFutureMs: FUTURE,
  maxPastMs: PAST,
};

const topic = (id: string): string => `muster/v1/devices/${id}/telemetry`;
const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);
const json = (o: unknown): Uint8Array => bytes(JSON.stringify(o));

const BODYCAM = {
  v: 1,
  kind: 'bodycam',
  tsMs: NOW - 1_000,
  lon: 118.412,
  lat: 29.137,
  accuracyM: 3,
  headingDeg: 271.5,
  speedKmh: 4.8,
  batteryPct: 66,
  recording: true,
  sos: false,
  heartRateBpm: 88,
};

function rejection(r: ParseResult): { reason: RejectReason; detail: string } {
  if (r.ok) throw new Error(`expected a rejection, got sample ${JSON.stringify(r.sample)}`);
  return { reason: r.reason, detail: r.detail };
}

describe('parseTelemetry: every reject reason from a crafted input', () => {
  const cases: [RejectReason, string, Uint8Array, string | RegExp][] = [
    [
      'too-large',
      topic('bc-1'),
      new Uint8Array(MAX_PAYLOAD_BYTES + 1).fill(0x20),
      '65537 bytes > 65536',
    ],
    ['bad-topic', 'muster/v1/devices/+/telemetry', json(BODYCAM), 'muster/v1/devices/+/telemetry'],
    ['malformed-json', topic('bc-1'), bytes('{"v":1,'), /^.+/],
    ['schema', topic('bc-1'), json({ ...BODYCAM, v: 2 }), /^v: /],
    ['out-of-range', topic('bc-1'), json({ ...BODYCAM, lon: 181 }), 'lon 181, lat 29.137'],
    [
      'timestamp-out-of-range',
      topic('bc-1'),
      json({ ...BODYCAM, tsMs: NOW + FUTURE + 1 }),
      `tsMs ${NOW + FUTURE + 1} vs console clock ${NOW}`,
    ],
    ['unknown-device', topic('ghost-9'), json(BODYCAM), 'ghost-9'],
    ['kind-mismatch', topic('car-7'), json(BODYCAM), 'car-7 reports bodycam, roster says vehicle'],
  ];

  it('covers every RejectReason', () => {
    expect(new Set(cases.map((c) => c[0]))).toEqual(new Set(REJECT_REASONS));
    expect(cases).toHaveLength(REJECT_REASONS.length);
  });

  it.each(cases)('%s', (reason, t, payload, detail) => {
    const r = rejection(parseTelemetry(t, payload, CTX));
    expect(r.reason).toBe(reason);
    if (typeof detail === 'string') expect(r.detail).toBe(detail);
    else expect(r.detail).toMatch(detail);
  });
});

describe('parseTelemetry: edges of each check', () => {
  it('accepts a payload of exactly MAX_PAYLOAD_BYTES', () => {
    const body = JSON.stringify(BODYCAM);
    const padded = bytes(body + ' '.repeat(MAX_PAYLOAD_BYTES - body.length));
    expect(padded.byteLength).toBe(MAX_PAYLOAD_BYTES);
    expect(parseTelemetry(topic('bc-1'), padded, CTX).ok).toBe(true);
  });

  it('checks size before anything else (even the topic)', () => {
    const big = new Uint8Array(MAX_PAYLOAD_BYTES + 1);
    expect(rejection(parseTelemetry('#', big, CTX)).reason).toBe('too-large');
  });

  it('checks the topic before parsing the payload', () => {
    expect(rejection(parseTelemetry('muster/v1/devices/bc-1', bytes('{'), CTX))).toEqual({
      reason: 'bad-topic',
      detail: 'muster/v1/devices/bc-1',
    });
  });

  it('truncates a huge topic in the detail to 200 characters', () => {
    const t = `x/${'y'.repeat(5_000)}`;
    const r = rejection(parseTelemetry(t, json(BODYCAM), CTX));
    expect(r.reason).toBe('bad-topic');
    expect(r.detail).toBe(t.slice(0, 200));
  });

  it.each([
    ['empty payload', new Uint8Array(0)],
    ['truncated JSON', bytes('{"v":1,"kind":"bodycam"')],
    ['trailing garbage', bytes(`${JSON.stringify(BODYCAM)}x`)],
    ['NaN literal', bytes('{"v":1,"lon":NaN}')],
    ['single quotes', bytes("{'v':1}")],
    ['invalid UTF-8', Uint8Array.from([0x7b, 0xff, 0xfe, 0x7d])],
    ['lone continuation byte in a string', Uint8Array.from([0x22, 0x80, 0x22])],
  ])('%s → malformed-json', (_label, payload) => {
    expect(rejection(parseTelemetry(topic('bc-1'), payload, CTX)).reason).toBe('malformed-json');
  });

  it('1e999 parses to Infinity and is refused by the schema, naming the field', () => {
    const payload = bytes(JSON.stringify(BODYCAM).replace('"lat":29.137', '"lat":1e999'));
    expect(JSON.parse(new TextDecoder().decode(payload)).lat).toBe(Infinity);
    const r = rejection(parseTelemetry(topic('bc-1'), payload, CTX));
    expect(r.reason).toBe('schema');
    expect(r.detail).toMatch(/^lat: /);
  });

  it('-1e999 in speedKmh is refused by the schema too', () => {
    const payload = bytes(JSON.stringify(BODYCAM).replace('"speedKmh":4.8', '"speedKmh":-1e999'));
    const r = rejection(parseTelemetry(topic('bc-1'), payload, CTX));
    expect(r.reason).toBe('schema');
    expect(r.detail).toMatch(/^speedKmh: /);
  });

  it.each([
    ['null', 'null', /^\(root\): /],
    ['an array', '[]', /^\(root\): /],
    ['a number', '42', /^\(root\): /],
    ['a string', '"hi"', /^\(root\): /],
    ['no kind', JSON.stringify({ ...BODYCAM, kind: undefined }), /^kind: /],
    ['unknown kind', JSON.stringify({ ...BODYCAM, kind: 'tank' }), /^kind: /],
    ['string lon', JSON.stringify({ ...BODYCAM, lon: '118.4' }), /^lon: /],
    ['fractional tsMs', JSON.stringify({ ...BODYCAM, tsMs: NOW + 0.5 }), /^tsMs: /],
    ['battery 101', JSON.stringify({ ...BODYCAM, batteryPct: 101 }), /^batteryPct: /],
  ])('%s → schema with the failing path', (_label, text, detail) => {
    const r = rejection(parseTelemetry(topic('bc-1'), bytes(text), CTX));
    expect(r.reason).toBe('schema');
    expect(r.detail).toMatch(detail);
  });

  it.each([
    [-180.5, 29, 'lon -180.5, lat 29'],
    [118, 90.5, 'lon 118, lat 90.5'],
    [118, -91, 'lon 118, lat -91'],
  ])('lon %d, lat %d → out-of-range', (lon, lat, detail) => {
    expect(rejection(parseTelemetry(topic('bc-1'), json({ ...BODYCAM, lon, lat }), CTX))).toEqual({
      reason: 'out-of-range',
      detail,
    });
  });

  it('accepts timestamps up to maxFutureMs ahead and maxPastMs behind, inclusive', () => {
    for (const tsMs of [NOW + FUTURE, NOW - PAST, NOW]) {
      expect(parseTelemetry(topic('bc-1'), json({ ...BODYCAM, tsMs }), CTX).ok, `${tsMs}`).toBe(
        true,
      );
    }
  });

  it('refuses a timestamp 1 ms too old', () => {
    const tsMs = NOW - PAST - 1;
    expect(rejection(parseTelemetry(topic('bc-1'), json({ ...BODYCAM, tsMs }), CTX))).toEqual({
      reason: 'timestamp-out-of-range',
      detail: `tsMs ${tsMs} vs console clock ${NOW}`,
    });
  });

  it('refuses a device clock in seconds instead of milliseconds', () => {
    const tsMs = Math.floor(NOW / 1000);
    expect(rejection(parseTelemetry(topic('bc-1'), json({ ...BODYCAM, tsMs }), CTX)).reason).toBe(
      'timestamp-out-of-range',
    );
  });

  it('validates the payload before looking the device up', () => {
    const r = rejection(parseTelemetry(topic('ghost'), json({ ...BODYCAM, v: 9 }), CTX));
    expect(r.reason).toBe('schema');
  });

  it.each([
    ['bc-1', 'vehicle', 'bc-1 reports vehicle, roster says bodycam'],
    ['bc-1', 'drone', 'bc-1 reports drone, roster says bodycam'],
    ['moto-2', 'drone', 'moto-2 reports drone, roster says vehicle'],
    ['uav-3', 'vehicle', 'uav-3 reports vehicle, roster says drone'],
  ])('%s reporting as %s → kind-mismatch', (id, kind, detail) => {
    expect(rejection(parseTelemetry(topic(id), json({ ...BODYCAM, kind }), CTX))).toEqual({
      reason: 'kind-mismatch',
      detail,
    });
  });
});

describe('parseTelemetry: accepted samples', () => {
  it('maps a bodycam payload onto the roster unit', () => {
    expect(parseTelemetry(topic('bc-1'), json(BODYCAM), CTX)).toStrictEqual({
      ok: true,
      sample: {
        unitIdx: 0,
        unitId: 'u-pair-1',
        tsMs: NOW - 1_000,
        receivedMs: NOW,
        lon: 118.412,
        lat: 29.137,
        headingDeg: 271.5,
        speedKmh: 4.8,
        batteryPct: 66,
        altM: undefined,
      },
    });
  });

  it('leaves optional fields undefined for a minimal vehicle payload (motorbike is a vehicle)', () => {
    const p = { v: 1, kind: 'vehicle', tsMs: NOW, lon: 118.5, lat: 29.2 };
    expect(parseTelemetry(topic('moto-2'), json(p), CTX)).toStrictEqual({
      ok: true,
      sample: {
        unitIdx: 2,
        unitId: 'u-moto-2',
        tsMs: NOW,
        receivedMs: NOW,
        lon: 118.5,
        lat: 29.2,
        headingDeg: undefined,
        speedKmh: undefined,
        batteryPct: undefined,
        altM: undefined,
      },
    });
  });

  const drone = { v: 1, kind: 'drone', tsMs: NOW, lon: 118.4, lat: 29.1, batteryPct: 40 };

  it.each([
    ['altAglM when both are given', { altAglM: 120, altMslM: 350 }, 120],
    ['altAglM = 0 (landed), not altMslM', { altAglM: 0, altMslM: 350 }, 0],
    ['altMslM when only that is given', { altMslM: 350 }, 350],
    ['undefined when neither is given', {}, undefined],
  ])('drone altM is %s', (_label, alt, altM) => {
    const r = parseTelemetry(topic('uav-3'), json({ ...drone, ...alt }), CTX);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.sample.altM).toBe(altM);
    expect(r.sample.unitIdx).toBe(3);
    expect(r.sample.unitId).toBe('u-uav-3');
    expect(r.sample.batteryPct).toBe(40);
  });

  it('ignores altitude fields sent by a non-drone', () => {
    const r = parseTelemetry(topic('bc-1'), json({ ...BODYCAM, altAglM: 12 }), CTX);
    expect(r.ok && r.sample.altM).toBeUndefined();
  });

  it('accepts a UTF-8 BOM and a Node Buffer slice at an offset (what mqtt.js delivers)', () => {
    const body = json(BODYCAM);
    const pool = Buffer.alloc(body.length + 8);
    pool.set([0xef, 0xbb, 0xbf], 3);
    pool.set(body, 6);
    const r = parseTelemetry(topic('bc-1'), pool.subarray(3, 6 + body.length), CTX);
    expect(r.ok && r.sample.unitId).toBe('u-pair-1');
  });
});

describe('parseTelemetry never throws', () => {
  const reasons = new Set<string>(REJECT_REASONS);

  function expectWellFormed(r: ParseResult): void {
    if (r.ok) {
      expect(Number.isFinite(r.sample.lon) && Number.isFinite(r.sample.lat)).toBe(true);
    } else {
      expect(reasons.has(r.reason)).toBe(true);
      expect(typeof r.detail).toBe('string');
    }
  }

  it('on 2,000 random byte strings (seeded)', () => {
    const rand = prng(0x5eed);
    const seen = new Map<string, number>();
    for (let i = 0; i < 2_000; i++) {
      const n = Math.floor(rand() * 300);
      const payload = new Uint8Array(n);
      for (let k = 0; k < n; k++) payload[k] = Math.floor(rand() * 256);
      const r = parseTelemetry(topic('bc-1'), payload, CTX);
      expectWellFormed(r);
      const key = r.ok ? 'ok' : r.reason;
      seen.set(key, (seen.get(key) ?? 0) + 1);
    }
    // Random bytes are essentially never JSON; the run is pointless if this stops holding.
    expect(seen.get('malformed-json') ?? 0).toBeGreaterThan(1_900);
  });

  it('on 2,000 byte-level mutations of a valid payload (seeded), reaching the later checks', () => {
    const rand = prng(42);
    const base = json(BODYCAM);
    const seen = new Set<string>();
    for (let i = 0; i < 2_000; i++) {
      const payload = base.slice();
      const edits = 1 + Math.floor(rand() * 3);
      for (let e = 0; e < edits; e++) {
        payload[Math.floor(rand() * payload.length)] = Math.floor(rand() * 256);
      }
      const r = parseTelemetry(topic(rand() < 0.1 ? 'car-7' : 'bc-1'), payload, CTX);
      expectWellFormed(r);
      seen.add(r.ok ? 'ok' : r.reason);
    }
    expect(seen.has('malformed-json')).toBe(true);
    expect(seen.has('schema')).toBe(true);
    expect(seen.has('ok')).toBe(true);
  });

  it('on random topics (seeded)', () => {
    const rand = prng(7);
    const alphabet = 'ab/+#\u0000 é警-_.muster/v1/devices/telemetry';
    for (let i = 0; i < 2_000; i++) {
      let t = '';
      const n = Math.floor(rand() * 80);
      for (let k = 0; k < n; k++) t += alphabet[Math.floor(rand() * alphabet.length)];
      expectWellFormed(parseTelemetry(t, json(BODYCAM), CTX));
    }
  });

  it('on deeply nested JSON that fills the size limit', () => {
    const depth = (MAX_PAYLOAD_BYTES - 100) / 2;
    const nested = `{"v":1,"kind":"bodycam","x":${'['.repeat(depth)}${']'.repeat(depth)}}`;
    expect(nested.length).toBeLessThanOrEqual(MAX_PAYLOAD_BYTES);
    const r = parseTelemetry(topic('bc-1'), bytes(nested), CTX);
    expectWellFormed(r);
    expect(r.ok).toBe(false);
  });
});
