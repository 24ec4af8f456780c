import { useState } from 'react';
import type { ReactNode } from 'react';
import { useT } from '../i18n/I18nProvider';

interface Props {
  /** `<testId>` opens, `<testId>-confirm` acts, `<testId>-back` steps back. */
  readonly testId: string;
  readonly label: string;
  /** What will happen, naming what it happens to. */
  readonly question: string;
  readonly confirmLabel: string;
  readonly busy: boolean;
  readonly onConfirm: () => void;
}

/** A button that says what it is about to do and waits for a second, deliberate click. */
export function ConfirmAction(p: Props): ReactNode {
  const t = useT();
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <button
        type="button"
        className="primary-button"
        data-testid={p.testId}
        disabled={p.busy}
        onClick={() => setAsking(true)}
      >
        {p.label}
      </button>
    );
  }
  return (
    <span className="confirm-action" role="group">
      <span className="confirm-question" data-testid={`${p.testId}-question`}>
        {p.question}
      </span>
      <button
        type="button"
        className="primary-button"
        data-testid={`${p.testId}-confirm`}
        disabled={p.busy}
        onClick={() => {
          setAsking(false);
          p.onConfirm();
        }}
      >
        {p.confirmLabel}
      </button>
      <button
        type="button"
        className="tool-button"
        data-testid={`${p.testId}-back`}
        onClick={() => setAsking(false)}
      >
        {t('confirm.back')}
      </button>
    </span>
  );
}
