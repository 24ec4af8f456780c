import { describe, expect, it } from 'vitest';
import { AckLedger } from '../../electron/core/mqtt/AckLedger';

describe('AckLedger', () => {
  it('releases held packet ids in receipt order, up to the mark', () => {
    const l = new AckLedger();
    l.hold(7);
    l.hold(3);
    const m1 = l.mark();
    l.hold(9);
    expect(l.pending).toBe(3);
    expect(l.release(m1)).toEqual([7, 3]);
    expect(l.release(m1)).toEqual([]);
    expect(l.pending).toBe(1);
    const m2 = l.mark();
    l.hold(4);
    expect(l.release(m2)).toEqual([9]);
    expect(l.release(l.mark())).toEqual([4]);
    expect(l.pending).toBe(0);
  });

  it('a later mark released first covers the earlier one (acks stay in order)', () => {
    const l = new AckLedger();
    l.hold(1);
    const early = l.mark();
    l.hold(2);
    const late = l.mark();
    expect(l.release(late)).toEqual([1, 2]);
    expect(l.release(early)).toEqual([]);
  });

  it('releases nothing held on an earlier connection', () => {
    const l = new AckLedger();
    l.hold(1);
    l.hold(2);
    const old = l.mark();
    l.reset();
    l.hold(1);
    expect(l.release(old)).toEqual([]);
    expect(l.pending).toBe(1);
    expect(l.release(l.mark())).toEqual([1]);
  });
});
