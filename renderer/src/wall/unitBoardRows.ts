import type { UnitStatus } from '../../../shared/domain/support';
import type { Liveness, RosterUnit, UnitKind } from '../../../shared/domain/units';
import { LIVENESS, UNIT_KINDS } from '../../../shared/domain/units';
import { UNIT_STATUSES } from '../../../shared/domain/support';
import { statusOf, type UnitStatusState } from '../state/unitStatusStore';
import { livenessAt, type UnitsState } from '../state/unitsStore';

/** One line of the unit board. Numbers are undefined when not (yet) reported. */
export interface UnitRow {
  readonly id: string;
  readonly callsign: string;
  readonly kind: UnitKind;
  readonly stationId: string;
  readonly status: UnitStatus;
  readonly liveness: Liveness;
  readonly batteryPct: number | undefined;
  readonly speedKmh: number | undefined;
  readonly dutyHours: number | undefined;
  /** The support request the unit is attached to, and its incident. */
  readonly requestId: string | undefined;
  readonly incidentId: string | undefined;
}

export const UNIT_SORT_KEYS = [
  'callsign',
  'kind',
  'station',
  'status',
  'liveness',
  'battery',
  'speed',
  'duty',
  'assignment',
] as const;
export type UnitSortKey = (typeof UNIT_SORT_KEYS)[number];
export type SortDir = 'asc' | 'desc';

const finite = (v: number | undefined): number | undefined =>
  v !== undefined && Number.isFinite(v) ? v : undefined;

/**
 * The board's rows, in roster order: the roster (getUnits) gives kind and station, the live columns
 * (unitsFrame) liveness, battery and speed, the unit statuses duty hours and assignment.
 */
export function unitRows(
  roster: readonly RosterUnit[],
  units: UnitsState,
  statuses: UnitStatusState,
): UnitRow[] {
  const index = new Map(units.ids.map((id, i) => [id, i]));
  return roster.map((u) => {
    const i = index.get(u.id);
    const entry = statuses.byUnit.get(u.id);
    return {
      id: u.id,
      callsign: u.callsign,
      kind: u.kind,
      stationId: u.stationId,
      status: statusOf(statuses, u.id),
      liveness: i === undefined ? 'unknown' : livenessAt(units, i),
      batteryPct: i === undefined ? undefined : finite(units.batteryPct[i]),
      speedKmh: i === undefined ? undefined : finite(units.speedKmh[i]),
      dutyHours: finite(entry?.dutyHours),
      requestId: entry?.requestId,
      incidentId: entry?.incidentId,
    };
  });
}

const rank = <T extends string>(list: readonly T[], v: T): number => list.indexOf(v);
const text = (a: string, b: string): number => a.localeCompare(b, 'zh-CN');
/** Unknown numbers sort last whichever the direction: a blank is never the "highest battery". */
const num = (a: number | undefined, b: number | undefined, sign: number): number =>
  a === undefined ? (b === undefined ? 0 : 1) : b === undefined ? -1 : sign * (a - b);

function compare(a: UnitRow, b: UnitRow, key: UnitSortKey, sign: number): number {
  switch (key) {
    case 'callsign':
      return sign * text(a.callsign, b.callsign);
    case 'kind':
      return sign * (rank(UNIT_KINDS, a.kind) - rank(UNIT_KINDS, b.kind));
    case 'station':
      return sign * text(a.stationId, b.stationId);
    case 'status':
      return sign * (rank(UNIT_STATUSES, a.status) - rank(UNIT_STATUSES, b.status));
    case 'liveness':
      return sign * (rank(LIVENESS, a.liveness) - rank(LIVENESS, b.liveness));
    case 'battery':
      return num(a.batteryPct, b.batteryPct, sign);
    case 'speed':
      return num(a.speedKmh, b.speedKmh, sign);
    case 'duty':
      return num(a.dutyHours, b.dutyHours, sign);
    case 'assignment':
      return sign * text(a.incidentId ?? '\uffff', b.incidentId ?? '\uffff');
  }
}

/** A stable sort by one column; ties keep the callsign order. Returns a new array. */
export function sortRows(rows: readonly UnitRow[], key: UnitSortKey, dir: SortDir): UnitRow[] {
  const sign = dir === 'asc' ? 1 : -1;
  return [...rows].sort(
    (a, b) => compare(a, b, key, sign) || text(a.callsign, b.callsign) || text(a.id, b.id),
  );
}

export interface StationGroup {
  readonly stationId: string;
  readonly rows: readonly UnitRow[];
}

/** Rows grouped by station, stations in the given order (then any unknown ones); row order kept. */
export function groupByStation(
  rows: readonly UnitRow[],
  stationOrder: readonly string[],
): StationGroup[] {
  const groups = new Map<string, UnitRow[]>(stationOrder.map((id) => [id, []]));
  for (const r of rows) {
    const g = groups.get(r.stationId);
    if (g) g.push(r);
    else groups.set(r.stationId, [r]);
  }
  return [...groups]
    .filter(([, list]) => list.length > 0)
    .map(([stationId, list]) => ({ stationId, rows: list }));
}
