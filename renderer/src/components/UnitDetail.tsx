import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import type { ReactNode } from 'react';
import type { ConsoleApi } from '../../../shared/contract/ConsoleApi';
import type { Station } from '../../../shared/domain/region';
import type { RosterUnit, UnitPosition } from '../../../shared/domain/units';
import { useClockFormat } from '../i18n/formats';
import { useLang, useT } from '../i18n/I18nProvider';
import {
  incidentTypeKey,
  kindKey,
  livenessKey,
  moduleKey,
  orderStateKey,
  supportStateKey,
  unitStatusKey,
} from '../i18n/messages';
import type { SelectedTrack } from '../map/selectionLayers';
import {
  sparkline,
  TRACK_WINDOW_MS,
  trackLengthM,
  trackPath,
  unitDetailOf,
} from '../state/selection';
import { durationText } from '../i18n/duration';
import type { UnitsStore } from '../state/unitsStore';
import type { SupportStores } from '../state/useSupportSync';
import { sessionNow } from '../state/sessionClock';

/** The track is reloaded this often while the panel is open. */
const TRACK_REFRESH_MS = 10_000;
const SPARK_W = 150;
const SPARK_H = 28;

/** The selected unit's last 15 minutes, reloaded every 10 s; empty while nothing is selected. */
export function useUnitTrack(
  api: ConsoleApi,
  unitId: string | undefined,
  onError: (e: unknown) => void,
): {
  readonly unitId: string | undefined;
  readonly track: readonly UnitPosition[];
  readonly version: number;
} {
  const [state, setState] = useState<{
    unitId: string | undefined;
    track: readonly UnitPosition[];
    version: number;
  }>({ unitId: undefined, track: [], version: 0 });
  useEffect(() => {
    setState((s) => ({ unitId, track: [], version: s.version + 1 }));
    if (unitId === undefined) return;
    let live = true;
    const load = (): void => {
      const nowMs = sessionNow();
      api.getTrack(unitId, nowMs - TRACK_WINDOW_MS, nowMs).then(
        (track) => live && setState((s) => ({ unitId, track, version: s.version + 1 })),
        (e: unknown) => live && onError(e),
      );
    };
    load();
    const timer = window.setInterval(load, TRACK_REFRESH_MS);
    return () => {
      live = false;
      window.clearInterval(timer);
    };
  }, [api, unitId, onError]);
  return state;
}

/** The map's path of the selected unit: its recorded track, then where it is now. */
export function useSelectedTrack(
  units: UnitsStore,
  t: ReturnType<typeof useUnitTrack>,
): SelectedTrack | undefined {
  // Re-derived per frame only for the selected unit: one index lookup, one short array.
  const live = useSyncExternalStore(units.subscribe, () => {
    const s = units.getSnapshot();
    const i = t.unitId === undefined ? -1 : s.ids.indexOf(t.unitId);
    return i >= 0 && s.hasFix[i] === 1
      ? `${String(s.positions[2 * i])},${String(s.positions[2 * i + 1])},${String(s.sampleTsMs[i])}`
      : '';
  });
  return useMemo(() => {
    if (t.unitId === undefined) return undefined;
    const [lon, lat, ts] = live.split(',').map(Number);
    const now =
      live !== '' && lon !== undefined && lat !== undefined
        ? { lonLat: [lon, lat] as const, tsMs: ts }
        : undefined;
    return {
      unitId: t.unitId,
      path: trackPath(t.track, now),
      version: `${String(t.version)}:${live}`,
    };
  }, [t, live]);
}

interface Props {
  readonly unitId: string;
  readonly units: UnitsStore;
  readonly roster: ReadonlyMap<string, RosterUnit>;
  readonly stations: readonly Station[];
  readonly stores: SupportStores;
  readonly track: readonly UnitPosition[];
  readonly onClose: () => void;
}

