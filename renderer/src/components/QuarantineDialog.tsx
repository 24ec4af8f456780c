import { useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import type { ConsoleApi } from '../../../shared/contract/ConsoleApi';
import type { QuarantinedMessage } from '../../../shared/domain/status';
import { useDateTimeFormat } from '../i18n/formats';
import { useT } from '../i18n/I18nProvider';
import { rejectKey } from '../i18n/messages';
import { failureText } from './failureText';
import { DialogClose, useModalDialog } from './ModalDialog';

interface Props {
  readonly api: ConsoleApi;
  readonly open: boolean;
  readonly onClose: () => void;
}

/** The first bytes as an integrator reads them: printable ASCII, anything else as '·'. */
export function printable(hex: string): string {
  let out = '';
  for (let i = 0; i + 1 < hex.length; i += 2) {
    const b = parseInt(hex.slice(i, i + 2), 16);
    out += b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '·';
  }
  return out;
}

/** 隔离区: the last refused device messages, newest first (reason, topic, first bytes, time). */
export function QuarantineDialog({ api, open, onClose }: Props): ReactNode {
  const t = useT();
  const dateTime = useDateTimeFormat();
  const ref = useModalDialog(open);
  const [rows, setRows] = useState<readonly QuarantinedMessage[] | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [loads, setLoads] = useState(0);

  useEffect(() => {
    if (!open) return;
    let live = true;
    setError(undefined);
    api.listQuarantine().then(
      (list) => live && setRows(list),
      (err: unknown) => live && setError(failureText(t, String(err))),
    );
    return () => {
      live = false;
    };
  }, [api, open, loads, t]);

  return (
    <dialog
      ref={ref}
      className="quarantine-dialog"
      data-testid="quarantine-dialog"
      onClose={onClose}
    >
      <h2>{t('quarantine.title')}</h2>
      <p className="about-note">{t('quarantine.intro')}</p>
      {error && (
        <p className="form-error" role="alert" data-testid="quarantine-error">
          {error}
        </p>
      )}
      {rows?.length === 0 && <p data-testid="quarantine-empty">{t('quarantine.empty')}</p>}
      {rows && rows.length > 0 && (
        <div className="quarantine-scroll">
          <table className="quarantine-table">
            <thead>
              <tr>
                <th scope="col">{t('quarantine.time')}</th>
                <th scope="col">{t('quarantine.reason')}</th>
                <th scope="col">{t('quarantine.topic')}</th>
                <th scope="col">{t('quarantine.detail')}</th>
                <th scope="col">{t('quarantine.bytes')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((q, i) => (
                <tr
                  key={`${q.receivedMs}-${i}`}
                  data-testid="quarantine-row"
                  data-reason={q.reason}
                >
                  <td>{dateTime.format(q.receivedMs)}</td>
                  <td>{t(rejectKey(q.reason))}</td>
                  <td className="mono">{q.topic}</td>
                  <td className="mono">{q.detail}</td>
                  <td className="mono" title={q.previewHex}>
                    {printable(q.previewHex)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className="dialog-actions">
        <button
          type="button"
          data-testid="quarantine-refresh"
          onClick={() => setLoads((n) => n + 1)}
        >
          {t('quarantine.refresh')}
        </button>
        <DialogClose dialog={ref} testId="quarantine-close" />
      </div>
    </dialog>
  );
}
