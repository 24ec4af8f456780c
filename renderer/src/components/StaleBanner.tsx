import type { ReactNode } from 'react';
import { useDateTimeFormat } from '../i18n/formats';
import { useT } from '../i18n/I18nProvider';
import { NO_DATA_MS, type Staleness } from '../state/staleness';

/**
 * Full width over the map on every screen: the picture is not current, why, and the time it is as
 * of. Never dismissable: it goes when the cause does.
 */
export function StaleBanner({ stale }: { readonly stale: Staleness }): ReactNode {
  const t = useT();
  const dateTime = useDateTimeFormat();
  const error = stale.lastError ? t('stale.lastError', { message: stale.lastError }) : '';
  const text =
    stale.reason === 'broker-down'
      ? t('stale.broker-down', { url: stale.brokerUrl ?? '', error })
      : stale.reason === 'no-data'
        ? t('stale.no-data', { seconds: NO_DATA_MS / 1000 })
        : t(`stale.${stale.reason}`);
  return (
    <div
      className="stale-banner"
      role="alert"
      data-testid="stale-banner"
      data-reason={stale.reason}
    >
      <span className="stale-text">{text}</span>
      <strong className="stale-asof" data-testid="stale-asof">
        {t('stale.dataAsOf', {
          time: stale.dataMs === undefined ? t('stale.noDataYet') : dateTime.format(stale.dataMs),
        })}
      </strong>
    </div>
  );
}
