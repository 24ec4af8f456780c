// A facilitator runs a shipped scenario in an exercise beside live duty: at 10×, with an SOS placed
// by hand, paused and resumed; the commander, logged in on a screen of their own, handles its first
// incident with one-click support, and drill control sees what the players did. Live never shows
// the exercise.
import { expect, test } from './fixtures';
import { collectProblems, openWithUnits, requestSupport, type PageGlobals } from './supportSteps';

const NAME = '夜间跨乡镇联动演练';
test.use({ musterRole: 'facilitator' });

test('a facilitator runs a shipped scenario at 10x; the commander supports its incident; live stays apart', async ({
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

  // The region's night-chain scenario.
  await drill.getByTestId('scenario-select').selectOption('night-chain');
  await drill.getByTestId('scenario-load').click();
  await expect(drill.getByTestId('drill-scenario')).toHaveAttribute('data-loaded', 'true');
  const row = (id: string) => drill.locator(`[data-testid="inject-row"][data-inject-id="${id}"]`);
  await expect(drill.getByTestId('inject-row')).toHaveCount(7);
  await expect(row('N1')).toHaveAttribute('data-state', 'pending');
  // Paused: scenario time does not move, and nothing fires.
  const frozen = await drill.getByTestId('drill-clock').textContent();
  await page.waitForTimeout(1500);
  await expect(drill.getByTestId('drill-clock')).toHaveText(frozen ?? '');
  await expect(row('N1')).toHaveAttribute('data-state', 'pending');

  await drill.getByTestId('drill-resume').click();
  await expect(banner.getByTestId('exercise-speed')).toContainText('10');
  await expect(row('N1')).toHaveAttribute('data-state', 'fired');
  // An SOS placed by hand, fired at once.
  await drill.getByTestId('adhoc-kind').selectOption('sos');
  await drill.getByTestId('adhoc-unit').selectOption('huabu-05');
  await drill.getByTestId('adhoc-fire').click();
  await expect(row('adhoc-1')).toHaveAttribute('data-state', 'fired');
  await drill.getByTestId('drill-pause').click();
  await expect(drill.getByTestId('drill-state')).toHaveAttribute('data-paused', 'true');
  await drill.getByTestId('drill-note-text').fill('指挥长研判迅速');
  await drill.getByTestId('drill-note-add').click();
  await expect(drill.getByTestId('drill-note')).toHaveCount(1);
  await drill.getByTestId('drill-resume').click();
  await expect(drill.getByTestId('drill-state')).toHaveAttribute('data-paused', 'false');
  await page.screenshot({ path: 'test-results/exercise-drill.png' });

  // The exercise's own console, on the commander's screen: the banner, the inject's incident,
  // one-click support.
  const exerciseUrl = await drill.getByTestId('drill-open-console').getAttribute('href');
  if (!exerciseUrl) throw new Error('no exercise console link');
  const player = await page.context().newPage();
  await muster.loginAs(player, 'commander');
  const playerProblems = collectProblems(player);
  await openWithUnits(player, muster.url);
  await openWithUnits(player, exerciseUrl);
  await expect(player.getByTestId('exercise-banner').getByTestId('exercise-name')).toHaveText(NAME);
  await expect(
    player.locator('[data-testid="alert-item"][data-kind="sos"][data-unit="huabu-05"]'),
  ).toHaveCount(1);
  const item = player.locator('[data-testid="incident-item"][data-grade="III"]').first();
  const incidentId = await item.getAttribute('data-incident-id');
  expect(incidentId).toMatch(/\.ex-[0-9a-z]{10}$/);
  await item.click();
  const units = await requestSupport(player);
  expect(units.length).toBeGreaterThanOrEqual(1);
  await player.getByTestId('recommendation-panel').getByTestId('approve-support').click();
  const supportRow = player
    .getByTestId('support-board')
    .locator(`[data-testid="support-row"][data-incident-id="${incidentId}"]`);
  await expect(supportRow).toHaveAttribute('data-state', /^(en-route|on-scene)$/, {
    timeout: 60_000,
  });
  await player.screenshot({ path: 'test-results/exercise-console.png' });

  // Back on live: no banner, and the exercise's incident is not there.
  await openWithUnits(player, `${muster.origin}/`);
  await expect(player.getByTestId('exercise-banner')).toHaveCount(0);
  await expect(
    player.locator(`[data-testid="incident-item"][data-incident-id="${incidentId}"]`),
  ).toHaveCount(0);
  expect(
    await player.evaluate(
      () => (globalThis as unknown as PageGlobals).__musterDebug?.unitCount() ?? 0,
    ),
  ).toBeGreaterThanOrEqual(60);

  // Drill control: expected against observed for the first inject; then the exercise ends.
  await page.goto(exerciseUrl.replace('?', '?role=drill&'));
  const observed = page
    .locator('[data-testid="inject-row"][data-inject-id="N1"]')
    .getByTestId('inject-observed');
  await expect(observed.locator('[data-what="support-requested"]')).toHaveCount(1);
  await expect(observed.locator('[data-what="support-approved"]')).toHaveCount(1);
  page.once('dialog', (d) => void d.accept());
  await page.getByTestId('drill-end').click();
  await expect(page).not.toHaveURL(/session=/);
  await expect(page.getByTestId('drill-session')).toHaveAttribute('data-state', 'ended');

  // 回放: the ended exercise replays read-only in its own view; jumping to its first incident's
  // mark shows that incident, and live keeps running beside it. The commander opens it too.
  await page.getByTestId('drill-replay').click();
  await expect(page).toHaveURL(/[?&]session=rp-[0-9a-z]{10}/);
  await player.goto(page.url());
  await expect(player.getByTestId('replay-banner').getByTestId('replay-name')).toHaveText(NAME);
  const bar = player.getByTestId('replay-bar');
  await expect(bar).toBeVisible();
  await bar.locator('[data-testid="replay-mark"][data-kind="incident"]').first().click();
  await expect(
    player.locator(`[data-testid="incident-item"][data-incident-id="${incidentId}"]`),
  ).toHaveCount(1);
  await player.screenshot({ path: 'test-results/replay-console.png' });
  // It shows, it does not command: a regrade is refused, in the operator's language.
  await player.locator(`[data-testid="incident-item"][data-incident-id="${incidentId}"]`).click();
  await player.getByTestId('incident-regrade').selectOption('II');
  await expect(player.getByTestId('incident-error')).toHaveText(
    '操作失败：回放只读：只显示当时的记录，不能操作',
  );
  await bar.getByTestId('replay-close').click();
  await expect(player).not.toHaveURL(/session=/);
  await expect(player.getByTestId('replay-banner')).toHaveCount(0);
  expect(problems).toEqual([]);
  expect(playerProblems).toEqual([]);
});
