import type { UnitsFrame } from '../domain/units';

// Binary layout of one units frame (little-endian, as every supported CPU is):
//   header 24 B: magic u32 | seq u32 | tsMs f64 | n u32 | pad u32
//   f64[n] sampleTsMs, lon, lat; u32[n] idx; f32[n] headingDeg, speedKmh, batteryPct, altM;
//   u8[n] liveness
// 8-byte columns come first so every view is aligned without padding between columns.
// Version 2 added altM: a frame of another version is refused by its magic, not misread.
const MAGIC = 0x3246554d; // 'MUF2'
const HEADER_BYTES = 24;

export function frameByteLength(n: number): number {
  return HEADER_BYTES + n * (8 * 3 + 4 * 5 + 1);
}

export function encodeFrame(f: UnitsFrame): ArrayBuffer {
  const n = f.idx.length;
  const buf = new ArrayBuffer(frameByteLength(n));
  const head = new DataView(buf, 0, HEADER_BYTES);
  head.setUint32(0, MAGIC, true);
  head.setUint32(4, f.seq >>> 0, true);
  head.setFloat64(8, f.tsMs, true);
  head.setUint32(16, n, true);
  let off = HEADER_BYTES;
  for (const col of [f.sampleTsMs, f.lon, f.lat]) {
    new Float64Array(buf, off, n).set(col);
    off += 8 * n;
  }
  new Uint32Array(buf, off, n).set(f.idx);
  off += 4 * n;
  for (const col of [f.headingDeg, f.speedKmh, f.batteryPct, f.altM]) {
    new Float32Array(buf, off, n).set(col);
    off += 4 * n;
  }
  new Uint8Array(buf, off, n).set(f.liveness);
  return buf;
}

/** Decodes a frame; throws a specific error on anything that is not a well-formed frame. */
export function decodeFrame(input: ArrayBuffer | ArrayBufferView): UnitsFrame {
  const buf = toOwnedBuffer(input);
  if (buf.byteLength < HEADER_BYTES) throw new Error(`frame too short: ${buf.byteLength} bytes`);
  const head = new DataView(buf, 0, HEADER_BYTES);
  if (head.getUint32(0, true) !== MAGIC) throw new Error('not a units frame (bad magic)');
  const n = head.getUint32(16, true);
  if (buf.byteLength !== frameByteLength(n)) {
    throw new Error(`frame length ${buf.byteLength} does not match ${n} units`);
  }
  let off = HEADER_BYTES;
  const f64 = (): Float64Array => {
    const a = new Float64Array(buf, off, n);
    off += 8 * n;
    return a;
  };
  const f32 = (): Float32Array => {
    const a = new Float32Array(buf, off, n);
    off += 4 * n;
    return a;
  };
  const sampleTsMs = f64();
  const lon = f64();
  const lat = f64();
  const idx = new Uint32Array(buf, off, n);
  off += 4 * n;
  const headingDeg = f32();
  const speedKmh = f32();
  const batteryPct = f32();
  const altM = f32();
  const liveness = new Uint8Array(buf, off, n);
  return {
    seq: head.getUint32(4, true),
    tsMs: head.getFloat64(8, true),
    idx,
    sampleTsMs,
    lon,
    lat,
    headingDeg,
    speedKmh,
    batteryPct,
    altM,
    liveness,
  };
}

function toOwnedBuffer(input: ArrayBuffer | ArrayBufferView): ArrayBuffer {
  if (input instanceof ArrayBuffer) return input;
  // A view (e.g. a Node Buffer from a pool) may start at any offset: copy so column views align.
  const copy = new Uint8Array(input.byteLength);
  copy.set(new Uint8Array(input.buffer, input.byteOffset, input.byteLength));
  return copy.buffer;
}
