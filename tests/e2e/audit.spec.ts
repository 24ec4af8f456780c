import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { expect, test } from './fixtures';
import { collectProblems, createIncidentAt, openWithUnits, requestSupport } from './supportSteps';

// This spec edits its host's store behind the append-only triggers: its own host, not the shared one.
test.use({ musterArgs: ['--sim-rate', '1'], musterRole: 'auditor' });

test('the audit chain: intact with its head hash, exported and verified offline, an edited login found', async ({
  page,
  muster,
}) => {
  test.setTimeout(120_000);
  const problems = collectProblems(page);
  await openWithUnits(page, muster.url);
  const audit = page.getByTestId('audit-state');
  // Verified at start.
  await expect(audit).toHaveAttribute('data-state', 'intact');
  await expect(audit).toHaveText('完整');

  // A commander's screen records an incident and a request in the same chain.
  const commander = await page.context().newPage();
  await muster.loginAs(commander, 'commander');
  await createIncidentAt(commander, await openWithUnits(commander, muster.url), 'III');
  await requestSupport(commander);
  await commander.close();

  // The audit panel: the whole head hash, to copy; the auditor exports the chain.
  await audit.click();
  const dialog = page.getByTestId('audit-dialog');
  await expect
    .poll(async () => Number((await audit.getAttribute('data-events')) || 0))
    .toBeGreaterThanOrEqual(4);
  await expect(dialog.getByTestId('audit-head')).toHaveValue(/^[0-9a-f]{64}$/);
  const head = await dialog.getByTestId('audit-head').inputValue();
  const downloading = page.waitForEvent('download');
  await dialog.getByTestId('audit-export').click();
  const file = join(muster.dataDir, 'exported-audit.jsonl');
  await (await downloading).saveAs(file);
  await expect(dialog.getByTestId('audit-exported')).toBeVisible();
  await page.screenshot({ path: 'test-results/audit-dialog.png' });
  await dialog.getByTestId('audit-close').click();
  // The export holds the chain up to its own record, after the head verified a moment before.
  const lines = readFileSync(file, 'utf8').trim().split('\n');
  const kinds = lines
    .slice(1)
    .map((l) => (JSON.parse(l) as { event: { kind: string } }).event.kind);
  expect(kinds).toContain('login');
  expect(kinds).toContain('incident-created');
  expect(kinds.at(-1)).toBe('audit-exported');
  expect(lines.slice(1).some((l) => l.includes(head))).toBe(true);
  const verify = (f: string) =>
    spawnSync(process.execPath, ['out/main/audit.js', 'verify', f], { encoding: 'utf8' });
  const ok = verify(file);
  expect(ok.status).toBe(0);
  expect(ok.stdout).toMatch(/^intact: \d+ events of /);

  // Someone with the file rewrites a login, dropping the guard first; the next check finds it.
  const db = new Database(join(muster.dataDir, 'muster.db'));
  const login = db.prepare("SELECT seq FROM event_log WHERE kind = 'login' LIMIT 1").get() as {
    seq: number;
  };
  db.exec('DROP TRIGGER event_log_no_update');
  db.prepare("UPDATE event_log SET operator = '某人' WHERE seq = ?").run(login.seq);
  db.close();
  await expect(audit).toHaveAttribute('data-state', 'intact'); // not yet verified again
  await audit.click();
  await expect(audit).toHaveAttribute('data-state', 'broken');
  await expect(audit).toHaveAttribute('data-bad-seq', String(login.seq));
  await expect(audit).toHaveAttribute('role', 'alert');
  await expect(audit).toHaveText('异常');
  await expect(dialog.getByTestId('audit-result')).toHaveText(
    new RegExp(`第${String(login.seq)}条记录内容已被改动`),
  );
  await page.screenshot({ path: 'test-results/audit-broken.png' });
  // And the command line finds it in a fresh export of the store.
  const again = join(muster.dataDir, 'exported-again.jsonl');
  const out = spawnSync(
    process.execPath,
    ['out/main/audit.js', 'export', '--out', again, '--data-dir', muster.dataDir],
    { encoding: 'utf8' },
  );
  expect(out.status).toBe(0);
  const broken = verify(again);
  expect(broken.status).toBe(1);
  expect(broken.stdout).toContain(`BROKEN: event ${String(login.seq)}`);
  expect(problems).toEqual([]);
});
