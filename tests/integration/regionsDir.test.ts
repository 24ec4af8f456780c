// A region pack kept outside the app's resources (--regions-dir): the console loads it from there,
// and an id that is not there is refused with where it looked.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RESOURCES_DIR, startCore, tempDir } from '../support/coreHarness';

describe('region packs outside the app (--regions-dir)', () => {
  const tmp = tempDir('muster-regions-');
  afterAll(() => tmp.remove());

  it('loads the pack from the named directory, not from the app’s resources', async () => {
    const packs = join(tmp.dir, 'packs');
    cpSync(join(RESOURCES_DIR, 'regions', 'kaihua'), join(packs, 'kaihua'), { recursive: true });
    const regionFile = join(packs, 'kaihua', 'region.json');
    const region = JSON.parse(readFileSync(regionFile, 'utf8')) as { name: string };
    writeFileSync(regionFile, JSON.stringify({ ...region, name: '开化县（外部区划包）' }));
    const core = await startCore(join(tmp.dir, 'data'), { regionsDir: packs });
    try {
      expect((await core.api.getRegion()).info.name).toBe('开化县（外部区划包）');
    } finally {
      await core.stop();
    }
    await expect(
      startCore(join(tmp.dir, 'data2'), { regionsDir: packs, regionId: 'nowhere' }),
    ).rejects.toThrow(/nowhere/);
  });
});
