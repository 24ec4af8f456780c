// Byte ranges for the basemap file: the parsing and replies both hosts share.

import { describe, expect, it } from 'vitest';
import { parseRange, rangeReply } from '../../electron/core/basemap/rangeFile';

describe('parseRange', () => {
  const size = 1000;

  it('reads closed, open-ended and suffix ranges, clamping the end to the file', () => {
    expect(parseRange('bytes=0-99', size)).toEqual({ start: 0, end: 99 });
    expect(parseRange('bytes=900-', size)).toEqual({ start: 900, end: 999 });
    expect(parseRange('bytes=-100', size)).toEqual({ start: 900, end: 999 });
    expect(parseRange('bytes=-5000', size)).toEqual({ start: 0, end: 999 });
    expect(parseRange('bytes=990-5000', size)).toEqual({ start: 990, end: 999 });
    expect(parseRange('bytes=999-999', size)).toEqual({ start: 999, end: 999 });
  });

  it('calls a range starting at or past the end, or an empty suffix, unsatisfiable', () => {
    expect(parseRange('bytes=1000-', size)).toBe('unsatisfiable');
    expect(parseRange('bytes=1000-1200', size)).toBe('unsatisfiable');
    expect(parseRange('bytes=-0', size)).toBe('unsatisfiable');
    expect(parseRange('bytes=0-10', 0)).toBe('unsatisfiable');
  });

  it('ignores what it cannot serve as one range, so the whole file goes out', () => {
    for (const h of [
      undefined,
      null,
      '',
      'bytes=',
      'bytes=-',
      'bytes=5-2',
      'bytes=0-1,5-9',
      'items=0-9',
      'bytes=a-b',
      'bytes=99999999999999999999-',
    ]) {
      expect(parseRange(h, size), String(h)).toBeUndefined();
    }
  });
});

describe('rangeReply', () => {
  it('answers a range with 206, Content-Range and the exact length', () => {
    const r = rangeReply('GET', 'bytes=100-199', 1000);
    expect(r.status).toBe(206);
    expect(r.headers['Content-Range']).toBe('bytes 100-199/1000');
    expect(r.headers['Content-Length']).toBe('100');
    expect(r.headers['Accept-Ranges']).toBe('bytes');
    expect(r.range).toEqual({ start: 100, end: 199 });
  });

  it('answers no range with 200 and the whole file', () => {
    const r = rangeReply('GET', undefined, 1000);
    expect(r.status).toBe(200);
    expect(r.headers['Content-Length']).toBe('1000');
    expect(r.headers).not.toHaveProperty('Content-Range');
    expect(r.range).toEqual({ start: 0, end: 999 });
  });

  it('answers an unsatisfiable range with 416 and the size, sending nothing', () => {
    const r = rangeReply('GET', 'bytes=5000-', 1000);
    expect(r.status).toBe(416);
    expect(r.headers['Content-Range']).toBe('bytes */1000');
    expect(r.range).toBeUndefined();
  });

  it('sends headers but no bytes for HEAD, and refuses other methods', () => {
    const head = rangeReply('HEAD', 'bytes=0-9', 1000);
    expect(head.status).toBe(206);
    expect(head.headers['Content-Length']).toBe('10');
    expect(head.range).toBeUndefined();
    const post = rangeReply('POST', undefined, 1000);
    expect(post.status).toBe(405);
    expect(post.headers['Allow']).toBe('GET, HEAD');
    expect(post.range).toBeUndefined();
  });

  it('sends an empty file as an empty 200', () => {
    const r = rangeReply('GET', undefined, 0);
    expect(r.status).toBe(200);
    expect(r.headers['Content-Length']).toBe('0');
    expect(r.range).toBeUndefined();
  });
});
