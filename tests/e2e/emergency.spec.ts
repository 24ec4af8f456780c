// 紧急授权: no supervisor can countersign in time, so the commander dispatches a grade II package at
// once with a written reason; the board flags it until a supervisor approves it after the fact
// from their own screen. Its own host (the explicit default tick): the units it sends do not leave
// the shared host short for the specs after it.
import { expect, OPERATORS, test } from './fixtures';
import {
  OFFSET_DEG,
  collectProblems,
  createIncidentAt,
  minutesToShiftChange,
  openWithUnits,
  requestSupport,
} from './supportSteps';

test.use({ musterArgs: ['--tick-ms', '200'] });

test('no supervisor in time: the commander dispatches under emergency authority; a supervisor approves it after', async ({
  page,
  muster,
}) => {
  test.skip(minutesToShiftChange(Date.now()) < 20, 'within 20 min of a simulated shift change');
  const problems = collectProblems(page);
  const anchor = await openWithUnits(page, muster.url);
  const incidentId = await createIncidentAt(page, [anchor[0] - OFFSET_DEG, anchor[1]], 'II');
  await requestSupport(page);
  const rec = page.getByTestId('recommendation-panel');
  await rec.getByTestId('emergency-open').click();
  // The reason is required: nothing goes without it.
  await expect(rec.getByTestId('emergency-confirm')).toBeDisabled();
  await rec.getByTestId('emergency-reason').fill('上级领导电话未接通，现场持械');
  await rec.getByTestId('emergency-confirm').click();
  await expect(rec).toHaveCount(0);
  const row = page
    .getByTestId('support-board')
    .locator(`[data-testid="support-row"][data-incident-id="${incidentId}"]`);
  await expect(row).toHaveAttribute('data-state', /^(dispatched|en-route|on-scene)$/);
  const flag = row.getByTestId('emergency-flag');
  await expect(flag).toHaveAttribute('data-confirmed', 'false');
  await expect(flag).toContainText('紧急授权');
  await expect(flag).toContainText('上级领导电话未接通');
  // The commander cannot approve their own emergency dispatch.
  await expect(flag.getByTestId('emergency-approve')).toHaveCount(0);
  await page.screenshot({ path: 'test-results/emergency-flagged.png' });

  // The supervisor, at their own screen, approves it after the fact: both screens see it cleared.
  const supervisor = await page.context().newPage();
  await muster.loginAs(supervisor, 'supervisor');
  await openWithUnits(supervisor, muster.url);
  await supervisor.getByTestId('open-support-board').click();
  const theirs = supervisor
    .getByTestId('support-board')
    .locator(`[data-testid="support-row"][data-incident-id="${incidentId}"]`)
    .getByTestId('emergency-flag');
  await theirs.getByTestId('emergency-approve').click();
  await expect(theirs).toHaveAttribute('data-confirmed', 'true');
  await expect(flag).toHaveAttribute('data-confirmed', 'true');
  await expect(flag).toContainText(OPERATORS.supervisor.name);
  expect(problems).toEqual([]);
});
