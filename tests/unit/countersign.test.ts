// Approvals above the operator's role (grades I–II on a commander's console) go out only with a
// supervisor's countersign (会签): the enrolled name and PIN, checked after everything else, each
// refusal on the request's timeline without the PIN, the name locked after repeated wrong PINs,
// and who approved and who countersigned stored with the request.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LOGIN_MAX_FAILURES as MAX_FAILURES } from '../../shared/domain/operators';
import { supportApi } from '../../electron/core/desk/supportApi';
import type { SupportRequest } from '../../shared/domain/support';
import { deskHarness, type DeskHarness } from '../support/deskHarness';
import { countersignRefusal } from '../../renderer/src/components/countersignText';

const PIN = '20481632';
let h: DeskHarness;
beforeEach(() => {
  h = deskHarness({ role: 'commander' });
  h.operators.enrol('王建国', 'supervisor', PIN, 'test');
  h.tick(200);
});
afterEach(() => h.close());

/** A grade II traffic accident at Huabu with its recommended units. */
function gradeTwo(): { req: SupportRequest; unitIds: string[] } {
  const inc = h.incidentAt('ps-huabu', 'II');
  expect(h.pack.support.approvalRole.II).toBe('supervisor');
  const req = h.desk.requestSupport(inc.id);
  const unitIds = req.recommendation?.packages[0]?.units.map((u) => u.unitId) ?? [];
  expect(unitIds.length).toBeGreaterThan(0);
  return { req, unitIds };
}

const refusals = (id: string) =>
  h.desk.getSupportTimeline(id).filter((e) => e.kind === 'countersign-refused');
const dispatches = () => h.published.filter((p) => p.order.type === 'dispatch');

describe('countersign', () => {
  it('refuses a commander alone, and says a supervisor must countersign', () => {
    const { req, unitIds } = gradeTwo();
    expect(() => h.desk.approveSupport(req.id, unitIds)).toThrow(
      /grade II support needs approval by a supervisor; a commander may not approve it without a supervisor's countersign/,
    );
    expect(h.desk.setup().supervisors).toEqual(['王建国']);
    expect(h.repo.getRequest(req.id)?.state).toBe('recommended');
    expect(dispatches()).toEqual([]);
  });

  it('approves with the right name and PIN, and stores who approved and who countersigned', () => {
    const { req, unitIds } = gradeTwo();
    const out = h.desk.approveSupport(req.id, unitIds, { supervisor: ' 王建国 ', password: PIN });
    expect(out.state).toBe('dispatched');
    expect(dispatches()).toHaveLength(unitIds.length);
    const stored = h.repo.getRequest(req.id);
    expect(stored?.approvedBy).toBe('duty-commander');
    expect(stored?.countersignedBy).toBe('王建国');
    const approved = h.desk
      .getSupportTimeline(req.id)
      .find((e) => e.kind === 'transition' && e.to === 'approved');
    expect(approved?.reason).toMatch(
      /^approved by duty-commander \(commander\), countersigned by 王建国 \(supervisor\)/,
    );
  });

  it('refuses a wrong PIN or an unknown name, audits it without the PIN, and sends nothing', () => {
    const { req, unitIds } = gradeTwo();
    expect(() =>
      h.desk.approveSupport(req.id, unitIds, { supervisor: '王建国', password: '111111' }),
    ).toThrow(/countersign refused \(wrong-pin, 4 left\): wrong password for 王建国/);
    expect(() =>
      h.desk.approveSupport(req.id, unitIds, { supervisor: '王健国', password: PIN }),
    ).toThrow(/countersign refused \(unknown\): no supervisor named 王健国 is enrolled/);
    const steps = refusals(req.id);
    expect(steps).toHaveLength(2);
    expect(steps.every((e) => e.operator === 'duty-commander')).toBe(true);
    expect(JSON.stringify(steps)).not.toContain('111111');
    expect(JSON.stringify(steps)).not.toContain(PIN);
    expect(h.repo.getRequest(req.id)?.state).toBe('recommended');
    expect(dispatches()).toEqual([]);
  });

  it('locks the name at the fifth wrong password in a row: then even the right one is refused', () => {
    const { req, unitIds } = gradeTwo();
    for (let i = 1; i < MAX_FAILURES; i++) {
      expect(() =>
        h.desk.approveSupport(req.id, unitIds, { supervisor: '王建国', password: '111111' }),
      ).toThrow(`wrong-pin, ${String(MAX_FAILURES - i)} left`);
    }
    expect(() =>
      h.desk.approveSupport(req.id, unitIds, { supervisor: '王建国', password: '111111' }),
    ).toThrow(/countersign refused \(locked\): 王建国 is locked/);
    expect(() =>
      h.desk.approveSupport(req.id, unitIds, { supervisor: '王建国', password: PIN }),
    ).toThrow(/countersign refused \(locked\): 王建国 is locked/);
    expect(dispatches()).toEqual([]);
  });

  it('tries no PIN on an approval that could not go out anyway', () => {
    const { req, unitIds } = gradeTwo();
    expect(() =>
      h.desk.approveSupport(req.id, [...unitIds, 'no-such-unit'], {
        supervisor: '王建国',
        password: '111111',
      }),
    ).toThrow('unknown unit no-such-unit');
    expect(refusals(req.id)).toEqual([]);
    // No failure was counted: five wrong tries are still left.
    expect(h.operators.verifySync('王建国', '111111')).toMatchObject({
      triesLeft: MAX_FAILURES - 1,
    });
  });

  it('needs none within the operator role, and checks a badly formed PIN at the edge', async () => {
    const inc = h.incidentAt('ps-huabu', 'IV');
    const req = h.desk.requestSupport(inc.id);
    const unitIds = req.recommendation?.packages[0]?.units.map((u) => u.unitId) ?? [];
    const api = supportApi(h.desk);
    await expect(
      api.approveSupport(req.id, unitIds, { supervisor: '王建国', password: '' }),
    ).rejects.toThrow(/invalid arguments for approveSupport: .*a password is required/s);
    const out = await api.approveSupport(req.id, unitIds);
    expect(out.state).toBe('dispatched');
    expect(out.approvedBy).toBe('duty-commander');
    expect(out.countersignedBy).toBeUndefined();
  });

  it('words its refusals so the panel can read the reason and the tries left', () => {
    const { req, unitIds } = gradeTwo();
    const messageOf = (password: string, supervisor = '王建国'): string => {
      try {
        h.desk.approveSupport(req.id, unitIds, { supervisor, password });
      } catch (e) {
        return (e as Error).message;
      }
      throw new Error('approved unexpectedly');
    };
    expect(countersignRefusal(messageOf('111111'))).toEqual({ reason: 'wrong-pin', left: 4 });
    expect(countersignRefusal(messageOf(PIN, '李四'))).toEqual({ reason: 'unknown' });
    for (let i = 0; i < 2; i++) messageOf('111111');
    expect(countersignRefusal(messageOf('111111'))).toEqual({ reason: 'wrong-pin', left: 1 });
    expect(countersignRefusal(messageOf('111111'))).toEqual({ reason: 'locked' });
    expect(countersignRefusal(messageOf(PIN))).toEqual({ reason: 'locked' });
    // Any other refusal is not a countersign one: the panel shows it as it is.
    expect(countersignRefusal('cannot approve: 城关05 would reach 12.4 h on duty')).toBeUndefined();
  });
});
