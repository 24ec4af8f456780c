import type { ReactNode } from 'react';
import type { ConsoleApi } from '../../../shared/contract/ConsoleApi';
import type { PendingAction } from './usePendingAction';

interface Props {
  readonly api: ConsoleApi;
  readonly paused: boolean;
  readonly action: PendingAction;
  /** Test ids and labels of the two states. */
  readonly resume: { readonly testId: string; readonly label: string };
  readonly pause: { readonly testId: string; readonly label: string };
}

/** Starts or stops a session's virtual clock (an exercise's, a replay's). */
export function ClockToggle({ api, paused, action, resume, pause }: Props): ReactNode {
  const which = paused ? resume : pause;
  return (
    <button
      type="button"
      data-testid={which.testId}
      disabled={action.busy}
      onClick={() => action.run(() => api.controlClock({ type: paused ? 'resume' : 'pause' }))}
    >
      {which.label}
    </button>
  );
}
