// A release (or cancel) must reach the unit: the desk resends it with the same order id after each
// ack timeout until the unit answers 'returning', gives up after maxAttempts with a timeline entry
// telling the commander, and never resends an order that was answered.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SupportRequest } from '../../shared/domain/support';
import { deskHarness, type DeskHarness } from '../support/deskHarness';

let h: DeskHarness;
beforeEach(() => {
  h = deskHarness();
});
afterEach(() => h.close());

const ACK_S = 15; // the pack's ackTimeoutS
const MAX = 3; // the pack's maxAttempts

/** A traffic accident at Huabu, approved and acknowledged by every unit, then released. */
function releasedRequest(): { req: SupportRequest; unitIds: string[] } {
  expect(h.pack.support.ackTimeoutS).toBe(ACK_S);
  expect(h.pack.support.maxAttempts).toBe(MAX);
  h.tick(200);
  const { req, unitIds } = h.dispatchedAt('ps-huabu');
  h.tick(200);
  h.published.length = 0;
  return { req: h.desk.releaseSupport(req.id), unitIds };
}

const releases = (): string[] =>
  h.published.filter((p) => p.order.type === 'release').map((p) => p.order.orderId);
const timeline = (requestId: string, kind: string) =>
  h.desk.getSupportTimeline(requestId).filter((e) => e.kind === kind);

describe('release orders reach the unit', () => {
  it('are resent with the same id until maxAttempts, then the timeline says so', () => {
    const { req, unitIds } = releasedRequest();
    expect(req.state).toBe('released');
    const first = releases();
    expect(first).toHaveLength(unitIds.length);

    h.tick((ACK_S - 1) * 1000); // not due yet
    expect(releases()).toEqual(first);
    h.tick(1000); // first timeout: every release again, same order ids
    expect(releases()).toEqual([...first, ...first]);
    h.tick(ACK_S * 1000); // second timeout: the third and last send
    expect(releases()).toHaveLength(MAX * first.length);
    expect(timeline(req.id, 'order-retry')).toHaveLength((MAX - 1) * unitIds.length);

    h.tick(ACK_S * 1000); // third timeout: given up, recorded per unit
    const noAck = timeline(req.id, 'order-no-ack');
    expect(noAck.map((e) => e.unitId).sort()).toEqual([...unitIds].sort());
    expect(noAck[0]?.reason).toMatch(/^release: no acknowledgement after 3 sends/);
    h.tick(ACK_S * 1000);
    expect(releases()).toHaveLength(MAX * first.length); // nothing more is sent
    // Each resend is a fresh payload (a device ignores an expired one).
    const expiries = h.published.map((p) => p.order.expiresMs);
    expect(new Set(expiries).size).toBe(MAX);
  });

  it('stop for a unit once it answers returning; a foreign unit cannot answer for it', () => {
    const { req, unitIds } = releasedRequest();
    const [answering, ...others] = unitIds;
    if (!answering) throw new Error('no unit');
    const orderOf = (id: string): string =>
      releases().find((o) => o.endsWith(`:${id}`)) ?? 'missing';
    const answeringOrder = orderOf(answering);
    if (others[0]) h.ack(others[0], answeringOrder, 'returning'); // wrong unit: ignored
    h.ack(answering, answeringOrder, 'returning');
    const acks = timeline(req.id, 'order-ack').filter((e) => e.unitId === answering);
    expect(acks.at(-1)?.reason).toBe('release: returning');

    h.tick(ACK_S * 1000);
    const resent = releases().slice(unitIds.length);
    expect(resent).not.toContain(answeringOrder);
    expect(resent).toHaveLength(others.length);
  });
});
