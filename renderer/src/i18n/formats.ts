import { useMemo } from 'react';
import { useLang } from './I18nProvider';

/** 24-hour hh:mm:ss in the UI language: command-room logs and clocks never use AM/PM. */
export function useClockFormat(): Intl.DateTimeFormat {
  const { lang } = useLang();
  return useMemo(
    () =>
      new Intl.DateTimeFormat(lang, {
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
        hour12: false,
      }),
    [lang],
  );
}
