import { useState } from 'react';
import type { ReactNode } from 'react';
import type { ConsoleApi } from '../../../shared/contract/ConsoleApi';
import { useT } from '../i18n/I18nProvider';
import { roleKey } from '../i18n/messages';
import { AdminDialog } from './AdminDialog';
import { useCaller } from './CallerContext';

/** The strip's "who is on this screen": the operator and role, log-out, and the admin's tools. */
export function WhoAmI({ api }: { readonly api: ConsoleApi }): ReactNode {
  const t = useT();
  const { caller, logout } = useCaller();
  const [adminOpen, setAdminOpen] = useState(false);
  if (caller.kind === 'wall') {
    return (
      <span className="whoami" data-testid="whoami" data-kind="wall">
        {t('whoami.wall')}
      </span>
    );
  }
  if (caller.kind !== 'operator') return null;
  return (
    <span className="whoami" data-testid="whoami" data-kind="operator" data-role={caller.role}>
      <span className="whoami-who">
        <span className="whoami-role">{t(roleKey(caller.role))}</span>
        <span className="whoami-name" data-testid="whoami-name">
          {caller.name}
        </span>
      </span>
      {caller.role === 'admin' && (
        <button
          type="button"
          className="tool-button"
          data-testid="admin-button"
          onClick={() => setAdminOpen(true)}
        >
          {t('admin.button')}
        </button>
      )}
      <button type="button" className="tool-button" data-testid="logout-button" onClick={logout}>
        {t('whoami.logout')}
      </button>
      {caller.role === 'admin' && (
        <AdminDialog api={api} open={adminOpen} onClose={() => setAdminOpen(false)} />
      )}
    </span>
  );
}
