import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { receiveClock, sessionClock, sessionNow } from '../../renderer/src/state/sessionClock';

describe("the screen's session clock", () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(1_000_000);
  });
  afterEach(() => vi.useRealTimers());

  it('runs at the session speed from the moment a status arrives, whatever the core clock said', () => {
    // The core's own clock is an hour ahead of this screen's: only the session time counts.
    receiveClock({ mode: 'virtual', sessionMs: 50_000, atMs: 4_600_000, speed: 10, paused: false });
    expect(sessionNow()).toBe(50_000);
    vi.advanceTimersByTime(1000);
    expect(sessionNow()).toBe(60_000);
  });

  it('stands still while the session is paused', () => {
    receiveClock({ mode: 'virtual', sessionMs: 7_000, atMs: 0, speed: 60, paused: true });
    vi.advanceTimersByTime(3_600_000);
    expect(sessionNow()).toBe(7_000);
    expect(sessionClock()?.paused).toBe(true);
  });

  it('a status without a clock (an older core) leaves the last one', () => {
    receiveClock({ mode: 'wall', sessionMs: 1_000_000, atMs: 1_000_000, speed: 1, paused: false });
    receiveClock(undefined);
    vi.advanceTimersByTime(500);
    expect(sessionNow()).toBe(1_000_500);
  });
});
