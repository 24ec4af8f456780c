// Order payloads on the wire (device contract v1, "Orders"). One orderId per (request, type, unit):
// every resend of a dispatch carries the same id, so a device acts on it once.
import { createHash } from 'node:crypto';
import type { LonLat } from '../../../shared/domain/region';
import type { OrderPayload, OrderType } from '../../../shared/telemetry/orders';

const MAX_ID = 80;

/**
 * `tag` tells apart orders of one type that may be given more than once per request and unit
 * (a handover: each one is a new order, which a device must not take for a resend).
 */
export function orderIdFor(
  requestId: string,
  type: OrderType,
  unitId: string,
  tag?: string,
): string {
  const kind = tag === undefined ? type : `${type}-${tag}`;
  const id = `${requestId}:${kind}:${unitId}`;
  if (id.length <= MAX_ID) return id;
  // Long ids (64-character unit ids) are shortened, still deterministic so a restart finds them.
  const h = createHash('sha256').update(id).digest('hex').slice(0, 16);
  return `${requestId.slice(0, 40)}:${kind}:${h}`;
}

export interface OrderSpec {
  readonly orderId: string;
  readonly type: OrderType;
  readonly incidentId: string;
  readonly lonLat: LonLat;
  readonly clientId: string;
  readonly operator: string;
  readonly commander: string;
  readonly nowMs: number;
  /** The device ignores the order after nowMs + this. */
  readonly validMs: number;
  /** The exercise the order belongs to; absent on live. */
  readonly exercise?: { readonly id: string; readonly name: string } | undefined;
}

export function orderPayloadOf(o: OrderSpec): OrderPayload {
  return {
    v: 1,
    orderId: o.orderId,
    tsMs: Math.round(o.nowMs),
    type: o.type,
    incidentId: o.incidentId,
    lonLat: [o.lonLat[0], o.lonLat[1]],
    issuer: { console: o.clientId, operator: o.operator },
    commander: o.commander,
    expiresMs: Math.round(o.nowMs + o.validMs),
    ...(o.exercise === undefined ? {} : { exercise: { id: o.exercise.id, name: o.exercise.name } }),
  };
}
