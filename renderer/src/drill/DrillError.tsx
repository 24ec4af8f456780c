import type { ReactNode } from 'react';
import { failureText } from '../components/failureText';
import { useT } from '../i18n/I18nProvider';

/** A drill control action that failed, with the core's reason. */
export function DrillError({ message }: { readonly message: string | undefined }): ReactNode {
  const t = useT();
  if (message === undefined) return null;
  return (
    <div className="drill-error" role="alert" data-testid="drill-error">
      {t('drill.failed', { message: failureText(t, message) })}
    </div>
  );
}
