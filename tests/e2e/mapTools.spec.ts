import { expect, test } from './fixtures';

interface Debug {
  unitCount(): number;
  visibleUnitCount(): number;
  samplePositions(k: number): [number, number][];
  getCenter(): [number, number] | undefined;
  unproject(x: number, y: number): [number, number] | undefined;
}
// Page functions run in the browser (serialised, so no closures); this config has no DOM library.
type PageGlobals = { __musterDebug?: Debug };

/** Officer pairs in the Kaihua roster. */
const KAIHUA_OFFICER_PAIRS = 37;

function haversineM(a: [number, number], b: [number, number]): number {
  const rad = Math.PI / 180;
  const dLat = (b[1] - a[1]) * rad;
  const dLon = (b[0] - a[0]) * rad;
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * rad) * Math.cos(b[1] * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6_371_008.8 * Math.asin(Math.sqrt(h));
}

test('map tools: filters, callsign search, measure and the shortcut help', async ({
  page,
  muster,
}) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(muster.url);
  await expect(page.getByTestId('map').locator('canvas').first()).toBeVisible();
  /** [units drawn without filters, units drawn now]. */
  const counts = () =>
    page.evaluate(() => {
      const d = (globalThis as unknown as PageGlobals).__musterDebug;
      return [d?.unitCount() ?? 0, d?.visibleUnitCount() ?? 0];
    });
  const hiddenCount = async () => {
    const [all, shown] = await counts();
    return (all ?? 0) - (shown ?? 0);
  };

  await expect.poll(async () => (await counts())[0]).toBeGreaterThanOrEqual(60);

  // Filters: unticking officer pairs hides exactly the roster's officer pairs.
  await page.keyboard.press('f');
  const filters = page.getByTestId('map-filters');
  await expect(filters).toBeVisible();
  await expect.poll(hiddenCount).toBe(0);
  await filters.getByTestId('filter-kind-officer-pair').uncheck();
  await expect.poll(hiddenCount).toBe(KAIHUA_OFFICER_PAIRS);
  await expect(filters.getByTestId('visible-count')).toHaveAttribute(
    'data-count',
    String((await counts())[1]),
  );
  await filters.getByTestId('filter-kind-officer-pair').check();
  await expect.poll(hiddenCount).toBe(0);

  // Search by callsign: the map centres on the unit.
  await page.keyboard.press('/');
  await expect(page.getByTestId('unit-search')).toBeFocused();
  await page.getByTestId('unit-search').fill('城关01');
  const result = page.getByTestId('unit-search-result').first();
  await expect(result).toHaveText(/城关01/);
  const index = Number(await result.getAttribute('data-index'));
  await result.click();
  await expect
    .poll(async () => {
      const center = await page.evaluate(() =>
        (globalThis as unknown as PageGlobals).__musterDebug?.getCenter(),
      );
      const at = await page.evaluate(
        (i) => (globalThis as unknown as PageGlobals).__musterDebug?.samplePositions(i + 1)[i],
        index,
      );
      return center && at ? haversineM(center, at) : Infinity;
    })
    .toBeLessThan(300);
  // …and the unit's card opens, as when it is clicked on the map.
  await expect(page.getByTestId('unit-detail-callsign')).toHaveText('城关01');

  // Measure: two clicks, a distance that matches the great circle between the clicked points.
  await page.getByTestId('measure-tool').click();
  const box = await page.getByTestId('map').boundingBox();
  if (!box) throw new Error('no map box');
  const pts: [number, number][] = [
    [box.width / 2 - 160, box.height / 2 + 120],
    [box.width / 2 + 140, box.height / 2 + 180],
  ];
  for (const [x, y] of pts) await page.getByTestId('map').click({ position: { x, y } });
  const readout = page.getByTestId('measure-distance');
  await expect(readout).toHaveAttribute('data-points', '2');
  const lonLats = await Promise.all(
    pts.map(([x, y]) =>
      page.evaluate(
        ([px, py]) => (globalThis as unknown as PageGlobals).__musterDebug?.unproject(px, py),
        [x, y] as const,
      ),
    ),
  );
  const [a, b] = lonLats;
  if (!a || !b) throw new Error('unproject not available');
  const expected = haversineM(a, b);
  const shown = Number(await readout.getAttribute('data-distance-m'));
  expect(Math.abs(shown - expected)).toBeLessThan(expected * 0.01);
  await expect(readout).toContainText(expected >= 1000 ? '公里' : '米');
  await page.screenshot({ path: 'test-results/map-tools.png' });
  await page.keyboard.press('Escape');
  await expect(readout).toBeHidden();

  // '?' opens the help overlay listing the shortcuts; keys typed in the search box do not.
  await page.getByTestId('unit-search').fill('f?');
  await expect(page.getByTestId('help-overlay')).toBeHidden();
  await page.getByTestId('unit-search').press('Escape');
  await page.keyboard.press('?');
  const help = page.getByTestId('help-overlay');
  await expect(help).toBeVisible();
  await expect(help.getByTestId('help-shortcut')).toHaveCount(6);
  await page.screenshot({ path: 'test-results/map-tools-help.png' });
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();
  expect(errors).toEqual([]);
});
