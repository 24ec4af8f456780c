import { CSP_HEADER, CSP_META } from '../../shared/security/csp';
import { expect, test } from './fixtures';

interface Debug {
  unitCount(): number;
  positionsVersion(): number;
  samplePositions(k: number): [number, number][];
}
// Page functions run in the browser (serialised, so no closures); this config has no DOM library.
type PageGlobals = { __musterDebug?: Debug; sessionStorage: { clear(): void } };

test('the console map shows the simulated Kaihua units moving', async ({ page, muster }) => {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  const foreign: string[] = [];
  page.on('request', (r) => {
    if (!r.url().startsWith(muster.origin) && !/^(data|blob):/.test(r.url())) foreign.push(r.url());
  });

  await page.goto(muster.url);
  await expect(page.getByTestId('map').locator('canvas').first()).toBeVisible();
  // The token is taken off the address bar so it does not sit on a wall screen.
  await expect.poll(() => page.url()).not.toContain('token=');

  await expect
    .poll(() =>
      page.evaluate(() => (globalThis as unknown as PageGlobals).__musterDebug?.unitCount() ?? 0),
    )
    .toBeGreaterThanOrEqual(60);
  await expect(page.getByTestId('broker-state')).toHaveAttribute('data-state', 'connected');
  await expect
    .poll(async () =>
      Number((await page.getByTestId('units-online').getAttribute('data-online')) ?? 0),
    )
    .toBeGreaterThanOrEqual(60);

  const before = await page.evaluate(
    () => (globalThis as unknown as PageGlobals).__musterDebug?.samplePositions(60) ?? [],
  );
  await page.waitForTimeout(2500);
  const after = await page.evaluate(
    () => (globalThis as unknown as PageGlobals).__musterDebug?.samplePositions(60) ?? [],
  );
  expect(before).toHaveLength(60);
  const moved = after.filter(
    (p: [number, number], i: number) => p[0] !== before[i]?.[0] || p[1] !== before[i]?.[1],
  ).length;
  expect(moved).toBeGreaterThan(30);

  await page.screenshot({ path: 'test-results/walking-skeleton.png' });
  expect(foreign).toEqual([]);
  expect(problems).toEqual([]);
});

test('the UI is Chinese by default and switches to English', async ({ page, muster }) => {
  await page.goto(muster.url);
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  const zh = await page.getByTestId('status-strip').innerText();
  expect(zh).toMatch(/[\u4e00-\u9fff]/);
  await page.getByTestId('lang-toggle').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  // The logged-in operator's name is data, not UI text: it stays as enrolled.
  const name = await page.getByTestId('whoami-name').innerText();
  const en = (await page.getByTestId('status-strip').innerText()).replace(name, '');
  expect(en).not.toMatch(/[\u4e00-\u9fff]{2,}/);
  // The English strip fits the screen: the page never scrolls sideways (1600 and 1920 wide).
  for (const width of [1600, 1920]) {
    await page.setViewportSize({ width, height: 900 });
    await expect(page.getByTestId('about-button')).toBeInViewport({ ratio: 1 });
    const scrollWidth = Number(await page.evaluate('document.documentElement.scrollWidth'));
    expect(scrollWidth).toBeLessThanOrEqual(width);
  }
  await page.getByTestId('about-button').click();
  await expect(page.getByTestId('about-dialog')).toContainText('GeoNames');
  await page.screenshot({ path: 'test-results/about-en.png' });
});

test('without the token the console explains how to get in', async ({ page, muster }) => {
  await page.goto(muster.origin + '/');
  await page.evaluate(() => (globalThis as unknown as PageGlobals).sessionStorage.clear());
  await page.goto(muster.origin + '/');
  await expect(page.getByTestId('no-token')).toBeVisible();
});

test('the page carries the one CSP: in its meta tag and in the header', async ({
  page,
  muster,
}) => {
  const res = await page.goto(muster.url);
  expect(res?.headers()['content-security-policy']).toBe(CSP_HEADER);
  await expect(page.locator('meta[http-equiv="Content-Security-Policy"]')).toHaveAttribute(
    'content',
    CSP_META,
  );
});