/** Telemetry, roster data, status, assignment and recent track of one unit. Escape closes it. */
export function UnitDetail(props: Props): ReactNode {
  const t = useT();
  const { lang } = useLang();
  const clock = useClockFormat();
  const { units: unitsStore, stores, onClose } = props;
  const units = useSyncExternalStore(unitsStore.subscribe, unitsStore.getSnapshot);
  const statuses = useSyncExternalStore(
    stores.unitStatuses.subscribe,
    stores.unitStatuses.getSnapshot,
  );
  const support = useSyncExternalStore(stores.support.subscribe, stores.support.getSnapshot);
  const incidents = useSyncExternalStore(stores.incidents.subscribe, stores.incidents.getSnapshot);

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  const view = unitDetailOf(
    { units, roster: props.roster, stations: props.stations, statuses, support, incidents },
    props.unitId,
  );
  if (!view) return null;
  const none = t('unitDetail.notReported');
  const num = (
    v: number | undefined,
    key: 'unitDetail.kmh' | 'unitDetail.deg' | 'unitDetail.pct' | 'unitDetail.hours',
    digits = 0,
  ): string => (v === undefined ? none : t(key, { v: v.toFixed(digits) }));
  const stationName = view.station
    ? lang === 'en'
      ? view.station.nameEn
      : view.station.name
    : (view.stationId ?? none);
  const a = view.assignment;
  const km = (trackLengthM(props.track) / 1000).toFixed(1);
  const speedLine = sparkline(props.track, (p) => p.speedKmh, SPARK_W, SPARK_H);
  const batteryLine = sparkline(props.track, (p) => p.batteryPct, SPARK_W, SPARK_H, [0, 100]);

  return (
    <section
      className="side-panel unit-detail"
      data-testid="unit-detail"
      data-unit-id={view.unitId}
      data-status={view.status}
    >
      <header className="panel-head">
        <span className="panel-title" data-testid="unit-detail-callsign">
          {view.callsign}
        </span>
        <span className="muted">{t(kindKey(view.kind))}</span>
        <button
          type="button"
          className="link-button"
          data-testid="unit-detail-close"
          onClick={onClose}
        >
          {t('unitDetail.close')}
        </button>
      </header>
      <div className="panel-body">
        <dl className="unit-facts">
          <dt>{t('unitDetail.station')}</dt>
          <dd>{stationName}</dd>
          <dt>{t('unitDetail.modules')}</dt>
          <dd>
            {view.modules.length > 0
              ? view.modules.map((m) => t(moduleKey(m))).join(t('list.sep'))
              : t('unitDetail.noModules')}
          </dd>
          <dt>{t('unitDetail.status')}</dt>
          <dd data-testid="unit-detail-status">{t(unitStatusKey(view.status))}</dd>
          <dt>{t('unitDetail.liveness')}</dt>
          <dd>{t(livenessKey(view.liveness))}</dd>
          <dt>{t('unitDetail.lastFix')}</dt>
          <dd>
            {view.lastFixMs === undefined ? t('unitDetail.noFix') : clock.format(view.lastFixMs)}
          </dd>
          <dt>{t('unitDetail.speed')}</dt>
          <dd>{num(view.speedKmh, 'unitDetail.kmh')}</dd>
          <dt>{t('unitDetail.heading')}</dt>
          <dd>{num(view.headingDeg, 'unitDetail.deg')}</dd>
          <dt>{t('unitDetail.battery')}</dt>
          <dd>{num(view.batteryPct, 'unitDetail.pct')}</dd>
          <dt>{t('unitDetail.dutyHours')}</dt>
          <dd>{num(view.dutyHours, 'unitDetail.hours', 1)}</dd>
          <dt>{t('unitDetail.assignment')}</dt>
          <dd data-testid="unit-detail-assignment">
            {a ? (
              <>
                {a.incident ? `${t(incidentTypeKey(a.incident.type))} ${a.incident.grade} · ` : ''}
                {a.requestId}
                {a.requestState && ` · ${t(supportStateKey(a.requestState))}`}
                {a.orderState && ` · ${t(orderStateKey(a.orderState))}`}
                {a.etaS !== undefined &&
                  ` · ${t('unitDetail.eta', { eta: durationText(t, a.etaS) })}`}
              </>
            ) : (
              t('unitDetail.unassigned')
            )}
          </dd>
        </dl>
        <div className="panel-subtitle">{t('unitDetail.track')}</div>
        <div
          className="muted small"
          data-testid="unit-detail-track"
          data-points={props.track.length}
        >
          {props.track.length > 0
            ? t('unitDetail.trackSummary', { n: props.track.length, km })
            : t('unitDetail.noTrack')}
        </div>
        {(speedLine || batteryLine) && (
          <div className="unit-sparks">
            {speedLine && (
              <figure>
                <figcaption>{t('unitDetail.speed')}</figcaption>
                <svg
                  width={SPARK_W}
                  height={SPARK_H}
                  viewBox={`0 0 ${String(SPARK_W)} ${String(SPARK_H)}`}
                >
                  <polyline className="spark speed" points={speedLine} />
                </svg>
              </figure>
            )}
            {batteryLine && (
              <figure>
                <figcaption>{t('unitDetail.battery')}</figcaption>
                <svg
                  width={SPARK_W}
                  height={SPARK_H}
                  viewBox={`0 0 ${String(SPARK_W)} ${String(SPARK_H)}`}
                >
                  <polyline className="spark battery" points={batteryLine} />
                </svg>
              </figure>
            )}
          </div>
        )}
      </div>
    </section>
  );
}
