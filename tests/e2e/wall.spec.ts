import type { Page } from '@playwright/test';
import { connectAsync } from 'mqtt';
import { SCREEN_ROLES, type ScreenRole } from '../../shared/domain/wall';
import { expect, test } from './fixtures';

/** The console address (token included) for one wall role. */
function roleAddress(consoleUrl: string, role: ScreenRole): string {
  const url = new URL(consoleUrl);
  url.searchParams.set('role', role);
  return url.toString();
}

/** What must be on screen for each role, beyond the status strip. */
const ROLE_TEST_IDS: Readonly<Record<ScreenRole, readonly string[]>> = {
  map: ['map', 'incidents-panel', 'alerts-panel'],
  units: ['unit-board'],
  support: ['support-wall', 'incidents-panel', 'support-board'],
  kpi: ['kpi-board'],
  alerts: ['alerts-board', 'alerts-panel'],
  drill: ['drill-board', 'drill-name', 'drill-create'],
};

function collectProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  return problems;
}

for (const role of SCREEN_ROLES) {
  test(`the ${role} screen renders at its own URL`, async ({ page, muster }) => {
    const problems = collectProblems(page);
    await page.goto(roleAddress(muster.url, role));
    // The token leaves the address bar; the role stays, so a reload shows the same screen.
    await expect.poll(() => new URL(page.url()).searchParams.get('token')).toBeNull();
    expect(new URL(page.url()).searchParams.get('role')).toBe(role);
    await expect(page.getByTestId('status-strip')).toBeVisible();
    await expect(page.getByTestId('broker-state')).toHaveAttribute('data-state', 'connected');
    await expect(page.getByTestId('wall-layout-button')).toBeVisible();
    if (role !== 'map')
      await expect(page.getByTestId('wall-screen')).toHaveAttribute('data-role', role);
    else await expect(page.getByTestId('wall-screen')).toHaveCount(0);
    for (const id of ROLE_TEST_IDS[role]) await expect(page.getByTestId(id)).toBeVisible();

    if (role === 'units') {
      // Every unit of the roster, the same roster the strip counts.
      const total = Number(await page.getByTestId('units-online').getAttribute('data-total'));
      expect(total).toBeGreaterThanOrEqual(60);
      await expect(page.getByTestId('unit-row')).toHaveCount(total);
      await expect(page.getByTestId('unit-board')).toHaveAttribute('data-count', String(total));
      // They do not fit at 900 px: the board pages by itself.
      await expect(page.getByTestId('unit-board-scroll')).toHaveAttribute('data-paging', 'true');
      // Live columns fill from the simulator's telemetry.
      await expect(
        page.locator('[data-testid="unit-row"][data-liveness="online"]').first(),
      ).toBeVisible();
      // Sorting by callsign descending reverses the first row.
      const firstId = () => page.getByTestId('unit-row').first().getAttribute('data-unit-id');
      await page.getByTestId('unit-board-group').uncheck();
      const ascFirst = await firstId();
      await page.locator('[data-testid="unit-sort"][data-key="callsign"]').click();
      await expect.poll(firstId).not.toBe(ascFirst);
      // Back to the station groups for the screenshot.
      await page.getByTestId('unit-board-group').check();
      await expect(page.getByTestId('unit-group').first()).toBeVisible();
    }
    if (role === 'kpi') {
      const online = page.locator('[data-testid="kpi-tile"][data-kpi="units-online"]');
      await expect(online).toHaveAttribute('data-value', /^\d+\/\d+$/);
      const total = await page.getByTestId('units-online').getAttribute('data-total');
      expect((await online.getAttribute('data-value'))?.split('/')[1]).toBe(total);
      await expect(page.locator('[data-testid="kpi-tile"][data-kpi="grade-I"]')).toBeVisible();
      await expect(page.locator('[data-testid="kpi-tile"][data-kpi="sla-met"]')).toBeVisible();
    }
    if (role === 'support') {
      await expect(page.getByTestId('open-support-board')).toHaveAttribute('aria-pressed', 'true');
      // A wall shows, it does not command.
      await expect(page.getByTestId('new-incident')).toHaveCount(0);
    }
    if (role === 'alerts') {
      // An SOS shows on the alerts wall, with no button to acknowledge it: that is a console's act.
      const pub = await connectAsync(muster.brokerUrl, muster.deviceLogin('bc-chengguan-02'));
      await pub.publishAsync(
        'muster/v1/devices/bc-chengguan-02/event',
        JSON.stringify({ v: 1, tsMs: Date.now() + 1_000, type: 'sos', state: 'on' }),
        { qos: 1 },
      );
      await pub.endAsync();
      await expect(
        page.locator('[data-testid="alert-item"][data-kind="sos"][data-unit="chengguan-02"]'),
      ).toHaveCount(1);
      await expect(page.getByTestId('alert-ack')).toHaveCount(0);
    }
    await page.screenshot({ path: `test-results/wall-${role}.png` });
    expect(problems).toEqual([]);
  });
}

