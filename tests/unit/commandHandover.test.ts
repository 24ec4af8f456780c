// 移交指挥: at a shift change the incident's commander hands its command to a successor. Only the
// commander can; every attached unit is told in the commander's name (followed until it answers);
// from then on this console's operator is refused like anyone else, with the way out named.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SupportRequest } from '../../shared/domain/support';
import { deskHarness, type DeskHarness } from '../support/deskHarness';
import { orderIdFor } from '../../electron/core/desk/orders';

let h: DeskHarness;
beforeEach(() => {
  h = deskHarness();
  h.tick(200);
});
afterEach(() => h.close());

const ACK_S = 15;
const MAX = 3;

/** A traffic accident at Huabu, approved, every unit's dispatch acknowledged. */
function dispatched(): { req: SupportRequest; unitIds: string[]; incidentId: string } {
  const d = h.dispatchedAt('ps-huabu');
  expect(d.unitIds.length).toBeGreaterThan(1);
  expect(h.repo.getRequest(d.req.id)?.orders.every((o) => o.state === 'acknowledged')).toBe(true);
  return d;
}

const handovers = () => h.published.filter((p) => p.order.type === 'handover');
const steps = (id: string, kind: string) =>
  h.desk.getSupportTimeline(id).filter((e) => e.kind === kind);

describe('command handover', () => {
  it('tells every attached unit, in the commander’s name, who commands it now', () => {
    const { req, unitIds, incidentId } = dispatched();
    const inc = h.desk.handOverCommand(incidentId, ' 赵队长 ', '交接班');
    expect(inc.commander).toBe('赵队长');
    expect(h.desk.listIncidents().find((i) => i.id === incidentId)?.commander).toBe('赵队长');
    const sent = handovers();
    expect(sent.map((p) => p.order.orderId.split(':').pop()).sort()).toEqual([...unitIds].sort());
    for (const p of sent) {
      expect(p.order.issuer.operator).toBe('duty-commander');
      expect(p.order.commander).toBe('赵队长');
      expect(p.order.incidentId).toBe(incidentId);
    }
    const [step] = steps(req.id, 'command-handover');
    expect(step?.operator).toBe('duty-commander');
    expect(step?.reason).toBe('command handed over from duty-commander to 赵队长: 交接班');
  });

  it('then refuses this console’s own orders to the units, and its release, naming the way out', () => {
    const { req, unitIds, incidentId } = dispatched();
    h.desk.handOverCommand(incidentId, '赵队长', '交接班');
    const before = h.published.length;
    const state = h.repo.getRequest(req.id)?.state;
    expect(() => h.desk.orderUnit(unitIds[0] as string, { type: 'return' })).toThrow(
      /takes orders only from its commander 赵队长, not from duty-commander/,
    );
    expect(steps(req.id, 'authority-refused')).toHaveLength(1);
    expect(() => h.desk.releaseSupport(req.id)).toThrow(
      /its units take orders from 赵队长, the incident's commander, not from duty-commander; 赵队长 hands the command over/,
    );
    expect(h.repo.getRequest(req.id)?.state).toBe(state);
    expect(h.published.length).toBe(before);
    // Nor can it hand the command over again: it is no longer the commander's.
    expect(() => h.desk.handOverCommand(incidentId, '钱', 'again')).toThrow(
      /commanded by 赵队长: only they can hand it over, not duty-commander/,
    );
  });

  it('follows each handover until the unit answers, and says which never did', () => {
    const { req, unitIds, incidentId } = dispatched();
    h.desk.handOverCommand(incidentId, '赵队长', '交接班');
    const [first, ...rest] = unitIds as [string, ...string[]];
    const idOf = (unitId: string): string =>
      handovers().find((p) => p.order.orderId.endsWith(`:${unitId}`))?.order.orderId ?? '';
    h.ack(first, idOf(first), 'accepted');
    expect(
      steps(req.id, 'order-ack')
        .filter((e) => e.unitId === first)
        .at(-1)?.reason,
    ).toBe('handover: accepted');
    h.tick(ACK_S * 1000);
    // Resent with the same id to the silent units only.
    const resent = handovers().slice(unitIds.length);
    expect(resent.map((p) => p.order.orderId).sort()).toEqual(rest.map(idOf).sort());
    for (let i = 1; i < MAX; i++) h.tick(ACK_S * 1000);
    const noAck = steps(req.id, 'order-no-ack');
    expect(noAck.map((e) => e.unitId).sort()).toEqual([...rest].sort());
    expect(noAck[0]?.reason).toMatch(/^handover: .*tell the unit its new commander by radio$/);
  });

  it('names each handover’s orders by its time: a later one is a new order, not a resend', () => {
    const { incidentId, req } = dispatched();
    const at = h.clock.ms;
    h.desk.handOverCommand(incidentId, '赵队长', '交接班');
    const ids = handovers().map((p) => p.order.orderId);
    expect(ids.every((id) => id.startsWith(`${req.id}:handover-${at.toString(36)}:`))).toBe(true);
    expect(orderIdFor(req.id, 'handover', 'u1', 'a')).not.toBe(
      orderIdFor(req.id, 'handover', 'u1', 'b'),
    );
    // Without a tag, ids stay as they were (a restart finds dispatches and releases again).
    expect(orderIdFor('sup-1', 'release', 'u1')).toBe('sup-1:release:u1');
  });

  it('refuses a handover without a successor or a reason, or to the commander themself', () => {
    const { incidentId } = dispatched();
    expect(() => h.desk.handOverCommand(incidentId, '  ', '交接班')).toThrow(
      'a handover needs the name of the commander taking over',
    );
    expect(() => h.desk.handOverCommand(incidentId, '赵', ' ')).toThrow(
      'a handover needs a reason',
    );
    expect(() => h.desk.handOverCommand(incidentId, 'duty-commander', 'x')).toThrow(
      'duty-commander already commands incident',
    );
    expect(handovers()).toEqual([]);
  });
});
