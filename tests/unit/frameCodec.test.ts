import { describe, expect, it } from 'vitest';
import type { UnitsFrame } from '../../shared/domain/units';
import { decodeFrame, encodeFrame, frameByteLength } from '../../shared/contract/frameCodec';
import { prng } from '../support/oracles';

function randomFrame(n: number, seed: number): UnitsFrame {
  const r = prng(seed);
  const f = {
    seq: 7,
    tsMs: 1_767_225_600_123,
    idx: new Uint32Array(n),
    sampleTsMs: new Float64Array(n),
    lon: new Float64Array(n),
    lat: new Float64Array(n),
    headingDeg: new Float32Array(n),
    speedKmh: new Float32Array(n),
    batteryPct: new Float32Array(n),
    altM: new Float32Array(n),
    liveness: new Uint8Array(n),
  };
  for (let i = 0; i < n; i++) {
    f.idx[i] = Math.floor(r() * 0xffffffff);
    f.sampleTsMs[i] = 1_767_225_600_000 + Math.floor(r() * 1e6);
    f.lon[i] = 118 + r() * 0.6;
    f.lat[i] = 28.9 + r() * 0.5;
    f.headingDeg[i] = r() * 360;
    f.speedKmh[i] = r() * 120;
    f.batteryPct[i] = r() * 100;
    f.altM[i] = r() * 500;
    f.liveness[i] = Math.floor(r() * 4);
  }
  return f;
}

const COLUMNS = [
  'idx',
  'sampleTsMs',
  'lon',
  'lat',
  'headingDeg',
  'speedKmh',
  'batteryPct',
  'altM',
  'liveness',
] as const;

function expectSameFrame(actual: UnitsFrame, expected: UnitsFrame): void {
  expect(actual.seq).toBe(expected.seq);
  expect(actual.tsMs).toBe(expected.tsMs);
  for (const c of COLUMNS) {
    expect(actual[c].constructor, c).toBe(expected[c].constructor);
    // Object.is per element: NaN must stay NaN and -0 must stay -0.
    expect(Array.from(actual[c]), c).toStrictEqual(Array.from(expected[c]));
  }
}

// Values chosen to be exact in float32 so the round trip can be compared exactly.
const SMALL: UnitsFrame = {
  seq: 42,
  tsMs: 1_767_225_600_500.25,
  idx: Uint32Array.from([0, 5, 4_294_967_295]),
  sampleTsMs: Float64Array.from([1_767_225_599_000, NaN, 1_767_225_600_000]),
  lon: Float64Array.from([118.4123456789012, NaN, -0]),
  lat: Float64Array.from([29.1376543210987, NaN, 90]),
  headingDeg: Float32Array.from([359.5, NaN, 0]),
  speedKmh: Float32Array.from([42.25, NaN, 400]),
  batteryPct: Float32Array.from([100, NaN, 0.5]),
  altM: Float32Array.from([NaN, 120, NaN]),
  liveness: Uint8Array.from([1, 0, 3]),
};

describe('frameByteLength', () => {
  it('is a 24-byte header plus 45 bytes per unit', () => {
    expect(frameByteLength(0)).toBe(24);
    expect(frameByteLength(1)).toBe(69);
    expect(frameByteLength(10_000)).toBe(24 + 450_000);
  });
});

