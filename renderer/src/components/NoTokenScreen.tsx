import type { ReactNode } from 'react';
import { useT } from '../i18n/I18nProvider';
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
