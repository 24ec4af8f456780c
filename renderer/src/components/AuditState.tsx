import { useState } from 'react';
import type { ReactNode } from 'react';
import type { AuditCheck } from '../../../shared/domain/audit';
import { useClockFormat } from '../i18n/formats';
import { useT } from '../i18n/I18nProvider';

interface Props {
  readonly audit: AuditCheck | undefined;
  /** Verifies the chain again (the result comes back in the status snapshot). */
  readonly verify: () => Promise<unknown>;
}

/**
 * The support audit log's hash chain as last verified: intact (with its head, to note outside the
 * console) or where it breaks. A click verifies it again.
 */
export function AuditState({ audit, verify }: Props): ReactNode {
  const t = useT();
  const clock = useClockFormat();
  const [busy, setBusy] = useState(false);
  const state = audit === undefined ? 'unknown' : audit.ok ? 'intact' : 'broken';
  const title =
    audit === undefined
      ? t('audit.unknown')
      : audit.ok
        ? t('audit.intactTitle', {
            events: audit.events,
            head: audit.headHash.slice(0, 16),
            at: clock.format(audit.checkedMs),
          })
        : t(`audit.fault.${audit.fault}`, { seq: audit.badSeq, at: clock.format(audit.checkedMs) });
  const run = (): void => {
    setBusy(true);
    verify()
      .catch(() => undefined) // a failed call changes nothing shown; the strip shows the link state
      .finally(() => setBusy(false));
  };
  return (
    <button
      type="button"
      className={`state audit-${state} value-button`}
      data-testid="audit-state"
      data-state={state}
      data-events={audit?.ok ? audit.events : ''}
      data-bad-seq={audit && !audit.ok ? audit.badSeq : ''}
      title={`${title}\n${t('audit.verifyHint')}`}
      disabled={busy}
      onClick={run}
      {...(state === 'broken' ? { role: 'alert' } : {})}
    >
      {t(`audit.${state}`)}
    </button>
  );
}
