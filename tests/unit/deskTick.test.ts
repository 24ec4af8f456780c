// The support desk ticks with every telemetry tick (5 Hz by default) over every unit: it may take
// the costly snapshot of all units only when statuses are due — at once after an attachment
// changed, otherwise once per second — and must still publish every change.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadRegionPack } from '../../electron/core/region/loadRegion';
import { openStore } from '../../electron/core/store/openStore';
import { SupportRepo } from '../../electron/core/store/SupportRepo';
import { SupportDesk } from '../../electron/core/support/SupportDesk';
import { createTravelModel } from '../../electron/core/support/travel';
import type { UnitStatusEntry } from '../../shared/contract/ConsoleApi';
import type { UnitSnapshot } from '../../shared/domain/units';
import { RESOURCES_DIR } from '../support/coreHarness';

/** 09:00 in Kaihua (UTC+8). */
const T0 = Date.UTC(2026, 2, 2, 1, 0, 0);

let dir: string;
let db: Database.Database;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'muster-desk-tick-'));
  db = openStore({ file: join(dir, 'muster.db') });
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

function deskWithCounters() {
  const pack = loadRegionPack(join(RESOURCES_DIR, 'regions'), 'kaihua');
  const at = new Map(pack.snapshot.stations.map((s) => [s.id, s.lonLat]));
  let liveness: UnitSnapshot['liveness'] = 'online';
  const snapshot = (): UnitSnapshot[] =>
    pack.roster.map((unit) => {
      const [lon, lat] = at.get(unit.stationId) ?? pack.snapshot.info.center;
      const last = {
        tsMs: clock.ms - 1000,
        lon,
        lat,
        headingDeg: undefined,
        speedKmh: undefined,
        batteryPct: undefined,
        altM: undefined,
      };
      return { unit, liveness, last };
    });
  const clock = { ms: T0 };
  const counts = { snapshots: 0 };
  const statuses: UnitStatusEntry[][] = [];
  const desk = new SupportDesk({
    repo: new SupportRepo(db),
    config: pack.support,
    roster: pack.roster,
    stations: pack.snapshot.stations,
    jurisdictions: pack.snapshot.layers.jurisdictions,
    travel: createTravelModel(pack.support.travel),
    operator: 'duty-commander',
    role: 'supervisor',
    clientId: 'muster-test',
    units: () => {
      counts.snapshots++;
      return snapshot();
    },
    publish: () => Promise.resolve(),
    slaAlert: () => undefined,
    emit: (name, payload) => {
      if (name === 'unitStatuses') statuses.push(payload as UnitStatusEntry[]);
    },
    now: () => clock.ms,
  });
  const tick = (ms: number): void => {
    clock.ms += ms;
    desk.tick(clock.ms);
  };
  const goOffline = (): void => {
    liveness = 'offline';
  };
  return { desk, clock, counts, statuses, tick, goOffline, pack };
}

describe('support desk tick', () => {
  it('snapshots the units once per second while nothing is attached, and still follows liveness', () => {
    const { counts, statuses, tick, goOffline } = deskWithCounters();
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
    const { desk, counts, statuses, tick, pack } = deskWithCounters();
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
