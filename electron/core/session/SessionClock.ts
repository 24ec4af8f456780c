import { Refused } from '../../../shared/domain/refusal';
import type { ClockChange } from '../../../shared/domain/session';
import {
  CLOCK_SPEED_MAX,
  CLOCK_SPEED_MIN,
  rebaseClock,
  sessionTimeAt,
  wallClockState,
  type ClockState,
} from '../../../shared/domain/clock';

/**
 * A session's time. Live runs on the wall clock. An exercise or a replay runs on virtual time: it
 * pauses, runs at 0.25–60×, and seeks. Every reader of domain time in a session (SLA timers, ages,
 * the simulator, scheduled injects) reads `now()`; while paused it does not move, so nothing that
 * is timed in session time can fire or expire during a pause.
 */
export class SessionClock {
  private state: ClockState;
  private readonly listeners = new Set<(s: ClockState) => void>();

  /** `real`: the machine's clock (epoch ms), the reference virtual time is measured against. */
  private constructor(
    private readonly real: () => number,
    initial: ClockState,
  ) {
    this.state = initial;
  }

  static wall(real: () => number = Date.now): SessionClock {
    return new SessionClock(real, wallClockState(real()));
  }

  /** Virtual time starting at `startMs`, paused until resumed. */
  static virtual(startMs: number, real: () => number = Date.now): SessionClock {
    if (!Number.isFinite(startMs)) throw new Refused('clock-bad-time', `bad start time ${startMs}`);
    return new SessionClock(real, {
      mode: 'virtual',
      sessionMs: startMs,
      atMs: real(),
      speed: 1,
      paused: true,
    });
  }

  /** Session time now (epoch ms). */
  now = (): number =>
    this.state.mode === 'wall' ? this.real() : sessionTimeAt(this.state, this.real());

  /** The clock as data, referenced to the machine's clock now. */
  snapshot(): ClockState {
    const realMs = this.real();
    return this.state.mode === 'wall'
      ? wallClockState(realMs)
      : rebaseClock(this.state, realMs, realMs);
  }

  get paused(): boolean {
    return this.state.paused;
  }

  get speed(): number {
    return this.state.speed;
  }

  pause(): ClockState {
    return this.change({ paused: true });
  }

  resume(): ClockState {
    return this.change({ paused: false });
  }

  setSpeed(speed: number): ClockState {
    if (!(speed >= CLOCK_SPEED_MIN && speed <= CLOCK_SPEED_MAX)) {
      throw new Refused(
        'clock-speed',
        `speed must be from ${CLOCK_SPEED_MIN}× to ${CLOCK_SPEED_MAX}×, not ${speed}`,
      );
    }
    return this.change({ speed });
  }

  /** Jumps to `sessionMs`; paused or running stays as it was. */
  seek(sessionMs: number): ClockState {
    if (!Number.isFinite(sessionMs)) throw new Refused('clock-bad-time', `bad time ${sessionMs}`);
    return this.change({ sessionMs });
  }

  /** Called with the new state after every change; returns the unsubscribe. */
  onChange(fn: (s: ClockState) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  private change(patch: Partial<Pick<ClockState, 'paused' | 'speed' | 'sessionMs'>>): ClockState {
    if (this.state.mode === 'wall') {
      throw new Refused('clock-wall-clock', 'a live session runs on the wall clock');
    }
    const realMs = this.real();
    // Re-referenced first, so time already run at the old speed (or not run while paused) stays.
    this.state = { ...rebaseClock(this.state, realMs, realMs), ...patch };
    const s = this.snapshot();
    for (const fn of this.listeners) fn(s);
    return s;
  }
}

/** Applies a facilitator's change to the clock. */
export function applyClockChange(clock: SessionClock, c: ClockChange): ClockState {
  switch (c.type) {
    case 'pause':
      return clock.pause();
    case 'resume':
      return clock.resume();
    case 'speed':
      return clock.setSpeed(c.speed);
    case 'seek':
      return clock.seek(c.sessionMs);
  }
}

/** The change in words, for the log. */
export function clockReason(c: ClockChange): string {
  switch (c.type) {
    case 'pause':
    case 'resume':
      return c.type;
    case 'speed':
      return `speed ${c.speed}x`;
    case 'seek':
      return `seek to ${new Date(c.sessionMs).toISOString()}`;
  }
}
