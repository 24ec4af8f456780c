// 移交指挥 through the UI: the commander hands an incident with units on it to a successor; the
// simulated units answer the handover, and this console's own release is then refused, because the
// units take orders from the successor only.
import { expect, test } from './fixtures';
import {
  OFFSET_DEG,
  collectProblems,
  createIncidentAt,
  openWithUnits,
  requestSupport,
} from './supportSteps';

test('a commander hands an incident over at shift change; the units follow the successor', async ({
  page,
  muster,
}) => {
  test.setTimeout(180_000);
  const problems = collectProblems(page);
  const anchor = await openWithUnits(page, muster.url);
  const incidentId = await createIncidentAt(page, [anchor[0], anchor[1] + OFFSET_DEG]);
  const units = await requestSupport(page);
  await page.getByTestId('recommendation-panel').getByTestId('approve-support').click();
  const board = page.getByTestId('support-board');
  const row = board.locator(`[data-testid="support-row"][data-incident-id="${incidentId}"]`);
  await expect(row).toHaveAttribute('data-state', /^(en-route|on-scene)$/, { timeout: 60_000 });

  const detail = page.getByTestId('incident-detail');
  const me = await detail.getByTestId('incident-commander').getAttribute('data-name');
  expect(me).toBeTruthy();
  await detail.getByTestId('handover').click();
  await expect(detail.getByTestId('handover-confirm')).toBeDisabled();
  await detail.getByTestId('handover-to').fill('赵队长');
  await detail.getByTestId('handover-reason').fill('交接班');
  await detail.getByTestId('handover-confirm').click();
  await expect(detail.getByTestId('incident-commander')).toHaveAttribute('data-name', '赵队长');
  // No longer this console's incident to hand over.
  await expect(detail.getByTestId('handover')).toHaveCount(0);

  // The timeline records the handover, and every unit confirms it (the simulator obeys it).
  await row.getByTestId('support-row-expand').click();
  const timeline = board.getByTestId('support-timeline');
  await expect(
    timeline.locator('[data-testid="timeline-entry"][data-kind="command-handover"]'),
  ).toContainText('赵队长');
  await expect(
    timeline
      .locator('[data-testid="timeline-entry"][data-kind="order-ack"][data-note="ack"]')
      .filter({ hasText: '指挥权移交指令应答：已接受' }),
  ).toHaveCount(units.length, { timeout: 30_000 });

  // This console's operator no longer commands the units: its release is refused, with the reason.
  const state = await row.getAttribute('data-state');
  await row.getByTestId('release-support').click();
  await row.getByTestId('release-support-confirm').click();
  await expect(row.getByTestId('support-error')).toContainText('移交指挥');
  await expect(row).toHaveAttribute('data-state', state ?? '');
  expect(problems).toEqual([]);
});
