import { useState } from 'react';
import type { ReactNode } from 'react';

interface Props {
  /**
   * Test ids: `<testId>-support` opens (or `openTestId`), `<testId>-reason` is the field,
   * `<testId>-confirm` acts.
   */
  readonly testId: 'reject' | 'cancel' | 'close-incident' | 'emergency';
  readonly openTestId?: string;
  readonly label: string;
  readonly placeholder: string;
  readonly confirmLabel: string;
  readonly busy: boolean;
  /** Called with the trimmed reason; a decision that ends a request always carries one. */
  readonly onConfirm: (reason: string) => void;
}

/** A button that asks for a reason before it acts (reject, cancel, close an incident). */
export function ReasonAction(p: Props): ReactNode {
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  if (!asking) {
    return (
      <button
        type="button"
        className="tool-button"
        data-testid={p.openTestId ?? `${p.testId}-support`}
        disabled={p.busy}
        onClick={() => setAsking(true)}
      >
        {p.label}
      </button>
    );
  }
  return (
    <>
      <input
        data-testid={`${p.testId}-reason`}
        placeholder={p.placeholder}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
      />
      <button
        type="button"
        className="danger-button"
        data-testid={`${p.testId}-confirm`}
        disabled={p.busy || reason.trim() === ''}
        onClick={() => p.onConfirm(reason.trim())}
      >
        {p.confirmLabel}
      </button>
    </>
  );
}
