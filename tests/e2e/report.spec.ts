// 复盘: after support is requested, the after-action report shows the response times of its grade,
// exports as CSV, and prints on A4 through Chromium's PDF. One page is turned into PNG to look at.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures';
import { OFFSET_DEG, collectProblems, createIncidentAt, openWithUnits } from './supportSteps';

test('the after-action report shows the response times, exports CSV and prints to PDF', async ({
  page,
  muster,
}) => {
  test.setTimeout(90_000);
  const problems = collectProblems(page);
  // Other specs share this host: count the grade IV requests before this one.
  await page.goto(muster.url);
  await page.goto(`${muster.origin}/?view=report`);
  const before = Number(
    await page
      .locator('[data-testid="report-grade"][data-grade="IV"]')
      .getAttribute('data-requests'),
  );
  const anchor = await openWithUnits(page, `${muster.origin}/`);
  await createIncidentAt(page, [anchor[0], anchor[1] - OFFSET_DEG], 'IV');
  // One click: the request and its recommendation, whether or not a unit is free at this hour
  // (earlier specs on this host, and the simulated duty hours, may have taken them all).
  await page.getByTestId('incident-detail').getByTestId('request-support').click();
  const rec = page.getByTestId('recommendation-panel');
  await expect(rec.getByTestId('compliance')).toHaveAttribute('data-meets', /^(true|false)$/);

  await page.goto(`${muster.origin}/?view=report`);
  const report = page.getByTestId('report-screen');
  await expect(report).toBeVisible();
  const four = report.locator('[data-testid="report-grade"][data-grade="IV"]');
  await expect(four).toHaveAttribute('data-requests', String(before + 1));
  await expect(four.locator('[data-stage="recommend"]')).toHaveAttribute('data-p50', /^\d+$/);
  await expect(four.locator('[data-stage="recommend"]')).toHaveText(/秒|分/);
  await expect(report.getByTestId('report-chart-response').locator('svg')).toHaveCount(1);

  const downloading = page.waitForEvent('download');
  await report.getByTestId('report-csv').click();
  const csvPath = await (await downloading).path();
  const csv = readFileSync(csvPath, 'utf8');
  expect(csv.split('\r\n')[0]).toContain('grade,incidents,requests,recommend_p50_s');
  expect(csv).toMatch(new RegExp(`\r\nIV,\\d+,${String(before + 1)},`));

  // A4 through Chromium's print; one page as PNG to look at.
  const pdf = 'test-results/report.pdf';
  await page.emulateMedia({ media: 'print' });
  await page.pdf({ path: pdf, format: 'A4', landscape: true, printBackground: true });
  const png = spawnSync(
    'pdftoppm',
    ['-png', '-r', '60', '-f', '1', '-l', '1', pdf, 'test-results/report-page'],
    {
      encoding: 'utf8',
    },
  );
  expect(png.status).toBe(0);
  const info = spawnSync('pdfinfo', [pdf], { encoding: 'utf8' });
  expect(info.stdout).toMatch(/Page size:\s+84[12]\.\d+ x 595\.\d+ pts \(A4\)/);
  await page.emulateMedia({ media: 'screen' });
  await page.screenshot({ path: 'test-results/report-screen.png' });
  expect(problems).toEqual([]);
});
