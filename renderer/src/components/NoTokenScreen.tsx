import type { ReactNode } from 'react';
import { SCREEN_ROLES } from '../../../shared/domain/wall';
import { useT } from '../i18n/I18nProvider';
import { roleUrl } from '../wall/role';
import { screenRoleKey } from '../wall/wallText';
import { LangToggle } from './LangToggle';

export function NoTokenScreen(): ReactNode {
  const t = useT();
  return (
    <main className="notice-screen" data-testid="no-token">
      <div className="notice-card" role="alert">
        <div className="notice-head">
          <h1>{t('noToken.title')}</h1>
          <LangToggle />
        </div>
        <p>{t('noToken.body')}</p>
        <p className="notice-hint">{t('noToken.hint')}</p>
      </div>
    </main>
  );
}

/** `?role=` names no screen: say so, and list the screens there are. */
export function UnknownRoleScreen({ value }: { readonly value: string }): ReactNode {
  const t = useT();
  return (
    <main className="notice-screen" data-testid="unknown-role" data-role={value}>
      <div className="notice-card" role="alert">
        <div className="notice-head">
          <h1>{t('unknownRole.title', { role: value })}</h1>
          <LangToggle />
        </div>
        <p>{t('unknownRole.body')}</p>
        <ul className="role-list">
          {SCREEN_ROLES.map((r) => (
            <li key={r}>
              <a href={roleUrl(window.location.origin, r)} data-testid="role-link" data-role={r}>
                <code>{r}</code> {t(screenRoleKey(r))}
              </a>
            </li>
          ))}
        </ul>
      </div>
    </main>
  );
}
