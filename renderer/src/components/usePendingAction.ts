import { useCallback, useState } from 'react';

/** An Error's message, or the thrown value as text: what a panel shows when a command fails. */
export const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

export interface PendingAction {
  /** True while a command started by `run` is in flight (buttons disable themselves). */
  readonly busy: boolean;
  /** The last failure's message, until the next `run`. */
  readonly error: string | undefined;
  readonly setError: (message: string | undefined) => void;
  /** Runs one command: busy while it runs, its failure shown, never an unhandled rejection. */
  readonly run: (command: () => Promise<unknown>) => void;
}

export function usePendingAction(): PendingAction {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const run = useCallback((command: () => Promise<unknown>): void => {
    setBusy(true);
    setError(undefined);
    command().then(
      () => setBusy(false),
      (e: unknown) => {
        setBusy(false);
        setError(errorText(e));
      },
    );
  }, []);
  return { busy, error, setError, run };
}
