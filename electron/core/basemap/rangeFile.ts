// HTTP Range replies for one fixed file (the PMTiles basemap), shared by the headless host's route
// and Electron's custom scheme so the byte-range logic is tested once, without Electron. The file
// path comes from the configuration only: nothing in a request ever names a file.

import { createReadStream, statSync, type ReadStream } from 'node:fs';

/** A byte range, both ends inclusive as in Content-Range. */
export interface ByteRange {
  readonly start: number;
  readonly end: number;
}

/**
 * The range a `Range` header asks for, in a file of `size` bytes:
 * - undefined: no usable single range (absent, malformed, another unit, several ranges): RFC 9110
 *   lets a server ignore such a header and send the whole file;
 * - 'unsatisfiable': a well-formed range that starts past the end (or an empty suffix): 416.
 */
export function parseRange(
  header: string | undefined | null,
  size: number,
): ByteRange | 'unsatisfiable' | undefined {
  if (header === undefined || header === null) return undefined;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m) return undefined;
  const [, a = '', b = ''] = m;
  if (a === '' && b === '') return undefined;
  if (a === '') {
    // Suffix range: the last n bytes.
    const n = Number(b);
    if (n === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - n), end: size - 1 };
  }
  const start = Number(a);
  const last = b === '' ? Infinity : Number(b);
  if (!Number.isSafeInteger(start) || (b !== '' && !Number.isSafeInteger(last))) return undefined;
  if (last < start) return undefined; // syntactically invalid: ignored, whole file
  if (start >= size) return 'unsatisfiable';
  return { start, end: Math.min(last, size - 1) };
}

export interface RangeReply {
  readonly status: 200 | 206 | 405 | 416;
  readonly headers: Readonly<Record<string, string>>;
  /** The bytes to send, undefined for HEAD and for errors. */
  readonly range: ByteRange | undefined;
}

/** Status, headers and byte range for a GET/HEAD of a file of `size` bytes. */
export function rangeReply(
  method: string,
  rangeHeader: string | undefined | null,
  size: number,
  contentType = 'application/octet-stream',
): RangeReply {
  const common = { 'Accept-Ranges': 'bytes', 'Cache-Control': 'no-cache' };
  if (method !== 'GET' && method !== 'HEAD') {
    return { status: 405, headers: { ...common, Allow: 'GET, HEAD' }, range: undefined };
  }
  const wanted = parseRange(rangeHeader, size);
  if (wanted === 'unsatisfiable') {
    return {
      status: 416,
      headers: { ...common, 'Content-Range': `bytes */${size}` },
      range: undefined,
    };
  }
  const range = wanted ?? { start: 0, end: size - 1 };
  const length = size === 0 ? 0 : range.end - range.start + 1;
  const headers: Record<string, string> = {
    ...common,
    'Content-Type': contentType,
    'Content-Length': String(length),
  };
  if (wanted) headers['Content-Range'] = `bytes ${range.start}-${range.end}/${size}`;
  return {
    status: wanted ? 206 : 200,
    headers,
    range: method === 'HEAD' || length === 0 ? undefined : range,
  };
}

/** One fixed file served with Range support. */
export class RangeFile {
  constructor(readonly path: string) {}

  /** The reply and, for a GET with bytes to send, a stream of exactly those bytes. */
  open(
    method: string,
    rangeHeader: string | undefined | null,
  ): { reply: RangeReply; stream: ReadStream | undefined } {
    // Stat per request: the file may be replaced while the console runs.
    const size = statSync(this.path).size;
    const reply = rangeReply(method, rangeHeader, size);
    const stream = reply.range
      ? createReadStream(this.path, { start: reply.range.start, end: reply.range.end })
      : undefined;
    return { reply, stream };
  }
}
