import type { ReactNode } from 'react';
import { UNIT_KINDS, type Liveness } from '../../../shared/domain/units';
import { useT } from '../i18n/I18nProvider';
import { GRADES } from '../../../shared/domain/incidents';
import { kindKey, livenessKey, unitStatusKey } from '../i18n/messages';
import { GRADE_COLORS, ROUTE_APPROVED, ROUTE_PREVIEW, STATUS_COLORS } from '../state/supportColors';
import { STATION_FILL, stationRingColor } from '../map/layers';
import { cssColor, unitColor } from '../state/unitColors';

const LEGEND_STATUSES = ['assigned', 'en-route', 'on-scene', 'off-duty'] as const;

const LEGEND_LIVENESS = [
  'online',
  'stale',
  'offline',
  'unknown',
] as const satisfies readonly Liveness[];

// Swatch colours come from the same functions that colour the map, so the two cannot drift apart.
// (They are set through the style property, i.e. CSSOM, which a strict style-src CSP permits.)
export function Legend(): ReactNode {
  const t = useT();
  return (
    <aside className="legend" data-testid="legend" aria-label={t('legend.title')}>
      <div className="legend-group">
        <div className="legend-heading">{t('legend.kinds')}</div>
        {UNIT_KINDS.map((kind) => (
          <div className="legend-row" key={kind} data-kind={kind}>
            <span
              className="swatch dot"
              style={{ backgroundColor: cssColor(unitColor(kind, 'online')) }}
            />
            {t(kindKey(kind))}
          </div>
        ))}
      </div>
      <div className="legend-group">
        <div className="legend-heading">{t('legend.liveness')}</div>
        {LEGEND_LIVENESS.map((l) => (
          <div className="legend-row" key={l} data-liveness={l}>
            <span
              className="swatch dot"
              style={{ backgroundColor: cssColor(unitColor('officer-pair', l)) }}
            />
            {t(livenessKey(l))}
          </div>
        ))}
      </div>
      <div className="legend-group" data-testid="legend-status">
        <div className="legend-heading">{t('legend.status')}</div>
        {LEGEND_STATUSES.map((st) => {
          const c = STATUS_COLORS[st];
          return (
            <div className="legend-row" key={st} data-status={st}>
              <span
                className="swatch dot"
                style={c ? { backgroundColor: cssColor(c) } : undefined}
              />
              {t(unitStatusKey(st))}
            </div>
          );
        })}
        <div className="legend-row">
          {GRADES.map((g) => (
            <span
              key={g}
              className="swatch dot"
              style={{ backgroundColor: cssColor(GRADE_COLORS[g]) }}
            />
          ))}
          {t('legend.incident')}
        </div>
        <div className="legend-row">
          <span className="swatch line" style={{ backgroundColor: cssColor(ROUTE_PREVIEW) }} />
          <span className="swatch line" style={{ backgroundColor: cssColor(ROUTE_APPROVED) }} />
          {t('legend.route')}
        </div>
      </div>
      <div className="legend-group">
        <div className="legend-row">
          <span
            className="swatch ring"
            style={{
              backgroundColor: cssColor(STATION_FILL),
              borderColor: cssColor(stationRingColor('police-station')),
            }}
          />
          {t('legend.station')}
        </div>
        <div className="legend-row" data-testid="legend-schematic">
          <span className="swatch dashed" />
          {t('legend.jurisdiction')}
        </div>
        <div className="legend-row">
          <span className="swatch dashed county" />
          {t('legend.outline')}
        </div>
        <div className="legend-row">
          <span className="swatch line river" />
          {t('legend.river')}
        </div>
        <div className="legend-row">
          <span className="swatch place" />
          {t('legend.place')}
        </div>
      </div>
    </aside>
  );
}
