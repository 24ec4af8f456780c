import type { Translate } from './messages';

/** Whole hours, minutes and seconds of a duration, rounded to the second, and whether it is past. */
function parts(seconds: number): { over: boolean; h: number; m: number; s: number } {
  const total = Math.round(Math.abs(seconds));
  return {
    over: seconds < 0 && total > 0,
    h: Math.floor(total / 3600),
    m: Math.floor((total % 3600) / 60),
    s: total % 60,
  };
}

/**
 * A duration as a duration ("4分21秒" / "4 min 21 s", "1小时17分" / "1 h 17 min"), never in a
 * clock's shape ("04:21" reads as a time of day). Negative: that long overdue.
 */
export function durationText(t: Translate, seconds: number): string {
  const { over, h, m, s } = parts(seconds);
  const d =
    h > 0
      ? m > 0
        ? t('duration.hm', { h, m })
        : t('duration.h', { h })
      : m > 0
        ? t('duration.ms', { m, s })
        : t('duration.s', { s });
  return over ? t('duration.over', { d }) : d;
}

/**
 * The same, compact and language-free, for labels drawn on the map ("4′21″", "1h17′"): minutes
 * and seconds marks read as a duration, never as a time of day.
 */
export function compactDuration(seconds: number): string {
  const { over, h, m, s } = parts(seconds);
  const d =
    h > 0
      ? m > 0
        ? `${h}h${m}′`
        : `${h}h`
      : m > 0
        ? `${m}′${String(s).padStart(2, '0')}″`
        : `${s}″`;
  return over ? `-${d}` : d;
}
