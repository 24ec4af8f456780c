import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

interface Debug {
  unitCount(): number;
  samplePositions(k: number): [number, number][];
  positionOf(unitId: string): [number, number] | undefined;
  project(lon: number, lat: number): [number, number] | undefined;
  layerIds(): string[];
}
// Page functions run in the browser (serialised, so no closures); this config has no DOM library.
type PageGlobals = { __musterDebug?: Debug };

// Playwright runs from the repository root (as the fixtures do: out/main/serve.js).
const roster = JSON.parse(readFileSync('resources/regions/kaihua/roster.json', 'utf8')) as {
  id: string;
  callsign: string;
}[];

const layerIds = (page: Page): Promise<string[]> =>
  page.evaluate(() => (globalThis as unknown as PageGlobals).__musterDebug?.layerIds() ?? []);

/**
 * A unit drawn in the open middle of the map (clear of the side panels and the reach control),
 * with no other unit within 16 px, so a click there can only hit it. Returns its roster entry.
 */
async function clickableUnit(page: Page): Promise<{ id: string; callsign: string }> {
  const box = await page.getByTestId('map').boundingBox();
  if (!box) throw new Error('no map');
  const pixels = await page.evaluate((n) => {
    const d = (globalThis as unknown as PageGlobals).__musterDebug;
    return (d?.samplePositions(n) ?? []).map(([lon, lat]) => d?.project(lon, lat));
  }, roster.length);
  const ok = (p: [number, number] | undefined): p is [number, number] =>
    p !== undefined &&
    p[0] > 440 &&
    p[0] < box.width - 440 &&
    p[1] > 120 &&
    p[1] < box.height - 200;
  for (let i = 0; i < pixels.length; i++) {
    const p = pixels[i];
    if (!ok(p)) continue;
    const alone = pixels.every(
      (q, j) => j === i || !q || Math.hypot(q[0] - p[0], q[1] - p[1]) > 16,
    );
    const unit = roster[i];
    if (alone && unit) return unit;
  }
  throw new Error('no unit stands alone in the open part of the map');
}

async function clickUnit(page: Page, unitId: string): Promise<void> {
  const xy = await page.evaluate((id) => {
    const d = (globalThis as unknown as PageGlobals).__musterDebug;
    const at = d?.positionOf(id);
    return at ? d?.project(at[0], at[1]) : undefined;
  }, unitId);
  if (!xy) throw new Error(`unit ${unitId} is not on the map`);
  await page.getByTestId('map').click({ position: { x: xy[0], y: xy[1] } });
}

test('clicking a unit on the map opens its details and draws its recent track', async ({
  page,
  muster,
}) => {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(muster.url);
  await expect
    .poll(() =>
      page.evaluate(() => (globalThis as unknown as PageGlobals).__musterDebug?.unitCount() ?? 0),
    )
    .toBeGreaterThanOrEqual(60);
  // Let the store record a few fixes, so there is a track to draw.
  await page.waitForTimeout(3000);

  const unit = await clickableUnit(page);
  await clickUnit(page, unit.id);
  const panel = page.getByTestId('unit-detail');
  await expect(panel).toHaveAttribute('data-unit-id', unit.id);
  await expect(panel.getByTestId('unit-detail-callsign')).toHaveText(unit.callsign);
  await expect(panel.getByTestId('unit-detail-status')).not.toBeEmpty();
  await expect
    .poll(async () =>
      Number(await panel.getByTestId('unit-detail-track').getAttribute('data-points')),
    )
    .toBeGreaterThanOrEqual(2);
  await expect.poll(() => layerIds(page)).toContain('selected-track');
  await expect.poll(() => layerIds(page)).toContain('selected-unit');
  await page.screenshot({ path: 'test-results/unit-detail.png' });

  // Escape closes the panel and the track goes with it.
  await page.keyboard.press('Escape');
  await expect(panel).toHaveCount(0);
  await expect.poll(() => layerIds(page)).not.toContain('selected-track');

  // The close button does the same.
  await clickUnit(page, unit.id);
  await expect(panel).toHaveAttribute('data-unit-id', unit.id);
  await panel.getByTestId('unit-detail-close').click();
  await expect(panel).toHaveCount(0);
  expect(problems).toEqual([]);
});

test('reach areas draw from the stations and from the available units', async ({
  page,
  muster,
}) => {
  await page.goto(muster.url);
  await expect
    .poll(() =>
      page.evaluate(() => (globalThis as unknown as PageGlobals).__musterDebug?.unitCount() ?? 0),
    )
    .toBeGreaterThanOrEqual(60);
  const toggle = page.getByTestId('reach-toggle');
  await expect(toggle).toHaveAttribute('data-mode', 'off');
  expect(await layerIds(page)).not.toContain('reach-areas');
  await expect(page.getByTestId('reach-legend')).toHaveCount(0);

  await toggle.locator('[data-option="stations"]').click();
  await expect(toggle).toHaveAttribute('data-mode', 'stations');
  await expect.poll(() => layerIds(page)).toContain('reach-areas');
  const legend = page.getByTestId('reach-legend');
  await expect(legend.locator('[data-band]')).toHaveCount(4);
  await expect(legend).toContainText('straight-line');
  // Reach areas lie under everything else.
  expect((await layerIds(page))[0]).toBe('reach-areas');
  await page.waitForTimeout(500); // one more frame, for the screenshot
  await page.screenshot({ path: 'test-results/reach-areas.png' });

  await toggle.locator('[data-option="units"]').click();
  await expect(toggle).toHaveAttribute('data-mode', 'units');
  await expect.poll(() => layerIds(page)).toContain('reach-areas');
  await page.screenshot({ path: 'test-results/reach-areas-units.png' });

  await toggle.locator('[data-option="off"]').click();
  await expect(toggle).toHaveAttribute('data-mode', 'off');
  await expect.poll(() => layerIds(page)).not.toContain('reach-areas');
});
