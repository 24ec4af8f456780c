// The support request's state machine: the table (shared/domain/supportTransitions, read by the
// service, the renderer's actions and the tests that enumerate every pair) and its enforcement.
import {
  SUPPORT_STATES,
  type OrderState,
  type SupportState,
} from '../../../../shared/domain/support';
import { canTransition } from '../../../../shared/domain/supportTransitions';

export class IllegalTransitionError extends Error {
  constructor(
    readonly from: SupportState | OrderState,
    readonly to: SupportState | OrderState | string,
    what = '',
  ) {
    super(`cannot go from ${from} to ${to}${what ? ` (${what})` : ''}`);
    this.name = 'IllegalTransitionError';
  }
}

/** Throws IllegalTransitionError unless the table allows from → to. */
export function assertTransition(from: SupportState, to: SupportState): void {
  if (!canTransition(from, to)) throw new IllegalTransitionError(from, to);
}

/** Position on the happy path, for "reached at least" checks; side exits are -1. */
export function progressRank(s: SupportState): number {
  const i = SUPPORT_STATES.indexOf(s);
  return i <= SUPPORT_STATES.indexOf('released') ? i : -1;
}
