import { useEffect, useMemo, useReducer, useRef, useState, useSyncExternalStore } from 'react';
import type { ReactNode } from 'react';
import type { ConsoleApi } from '../../../shared/contract/ConsoleApi';
import type { LonLat, RegionSnapshot } from '../../../shared/domain/region';
import type { UnitSnapshot } from '../../../shared/domain/units';
import { useT } from '../i18n/I18nProvider';
import { mapProbe } from '../map/debug';
import { mapHandle } from '../map/mapHandle';
import { formatDistance, pathLengthM } from '../map/measure';
import type { MapToolsData } from '../map/unitLayers';
import {
  NO_FILTERS,
  countVisible,
  isFiltering,
  reduceMapFilters,
  rosterFacts,
  visibilityMask,
} from '../state/mapFilters';
import { shortcutFor, type ShortcutAction } from '../state/shortcuts';
import { createTrails, recordFrame, trailPaths, type TrailPaths } from '../state/trails';
import { EMPTY_UNIT_STATUSES, type UnitStatusState } from '../state/unitStatusStore';
import type { UnitsStore } from '../state/unitsStore';
import { FilterPanel } from './FilterPanel';
import { HelpOverlay } from './HelpOverlay';
import { SearchBox } from './SearchBox';
import { sessionNow } from '../state/sessionClock';

interface Input {
  readonly api: ConsoleApi;
  readonly units: UnitsStore;
  /** The last getUnits() answer: modules, home station and drone altitude per unit. */
  readonly roster: readonly UnitSnapshot[];
  readonly statuses: UnitStatusState | undefined;
  readonly region: RegionSnapshot | undefined;
  /** The unit selected on the map, if any: follow prefers it over the last searched unit. */
  readonly selectedUnitId?: string;
  /** The support desk's entry to incident creation (the N shortcut). */
  readonly onNewIncident: () => void;
  /** A unit picked from the search: its card opens, as when clicked on the map. */
  readonly onChooseUnit?: (unitId: string) => void;
}

/** Trails hold 30 minutes (the longest choice) at one sample per 15 s: 121 samples a unit. */
const TRAIL_BUFFER = { windowMs: 30 * 60_000, minStepMs: 15_000 } as const;
/** Trails are redrawn on this period, not per frame: they change slowly and cost a repack. */
const TRAIL_REDRAW_MS = 2000;
/** Searching a unit zooms in at least this far, so the unit stands apart from its neighbours. */
const SEARCH_MIN_ZOOM = 13;

export interface MapTools {
  readonly map: MapToolsData;
  readonly panel: ReactNode;
}

