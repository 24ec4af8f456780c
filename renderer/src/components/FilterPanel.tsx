import type { Dispatch, ReactNode } from 'react';
import type { Station } from '../../../shared/domain/region';
import { UNIT_STATUSES } from '../../../shared/domain/support';
import { MODULES, UNIT_KINDS } from '../../../shared/domain/units';
import { useLang, useT } from '../i18n/I18nProvider';
import { kindKey, moduleKey, unitStatusKey } from '../i18n/messages';
import type { MapFilterAction, MapFilters } from '../state/mapFilters';

interface Props {
  readonly filters: MapFilters;
  readonly dispatch: Dispatch<MapFilterAction>;
  readonly stations: readonly Station[];
  readonly visibleCount: number;
  readonly trailMinutes: number;
  readonly onTrailMinutes: (minutes: number) => void;
}

export const TRAIL_MINUTE_OPTIONS = [0, 5, 10, 30] as const;

/** Which units the map draws: kinds and statuses ticked = shown; modules ticked = must carry one. */
export function FilterPanel({
  filters,
  dispatch,
  stations,
  visibleCount,
  trailMinutes,
  onTrailMinutes,
}: Props): ReactNode {
  const t = useT();
  const { lang } = useLang();
  return (
    <section className="map-filters" data-testid="map-filters" aria-label={t('tools.filters')}>
      <div className="map-filters-count" data-testid="visible-count" data-count={visibleCount}>
        {t('tools.visible', { n: visibleCount })}
      </div>
      <fieldset>
        <legend>{t('tools.filterKind')}</legend>
        {UNIT_KINDS.map((kind) => (
          <label key={kind}>
            <input
              type="checkbox"
              data-testid={`filter-kind-${kind}`}
              checked={!filters.hiddenKinds.has(kind)}
              onChange={() => dispatch({ type: 'toggle-kind', kind })}
            />
            {t(kindKey(kind))}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t('tools.filterStatus')}</legend>
        {UNIT_STATUSES.map((status) => (
          <label key={status}>
            <input
              type="checkbox"
              data-testid={`filter-status-${status}`}
              checked={!filters.hiddenStatuses.has(status)}
              onChange={() => dispatch({ type: 'toggle-status', status })}
            />
            {t(unitStatusKey(status))}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t('tools.filterModule')}</legend>
        {MODULES.map((module) => (
          <label key={module}>
            <input
              type="checkbox"
              data-testid={`filter-module-${module}`}
              checked={filters.modules.has(module)}
              onChange={() => dispatch({ type: 'toggle-module', module })}
            />
            {t(moduleKey(module))}
          </label>
        ))}
      </fieldset>
      <label className="map-filters-row">
        {t('tools.filterJurisdiction')}
        <select
          data-testid="filter-jurisdiction"
          value={filters.jurisdiction ?? ''}
          onChange={(e) =>
            dispatch({ type: 'set-jurisdiction', stationId: e.target.value || undefined })
          }
        >
          <option value="">{t('tools.allJurisdictions')}</option>
          {stations.map((st) => (
            <option key={st.id} value={st.id}>
              {lang === 'en' ? st.nameEn : st.name}
            </option>
          ))}
        </select>
      </label>
      <label className="map-filters-row">
        {t('tools.trails')}
        <select
          data-testid="trail-minutes"
          value={trailMinutes}
          onChange={(e) => onTrailMinutes(Number(e.target.value))}
        >
          {TRAIL_MINUTE_OPTIONS.map((n) => (
            <option key={n} value={n}>
              {n === 0 ? t('tools.trailsOff') : t('tools.trailsMinutes', { n })}
            </option>
          ))}
        </select>
      </label>
      <button
        type="button"
        className="tool-button"
        data-testid="filter-reset"
        onClick={() => dispatch({ type: 'reset' })}
      >
        {t('tools.filterReset')}
      </button>
    </section>
  );
}
