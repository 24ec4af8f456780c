// Sending one unit home, shared by release, cancel, and the commander's 'return' / 'reassign'.
import type { SupportRequest, TimelineNote } from '../../../shared/domain/support';
import { nextOrder, taskPoints } from '../support/workflow';
import type { DeskRuntime } from './DeskRuntime';
import type { Step } from './steps';
import { actor } from '../auth/callerScope';

/**
 * A release/cancel order if the unit's dispatch went out, its order released, and for a release
 * the task points (difficulty × hours since approval × risk) to the lending jurisdiction. Units
 * that neither acknowledged nor arrived earn nothing. Returns the request to store; publishes the order.
 */
export function freeUnit(
  rt: DeskRuntime,
  req: SupportRequest,
  unitId: string,
  type: 'release' | 'cancel',
  nowMs: number,
): { request: SupportRequest; steps: Step[] } {
  const o = req.orders.find((x) => x.unitId === unitId);
  if (!o || o.state === 'released' || o.state === 'refused') return { request: req, steps: [] };
  if (o.state !== 'pending') rt.sendFollowed(req, unitId, type, nowMs);
  const freed = nextOrder(o, { type: 'released', nowMs });
  let detail = type === 'release' ? 'released' : 'cancelled';
  let note: TimelineNote = { code: 'unit-released', params: { how: type } };
  const unit = rt.opts.roster.find((u) => u.id === unitId);
  const inc = rt.incident(req.incidentId);
  // A unit whose acks were lost but that the geofence saw on scene did the task too.
  const served = o.ackMs !== undefined || o.onSceneMs !== undefined;
  if (type === 'release' && unit && inc && served && req.approvedMs !== undefined) {
    const hours = (nowMs - req.approvedMs) / 3_600_000;
    const points = Math.round(taskPoints(rt.card(inc), hours) * 100) / 100;
    rt.opts.repo.addPoints({
      jurisdictionId: unit.stationId,
      requestId: req.id,
      unitId,
      points,
      tsMs: nowMs,
    });
    detail += `; ${String(points)} task points to ${unit.stationId}`;
    note = { code: 'unit-released-points', params: { points, stationId: unit.stationId } };
  }
  rt.clearSla(unitId, nowMs);
  return {
    request: {
      ...req,
      orders: req.orders.map((x) => (x.unitId === unitId ? freed : x)),
      updatedMs: nowMs,
    },
    steps: [{ operator: actor().name, kind: 'unit-released', unitId, reason: detail, note }],
  };
}
