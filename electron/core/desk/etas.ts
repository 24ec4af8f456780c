// Live ETAs: while a unit is on its way, its predicted arrival is priced again from where it is now,
// with the same travel model the recommendation used, so the board and the map count down the
// real remaining time rather than the estimate made at approval.
import type { SupportRequest, UnitOrder } from '../../../shared/domain/support';
import type { RosterUnit } from '../../../shared/domain/units';
import type { LonLat } from '../../../shared/domain/region';
import type { TravelModel } from '../support/types';
import { TRACKED_STATES, type Fix } from './steps';

/** Orders whose unit is moving (or about to) towards the scene. */
const MOVING = new Set<UnitOrder['state']>(['sent', 'acknowledged', 'en-route']);
/** A change smaller than this is not worth a store write and a push. */
const MIN_CHANGE_S = 1;

/**
 * The request with every moving unit's ETA re-priced from its latest fix (taken after approval),
 * or the same object when nothing changed by MIN_CHANGE_S or more.
 */
export function refreshEtas(
  req: SupportRequest,
  scene: LonLat,
  roster: ReadonlyMap<string, RosterUnit>,
  travel: TravelModel,
  fixOf: (unitId: string) => Fix | undefined,
  nowMs: number,
): SupportRequest {
  if (!TRACKED_STATES.has(req.state)) return req;
  const at: { id: string; kind: RosterUnit['kind']; lonLat: LonLat }[] = [];
  for (const o of req.orders) {
    if (!MOVING.has(o.state)) continue;
    const unit = roster.get(o.unitId);
    const fix = fixOf(o.unitId);
    if (!unit || !fix || fix.tsMs < (req.approvedMs ?? Infinity)) continue;
    at.push({ id: unit.id, kind: unit.kind, lonLat: fix.lonLat });
  }
  if (at.length === 0) return req;
  const eta = new Map<string, number>();
  for (const e of travel.priceAll(scene, at)) if (e.etaS !== undefined) eta.set(e.unitId, e.etaS);
  let changed = false;
  const orders = req.orders.map((o) => {
    const etaS = eta.get(o.unitId);
    if (etaS === undefined || !MOVING.has(o.state)) return o;
    if (Math.abs(etaS - o.etaS) < MIN_CHANGE_S) return o;
    changed = true;
    return { ...o, etaS, etaMs: nowMs };
  });
  return changed ? { ...req, orders, updatedMs: nowMs } : req;
}
