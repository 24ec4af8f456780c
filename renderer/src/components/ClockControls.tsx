import type { ReactNode } from 'react';
import { CLOCK_SPEEDS } from '../../../shared/domain/clock';
import { useT } from '../i18n/I18nProvider';
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

/** The speeds a facilitator or a replay viewer picks from (CLOCK_SPEEDS). */
export function SpeedSelect({
  testId,
  value,
  disabled,
  onChange,
}: {
  readonly testId: string;
  readonly value: number;
  readonly disabled?: boolean;
  readonly onChange: (speed: number) => void;
}): ReactNode {
  const t = useT();
  return (
    <select
      data-testid={testId}
      value={value}
      disabled={disabled}
      onChange={(e) => onChange(Number(e.target.value))}
    >
      {CLOCK_SPEEDS.map((s) => (
        <option key={s} value={s}>
          {t('drill.speedOption', { speed: s })}
        </option>
      ))}
    </select>
  );
}
