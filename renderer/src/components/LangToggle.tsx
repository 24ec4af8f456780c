import type { ReactNode } from 'react';
import { useLang, useT } from '../i18n/I18nProvider';

export function LangToggle(): ReactNode {
  const t = useT();
  const { lang, toggleLang } = useLang();
  return (
    <button
      type="button"
      className="lang-toggle"
      data-testid="lang-toggle"
      data-lang={lang}
      title={t('lang.toggleTitle')}
      onClick={toggleLang}
    >
      <span className={lang === 'zh-CN' ? 'lang-option active' : 'lang-option'} lang="zh-CN">
        {t('lang.zh')}
      </span>
      <span className={lang === 'en' ? 'lang-option active' : 'lang-option'} lang="en">
        {t('lang.en')}
      </span>
    </button>
  );
}
