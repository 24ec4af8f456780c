// What each unit is doing, and the live pool the recommender sees. Pure: built from the unit
// table's snapshot, the desk's attachments and the shift pattern.
import type { UnitStatusEntry } from '../../../shared/contract/ConsoleApi';
import type { Incident } from '../../../shared/domain/incidents';
import {
  TERMINAL_SUPPORT_STATES,
  type SupportRequest,
  type UnitOrder,
  type UnitStatus,
} from '../../../shared/domain/support';
import type { UnitSnapshot } from '../../../shared/domain/units';
import type { PoolUnit } from '../support/types';
import { dutyHours, hoursSinceShiftStart, type ShiftPattern } from './shifts';

/** A unit committed to a live request. */
export interface Attachment {
  readonly requestId: string;
  readonly incidentId: string;
  readonly commander: string;
  readonly status: 'assigned' | 'en-route' | 'on-scene';
}

/** Orders in these states keep the unit attached to its request. */
export const DETACHED: ReadonlySet<UnitOrder['state']> = new Set(['released', 'refused']);

/** Which request each unit is committed to, from the requests in progress (and their incidents). */
export function attachmentsOf(
  requests: Iterable<SupportRequest>,
  incident: (id: string) => Incident | undefined,
): Map<string, Attachment> {
  const out = new Map<string, Attachment>();
  for (const req of requests) {
    if (req.state === 'requested' || req.state === 'recommended') continue;
    if (TERMINAL_SUPPORT_STATES.has(req.state)) continue;
    const inc = incident(req.incidentId);
    for (const o of req.orders) {
      if (DETACHED.has(o.state)) continue;
      out.set(o.unitId, {
        requestId: req.id,
        incidentId: req.incidentId,
        commander: inc?.commander ?? '',
        status:
          o.state === 'en-route' ? 'en-route' : o.state === 'on-scene' ? 'on-scene' : 'assigned',
      });
    }
  }
  return out;
}

export interface StatusInput {
  /** In roster order (index = roster index, which picks the shift). */
  readonly units: readonly UnitSnapshot[];
  readonly attachments: ReadonlyMap<string, Attachment>;
  readonly shifts: ShiftPattern;
  readonly nowMs: number;
}

/**
 * Status of every unit. Attachment wins (a unit en route stays en route when its device drops;
 * the offline alert covers that); then a device that is offline or has never reported; then
 * the shift; else available.
 */
export function unitStatuses(input: StatusInput): UnitStatusEntry[] {
  return input.units.map((s, i) => {
    const a = input.attachments.get(s.unit.id);
    const onDuty = dutyHours(i, input.shifts, input.nowMs);
    const hours = round2(hoursSinceShiftStart(i, input.shifts, input.nowMs));
    let status: UnitStatus;
    if (a) status = a.status;
    else if (s.liveness === 'offline' || s.liveness === 'unknown') status = 'offline';
    else if (onDuty === undefined) status = 'off-duty';
    else status = 'available';
    return {
      unitId: s.unit.id,
      status,
      dutyHours: onDuty === undefined && !a ? 0 : hours,
      ...(a ? { requestId: a.requestId, incidentId: a.incidentId } : {}),
    };
  });
}

/**
 * The recommender's pool: every unit with a known position (others cannot be priced). A unit lends
 * from its home station's area; a unit whose station owns no area (`areaOwners`: a county squad)
 * serves the whole region.
 */
export function buildPool(
  units: readonly UnitSnapshot[],
  statuses: readonly UnitStatusEntry[],
  areaOwners: ReadonlySet<string>,
): PoolUnit[] {
  const pool: PoolUnit[] = [];
  units.forEach((s, i) => {
    const st = statuses[i];
    if (!s.last || !st) return;
    pool.push({
      id: s.unit.id,
      callsign: s.unit.callsign,
      kind: s.unit.kind,
      stationId: s.unit.stationId,
      jurisdictionId: s.unit.stationId,
      ...(areaOwners.has(s.unit.stationId) ? {} : { regionWide: true }),
      modules: s.unit.modules,
      lonLat: [s.last.lon, s.last.lat],
      status: st.status,
      dutyHours: st.dutyHours,
      batteryPct: s.last.batteryPct,
    });
  });
  return pool;
}

const round2 = (x: number): number => Math.round(x * 100) / 100;

/** A stable text of the statuses, to emit 'unitStatuses' only when something changed. */
export function statusesKey(entries: readonly UnitStatusEntry[]): string {
  return entries.map((e) => `${e.status}:${e.requestId ?? ''}`).join('|');
}
