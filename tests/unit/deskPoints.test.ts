// Task points on release go to the lending station of every unit that did the task: one that
// acknowledged, or one the geofence saw on scene although its acks were lost; never one that
// neither answered nor arrived.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deskHarness, type DeskHarness } from '../support/deskHarness';

let h: DeskHarness;
beforeEach(() => {
  h = deskHarness();
  h.tick(200);
});
afterEach(() => h.close());

describe('points on release', () => {
  it('count a unit seen on scene without an ack, not one that never answered', () => {
    const inc = h.incidentAt('ps-huabu');
    const req = h.desk.requestSupport(inc.id);
    const units = req.recommendation?.packages[0]?.units ?? [];
    expect(units.length).toBeGreaterThanOrEqual(2);
    h.desk.approveSupport(
      req.id,
      units.map((u) => u.unitId),
    );
    const [arrives, silent] = units;
    if (!arrives || !silent) throw new Error('two units expected');
    // No acks at all; the first unit drives to the scene and the geofence sees it there.
    h.moveUnit(arrives.unitId, [inc.lonLat[0], inc.lonLat[1]]);
    h.tick(2000);
    h.tick(200);
    const order = (id: string) =>
      h.desk
        .listSupport()
        .find((r) => r.id === req.id)
        ?.orders.find((o) => o.unitId === id);
    expect(order(arrives.unitId)?.state).toBe('on-scene');
    expect(order(arrives.unitId)?.ackMs).toBeUndefined();
    expect(order(silent.unitId)?.state).not.toBe('on-scene');

    h.tick(60 * 60_000);
    h.desk.releaseSupport(req.id);
    const burden = h.repo.burden(0);
    expect(burden[arrives.stationId]).toBeGreaterThan(0);
    if (silent.stationId !== arrives.stationId) expect(burden[silent.stationId]).toBeUndefined();
    const released = h.desk
      .getSupportTimeline(req.id)
      .filter((e) => e.kind === 'unit-released')
      .map((e) => [e.unitId, /task points/.test(e.reason ?? '')]);
    expect(released).toEqual(
      expect.arrayContaining([
        [arrives.unitId, true],
        [silent.unitId, false],
      ]),
    );
  });
});
