// People log in; the core decides what each may do. An administrator enrols the next shift's
// commander and issues a wall token on the console's own screen; the day commander logs in, out,
// and the night commander takes over with no restart; a wall PC opens its screen with the token
// alone, read-only, and goes dark when the token is revoked; five wrong passwords lock a name.
import type { Page } from '@playwright/test';
import { expect, OPERATORS, test } from './fixtures';
import { tIn } from '../support/i18n';

test.use({ musterRole: 'none' });
const zh = tIn('zh-CN');

async function logIn(page: Page, name: string, password: string): Promise<void> {
  await page.getByTestId('login-name').fill(name);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

const NIGHT = { name: '夜班指挥长 刘强', password: 'night-shift-pass' };

test('log in, enrol the next shift, hand over by log-out and log-in, and a wall on its token', async ({
  page,
  muster,
  browser,
}) => {
  test.setTimeout(120_000);
  await page.goto(muster.url);
  // Nothing of the console before a login: the login screen, in Chinese.
  await expect(page.getByTestId('login-screen')).toBeVisible();
  await expect(page.getByTestId('map')).toHaveCount(0);
  await expect(page.getByTestId('login-submit')).toHaveText(zh('login.submit'));
  await page.screenshot({ path: 'test-results/login.png' });

  // The administrator enrols the night commander and issues a token for the support wall.
  const admin = OPERATORS.admin;
  await logIn(page, admin.name, admin.password);
  await expect(page.getByTestId('whoami-name')).toHaveText(admin.name);
  // An administrator does not command: no incident or support buttons.
  await expect(page.getByTestId('new-incident')).toHaveCount(0);
  await page.getByTestId('admin-button').click();
  const dialog = page.getByTestId('admin-dialog');
  await expect(dialog.getByTestId('admin-operator')).toHaveCount(5);
  await dialog.getByTestId('admin-enrol-name').fill(NIGHT.name);
  await dialog.getByTestId('admin-enrol-role').selectOption('commander');
  await dialog.getByTestId('admin-enrol-password').fill(NIGHT.password);
  await dialog.getByTestId('admin-enrol').click();
  await expect(
    dialog.locator(`[data-testid="admin-operator"][data-name="${NIGHT.name}"]`),
  ).toHaveAttribute('data-role', 'commander');
  await dialog.getByTestId('admin-wall-screen').selectOption('support');
  await dialog.getByTestId('admin-wall-label').fill('指挥大厅 左屏');
  await dialog.getByTestId('admin-wall-issue').click();
  const wallUrl = await dialog.getByTestId('admin-wall-url').inputValue();
  expect(new URL(wallUrl).searchParams.get('role')).toBe('support');
  await page.screenshot({ path: 'test-results/admin.png' });
  await dialog.getByTestId('admin-close').click();
  await page.getByTestId('logout-button').click();
  await expect(page.getByTestId('login-screen')).toBeVisible();

  // The day commander; a wrong password first, refused in Chinese without saying which part.
  const day = OPERATORS.commander;
  await logIn(page, day.name, 'not-my-password');
  await expect(page.getByTestId('login-error')).toHaveText(zh('refused.login-wrong'));
  await logIn(page, day.name, day.password);
  await expect(page.getByTestId('whoami-name')).toHaveText(day.name);
  await expect(page.getByTestId('whoami')).toHaveAttribute('data-role', 'commander');
  await expect(page.getByTestId('map')).toBeVisible();
  // A reload keeps the shift logged in.
  await page.reload();
  await expect(page.getByTestId('whoami-name')).toHaveText(day.name);

  // Shift change: log out, the night commander logs in on the same screen, no restart.
  await page.getByTestId('logout-button').click();
  await expect(page.getByTestId('login-screen')).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('login-screen')).toBeVisible();
  await logIn(page, NIGHT.name, NIGHT.password);
  await expect(page.getByTestId('whoami-name')).toHaveText(NIGHT.name);
  await expect(page.getByTestId('new-incident')).toBeVisible();

  // A wall PC: a browser of its own opens the address with the wall token, and nothing else.
  const wallContext = await browser.newContext({ viewport: { width: 1600, height: 900 } });
  const wall = await wallContext.newPage();
  await wall.goto(wallUrl);
  await expect(wall.getByTestId('wall-screen')).toHaveAttribute('data-role', 'support');
  await expect(wall.getByTestId('whoami')).toHaveAttribute('data-kind', 'wall');
  await expect(wall.getByTestId('login-screen')).toHaveCount(0);
  await expect(wall.getByTestId('logout-button')).toHaveCount(0);
  await expect(wall.getByTestId('support-board')).toBeVisible();
  await wall.screenshot({ path: 'test-results/wall-token.png' });

  // The administrator revokes it: the wall says its token is refused at once.
  await page.getByTestId('logout-button').click();
  await logIn(page, admin.name, admin.password);
  await page.getByTestId('admin-button').click();
  await dialog.getByTestId('admin-revoke').first().click();
  await dialog.getByTestId('admin-revoke-confirm').first().click();
  await expect(dialog.locator('[data-testid="admin-wall"][data-revoked="true"]')).toHaveCount(1);
  await expect(wall.getByTestId('stale-banner')).toHaveAttribute('data-reason', 'token-refused');
  await wallContext.close();
});

test('five wrong passwords in a row lock the name, and the screen says until when', async ({
  page,
  muster,
}) => {
  await page.goto(muster.url);
  const auditor = OPERATORS.auditor;
  for (let i = 0; i < 4; i++) {
    await logIn(page, auditor.name, `wrong-${String(i)}`);
    await expect(page.getByTestId('login-error')).toHaveText(zh('refused.login-wrong'));
  }
  await logIn(page, auditor.name, 'wrong-5');
  await expect(page.getByTestId('login-error')).toContainText('已锁定');
  // Locked: the right password is refused too.
  await logIn(page, auditor.name, auditor.password);
  await expect(page.getByTestId('login-error')).toContainText('已锁定');
  await expect(page.getByTestId('login-screen')).toBeVisible();
});
