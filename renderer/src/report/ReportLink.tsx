import type { ReactNode } from 'react';
import { SESSION_PARAM } from '../../../shared/contract/wsProtocol';
import { useCaller } from '../access/CallerContext';
import { useT } from '../i18n/I18nProvider';

/** The report page of a session (live when `sessionId` is undefined). */
export function reportUrl(href: string, sessionId: string | undefined): string {
  const url = new URL(href);
  url.search = '';
  if (sessionId !== undefined) url.searchParams.set(SESSION_PARAM, sessionId);
  url.searchParams.set('view', 'report');
  return url.toString();
}

/** 复盘报告: opens the session's after-action report (operators only; a wall shows its screen). */
export function ReportLink({ sessionId }: { readonly sessionId: string | undefined }): ReactNode {
  const t = useT();
  const { caller } = useCaller();
  if (caller.kind !== 'operator') return null;
  return (
    <a
      className="tool-button report-link"
      data-testid="report-link"
      href={reportUrl(window.location.href, sessionId)}
    >
      {t('report.open')}
    </a>
  );
}
