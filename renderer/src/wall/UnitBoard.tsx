import { useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { ReactNode } from 'react';
import type { RegionSnapshot } from '../../../shared/domain/region';
import type { RosterUnit } from '../../../shared/domain/units';
import { useLang, useT } from '../i18n/I18nProvider';
import { kindKey, livenessKey, unitStatusKey, type MessageKey } from '../i18n/messages';
import { STATUS_COLORS } from '../state/supportColors';
import { cssColor } from '../state/unitColors';
import { useAutoPage } from './autoPage';
import type { UnitStatusState } from '../state/unitStatusStore';
import type { UnitsStore } from '../state/unitsStore';
import {
  groupByStation,
  sortRows,
  unitRows,
  UNIT_SORT_KEYS,
  type SortDir,
  type UnitRow,
  type UnitSortKey,
} from './unitBoardRows';

interface Props {
  readonly roster: readonly RosterUnit[];
  readonly region: RegionSnapshot | undefined;
  readonly units: UnitsStore;
  readonly statuses: UnitStatusState;
}

const HEADER_KEY: Readonly<Record<UnitSortKey, MessageKey>> = {
  callsign: 'wall.units.callsign',
  kind: 'wall.units.kind',
  station: 'wall.units.station',
  status: 'wall.units.status',
  liveness: 'wall.units.liveness',
  battery: 'wall.units.battery',
  speed: 'wall.units.speed',
  duty: 'wall.units.duty',
  assignment: 'wall.units.assignment',
};

/** Every unit of the roster in one table: sortable by any column, grouped by station. */
export function UnitBoard({ roster, region, units, statuses }: Props): ReactNode {
  const t = useT();
  const { lang } = useLang();
  const live = useSyncExternalStore(units.subscribe, units.getSnapshot);
  const [sort, setSort] = useState<{ key: UnitSortKey; dir: SortDir }>({
    key: 'callsign',
    dir: 'asc',
  });
  const [grouped, setGrouped] = useState(true);
  // 71 rows do not fit a wall screen: the board pages by itself.
  const scroller = useRef<HTMLDivElement>(null);
  const paging = useAutoPage(scroller);
  const num = useMemo(() => new Intl.NumberFormat(lang, { maximumFractionDigits: 0 }), [lang]);
  const hours = useMemo(() => new Intl.NumberFormat(lang, { maximumFractionDigits: 1 }), [lang]);

  const stations = region?.stations ?? [];
  const stationName = (id: string): string => {
    const st = stations.find((s) => s.id === id);
    return st ? (lang === 'en' ? st.nameEn : st.name) : id;
  };
  // Recomputed per frame (at most once a second per tick) and per status change, not per render.
  const rows = useMemo(
    () => sortRows(unitRows(roster, live, statuses), sort.key, sort.dir),
    [roster, live, statuses, sort],
  );
  const groups = grouped
    ? groupByStation(
        rows,
        stations.map((s) => s.id),
      )
    : [{ stationId: '', rows }];

  const onSort = (key: UnitSortKey): void =>
    setSort((s) => ({ key, dir: s.key === key && s.dir === 'asc' ? 'desc' : 'asc' }));
  const blank = t('status.noData');

  const cells = (r: UnitRow): ReactNode => (
    <>
      <td className="ub-callsign">{r.callsign}</td>
      <td>{t(kindKey(r.kind))}</td>
      <td>{stationName(r.stationId)}</td>
      <td>
        <span
          className="ub-status"
          style={{ borderColor: cssColor(STATUS_COLORS[r.status] ?? [52, 211, 153, 255]) }}
        >
          {t(unitStatusKey(r.status))}
        </span>
      </td>
      <td className={`ub-live live-${r.liveness}`}>{t(livenessKey(r.liveness))}</td>
      <td className="num">{r.batteryPct === undefined ? blank : `${num.format(r.batteryPct)}%`}</td>
      <td className="num">{r.speedKmh === undefined ? blank : num.format(r.speedKmh)}</td>
      <td className="num">{r.dutyHours === undefined ? blank : hours.format(r.dutyHours)}</td>
      <td>{r.incidentId ?? r.requestId ?? blank}</td>
    </>
  );

  return (
    <section className="wall-board unit-board" data-testid="unit-board" data-count={rows.length}>
      <header className="wall-board-head">
        <h1>{t('wall.units.title')}</h1>
        <span className="wall-board-count">{t('wall.units.count', { count: rows.length })}</span>
        <label className="wall-check">
          <input
            type="checkbox"
            data-testid="unit-board-group"
            checked={grouped}
            onChange={(e) => setGrouped(e.target.checked)}
          />
          {t('wall.units.grouped')}
        </label>
      </header>
      <div
        className="wall-board-scroll"
        ref={scroller}
        data-testid="unit-board-scroll"
        data-paging={paging}
      >
        <table className="wall-table">
          <thead>
            <tr>
              {UNIT_SORT_KEYS.map((key) => (
                <th
                  key={key}
                  scope="col"
                  aria-sort={
                    sort.key === key ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'
                  }
                >
                  <button
                    type="button"
                    className="sort-button"
                    data-testid="unit-sort"
                    data-key={key}
                    onClick={() => onSort(key)}
                  >
                    {t(HEADER_KEY[key])}
                    {sort.key === key && (sort.dir === 'asc' ? ' ▲' : ' ▼')}
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          {groups.map((g) => (
            <tbody key={g.stationId} data-testid="unit-group" data-station-id={g.stationId}>
              {grouped && (
                <tr className="ub-group">
                  <th colSpan={UNIT_SORT_KEYS.length} scope="rowgroup">
                    {stationName(g.stationId)}
                    <span className="ub-group-count">{g.rows.length}</span>
                  </th>
                </tr>
              )}
              {g.rows.map((r) => (
                <tr
                  key={r.id}
                  data-testid="unit-row"
                  data-unit-id={r.id}
                  data-status={r.status}
                  data-liveness={r.liveness}
                >
                  {cells(r)}
                </tr>
              ))}
            </tbody>
          ))}
        </table>
      </div>
    </section>
  );
}
