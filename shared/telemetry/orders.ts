import { z } from 'zod';
import { lonLatTuple } from './lonLat';

// Orders, device contract v1 (see docs/device-contract-v1.md, "Orders"):
//   muster/v1/devices/{deviceId}/order   console → device, QoS 1, not retained
//   muster/v1/devices/{deviceId}/ack     device → console, QoS 1: acceptance and progress
// An order is identified by orderId; a device that receives the same orderId twice (QoS 1
// redelivery or the console's retry) acknowledges again and does not act twice.

/**
 * `handover`: the incident's command passes to `commander` (shift change); issued by the current
 * commander, so an attached device obeys it and from then on takes orders from the new one.
 */
export const ORDER_TYPES = ['dispatch', 'release', 'cancel', 'handover'] as const;
export type OrderType = (typeof ORDER_TYPES)[number];

const id = z.string().regex(/^[A-Za-z0-9_.:-]{1,80}$/);

export const orderPayload = z.object({
  v: z.literal(1),
  orderId: id,
  tsMs: z.number().int().positive(),
  type: z.enum(ORDER_TYPES),
  incidentId: id,
  /** Where to go (dispatch) — WGS-84 [lon, lat]. */
  lonLat: lonLatTuple,
  /** Who issued it: console client id and operator name. */
  issuer: z.object({ console: z.string().min(1).max(80), operator: z.string().min(1).max(64) }),
  /** The receiving commander: while attached the device takes orders from this operator only. */
  commander: z.string().min(1).max(64),
  /** The device ignores the order after this time (the console retries with a fresh one). */
  expiresMs: z.number().int().positive(),
  /**
   * Present on every order of an exercise (演练): the device is taking part in that exercise, not
   * in live duty. Exercise orders travel only in the exercise's own topic namespace.
   */
  exercise: z.object({ id, name: z.string().min(1).max(80) }).optional(),
});
export type OrderPayload = z.infer<typeof orderPayload>;

export const ACK_STATES = ['accepted', 'refused', 'en-route', 'on-scene', 'returning'] as const;
export type AckState = (typeof ACK_STATES)[number];

export const ackPayload = z.object({
  v: z.literal(1),
  orderId: id,
  tsMs: z.number().int().positive(),
  state: z.enum(ACK_STATES),
  reason: z.string().max(200).optional(),
});
export type AckPayload = z.infer<typeof ackPayload>;
