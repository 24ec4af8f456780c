// A local PMTiles basemap (the Andorra OpenMapTiles extract) loads and draws with every request that
// is not to the console's own host blocked, and none was even attempted.

import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test } from './fixtures';

const ANDORRA = resolve('../shared/data/fallback_andorra/andorra_openmaptiles_z0-14.pmtiles');
/** Andorra la Vella. */
const LON = 1.5218;
const LAT = 42.5063;
const ZOOM = 13;

interface Debug {
  unitCount(): number;
  project(lon: number, lat: number): [number, number] | undefined;
  jumpTo(lon: number, lat: number, zoom: number): void;
  tilesLoaded(): boolean | undefined;
}
// Page functions run in the browser (serialised, so no closures); this config has no DOM library.
type PageGlobals = { __musterDebug?: Debug };

test.skip(
  !existsSync(ANDORRA) && process.env['CI'] !== 'true',
  `the Andorra PMTiles file is missing (${ANDORRA}); CI=true makes this a failure`,
);
const CREDIT = '© OpenMapTiles © OpenStreetMap contributors';
test.use({ musterArgs: ['--basemap', `pmtiles:${ANDORRA}`, '--basemap-attribution', CREDIT] });

test('a local PMTiles basemap draws with every non-local request blocked', async ({
  page,
  muster,
}) => {
  const foreign: string[] = [];
  const tileRanges: string[] = [];
  // Context-wide, so requests from workers are seen too.
  await page.context().route('**/*', async (route) => {
    const url = new URL(route.request().url());
    const local =
      (url.protocol === 'http:' || url.protocol === 'https:' || url.protocol === 'ws:') &&
      (url.hostname === '127.0.0.1' || url.hostname === 'localhost');
    if (!local) {
      foreign.push(url.href);
      await route.abort('blockedbyclient');
      return;
    }
    if (url.pathname.startsWith('/basemap/')) {
      tileRanges.push(route.request().headers()['range'] ?? '(none)');
    }
    await route.continue();
  });

  await page.goto(muster.url);
  await expect(page.getByTestId('map').locator('canvas').first()).toBeVisible();
  // The region (Kaihua) is fitted first; units on the map mean that has happened.
  await expect
    .poll(() =>
      page.evaluate(() => (globalThis as unknown as PageGlobals).__musterDebug?.unitCount() ?? 0),
    )
    .toBeGreaterThan(0);

  await page.evaluate(
    ([lon, lat, zoom]) =>
      (globalThis as unknown as PageGlobals).__musterDebug?.jumpTo(lon ?? 0, lat ?? 0, zoom ?? 0),
    [LON, LAT, ZOOM],
  );
  const box = await page.getByTestId('map').boundingBox();
  expect(box).not.toBeNull();
  const at = (await page.evaluate(
    ([lon, lat]) =>
      (globalThis as unknown as PageGlobals).__musterDebug?.project(lon ?? 0, lat ?? 0),
    [LON, LAT],
  )) as [number, number] | undefined;
  // Andorra la Vella sits in the middle of the map now.
  expect(Math.abs((at?.[0] ?? 0) - (box?.width ?? 0) / 2)).toBeLessThan(2);
  expect(Math.abs((at?.[1] ?? 0) - (box?.height ?? 0) / 2)).toBeLessThan(2);

  // The archive header first (from byte 0), then tiles (ranges further in), all from this host.
  await expect.poll(() => tileRanges.some((r) => /^bytes=0-/.test(r))).toBe(true);
  await expect
    .poll(() => tileRanges.filter((r) => /^bytes=[1-9]\d*-\d+$/.test(r)).length, {
      timeout: 20_000,
    })
    .toBeGreaterThanOrEqual(1);
  await expect
    .poll(
      () =>
        page.evaluate(() => (globalThis as unknown as PageGlobals).__musterDebug?.tilesLoaded()),
      {
        timeout: 20_000,
      },
    )
    .toBe(true);

  // The credit is shown, as text.
  await expect(page.locator('.maplibregl-ctrl-attrib-inner')).toHaveText(CREDIT);
  await page.getByTestId('map').screenshot({ path: 'test-results/basemap-andorra.png' });
  expect(foreign).toEqual([]);
});
