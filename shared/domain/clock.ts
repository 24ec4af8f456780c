// A session's clock as data: what the core keeps, and what it sends to every screen so that SLA
// countdowns, ages and "x min ago" follow session time (paused, sped up, or replayed), not the
// wall clock of the machine showing them.

/** Virtual time runs from a quarter of real time up to 60 times faster. */
export const CLOCK_SPEED_MIN = 0.25;
export const CLOCK_SPEED_MAX = 60;
/** The speeds screens offer (the clock takes any value in the range). */
export const CLOCK_SPEEDS = [0.25, 0.5, 1, 2, 5, 10, 30, 60] as const;

export interface ClockState {
  /** 'wall': session time is real time. 'virtual': it can pause, run at a speed and seek. */
  readonly mode: 'wall' | 'virtual';
  /** Session time (epoch ms) at the reference instant `atMs` of the reader's own clock. */
  readonly sessionMs: number;
  readonly atMs: number;
  /** Session milliseconds per real millisecond; 1 in wall mode. */
  readonly speed: number;
  readonly paused: boolean;
}

/** Session time when the reader's own clock reads `nowMs`. */
export function sessionTimeAt(c: ClockState, nowMs: number): number {
  return c.paused ? c.sessionMs : c.sessionMs + (nowMs - c.atMs) * c.speed;
}

/** The same clock re-referenced to an instant of another reader's clock (no time passes). */
export function rebaseClock(c: ClockState, fromNowMs: number, toNowMs: number): ClockState {
  return { ...c, sessionMs: sessionTimeAt(c, fromNowMs), atMs: toNowMs };
}

export const wallClockState = (nowMs: number): ClockState => ({
  mode: 'wall',
  sessionMs: nowMs,
  atMs: nowMs,
  speed: 1,
  paused: false,
});
