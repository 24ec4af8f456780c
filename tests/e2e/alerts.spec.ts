import { spawnSync } from 'node:child_process';
import { connectAsync } from 'mqtt';
import { expect, test } from './fixtures';

// A body-cam of the Kaihua roster (resources/regions/kaihua/roster.json).
const DEVICE = 'bc-chengguan-01';
const UNIT = 'chengguan-01';

test('an SOS from a body-cam appears in the alerts panel and is acknowledged', async ({
  page,
  muster,
}) => {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });

  await page.goto(muster.url);
  const panel = page.getByTestId('alerts-panel');
  await expect(panel).toBeVisible();
  await expect(page.getByTestId('broker-state')).toHaveAttribute('data-state', 'connected');

  // The mute toggle is persisted for the next session.
  const mute = page.getByTestId('alert-mute');
  await expect(mute).toHaveAttribute('aria-pressed', 'false');
  await mute.click();
  await expect(mute).toHaveAttribute('aria-pressed', 'true');
  await page.reload();
  await expect(page.getByTestId('alert-mute')).toHaveAttribute('aria-pressed', 'true');
  await page.getByTestId('alert-mute').click();

  // The body-cam logs in as itself, with the secret `npm run devices -- issue` made for it.
  const pub = await connectAsync(muster.brokerUrl, {
    clientId: `e2e-alerts-${process.pid}`,
    ...muster.deviceLogin(DEVICE),
  });
  try {
    // A report the console refuses: counted, and kept in the quarantine for the integrator.
    await pub.publishAsync(`muster/v1/devices/${DEVICE}/telemetry`, '{"v":1,"kind":', { qos: 1 });
    // Ahead of the simulator's clock, so its next report of this body-cam is not newer.
    const tsMs = Date.now() + 2_000;
    // The SOS button is both an event (contract v1) and a flag on the body-cam's telemetry.
    await pub.publishAsync(
      `muster/v1/devices/${DEVICE}/event`,
      JSON.stringify({ v: 1, tsMs, type: 'sos', state: 'on' }),
      { qos: 1 },
    );
    await pub.publishAsync(
      `muster/v1/devices/${DEVICE}/telemetry`,
      JSON.stringify({ v: 1, kind: 'bodycam', tsMs, lon: 118.41, lat: 29.14, sos: true }),
      { qos: 1 },
    );
  } finally {
    await pub.endAsync();
  }

  const item = panel.locator(`[data-testid="alert-item"][data-kind="sos"][data-unit="${UNIT}"]`);
  await expect(item).toHaveCount(1);
  await expect(item).toHaveAttribute('data-state', 'active');
  await expect(panel.getByTestId('alert-item').first()).toHaveAttribute('data-unit', UNIT);
  const open = Number(await page.getByTestId('open-alerts').getAttribute('data-value'));
  expect(open).toBeGreaterThanOrEqual(1);
  await page.screenshot({ path: 'test-results/alerts-sos.png' });

  await item.getByTestId('alert-ack').click();
  await expect(item).toHaveAttribute('data-state', 'acked');
  await expect(item.getByTestId('alert-ack')).toHaveCount(0);
  await expect(item.getByTestId('alert-acked-by')).not.toBeEmpty();
  await expect
    .poll(async () => Number(await page.getByTestId('open-alerts').getAttribute('data-value')))
    .toBe(open - 1);
  await page.screenshot({ path: 'test-results/alerts-acked.png' });

  // The refused report, inspected from the status strip.
  await page.getByTestId('rejected-count').click();
  await page.getByTestId('rejected-inspect').click();
  const row = page.getByTestId('quarantine-dialog').getByTestId('quarantine-row');
  await expect(row).toHaveCount(1);
  await expect(row).toHaveAttribute('data-reason', 'malformed-json');
  await expect(row).toContainText(`muster/v1/devices/${DEVICE}/telemetry`);
  await expect(row).toContainText('{"v":1,"kind":');
  await page.screenshot({ path: 'test-results/quarantine.png' });
  // The same record from the terminal (`npm run quarantine`), read from the console's store.
  const cli = spawnSync(
    process.execPath,
    ['out/main/quarantine.js', '--json', '--data-dir', muster.dataDir],
    { encoding: 'utf8' },
  );
  expect(cli.status, cli.stderr).toBe(0);
  const stored = JSON.parse(cli.stdout) as {
    counts: Record<string, number>;
    messages: { topic: string; reason: string }[];
  };
  expect(stored.counts['malformed-json']).toBeGreaterThanOrEqual(1);
  expect(stored.messages[0]).toMatchObject({
    topic: `muster/v1/devices/${DEVICE}/telemetry`,
    reason: 'malformed-json',
  });
  await page.getByTestId('quarantine-close').click();
  await expect(page.getByTestId('quarantine-dialog')).not.toBeVisible();

  // A reload shows the persisted acknowledgement.
  await page.reload();
  await expect(
    page.locator(`[data-testid="alert-item"][data-kind="sos"][data-unit="${UNIT}"]`),
  ).toHaveAttribute('data-state', 'acked');
  expect(problems).toEqual([]);
});
