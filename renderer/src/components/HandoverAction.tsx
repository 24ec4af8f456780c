import { useState } from 'react';
import type { ReactNode } from 'react';
import { useT } from '../i18n/I18nProvider';

interface Props {
  readonly busy: boolean;
  /** Called with the successor's name and the reason, both trimmed. */
  readonly onConfirm: (successor: string, reason: string) => void;
}

/** 移交指挥: the commander names the successor and says why (a shift change, usually). */
export function HandoverAction(p: Props): ReactNode {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [to, setTo] = useState('');
  const [reason, setReason] = useState('');
  if (!open) {
    return (
      <button
        type="button"
        className="tool-button"
        data-testid="handover"
        disabled={p.busy}
        onClick={() => setOpen(true)}
      >
        {t('handover.open')}
      </button>
    );
  }
  return (
    <>
      <input
        data-testid="handover-to"
        placeholder={t('handover.to')}
        aria-label={t('handover.to')}
        maxLength={64}
        value={to}
        onChange={(e) => setTo(e.target.value)}
      />
      <input
        data-testid="handover-reason"
        placeholder={t('handover.reason')}
        aria-label={t('handover.reason')}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
      />
      <button
        type="button"
        className="danger-button"
        data-testid="handover-confirm"
        disabled={p.busy || to.trim() === '' || reason.trim() === ''}
        onClick={() => p.onConfirm(to.trim(), reason.trim())}
      >
        {t('handover.confirm')}
      </button>
      <button
        type="button"
        className="link-button"
        data-testid="handover-cancel"
        onClick={() => setOpen(false)}
      >
        {t('handover.cancel')}
      </button>
    </>
  );
}
