import type { ReactNode } from 'react';
import type { ConsoleApi } from '../../../shared/contract/ConsoleApi';
import { DialogClose, useModalDialog } from '../components/ModalDialog';
import { useT } from '../i18n/I18nProvider';
import { OperatorsSection } from './OperatorsSection';
import { WallTokensSection } from './WallTokensSection';

interface Props {
  readonly api: ConsoleApi;
  readonly open: boolean;
  readonly onClose: () => void;
}

/** 管理: who may log in, and the wall screens' read-only tokens. Only an admin sees it. */
export function AdminDialog({ api, open, onClose }: Props): ReactNode {
  const t = useT();
  const ref = useModalDialog(open);
  return (
    <dialog ref={ref} className="admin-dialog" data-testid="admin-dialog" onClose={onClose}>
      <h2>{t('admin.title')}</h2>
      {open && (
        <>
          <OperatorsSection api={api} />
          <WallTokensSection api={api} />
        </>
      )}
      <DialogClose dialog={ref} testId="admin-close" />
    </dialog>
  );
}