test('a saved wall layout reloads, and another view sees it', async ({ page, context, muster }) => {
  const problems = collectProblems(page);
  await page.goto(muster.url);
  const other = await context.newPage();
  await muster.loginAs(other, 'commander');
  await other.goto(roleAddress(muster.url, 'kpi'));

  await page.getByTestId('wall-layout-button').click();
  const dialog = page.getByTestId('wall-layout-dialog');
  await expect(dialog).toBeVisible();
  const rows = dialog.getByTestId('wall-screen-row');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute('data-role', 'map');
  await expect(dialog.getByTestId('wall-layout-saved')).toHaveAttribute('data-updated-ms', '0');

  // Wall PC addresses: same origin, one per role, never the token.
  const urls = dialog.getByTestId('wall-role-url');
  await expect(urls).toHaveCount(SCREEN_ROLES.length);
  for (const role of SCREEN_ROLES) {
    const text = await dialog
      .locator(`[data-testid="wall-role-url"][data-role="${role}"] code`)
      .textContent();
    expect(text).toBe(`${muster.origin}/?role=${role}`);
  }
  expect(await dialog.textContent()).not.toContain(
    new URL(muster.url).searchParams.get('token') ?? '§',
  );
  await expect(dialog.getByTestId('wall-token-note')).toBeVisible();

  // The other view has its editor open, untouched: it follows the saved layout.
  await other.getByTestId('wall-layout-button').click();
  const otherRows = other.getByTestId('wall-layout-dialog').getByTestId('wall-screen-row');
  await expect(otherRows).toHaveCount(1);

  // Two screens: the map on the primary display, the KPI board on a second one.
  await dialog.getByTestId('wall-add-screen').click();
  await expect(rows).toHaveCount(2);
  await rows.nth(1).getByTestId('wall-display-id').fill('wall-east');
  await rows.nth(1).getByTestId('wall-role-select').selectOption('kpi');
  // A duplicate display id cannot be saved.
  await rows.nth(1).getByTestId('wall-display-id').fill('primary');
  await expect(dialog.getByTestId('wall-layout-problem')).toHaveAttribute(
    'data-problem',
    'duplicate-id',
  );
  await expect(dialog.getByTestId('wall-layout-save')).toBeDisabled();
  await rows.nth(1).getByTestId('wall-display-id').fill('wall-east');
  await dialog.getByTestId('wall-layout-save').click();
  await expect(dialog.getByTestId('wall-layout-saved')).not.toHaveAttribute('data-updated-ms', '0');

  const expected = [
    ['primary', 'map'],
    ['wall-east', 'kpi'],
  ];
  const shown = async (p: Page) =>
    p
      .getByTestId('wall-layout-dialog')
      .getByTestId('wall-screen-row')
      .evaluateAll((els) =>
        els.map((e) => [e.getAttribute('data-display-id'), e.getAttribute('data-role')]),
      );
  // Pushed by the 'wallLayout' event to the other view.
  await expect.poll(() => shown(other)).toEqual(expected);

  await page.reload();
  await page.getByTestId('wall-layout-button').click();
  await expect.poll(() => shown(page)).toEqual(expected);
  await expect(page.getByTestId('wall-layout-saved')).not.toHaveAttribute('data-updated-ms', '0');
  await page.getByTestId('wall-layout-close').click();
  await expect(page.getByTestId('wall-layout-dialog')).toHaveCount(0);
  await other.close();
  expect(problems).toEqual([]);
});

test('an unknown role is refused, with the roles there are', async ({ page, muster }) => {
  const url = new URL(muster.url);
  url.searchParams.set('role', 'hologram');
  await page.goto(url.toString());
  const screen = page.getByTestId('unknown-role');
  await expect(screen).toHaveAttribute('data-role', 'hologram');
  await expect(screen).toContainText('hologram');
  await expect(screen.getByTestId('role-link')).toHaveCount(SCREEN_ROLES.length);
  await expect(page.getByTestId('map')).toHaveCount(0);
  await screen.locator('[data-testid="role-link"][data-role="units"]').click();
  await expect(page.getByTestId('unit-board')).toBeVisible();
});
