// A command the core refuses for a reason an operator can act on. The reason travels as a tag at
// the end of the error's message, so it crosses every host edge (Electron IPC, the WebSocket) as
// plain text; the renderer words it in the UI language from the tag, the log keeps the detail.

export const REFUSALS = [
  'clock-wall-clock',
  'clock-speed',
  'clock-bad-time',
  'inject-unknown',
  'inject-not-pending',
  'inject-duplicate',
  'inject-none-left',
  'inject-invalid',
  'unit-not-simulated',
  'scenario-loaded',
  'scenario-none',
  'note-empty',
  'not-an-exercise',
  'exercise-ended',
  'exercise-unknown',
  'replay-read-only',
  'replay-empty',
  'replay-unknown',
  'console-stopping',
  'support-need-met',
  'support-awaiting',
  'login-required',
  'login-wrong',
  'login-locked',
  'access-denied',
  'operator-unknown',
  'operator-last-admin',
  'wall-token-unknown',
  'emergency-not-allowed',
  'emergency-none',
  'emergency-confirmed',
  // Not the core's: a call the page made while its link to the console was down.
  'console-link-lost',
] as const;
export type Refusal = (typeof REFUSALS)[number];

const TAG = /\[refused:([a-z-]+)\]/;

/** A refused command: `detail` names what was asked (for the log), `code` why not. */
export class Refused extends Error {
  constructor(
    readonly code: Refusal,
    detail: string,
  ) {
    super(`${detail} [refused:${code}]`);
    this.name = 'Refused';
  }
}

/** The refusal tagged in an error message, however a host wrapped it; undefined if none. */
export function refusalOf(message: string): Refusal | undefined {
  const tag = TAG.exec(message)?.[1];
  return REFUSALS.find((r) => r === tag);
}
