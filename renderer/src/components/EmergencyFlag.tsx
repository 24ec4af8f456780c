import type { ReactNode } from 'react';
import { mayCall } from '../../../shared/contract/access';
import type { SupportRequest } from '../../../shared/domain/support';
import { useCaller } from '../access/CallerContext';
import { useT } from '../i18n/I18nProvider';
import { failureText } from './failureText';
import { useReadOnly } from './readOnly';
import { usePendingAction } from './usePendingAction';

interface Props {
  readonly request: SupportRequest;
  /** A supervisor's approval after the fact; absent where nobody may give it (a wall). */
  readonly confirm?: (requestId: string) => Promise<unknown>;
}

/**
 * 紧急授权: a dispatch made without the countersign its grade needs stays flagged, with who sent it
 * and why, until a supervisor approves it; a supervisor's screen offers that approval here.
 */
export function EmergencyFlag({ request, confirm }: Props): ReactNode {
  const t = useT();
  const { caller } = useCaller();
  const readOnly = useReadOnly();
  const { busy, error, run } = usePendingAction();
  const e = request.emergency;
  if (!e) return null;
  if (e.confirmedBy !== undefined) {
    return (
      <div
        className="emergency-flag confirmed small"
        data-testid="emergency-flag"
        data-confirmed="true"
      >
        {t('emergency.flagConfirmed', { name: e.confirmedBy })}
      </div>
    );
  }
  const may = confirm !== undefined && !readOnly && mayCall(caller, 'confirmEmergency', 'live');
  return (
    <div
      className="emergency-flag"
      role="status"
      data-testid="emergency-flag"
      data-confirmed="false"
    >
      <strong>{t('emergency.flag')}</strong>
      <span className="small">
        {e.by}
        {t('list.sep')}
        {e.reason}
      </span>
      {may && (
        <button
          type="button"
          className="primary-button"
          data-testid="emergency-approve"
          disabled={busy}
          onClick={() => run(() => confirm(request.id))}
        >
          {t('emergency.approve')}
        </button>
      )}
      {error && (
        <span className="panel-error" role="alert" data-testid="emergency-error">
          {failureText(t, error)}
        </span>
      )}
    </div>
  );
}
