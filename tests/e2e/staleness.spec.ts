import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { freePort } from '../support/mosquitto';
import { enrol, OPERATORS, spawnServe, type ServeProcess } from './fixtures';

// Staleness is impossible to miss (issue 16): the console host is killed under an open page, which
// must say at once that its picture is frozen, and as of when; restarted with the same (wall) token
// it recovers by itself, still logged in; restarted with a new token it says exactly that.
const WALL_TOKEN = 'wall-token-0123456789abcdef';
const NEW_TOKEN = 'new-token-0123456789abcdefg';

test('a dead link looks dead, recovers by itself, and a refused token says so', async ({
  page,
}) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'muster-e2e-stale-'));
  const port = String(await freePort());
  const hosts: ServeProcess[] = [];
  const serve = async (token: string): Promise<ServeProcess> => {
    const h = await spawnServe(dataDir, ['--port', port, '--token', token]);
    hosts.push(h);
    return h;
  };
  try {
    const commander = OPERATORS.commander;
    enrol(dataDir, [commander]);
    const first = await serve(WALL_TOKEN);
    await page.goto(first.url);
    await page.getByTestId('login-name').fill(commander.name);
    await page.getByTestId('login-password').fill(commander.password);
    await page.getByTestId('login-submit').click();
    await expect(page.getByTestId('broker-state')).toHaveAttribute('data-state', 'connected');
    await expect
      .poll(async () => Number(await page.getByTestId('units-online').getAttribute('data-online')))
      .toBeGreaterThan(0);
    await expect(page.getByTestId('stale-banner')).toHaveCount(0);

    // Killed outright: the banner, the frozen data time, the clock stops running on.
    await first.stop('SIGKILL');
    const banner = page.getByTestId('stale-banner');
    await expect(banner).toHaveAttribute('data-reason', 'link-lost', { timeout: 5_000 });
    await expect(banner.getByTestId('stale-asof')).toContainText('数据截至');
    await expect(page.getByTestId('clock')).toHaveAttribute('data-stale', 'true');
    await expect(page.getByTestId('console-link')).toHaveAttribute('data-state', 'closed');
    await page.screenshot({ path: 'test-results/stale-link-lost.png' });

    // The same token after a restart (a wall screen's): back by itself, no reload, and the
    // operator still logged in.
    await serve(WALL_TOKEN);
    await expect(banner).toHaveCount(0, { timeout: 15_000 });
    await expect(page.getByTestId('whoami-name')).toHaveText(commander.name);
    await expect(page.getByTestId('clock')).not.toHaveAttribute('data-stale', 'true');
    await expect(page.getByTestId('broker-state')).toHaveAttribute('data-state', 'connected');

    // A restart with a new token: the page says its token is no longer valid, and what to do.
    await (hosts.at(-1) as ServeProcess).stop();
    await serve(NEW_TOKEN);
    await expect(banner).toHaveAttribute('data-reason', 'token-refused', { timeout: 15_000 });
    await expect(banner).toContainText('访问口令已失效');
    await expect(page.getByTestId('console-link')).toHaveAttribute('data-state', 'refused');
    await page.screenshot({ path: 'test-results/stale-token-refused.png' });
  } finally {
    for (const h of hosts) await h.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
