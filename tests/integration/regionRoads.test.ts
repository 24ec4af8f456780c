// A region pack with a road layer (roads.geojson) routes support on it: the console prices every
// candidate on the pack's roads, exactly as the road model built from the same file does, and
// routes follow the road; a pack without one says so (straight line × detour). The road layer
// here is drawn for the test inside the Kaihua pack's extent (no road data for Kaihua may ship).
import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadRegionPack } from '../../electron/core/region/loadRegion';
import { createTravelModel } from '../../electron/core/support/travel';
import type { FeatureCollection, LonLat } from '../../shared/domain/region';
import { connectPublisher, RESOURCES_DIR, tempDir } from '../support/coreHarness';
import { everyoneAtStation, FakeClock, must, startAt } from './supportHarness';

const cleanup: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

/** A primary road from each station to the Huabu station, bending east on the way. */
function roadsTo(scene: LonLat, stations: readonly { lonLat: LonLat }[]): FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: stations.map((s) => ({
      type: 'Feature',
      properties: { highway: 'primary' },
      geometry: {
        type: 'LineString',
        coordinates: [
          [s.lonLat[0], s.lonLat[1]],
          [(s.lonLat[0] + scene[0]) / 2 + 0.05, (s.lonLat[1] + scene[1]) / 2],
          [scene[0], scene[1]],
        ],
      },
    })),
  };
}

async function coreOn(resourcesDir: string) {
  const tmp = tempDir('muster-roads-');
  cleanup.push(tmp.remove);
  const clock = new FakeClock();
  const core = await startAt(tmp.dir, clock, {
    resourcesDir,
    regionsDir: join(resourcesDir, 'regions'),
  });
  cleanup.push(() => core.stop());
  const pub = await connectPublisher(core);
  cleanup.push(() => pub.endAsync());
  await everyoneAtStation(core, pub, clock.now());
  return core;
}

describe('a region pack with a road layer', () => {
  it('prices and routes support on its roads', async () => {
    const res = tempDir('muster-res-');
    cleanup.push(res.remove);
    const packDir = join(res.dir, 'regions', 'kaihua');
    cpSync(join(RESOURCES_DIR, 'regions', 'kaihua'), packDir, { recursive: true });
    cpSync(join(RESOURCES_DIR, 'broker'), join(res.dir, 'broker'), { recursive: true });
    const shipped = loadRegionPack(join(RESOURCES_DIR, 'regions'), 'kaihua');
    const huabu = must(
      shipped.snapshot.stations.find((s) => s.id === 'ps-huabu'),
      'ps-huabu',
    ).lonLat;
    const roads = roadsTo(huabu, shipped.snapshot.stations);
    writeFileSync(join(packDir, 'roads.geojson'), JSON.stringify(roads));

    const core = await coreOn(res.dir);
    expect((await core.api.getSupportSetup()).travelModel).toBe('road-graph');
    const inc = await core.api.createIncident({
      type: 'traffic-accident',
      grade: 'IV',
      lonLat: huabu,
      description: 'on the road',
      reporter: '110',
    });
    const req = await core.api.requestSupport(inc.id);
    const units = must(req.recommendation?.packages[0], 'a package').units;
    expect(units.length).toBeGreaterThan(0);

    // The same model from the same file, pricing the same units from their stations.
    const model = createTravelModel({ ...shipped.support.travel, roads });
    const at = new Map(shipped.snapshot.stations.map((s) => [s.id, s.lonLat]));
    const kinds = new Map(shipped.roster.map((u) => [u.id, u.kind]));
    const expected = model.priceAll(
      huabu,
      units.map((u) => ({
        id: u.unitId,
        kind: must(kinds.get(u.unitId), u.unitId),
        lonLat: must(at.get(u.stationId), u.stationId),
      })),
    );
    const straight = createTravelModel(shipped.support.travel).priceAll(
      huabu,
      units.map((u) => ({
        id: u.unitId,
        kind: must(kinds.get(u.unitId), u.unitId),
        lonLat: must(at.get(u.stationId), u.stationId),
      })),
    );
    units.forEach((u, i) => {
      expect(u.etaS, u.unitId).toBeCloseTo(must(expected[i]?.etaS, 'road eta'), 6);
    });
    // A vehicle from another station drives the bend: its route has the road's middle vertex,
    // and its ETA is not the straight-line one.
    // (The traffic slot can only come from the county traffic squad.)
    const far = units.findIndex(
      (u) => u.stationId !== 'ps-huabu' && kinds.get(u.unitId) !== 'drone',
    );
    expect(far).toBeGreaterThanOrEqual(0);
    expect(units[far]?.route.length).toBeGreaterThan(2);
    expect(units[far]?.etaS).not.toBeCloseTo(must(straight[far]?.etaS, 'straight eta'), 0);
  });

  it('without one, says ETAs are straight line × detour', async () => {
    const core = await coreOn(RESOURCES_DIR);
    expect((await core.api.getSupportSetup()).travelModel).toBe('straight-line');
  });
});
