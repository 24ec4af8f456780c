import { join } from 'node:path';
import Database from 'better-sqlite3';
import { expect, test } from './fixtures';
import { collectProblems, createIncidentAt, openWithUnits, requestSupport } from './supportSteps';

// This spec edits its host's store behind the append-only triggers: its own host, not the shared one.
test.use({ musterArgs: ['--sim-rate', '1'] });

test('the status strip shows the audit chain intact, and an edited step once verified again', async ({
  page,
  muster,
}) => {
  test.setTimeout(120_000);
  const problems = collectProblems(page);
  const anchor = await openWithUnits(page, muster.url);
  const audit = page.getByTestId('audit-state');
  // Verified at start.
  await expect(audit).toHaveAttribute('data-state', 'intact');
  await expect(audit).toHaveText('完整');

  await createIncidentAt(page, anchor);
  await requestSupport(page);
  await audit.click();
  await expect
    .poll(async () => Number((await audit.getAttribute('data-events')) || 0))
    .toBeGreaterThanOrEqual(2);
  await expect(audit).toHaveAttribute('title', /链头 [0-9a-f]{16}…/);

  // Someone with the file rewrites the first step (the run card), dropping the guard first.
  const db = new Database(join(muster.dataDir, 'muster.db'));
  db.exec('DROP TRIGGER event_log_no_update');
  db.prepare("UPDATE event_log SET reason = 'nothing needed' WHERE seq = 1").run();
  db.close();
  await expect(audit).toHaveAttribute('data-state', 'intact'); // not yet verified again
  await audit.click();
  await expect(audit).toHaveAttribute('data-state', 'broken');
  await expect(audit).toHaveAttribute('data-bad-seq', '1');
  await expect(audit).toHaveAttribute('role', 'alert');
  await expect(audit).toHaveText('异常');
  await expect(audit).toHaveAttribute('title', /第1条记录内容已被改动/);
  await page.screenshot({ path: 'test-results/audit-broken.png' });
  expect(problems).toEqual([]);
});
