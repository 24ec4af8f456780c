import type { UnitStatusEntry } from '../../../shared/contract/ConsoleApi';
import type { Incident } from '../../../shared/domain/incidents';
import type { LonLat, Station } from '../../../shared/domain/region';
import type { OrderState, SupportState, UnitStatus } from '../../../shared/domain/support';
import type {
  CapabilityModule,
  Liveness,
  RosterUnit,
  UnitKind,
  UnitPosition,
} from '../../../shared/domain/units';
import { incidentById, type IncidentsState } from './incidentsStore';
import { requestById, type SupportViewState } from './supportStore';
import { statusOf, type UnitStatusState } from './unitStatusStore';
import { livenessAt, type UnitsState } from './unitsStore';

// What the map has selected, and the unit detail panel's view of one unit: pure functions of the
// stores, so the panel and its tests read the same thing.

/** One thing is selected on the map at a time: a unit or an incident. */
export type MapSelection =
  | { readonly kind: 'unit'; readonly id: string }
  | { readonly kind: 'incident'; readonly id: string }
  | undefined;

/**
 * The selection after the incident selection (owned by the support desk) changed: a newly
 * selected incident replaces a selected unit; an incident cleared leaves a unit selected.
 */
export function withIncident(prev: MapSelection, incidentId: string | undefined): MapSelection {
  if (incidentId !== undefined) return { kind: 'incident', id: incidentId };
  return prev?.kind === 'incident' ? undefined : prev;
}

export const selectedUnitId = (s: MapSelection): string | undefined =>
  s?.kind === 'unit' ? s.id : undefined;

/** How far back the detail panel's track reaches. */
export const TRACK_WINDOW_MS = 15 * 60_000;

export interface UnitAssignment {
  readonly requestId: string;
  readonly requestState: SupportState | undefined;
  readonly orderState: OrderState | undefined;
  readonly etaS: number | undefined;
  readonly incident: Incident | undefined;
}

export interface UnitDetailView {
  readonly unitId: string;
  readonly callsign: string;
  readonly kind: UnitKind;
  readonly station: Station | undefined;
  readonly stationId: string | undefined;
  readonly modules: readonly CapabilityModule[];
  readonly status: UnitStatus;
  readonly liveness: Liveness;
  /** Undefined until the unit has reported a position. */
  readonly lonLat: LonLat | undefined;
  readonly lastFixMs: number | undefined;
  readonly speedKmh: number | undefined;
  readonly headingDeg: number | undefined;
  readonly batteryPct: number | undefined;
  readonly dutyHours: number | undefined;
  readonly assignment: UnitAssignment | undefined;
}

export interface UnitDetailInput {
  readonly units: UnitsState;
  /** Roster entries by unit id (station and modules are not in the live columns). */
  readonly roster: ReadonlyMap<string, RosterUnit>;
  readonly stations: readonly Station[];
  readonly statuses: UnitStatusState;
  readonly support: SupportViewState;
  readonly incidents: IncidentsState;
}

const known = (x: number | undefined): number | undefined =>
  x === undefined || Number.isNaN(x) ? undefined : x;

/** The panel's view of a unit; undefined for a unit the roster does not have (any more). */
export function unitDetailOf(input: UnitDetailInput, unitId: string): UnitDetailView | undefined {
  const { units } = input;
  const i = units.ids.indexOf(unitId);
  if (i < 0) return undefined;
  const roster = input.roster.get(unitId);
  const entry: UnitStatusEntry | undefined = input.statuses.byUnit.get(unitId);
  const fix = units.hasFix[i] === 1;
  return {
    unitId,
    callsign: units.callsigns[i] ?? unitId,
    kind: units.kinds[i] ?? roster?.kind ?? 'patrol-car',
    stationId: roster?.stationId,
    station: input.stations.find((s) => s.id === roster?.stationId),
    modules: roster?.modules ?? [],
    status: statusOf(input.statuses, unitId),
    liveness: livenessAt(units, i),
    lonLat: fix ? [units.positions[2 * i] ?? 0, units.positions[2 * i + 1] ?? 0] : undefined,
    lastFixMs: fix ? known(units.sampleTsMs[i]) : undefined,
    speedKmh: fix ? known(units.speedKmh[i]) : undefined,
    headingDeg: fix ? known(units.headingDeg[i]) : undefined,
    batteryPct: fix ? known(units.batteryPct[i]) : undefined,
    dutyHours: entry?.dutyHours,
    assignment: entry?.requestId ? assignmentOf(input, unitId, entry.requestId, entry) : undefined,
  };
}

function assignmentOf(
  input: UnitDetailInput,
  unitId: string,
  requestId: string,
  entry: UnitStatusEntry,
): UnitAssignment {
  const req = requestById(input.support, requestId);
  const order = req?.orders.find((o) => o.unitId === unitId);
  return {
    requestId,
    requestState: req?.state,
    orderState: order?.state,
    etaS: order?.etaS,
    incident: incidentById(input.incidents, entry.incidentId ?? req?.incidentId),
  };
}

/** The recorded track, then the live position when it is newer: what the map draws as a path. */
export function trackPath(
  track: readonly UnitPosition[],
  live?: { readonly lonLat: LonLat; readonly tsMs: number | undefined },
): [number, number][] {
  const path: [number, number][] = track.map((p) => [p.lon, p.lat]);
  const last = track[track.length - 1];
  if (live && (!last || (live.tsMs ?? 0) > last.tsMs)) path.push([live.lonLat[0], live.lonLat[1]]);
  return path;
}

/** Metres along a track (great circle between fixes). */
export function trackLengthM(track: readonly UnitPosition[]): number {
  let m = 0;
  for (let i = 1; i < track.length; i++) {
    const a = track[i - 1];
    const b = track[i];
    if (a && b) m += greatCircleM([a.lon, a.lat], [b.lon, b.lat]);
  }
  return m;
}

const EARTH_R_M = 6_371_008.8;
function greatCircleM(a: LonLat, b: LonLat): number {
  const rad = Math.PI / 180;
  const dLat = (b[1] - a[1]) * rad;
  const dLon = (b[0] - a[0]) * rad;
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * rad) * Math.cos(b[1] * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_R_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * SVG polyline points of a series over time, scaled into width × height (y grows downwards);
 * samples without a value are skipped. Empty with fewer than two values or a zero time span.
 */
export function sparkline(
  track: readonly UnitPosition[],
  value: (p: UnitPosition) => number | undefined,
  width: number,
  height: number,
  range?: readonly [min: number, max: number],
): string {
  const pts = track.flatMap((p) => {
    const v = value(p);
    return v === undefined || Number.isNaN(v) ? [] : [[p.tsMs, v] as const];
  });
  const first = pts[0];
  const last = pts[pts.length - 1];
  if (!first || !last || last[0] === first[0]) return '';
  const lo = range?.[0] ?? Math.min(...pts.map((p) => p[1]));
  const hi = range?.[1] ?? Math.max(...pts.map((p) => p[1]));
  const span = hi - lo || 1;
  const x = (t: number): number => ((t - first[0]) / (last[0] - first[0])) * width;
  const y = (v: number): number => height - ((Math.min(hi, Math.max(lo, v)) - lo) / span) * height;
  return pts.map(([t, v]) => `${x(t).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
}
