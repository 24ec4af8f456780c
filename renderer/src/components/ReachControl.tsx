import { useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import type { LayersList } from '@deck.gl/core';
import type { ConsoleApi } from '../../../shared/contract/ConsoleApi';
import { REACH_BANDS_MIN, type ReachGrid } from '../../../shared/domain/reach';
import { useT } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/messages';
import {
  REACH_BAND_COLORS,
  REACH_MODES,
  reachCells,
  reachLayer,
  type ReachMode,
} from '../map/reachLayers';
import { cssColor } from '../state/unitColors';

/** The core recomputes at most every 10 s; polling faster would only fetch the same grid. */
export const REACH_REFRESH_MS = 10_000;

const MODE_KEYS: Readonly<Record<ReachMode, MessageKey>> = {
  off: 'reach.off',
  stations: 'reach.stations',
  units: 'reach.units',
};

/**
 * The reach grid while the layer is shown: fetched when switched on, refreshed every 10 s, dropped
 * when switched off (a stale picture of who can get where is worse than none).
 */
export function useReachLayer(
  api: ConsoleApi,
  mode: ReachMode,
  onError: (e: unknown) => void,
): { readonly grid: ReachGrid | undefined; readonly layers: LayersList | undefined } {
  const [grid, setGrid] = useState<ReachGrid>();
  const on = mode !== 'off';
  useEffect(() => {
    if (!on) {
      setGrid(undefined);
      return;
    }
    let live = true;
    const load = (): void => {
      api.getReachGrid().then(
        (g) => live && setGrid((prev) => (prev?.computedMs === g.computedMs ? prev : g)),
        (e: unknown) => live && onError(e),
      );
    };
    load();
    const timer = window.setInterval(load, REACH_REFRESH_MS);
    return () => {
      live = false;
      window.clearInterval(timer);
    };
  }, [api, on, onError]);
  // Cells are rebuilt only for a new grid or mode, not on every render of the map.
  const layers = useMemo(
    () => (grid && on ? [reachLayer(grid, mode, reachCells(grid, mode))] : undefined),
    [grid, mode, on],
  );
  return { grid, layers };
}

interface Props {
  readonly mode: ReachMode;
  readonly onMode: (mode: ReachMode) => void;
  readonly grid: ReachGrid | undefined;
}

/** Off / from stations / from available units, and the legend of the minute bands. */
export function ReachControl({ mode, onMode, grid }: Props): ReactNode {
  const t = useT();
  return (
    <div className="reach-control" aria-label={t('reach.title')}>
      <div className="reach-toggle" role="group" data-testid="reach-toggle" data-mode={mode}>
        <span className="reach-title">{t('reach.title')}</span>
        {REACH_MODES.map((m) => (
          <button
            key={m}
            type="button"
            className={m === mode ? 'active' : undefined}
            aria-pressed={m === mode}
            data-option={m}
            onClick={() => onMode(m)}
          >
            {t(MODE_KEYS[m])}
          </button>
        ))}
      </div>
      {mode !== 'off' && (
        <div className="reach-legend" data-testid="reach-legend">
          {REACH_BANDS_MIN.map((min, i) => (
            <span className="legend-row" key={min} data-band={min}>
              <span
                className="swatch"
                style={{ backgroundColor: cssColor(REACH_BAND_COLORS[i] ?? [0, 0, 0, 0]) }}
              />
              {t('reach.band', { min })}
            </span>
          ))}
          <span className="legend-row reach-meta">
            {grid ? t('reach.model', { model: grid.model }) : t('reach.loading')}
          </span>
        </div>
      )}
    </div>
  );
}
