import { describe, expect, it } from 'vitest';
import { SessionClock } from '../../electron/core/session/SessionClock';
import { sessionTimeAt } from '../../shared/domain/clock';

function realClock(startMs = 1_000_000) {
  let t = startMs;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('SessionClock', () => {
  it('wall: session time is real time, and cannot be paused, sped up or moved', () => {
    const real = realClock();
    const c = SessionClock.wall(real.now);
    real.advance(500);
    expect(c.now()).toBe(1_000_500);
    expect(() => c.pause()).toThrow(/\[refused:clock-wall-clock\]/);
    expect(() => c.setSpeed(2)).toThrow(/wall clock/);
    expect(() => c.seek(0)).toThrow(/wall clock/);
  });

  it('virtual: starts paused at its start time; runs at its speed once resumed', () => {
    const real = realClock();
    const c = SessionClock.virtual(5_000_000, real.now);
    real.advance(10_000);
    expect(c.now()).toBe(5_000_000);
    c.resume();
    real.advance(1000);
    expect(c.now()).toBe(5_001_000);
    c.setSpeed(10);
    real.advance(1000);
    expect(c.now()).toBe(5_011_000);
    c.setSpeed(0.25);
    real.advance(4000);
    expect(c.now()).toBe(5_012_000);
  });

  it('pause freezes session time; resume continues from where it stopped', () => {
    const real = realClock();
    const c = SessionClock.virtual(0, real.now);
    c.resume();
    c.setSpeed(60);
    real.advance(1000);
    expect(c.now()).toBe(60_000);
    c.pause();
    real.advance(3_600_000);
    expect(c.now()).toBe(60_000);
    c.resume();
    real.advance(1000);
    expect(c.now()).toBe(120_000);
  });

  it('seek jumps in either direction and keeps running or paused as it was', () => {
    const real = realClock();
    const c = SessionClock.virtual(0, real.now);
    c.seek(900_000);
    expect(c.now()).toBe(900_000);
    expect(c.paused).toBe(true);
    c.resume();
    c.seek(100);
    real.advance(50);
    expect(c.now()).toBe(150);
  });

  it('refuses a speed outside 0.25–60× and a time that is not a number', () => {
    const c = SessionClock.virtual(0, realClock().now);
    for (const s of [0, 0.2, 61, NaN, -1]) expect(() => c.setSpeed(s)).toThrow(/0.25× to 60×/);
    expect(() => c.seek(NaN)).toThrow(/bad time/);
    expect(c.speed).toBe(1);
  });

  it('a snapshot read on another clock gives the same session time', () => {
    const real = realClock();
    const c = SessionClock.virtual(0, real.now);
    c.resume();
    c.setSpeed(4);
    real.advance(250);
    const snap = c.snapshot();
    // A screen re-references it to its own clock on receipt and reads time from that.
    const screen = { ...snap, atMs: 42 };
    expect(sessionTimeAt(screen, 42)).toBe(1000);
    expect(sessionTimeAt(screen, 42 + 500)).toBe(3000);
    c.pause();
    expect(sessionTimeAt(c.snapshot(), 1e12)).toBe(1000);
  });

  it('tells listeners about every change', () => {
    const c = SessionClock.virtual(0, realClock().now);
    const seen: string[] = [];
    const off = c.onChange((s) => seen.push(`${s.paused ? 'paused' : 'running'} ${s.speed}`));
    c.resume();
    c.setSpeed(8);
    off();
    c.pause();
    expect(seen).toEqual(['running 1', 'running 8']);
  });
});
