import { useMemo } from 'react';
import { useLang } from './I18nProvider';

/** 24-hour hh:mm:ss: command-room logs and clocks never use AM/PM. */
const CLOCK: Intl.DateTimeFormatOptions = {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
};
const DATE_TIME: Intl.DateTimeFormatOptions = {
  ...CLOCK,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
};

function useDateFormat(options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const { lang } = useLang();
  return useMemo(() => new Intl.DateTimeFormat(lang, options), [lang, options]);
}

/** hh:mm:ss in the UI language. */
export function useClockFormat(): Intl.DateTimeFormat {
  return useDateFormat(CLOCK);
}

/** Date and 24-hour time in the UI language, for records that outlive the day (exports). */
export function useDateTimeFormat(): Intl.DateTimeFormat {
  return useDateFormat(DATE_TIME);
}