describe('encodeFrame / decodeFrame', () => {
  it('round-trips a small frame, NaN ("not reported") and -0 included', () => {
    const buf = encodeFrame(SMALL);
    expect(buf.byteLength).toBe(frameByteLength(3));
    expectSameFrame(decodeFrame(buf), SMALL);
  });

  it('writes the documented little-endian header', () => {
    const head = new DataView(encodeFrame(SMALL));
    expect(head.getUint32(0, true)).toBe(0x3246554d);
    expect(new TextDecoder().decode(new Uint8Array(head.buffer, 0, 4))).toBe('MUF2');
    expect(head.getUint32(4, true)).toBe(42);
    expect(head.getFloat64(8, true)).toBe(1_767_225_600_500.25);
    expect(head.getUint32(16, true)).toBe(3);
    // The first column starts right after the header.
    expect(head.getFloat64(24, true)).toBe(1_767_225_599_000);
  });

  it('round-trips an empty frame (n = 0)', () => {
    const empty = randomFrame(0, 1);
    const buf = encodeFrame(empty);
    expect(buf.byteLength).toBe(24);
    const back = decodeFrame(buf);
    expectSameFrame(back, empty);
    expect(back.idx.length).toBe(0);
  });

  it('round-trips 10,000 units', () => {
    const big = randomFrame(10_000, 20240601);
    const back = decodeFrame(encodeFrame(big));
    expect(back.idx.length).toBe(10_000);
    expectSameFrame(back, big);
  });

  it('rounds float32 columns the way Float32Array does, and keeps float64 columns exact', () => {
    const lon = 118.12345678901234; // needs all 53 bits of a double
    expect(Math.fround(lon)).not.toBe(lon);
    const f = { ...randomFrame(1, 3), lon: Float64Array.from([lon]) };
    const back = decodeFrame(encodeFrame({ ...f, headingDeg: Float32Array.from([0.1]) }));
    expect(back.headingDeg[0]).toBe(Math.fround(0.1));
    expect(back.lon[0]).toBe(lon);
  });

  it('stores seq as u32 (wraps rather than corrupting the header)', () => {
    expect(decodeFrame(encodeFrame({ ...SMALL, seq: 0xffffffff })).seq).toBe(0xffffffff);
    expect(decodeFrame(encodeFrame({ ...SMALL, seq: 2 ** 32 + 5 })).seq).toBe(5);
  });

  it('decodes from a Node Buffer slice at an odd byteOffset (WebSocket message in a pool)', () => {
    const frame = randomFrame(5, 99);
    const encoded = new Uint8Array(encodeFrame(frame));
    const pool = Buffer.alloc(encoded.length + 8, 0xee);
    pool.set(encoded, 3);
    const slice = pool.subarray(3, 3 + encoded.length);
    expect(slice.byteOffset % 8).not.toBe(0);
    expectSameFrame(decodeFrame(slice), frame);
  });

  it('decodes from a Uint8Array view over a larger buffer', () => {
    const frame = randomFrame(4, 5);
    const encoded = new Uint8Array(encodeFrame(frame));
    const outer = new Uint8Array(encoded.length + 17);
    outer.set(encoded, 9);
    expectSameFrame(decodeFrame(outer.subarray(9, 9 + encoded.length)), frame);
  });

  it('does not let a decoded view alias a caller-owned view buffer', () => {
    const frame = randomFrame(2, 11);
    const encoded = new Uint8Array(encodeFrame(frame));
    const pool = Buffer.alloc(encoded.length + 1);
    pool.set(encoded, 1);
    const back = decodeFrame(pool.subarray(1));
    pool.fill(0);
    expectSameFrame(back, frame);
  });
});

describe('decodeFrame errors', () => {
  it('refuses a buffer shorter than the header', () => {
    expect(() => decodeFrame(new ArrayBuffer(0))).toThrow('frame too short: 0 bytes');
    expect(() => decodeFrame(new ArrayBuffer(23))).toThrow('frame too short: 23 bytes');
    expect(() => decodeFrame(Buffer.alloc(10))).toThrow('frame too short: 10 bytes');
  });

  it('refuses bad magic', () => {
    const buf = encodeFrame(SMALL);
    new DataView(buf).setUint32(0, 0x3146554d, true); // 'MUF1': a frame of the version before altM
    expect(() => decodeFrame(buf)).toThrow('not a units frame (bad magic)');
    const big = new Uint8Array(encodeFrame(SMALL));
    new DataView(big.buffer).setUint32(0, 0x3246554d, false); // right bytes, wrong endianness
    expect(() => decodeFrame(big)).toThrow('not a units frame (bad magic)');
  });

  it('refuses a JSON text message that reached the binary path', () => {
    const text = new TextEncoder().encode('{"t":"event","name":"status","payload":{}}');
    expect(() => decodeFrame(text)).toThrow('not a units frame (bad magic)');
  });

  it('refuses a frame one byte short or long', () => {
    const full = new Uint8Array(encodeFrame(SMALL));
    expect(() => decodeFrame(full.slice(0, full.length - 1))).toThrow(
      'frame length 158 does not match 3 units',
    );
    const longer = new Uint8Array(full.length + 1);
    longer.set(full);
    expect(() => decodeFrame(longer)).toThrow('frame length 160 does not match 3 units');
  });

  it('refuses a header whose count does not fit the bytes, without allocating for it', () => {
    const buf = encodeFrame(randomFrame(0, 2));
    new DataView(buf).setUint32(16, 0xffffffff, true);
    expect(() => decodeFrame(buf)).toThrow('frame length 24 does not match 4294967295 units');
  });
});
