// 紧急授权: when no supervisor can countersign in time, a commander dispatches a grade I–II package at
// once with a written reason. The request carries the authority, flagged, until a supervisor
// approves it after the fact; both steps are on its timeline; a grade the region does not allow it
// for, or a missing reason, is refused and nothing goes out.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { supportApi } from '../../electron/core/desk/supportApi';
import type { Grade } from '../../shared/domain/incidents';
import { deskHarness, type DeskHarness } from '../support/deskHarness';

let h: DeskHarness;
beforeEach(() => {
  h = deskHarness({ role: 'commander' });
  h.tick(200);
});
afterEach(() => h.close());

function gradeTwo() {
  const inc = h.incidentAt('ps-huabu', 'II');
  const req = h.desk.requestSupport(inc.id);
  const unitIds = req.recommendation?.packages[0]?.units.map((u) => u.unitId) ?? [];
  expect(unitIds.length).toBeGreaterThan(0);
  return { req, unitIds };
}
const dispatches = () => h.published.filter((p) => p.order.type === 'dispatch');
const REASON = '上级领导在市局开会，电话未接通；现场持械，不能等待';

describe('emergency authority', () => {
  it('dispatches at once with the reason, flagged until a supervisor approves it after the fact', () => {
    expect(h.desk.setup().emergencyAuthority).toEqual({ I: true, II: true, III: false, IV: false });
    const { req, unitIds } = gradeTwo();
    const out = h.desk.approveSupport(req.id, unitIds, { emergencyReason: ` ${REASON} ` });
    expect(out.state).toBe('dispatched');
    expect(dispatches()).toHaveLength(unitIds.length);
    const stored = h.repo.getRequest(req.id);
    expect(stored?.emergency).toEqual({ reason: REASON, by: 'duty-commander', atMs: h.clock.ms });
    expect(stored?.countersignedBy).toBeUndefined();
    const approved = h.desk
      .getSupportTimeline(req.id)
      .find((e) => e.kind === 'transition' && e.to === 'approved');
    expect(approved?.note).toMatchObject({
      code: 'approved-emergency',
      params: { by: 'duty-commander', role: 'commander', why: REASON },
    });
    expect(approved?.reason).toContain('under emergency authority, to be approved by a supervisor');

    // A supervisor, at their own screen later, approves it: the flag clears, the step is kept.
    h.tick(60_000);
    const supervisor = h.deskAs('王建国', 'supervisor');
    const confirmed = supervisor.confirmEmergency(req.id);
    expect(confirmed.emergency).toEqual({
      reason: REASON,
      by: 'duty-commander',
      atMs: h.clock.ms - 60_000,
      confirmedBy: '王建国',
      confirmedMs: h.clock.ms,
    });
    expect(h.repo.getRequest(req.id)?.emergency?.confirmedBy).toBe('王建国');
    const step = h.desk.getSupportTimeline(req.id).at(-1);
    expect(step).toMatchObject({
      kind: 'emergency-confirmed',
      operator: '王建国',
      note: { code: 'emergency-confirmed', params: { supervisor: '王建国', by: 'duty-commander' } },
    });
    expect(() => supervisor.confirmEmergency(req.id)).toThrow('[refused:emergency-confirmed]');
  });

  it('is refused for a grade the region does not allow it for, and nothing goes out', () => {
    const config = h.desk.rt.opts.config.emergencyAuthority as Record<Grade, boolean>;
    config.II = false;
    const { req, unitIds } = gradeTwo();
    expect(() => h.desk.approveSupport(req.id, unitIds, { emergencyReason: REASON })).toThrow(
      '[refused:emergency-not-allowed]',
    );
    expect(h.repo.getRequest(req.id)?.state).toBe('recommended');
    expect(dispatches()).toEqual([]);
  });

  it('needs a written reason, and is no authority where none is needed', async () => {
    const { req, unitIds } = gradeTwo();
    const api = supportApi(h.desk);
    await expect(api.approveSupport(req.id, unitIds, { emergencyReason: '  ' })).rejects.toThrow(
      /emergency authority needs its reason/,
    );
    expect(dispatches()).toEqual([]);
    // Grade IV is the commander's own: approved plainly, no flag.
    const inc = h.incidentAt('ps-huabu', 'IV');
    const four = h.desk.requestSupport(inc.id);
    const ids = four.recommendation?.packages[0]?.units.map((u) => u.unitId) ?? [];
    const out = h.desk.approveSupport(four.id, ids, { emergencyReason: REASON });
    expect(out.emergency).toBeUndefined();
    expect(() => h.desk.confirmEmergency(four.id)).toThrow('[refused:emergency-none]');
  });
});
