import { useState } from 'react';
import type { ReactNode } from 'react';
import type { AuditCheck, AuditFile } from '../../../shared/domain/audit';
import { useClockFormat } from '../i18n/formats';
import { useT } from '../i18n/I18nProvider';
import { download } from './download';
import { failureText } from './failureText';
import { DialogClose, useModalDialog } from './ModalDialog';

interface Props {
  readonly audit: AuditCheck | undefined;
  /** Verifies the chain again (the result comes back in the status snapshot). */
  readonly verify: () => Promise<unknown>;
  /** Exports the chain as a file; absent for a caller who may not (only the auditor may). */
  readonly exportAudit?: () => Promise<AuditFile>;
}

/**
 * The audit log's hash chain as last verified: intact or broken, in the strip. A click verifies it
 * again and opens the audit panel: the whole head hash to copy and note outside the console, where
 * the chain breaks, and for the auditor the export of the chain.
 */
export function AuditState({ audit, verify, exportAudit }: Props): ReactNode {
  const t = useT();
  const clock = useClockFormat();
  const [busy, setBusy] = useState(false);
  const [open, setOpen] = useState(false);
  const state = audit === undefined ? 'unknown' : audit.ok ? 'intact' : 'broken';
  const run = (): void => {
    setBusy(true);
    setOpen(true);
    verify()
      .catch(() => undefined) // a failed call changes nothing shown; the strip shows the link state
      .finally(() => setBusy(false));
  };
  return (
    <>
      <button
        type="button"
        className={`state audit-${state} value-button`}
        data-testid="audit-state"
        data-state={state}
        data-events={audit?.ok ? audit.events : ''}
        data-bad-seq={audit && !audit.ok ? audit.badSeq : ''}
        title={t('audit.verifyHint')}
        disabled={busy}
        onClick={run}
        {...(state === 'broken' ? { role: 'alert' } : {})}
      >
        {t(`audit.${state}`)}
      </button>
      {open && (
        <AuditDialog
          audit={audit}
          at={audit ? clock.format(audit.checkedMs) : ''}
          exportAudit={exportAudit}
          onClose={() => setOpen(false)}
        />
      )}
    </>
  );
}

function AuditDialog(p: {
  readonly audit: AuditCheck | undefined;
  readonly at: string;
  readonly exportAudit: Props['exportAudit'];
  readonly onClose: () => void;
}): ReactNode {
  const t = useT();
  const ref = useModalDialog(true);
  const [exported, setExported] = useState<AuditFile | undefined>();
  const [error, setError] = useState<string | undefined>();
  const { audit, exportAudit } = p;
  const save = (): void => {
    exportAudit?.().then(
      (file) => {
        download(file.fileName, file.text, 'application/x-ndjson;charset=utf-8');
        setExported(file);
      },
      (err: unknown) => setError(failureText(t, String(err))),
    );
  };
  return (
    <dialog ref={ref} className="audit-dialog" data-testid="audit-dialog" onClose={p.onClose}>
      <h2>{t('audit.title')}</h2>
      {audit === undefined && <p>{t('audit.unknown')}</p>}
      {audit?.ok === true && (
        <>
          <p data-testid="audit-result">
            {t('audit.intactText', { events: audit.events, at: p.at })}
          </p>
          <label className="audit-head">
            {t('audit.head')}
            <input
              readOnly
              data-testid="audit-head"
              value={audit.headHash}
              onFocus={(e) => e.currentTarget.select()}
            />
          </label>
        </>
      )}
      {audit?.ok === false && (
        <p className="bad-text" role="alert" data-testid="audit-result">
          {t(`audit.fault.${audit.fault}`, { seq: audit.badSeq, at: p.at })}
        </p>
      )}
      {exportAudit && (
        <p>
          <button
            type="button"
            className="primary-button"
            data-testid="audit-export"
            onClick={save}
          >
            {t('audit.export')}
          </button>
        </p>
      )}
      {exported && (
        <p data-testid="audit-exported">
          {t('audit.exported', { events: exported.events, file: exported.fileName })}
        </p>
      )}
      {error && (
        <p className="form-error" role="alert" data-testid="audit-error">
          {error}
        </p>
      )}
      <p className="about-note">{t('audit.offline')}</p>
      <DialogClose dialog={ref} testId="audit-close" />
    </dialog>
  );
}
