// A facilitator opens an exercise beside live duty, runs its clock, and a commander handles an
// incident in it with one-click support; live never shows the exercise, and the reverse.
import { expect, test } from './fixtures';
import {
  collectProblems,
  createIncidentAt,
  openWithUnits,
  requestSupport,
  type PageGlobals,
} from './supportSteps';

const NAME = '夜间跨乡镇联动演练';

test('a facilitator runs an exercise at 10x; the commander supports an incident in it; live stays apart', async ({
  page,
  muster,
}) => {
  test.setTimeout(180_000);
  const problems = collectProblems(page);
  // Live first: the page keeps the token for the tab, so the other screens open without it.
  await openWithUnits(page, muster.url);
  await expect(page.getByTestId('exercise-banner')).toHaveCount(0);

  // 导调台: a new exercise at 10×, paused until started.
  await page.goto(`${muster.origin}/?role=drill`);
  const drill = page.getByTestId('drill-board');
  await expect(drill.getByTestId('drill-none')).toBeVisible();
  await drill.getByTestId('drill-name').fill(NAME);
  await drill.getByTestId('drill-start-speed').selectOption('10');
  await drill.getByTestId('drill-create').click();
  await expect(page).toHaveURL(/[?&]session=ex-[0-9a-z]{10}/);
  const banner = page.getByTestId('exercise-banner');
  await expect(banner.getByTestId('exercise-name')).toHaveText(NAME);
  await expect(banner.getByTestId('exercise-paused')).toBeVisible();
  await expect(drill.getByTestId('drill-state')).toHaveAttribute('data-paused', 'true');
  // Paused: scenario time does not move.
  const frozen = await drill.getByTestId('drill-clock').textContent();
  await page.waitForTimeout(1500);
  await expect(drill.getByTestId('drill-clock')).toHaveText(frozen ?? '');

  await drill.getByTestId('drill-resume').click();
  await expect(drill.getByTestId('drill-state')).toHaveAttribute('data-paused', 'false');
  await expect(banner.getByTestId('exercise-speed')).toContainText('10');
  await expect(drill.getByTestId('drill-clock')).not.toHaveText(frozen ?? '');

  // The exercise's own console: its banner on the commander's screen, its simulated units.
  const exerciseUrl = await drill.getByTestId('drill-open-console').getAttribute('href');
  if (!exerciseUrl) throw new Error('no exercise console link');
  const anchor = await openWithUnits(page, exerciseUrl);
  await expect(page.getByTestId('exercise-banner').getByTestId('exercise-name')).toHaveText(NAME);
  const incidentId = await createIncidentAt(page, anchor);
  expect(incidentId).toMatch(/\.ex-[0-9a-z]{10}$/);
  const units = await requestSupport(page);
  expect(units.length).toBeGreaterThanOrEqual(1);
  await page.getByTestId('recommendation-panel').getByTestId('approve-support').click();
  const row = page
    .getByTestId('support-board')
    .locator(`[data-testid="support-row"][data-incident-id="${incidentId}"]`);
  await expect(row).toHaveAttribute('data-state', /^(en-route|on-scene)$/, { timeout: 60_000 });
  await page.screenshot({ path: 'test-results/exercise-console.png' });

  // Back on live: no banner, and the exercise's incident is not there.
  await openWithUnits(page, `${muster.origin}/`);
  await expect(page.getByTestId('exercise-banner')).toHaveCount(0);
  await expect(
    page.locator(`[data-testid="incident-item"][data-incident-id="${incidentId}"]`),
  ).toHaveCount(0);
  const liveUnits = await page.evaluate(
    () => (globalThis as unknown as PageGlobals).__musterDebug?.unitCount() ?? 0,
  );
  expect(liveUnits).toBeGreaterThanOrEqual(60);

  // The facilitator pauses it again, then ends it; the list says so.
  await page.goto(exerciseUrl.replace('?', '?role=drill&'));
  await page.getByTestId('drill-pause').click();
  await expect(page.getByTestId('drill-state')).toHaveAttribute('data-paused', 'true');
  page.once('dialog', (d) => void d.accept());
  await page.getByTestId('drill-end').click();
  await expect(page).not.toHaveURL(/session=/);
  await expect(page.getByTestId('drill-session')).toHaveAttribute('data-state', 'ended');
  expect(problems).toEqual([]);
});
