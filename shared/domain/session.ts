// Sessions: live duty, an exercise (演练) with its own store and MQTT namespace, or a replay (回放).
import type { ClockState } from './clock';

export const SESSION_KINDS = ['live', 'exercise', 'replay'] as const;
export type SessionKind = (typeof SESSION_KINDS)[number];

/** Which session a screen shows. */
export interface SessionInfo {
  /** Globally unique: a session's ids and events never collide with another's or another console's. */
  readonly id: string;
  readonly kind: SessionKind;
  /** The exercise's or replay's name; the region's for live. */
  readonly name: string;
}

export interface SessionSummary extends SessionInfo {
  /** running: open on this console; ended: its store kept for replay and the report. */
  readonly state: 'running' | 'ended';
  readonly createdMs: number;
  /** The clock of a running session. */
  readonly clock?: ClockState;
}

/** A new exercise: its name shows on every screen's banner. */
export interface ExerciseDraft {
  readonly name: string;
  /** Initial speed, CLOCK_SPEED_MIN–CLOCK_SPEED_MAX; it starts paused (the facilitator starts it). */
  readonly speed?: number;
}

/** A facilitator's clock control. A live session's clock is the wall clock and refuses them all. */
export type ClockChange =
  | { readonly type: 'pause' }
  | { readonly type: 'resume' }
  | { readonly type: 'speed'; readonly speed: number }
  | { readonly type: 'seek'; readonly sessionMs: number };

/** A mark on a replay's timeline: something that happened, to jump to. */
export interface TimelineMark {
  readonly tsMs: number;
  readonly kind: 'incident' | 'request' | 'approval' | 'arrival' | 'alert' | 'inject';
  /** What it is about (an incident, a request, an alert's number, an inject). */
  readonly subject: string;
  /** Short text for a tooltip (the incident type, the alert kind, the inject). */
  readonly label: string;
}
