// The support desk ticks with every telemetry tick (5 Hz by default) over every unit: it may take
// the costly snapshot of all units only when statuses are due — at once after an attachment
// changed, otherwise once per second — and must still publish every change.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deskHarness, type DeskHarness } from '../support/deskHarness';

let h: DeskHarness;
beforeEach(() => {
  h = deskHarness();
});
afterEach(() => h.close());

describe('support desk tick', () => {
  it('snapshots the units once per second while nothing is attached, and still follows liveness', () => {
    const { counts, statuses, tick, goOffline } = h;
    tick(200);
    expect(counts.snapshots).toBe(1);
    expect(statuses).toHaveLength(1);
    for (let i = 0; i < 4; i++) tick(200); // 0.8 s after the first: not due yet
    expect(counts.snapshots).toBe(1);
    goOffline();
    tick(200); // 1.0 s: due, and the change is published
    expect(counts.snapshots).toBe(2);
    expect(statuses).toHaveLength(2);
    expect(statuses[1]?.every((e) => e.status === 'offline')).toBe(true);
    for (let i = 0; i < 5; i++) tick(200); // nothing changed: computed once more, not published
    expect(counts.snapshots).toBe(3);
    expect(statuses).toHaveLength(2);
  });

  it('publishes an attachment on the very next tick', () => {
    const { desk, counts, statuses, tick, pack } = h;
    tick(200);
    const huabu = pack.snapshot.stations.find((s) => s.id === 'ps-huabu');
    if (!huabu) throw new Error('no ps-huabu in the pack');
    const inc = desk.createIncident({
      type: 'traffic-accident',
      grade: 'IV',
      lonLat: huabu.lonLat,
      description: 'two cars',
      reporter: '110',
    });
    const req = desk.requestSupport(inc.id);
    const pkg = req.recommendation?.packages[0];
    expect(pkg?.units.length).toBeGreaterThan(0);
    const before = counts.snapshots;
    desk.approveSupport(req.id, pkg?.units.map((u) => u.unitId) ?? []);
    tick(200); // 0.2 s after the last statuses: due only because of the attachment
    expect(counts.snapshots).toBeGreaterThan(before);
    const last = statuses[statuses.length - 1] ?? [];
    const attached = last.filter((e) => e.requestId === req.id).map((e) => e.unitId);
    expect(attached.sort()).toEqual((pkg?.units.map((u) => u.unitId) ?? []).sort());
  });
});
