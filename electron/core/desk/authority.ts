// Command authority (属地为主、支援为辅): while attached, a unit takes orders only from the receiving
// incident's commander. Orders from anyone else are refused and audited — from this console's
// operator (orderUnit) and from other consoles seen on the order topic.
import type { UnitOrderCommand } from '../../../shared/contract/ConsoleApi';
import type { SupportRequest, UnitOrder } from '../../../shared/domain/support';
import type { DeviceOrder } from '../telemetry/parseTelemetry';
import { authorityRefusal, nextOrder } from '../support/workflow';
import type { DeskRuntime } from './DeskRuntime';
import { freeUnit } from './release';
import { TRACKED_STATES, transition } from './steps';
import { actor } from '../auth/callerScope';

/** Foreign order ids remembered so a QoS 1 redelivery or a resend is audited once. */
const SEEN_FOREIGN_MAX = 1000;
const ENDED = new Set<UnitOrder['state']>(['released', 'refused', 'no-ack']);

export class CommandAuthority {
  private readonly seenForeign = new Set<string>();

  constructor(private readonly rt: DeskRuntime) {}

  /** 'return' sends the unit home; 'reassign' moves it to another incident's dispatched request. */
  orderUnit(unitId: string, order: UnitOrderCommand, nowMs: number): void {
    const { roster } = this.rt.opts;
    const operator = actor().name;
    const unit = roster.find((u) => u.id === unitId);
    if (!unit) throw new Error(`unknown unit ${unitId}`);
    const att = this.rt.attachments().get(unitId);
    const refusal = authorityRefusal(att, operator);
    if (att && refusal) {
      const step = {
        operator,
        kind: 'authority-refused' as const,
        unitId,
        reason: `${order.type}: ${refusal}`,
        note: {
          code: 'authority' as const,
          params: { order: order.type, commander: att.commander, by: operator },
        },
      };
      this.rt.commit(this.rt.request(att.requestId), [step], nowMs);
      throw new Error(refusal);
    }
    if (!att) throw new Error(`unit ${unitId} is not attached to any support request`);
    const from = this.rt.request(att.requestId);
    const target =
      order.type === 'reassign' ? this.target(unitId, att.incidentId, order) : undefined;

    const freed = freeUnit(this.rt, from, unitId, 'release', nowMs);
    const why =
      order.type === 'return' ? 'returned by the commander' : `reassigned to ${order.incidentId}`;
    const allGone = freed.request.orders.every((o) => ENDED.has(o.state));
    if (allGone && TRACKED_STATES.has(from.state)) {
      const t = transition(
        freed.request,
        'released',
        operator,
        `every unit released (${why})`,
        nowMs,
        order.type === 'return'
          ? { code: 'all-returned' }
          : { code: 'all-reassigned', params: { incidentId: order.incidentId } },
      );
      this.rt.commit(t.request, [...freed.steps, t.step], nowMs);
    } else {
      this.rt.commit(freed.request, freed.steps, nowMs);
    }
    if (!target) return;

    const inc = this.rt.incident(target.incidentId);
    const est = inc ? this.rt.pool(nowMs).filter((u) => u.id === unitId) : [];
    const etaS =
      inc && est.length > 0 ? this.rt.opts.travel.priceAll(inc.lonLat, est)[0]?.etaS : undefined;
    const o = nextOrder(
      { unitId, callsign: unit.callsign, state: 'pending', attempts: 0, etaS: etaS ?? 0 },
      { type: 'sent', nowMs },
    );
    this.rt.apply(
      {
        request: { ...target, orders: [...target.orders, o], updatedMs: nowMs },
        steps: [
          {
            operator,
            kind: 'order-sent',
            unitId,
            reason: `reassigned from ${from.id}`,
            note: { code: 'reassigned-from', params: { requestId: from.id } },
          },
        ],
        sends: [o],
      },
      nowMs,
    );
  }

  /** The request a unit may be reassigned to: the operator must command that incident too. */
  private target(
    unitId: string,
    currentIncidentId: string,
    order: { readonly incidentId: string },
  ): SupportRequest {
    const inc = this.rt.openIncident(order.incidentId);
    if (inc.id === currentIncidentId) throw new Error(`unit ${unitId} is already on ${inc.id}`);
    const why = authorityRefusal({ incidentId: inc.id, commander: inc.commander }, actor().name);
    if (why) throw new Error(`cannot reassign to ${inc.id}: ${why}`);
    const target = [...this.rt.live.values()].find(
      (r) => r.incidentId === inc.id && TRACKED_STATES.has(r.state),
    );
    if (!target) throw new Error(`incident ${inc.id} has no dispatched support request to join`);
    if (target.orders.some((o) => o.unitId === unitId)) {
      throw new Error(`unit ${unitId} already had an order in ${target.id}`);
    }
    return target;
  }

  /**
   * An order seen on a device's order topic. One from another console to a unit attached to our
   * incident, not issued by that incident's commander, is audited: the device must refuse it.
   * Never throws.
   */
  onOrder(order: DeviceOrder, nowMs: number): void {
    try {
      const p = order.payload;
      if (p.issuer.console === this.rt.opts.clientId) return;
      const att = this.rt.attachments().get(order.unitId);
      const refusal = authorityRefusal(att, p.issuer.operator);
      if (!att || !refusal || this.seenForeign.has(p.orderId)) return;
      if (this.seenForeign.size >= SEEN_FOREIGN_MAX) this.seenForeign.clear();
      this.seenForeign.add(p.orderId);
      const step = {
        operator: p.issuer.operator,
        kind: 'authority-refused' as const,
        unitId: order.unitId,
        reason: `${p.type} order ${p.orderId} from console ${p.issuer.console}: ${refusal}`,
        note: {
          code: 'authority-foreign' as const,
          params: {
            order: p.type,
            console: p.issuer.console,
            commander: att.commander,
            by: p.issuer.operator,
          },
        },
      };
      this.rt.commit(this.rt.request(att.requestId), [step], nowMs);
    } catch (err) {
      this.rt.fail('order watch', err);
    }
  }
}
