import { sessionTimeAt, type ClockState } from '../../../shared/domain/clock';

// The screen's view of its session's clock. Domain time on screen (SLA countdowns, ages, "x min
// ago", the track window) is session time: paused with an exercise, faster at 10×, an hour back in
// a replay. The core sends its clock in every status; the screen re-references it to its own clock
// on receipt, so a wall PC whose clock is off by a minute still counts down correctly.

type Listener = () => void;

let clock: ClockState | undefined;
const listeners = new Set<Listener>();

// The one place the renderer reads the machine's clock: to run session time between statuses.
// eslint-disable-next-line no-restricted-properties -- the reference session time is measured against
const localNow = (): number => Date.now();

/** Takes the clock a status carried; `undefined` (an older core) leaves wall time. */
export function receiveClock(c: ClockState | undefined): void {
  if (c === undefined) return;
  const local = localNow();
  clock = { ...c, sessionMs: sessionTimeAt(c, c.atMs), atMs: local };
  for (const fn of listeners) fn();
}

/** Session time now (epoch ms); wall time until the first status arrives. */
export function sessionNow(): number {
  const local = localNow();
  return clock ? sessionTimeAt(clock, local) : local;
}

/** The clock as last received (paused, speed), undefined before the first status. */
export function sessionClock(): ClockState | undefined {
  return clock;
}

export function onClockChange(fn: Listener): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}