/** Search, filters, trails, follow, measure and shortcuts around the map. */
export function useMapTools({
  api,
  units,
  roster,
  statuses,
  region,
  selectedUnitId,
  onNewIncident,
  onChooseUnit,
}: Input): MapTools {
  const t = useT();
  const [filters, dispatch] = useReducer(reduceMapFilters, NO_FILTERS);
  const [filtersOpen, setFiltersOpen] = useState(false);
  const [helpOpen, setHelpOpen] = useState(false);
  const [measuring, setMeasuring] = useState(false);
  const [measure, setMeasure] = useState<readonly LonLat[]>([]);
  const [following, setFollowing] = useState(false);
  const [searchedId, setSearchedId] = useState<string>();
  const [trailMinutes, setTrailMinutes] = useState(10);
  const [trails, setTrails] = useState<TrailPaths>();
  const searchRef = useRef<HTMLInputElement>(null);

  // Roster ids and callsigns keep their identity between frames: these re-render per roster only.
  const ids = useSyncExternalStore(units.subscribe, () => units.getSnapshot().ids);
  const callsigns = useSyncExternalStore(units.subscribe, () => units.getSnapshot().callsigns);
  const facts = useMemo(() => rosterFacts(roster), [roster]);

  const maskVersion = useRef(0);
  const mask = useMemo(() => {
    maskVersion.current++;
    if (!isFiltering(filters)) return undefined;
    // Read per roster (ids is a dependency): the mask does not depend on positions.
    return visibilityMask(units.getSnapshot(), facts, statuses ?? EMPTY_UNIT_STATUSES, filters);
  }, [units, ids, facts, statuses, filters]);
  const visibleCount = useSyncExternalStore(units.subscribe, () =>
    countVisible(mask, units.getSnapshot().hasFix),
  );
  useEffect(() => {
    mapProbe.visibleUnitCount = () => countVisible(mask, units.getSnapshot().hasFix);
    return () => {
      mapProbe.visibleUnitCount = undefined;
    };
  }, [units, mask]);

  // Trails: a ring per roster, fed by every frame, repacked for drawing on a slow period.
  const buffer = useMemo(() => createTrails(ids.length, TRAIL_BUFFER), [ids]);
  const lastFrameMs = useRef(0);
  useEffect(
    () =>
      api.on('unitsFrame', (f) => {
        lastFrameMs.current = Math.max(lastFrameMs.current, f.tsMs);
        recordFrame(buffer, f);
      }),
    [api, buffer],
  );
  useEffect(() => {
    if (trailMinutes === 0) {
      setTrails(undefined);
      return;
    }
    const redraw = (): void => {
      const s = units.getSnapshot();
      if (s.count !== buffer.count) return;
      setTrails(
        trailPaths(buffer, {
          nowMs: lastFrameMs.current || sessionNow(),
          windowMs: trailMinutes * 60_000,
          mask,
          colors: s.fillColors,
          head: s,
        }),
      );
    };
    redraw();
    const timer = setInterval(redraw, TRAIL_REDRAW_MS);
    return () => clearInterval(timer);
  }, [units, buffer, mask, trailMinutes]);

  // Follow: keep the target centred as its position changes.
  const followId = selectedUnitId ?? searchedId;
  useEffect(() => {
    if (!following || followId === undefined) return;
    let last: LonLat | undefined;
    const recentre = (): void => {
      const s = units.getSnapshot();
      const i = s.ids.indexOf(followId);
      if (i < 0 || s.hasFix[i] !== 1) return;
      const p: LonLat = [s.positions[2 * i] ?? 0, s.positions[2 * i + 1] ?? 0];
      if (last && last[0] === p[0] && last[1] === p[1]) return;
      last = p;
      mapHandle.centerOn(p);
    };
    recentre();
    return units.subscribe(recentre);
  }, [units, following, followId]);

  // Measure: every map click adds a point while the tool is on.
  useEffect(() => {
    if (!measuring) return;
    const off = mapHandle.onClick((p) => setMeasure((m) => [...m, p]));
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') setMeasuring(false);
    };
    window.addEventListener('keydown', onKey);
    return () => {
      off();
      window.removeEventListener('keydown', onKey);
      setMeasure([]);
    };
  }, [measuring]);

  const chooseUnit = (i: number): void => {
    const s = units.getSnapshot();
    const id = s.ids[i];
    if (id === undefined) return;
    setSearchedId(id);
    onChooseUnit?.(id);
    if (s.hasFix[i] === 1) {
      mapHandle.centerOn([s.positions[2 * i] ?? 0, s.positions[2 * i + 1] ?? 0], SEARCH_MIN_ZOOM);
    }
  };

  const actions: Record<ShortcutAction, () => void> = {
    'focus-search': () => searchRef.current?.focus(),
    'toggle-filters': () => setFiltersOpen((o) => !o),
    'toggle-measure': () => setMeasuring((m) => !m),
    'new-incident': onNewIncident,
    'toggle-follow': () => setFollowing((f) => !f),
    'toggle-help': () => setHelpOpen((h) => !h),
  };
  const actionsRef = useRef(actions);
  actionsRef.current = actions;
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') setHelpOpen(false);
      const action = shortcutFor(e);
      if (!action) return;
      e.preventDefault(); // '/' would otherwise land in the search box it focuses
      actionsRef.current[action]();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const distance = formatDistance(pathLengthM(measure));
  const followIndex = followId === undefined ? -1 : ids.indexOf(followId);
  const panel = (
    <div className="map-tools">
      <div className="map-tools-bar">
        <SearchBox callsigns={callsigns} inputRef={searchRef} onChoose={chooseUnit} />
        <button
          type="button"
          className={`tool-button${filtersOpen || isFiltering(filters) ? ' active' : ''}`}
          data-testid="filters-toggle"
          aria-pressed={filtersOpen}
          onClick={() => setFiltersOpen((o) => !o)}
        >
          {t('tools.filters')}
        </button>
        <button
          type="button"
          className={`tool-button${following ? ' active' : ''}`}
          data-testid="follow-unit"
          aria-pressed={following}
          disabled={followId === undefined}
          title={followId === undefined ? t('tools.followNone') : undefined}
          onClick={() => setFollowing((f) => !f)}
        >
          {following && followIndex >= 0
            ? t('tools.following', { callsign: callsigns[followIndex] ?? '' })
            : t('tools.follow')}
        </button>
        <button
          type="button"
          className={`tool-button${measuring ? ' active' : ''}`}
          data-testid="measure-tool"
          aria-pressed={measuring}
          onClick={() => setMeasuring((m) => !m)}
        >
          {t('tools.measure')}
        </button>
        <button
          type="button"
          className="tool-button"
          data-testid="help-toggle"
          aria-label={t('tools.help')}
          onClick={() => setHelpOpen((h) => !h)}
        >
          ?
        </button>
      </div>
      {measuring && (
        <div
          className="measure-readout"
          data-testid="measure-distance"
          data-distance-m={pathLengthM(measure)}
          data-points={measure.length}
        >
          {measure.length < 2
            ? t('tools.measureHint')
            : t('tools.distance', {
                value: distance.value,
                unit: t(distance.unit === 'm' ? 'tools.unitM' : 'tools.unitKm'),
              })}
        </div>
      )}
      {filtersOpen && (
        <FilterPanel
          filters={filters}
          dispatch={dispatch}
          stations={region?.stations ?? []}
          visibleCount={visibleCount}
          trailMinutes={trailMinutes}
          onTrailMinutes={setTrailMinutes}
        />
      )}
      {helpOpen && <HelpOverlay onClose={() => setHelpOpen(false)} />}
    </div>
  );

  const map = useMemo<MapToolsData>(
    () => ({ mask, maskVersion: maskVersion.current, trails, measure }),
    [mask, trails, measure],
  );
  return { map, panel };
}
