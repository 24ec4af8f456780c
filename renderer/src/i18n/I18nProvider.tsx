import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import {
  DEFAULT_LANG,
  isLang,
  nextLang,
  translate,
  type Lang,
  type MessageKey,
  type MessageParams,
  type Translate,
} from './messages';

const STORAGE_KEY = 'muster.lang';

interface I18nValue {
  readonly lang: Lang;
  readonly t: Translate;
  readonly setLang: (lang: Lang) => void;
  readonly toggleLang: () => void;
}

const I18nContext = createContext<I18nValue | undefined>(undefined);

function readStoredLang(): Lang {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    return isLang(stored) ? stored : DEFAULT_LANG;
  } catch {
    // Storage can be disabled by policy on locked-down wall PCs; fall back to the default.
    return DEFAULT_LANG;
  }
}

export function I18nProvider({ children }: { readonly children: ReactNode }): ReactNode {
  const [lang, setLangState] = useState<Lang>(readStoredLang);

  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = translate(lang, 'app.title');
    try {
      localStorage.setItem(STORAGE_KEY, lang);
    } catch {
      // Not persisting is acceptable; the choice still holds for this page.
    }
  }, [lang]);

  const t = useCallback<Translate>(
    (key: MessageKey, params?: MessageParams) => translate(lang, key, params),
    [lang],
  );
  const toggleLang = useCallback(() => setLangState((l) => nextLang(l)), []);
  const value = useMemo(
    () => ({ lang, t, setLang: setLangState, toggleLang }),
    [lang, t, toggleLang],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useT() used outside <I18nProvider>');
  return value;
}

export const useT = (): Translate => useI18n().t;
export const useLang = (): Pick<I18nValue, 'lang' | 'setLang' | 'toggleLang'> => useI18n();
