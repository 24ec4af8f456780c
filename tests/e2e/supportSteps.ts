// Steps the support specs share: incidents made through the UI at a unit's position, one-click support.
import type { Page } from '@playwright/test';
import { expect } from './fixtures';

interface Debug {
  unitCount(): number;
  samplePositions(k: number): [number, number][];
  positionOf(unitId: string): [number, number] | undefined;
  project(lon: number, lat: number): [number, number] | undefined;
}
// Page functions run in the browser (serialised, so no closures); this config has no DOM library.
export type PageGlobals = { __musterDebug?: Debug };

/** Roster index of 城关巡1 (chengguan-09), a unit of the county seat's station. */
export const ANCHOR_UNIT = 8;
/** ~270 m north: just outside the 200 m arrival geofence of the Kaihua pack. */
export const OFFSET_DEG = 0.00243;
export const CLOCK = /^\d{2}:\d{2}:\d{2}$/;

/** New incident at a map point, through the UI: button, map click, form. Returns its id. */
export async function createIncidentAt(
  page: Page,
  lonLat: [number, number],
  grade: 'I' | 'II' | 'III' | 'IV' = 'IV',
): Promise<string> {
  const panel = page.getByTestId('incidents-panel');
  await panel.getByTestId('new-incident').click();
  await expect(page.getByTestId('map')).toHaveAttribute('data-picking', 'true');
  const xy = await page.evaluate(
    ([x, y]) => (globalThis as unknown as PageGlobals).__musterDebug?.project(x, y),
    lonLat,
  );
  if (!xy) throw new Error('map projection not available');
  await page.getByTestId('map').click({ position: { x: xy[0], y: xy[1] } });
  const form = page.getByTestId('incident-form');
  await expect(form).toBeVisible();
  await expect(page.getByTestId('map')).toHaveAttribute('data-picking', 'false');
  await form.getByTestId('incident-type').selectOption('public-disorder');
  await form.getByTestId('incident-grade').selectOption(grade);
  await form.getByTestId('incident-description').fill('e2e: crowd gathering at the county seat');
  await form.getByTestId('incident-reporter').fill('110');
  await form.getByTestId('incident-submit').click();
  await expect(form).toHaveCount(0);
  const detail = panel.getByTestId('incident-detail');
  await expect(detail).toBeVisible();
  const id = await detail.getAttribute('data-incident-id');
  if (!id) throw new Error('no incident selected after creating one');
  await expect(
    panel.locator(`[data-testid="incident-item"][data-incident-id="${id}"]`),
  ).toHaveAttribute('data-grade', grade);
  return id;
}

/** Request support from the selected incident; returns the recommended units with their ETAs. */
export async function requestSupport(
  page: Page,
): Promise<{ unitId: string; callsign: string; etaS: number }[]> {
  await page.getByTestId('incident-detail').getByTestId('request-support').click();
  const rec = page.getByTestId('recommendation-panel');
  await expect(rec).toBeVisible();
  await expect(rec.getByTestId('compliance')).toHaveAttribute('data-meets', /^(true|false)$/);
  await expect(rec.getByTestId('solver')).toHaveAttribute('data-solver', /^(highs|greedy)$/);
  await expect(
    rec.getByTestId('package-unit').or(rec.getByTestId('shortfall')).first(),
  ).toBeVisible();
  if ((await rec.getByTestId('package-unit').count()) === 0) {
    // The 12 h duty rule against the region's shift pattern can leave no unit to send at some hours.
    const gaps = await rec.getByTestId('shortfall').allInnerTexts();
    throw new Error(`the recommendation has no unit to send:\n${gaps.join('\n')}`);
  }
  return rec.getByTestId('package-unit').evaluateAll((rows) =>
    rows.map((r) => ({
      unitId: r.getAttribute('data-unit-id') ?? '',
      callsign: r.getAttribute('data-callsign') ?? '',
      etaS: Number(r.getAttribute('data-eta-s')),
    })),
  );
}

/** Opens the console, waits for the simulated units and returns the anchor unit's position. */
export async function openWithUnits(page: Page, url: string): Promise<[number, number]> {
  await page.goto(url);
  await expect
    .poll(() =>
      page.evaluate(() => (globalThis as unknown as PageGlobals).__musterDebug?.unitCount() ?? 0),
    )
    .toBeGreaterThanOrEqual(60);
  const anchor = await page.evaluate(
    (k) => (globalThis as unknown as PageGlobals).__musterDebug?.samplePositions(k + 1)[k],
    ANCHOR_UNIT,
  );
  if (!anchor) throw new Error('no anchor position');
  return anchor;
}

/** Page errors and console errors, collected for a test to assert none happened. */
export function collectProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  return problems;
}

/** Minutes to the next crew change of the Kaihua pack's shifts (start 00, 08, 16 local, UTC+8). */
export function minutesToShiftChange(nowMs: number): number {
  const localMin = Math.floor((nowMs + 8 * 3_600_000) / 60_000) % (24 * 60);
  return 8 * 60 - (localMin % (8 * 60));
}
