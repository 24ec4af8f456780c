import { describe, expect, it } from 'vitest';
import type { ApprovalRole as OperatorRole } from '../../shared/domain/operators';
import { DEFAULT_GRADE_TARGETS, GRADES, type Grade } from '../../shared/domain/incidents';
import type { OrderState, SupportRequest, SupportState } from '../../shared/domain/support';
import {
  approvalOverdue,
  approvalRefusal,
  authorityRefusal,
  dueSlaMarks,
  forceShortage,
  gini,
  gradeSuggestsSupport,
  slaDeadlines,
  taskPoints,
} from '../../electron/core/support/workflow';

describe('approval by grade and role', () => {
  const rules: Record<Grade, OperatorRole> = {
    I: 'supervisor',
    II: 'supervisor',
    III: 'commander',
    IV: 'commander',
  };

  it.each(GRADES)('grade %s: a supervisor may always approve', (g) => {
    expect(approvalRefusal(g, 'supervisor', rules)).toBeUndefined();
  });

  it('a commander may approve III and IV, not I or II', () => {
    expect(approvalRefusal('III', 'commander', rules)).toBeUndefined();
    expect(approvalRefusal('IV', 'commander', rules)).toBeUndefined();
    expect(approvalRefusal('I', 'commander', rules)).toMatch(/grade I .*supervisor/);
    expect(approvalRefusal('II', 'commander', rules)).toMatch(/grade II .*supervisor/);
  });

  it('follows the configuration, not a fixed rule', () => {
    const everyone = {
      I: 'commander',
      II: 'commander',
      III: 'commander',
      IV: 'commander',
    } as const;
    expect(approvalRefusal('I', 'commander', everyone)).toBeUndefined();
    const strict = { ...rules, IV: 'supervisor' } as const;
    expect(approvalRefusal('IV', 'commander', strict)).toBeDefined();
  });
});

describe('command authority', () => {
  const attached = { incidentId: 'inc-1', commander: 'A' };

  it("attached to A's incident: A may order, B is refused with a reason naming both", () => {
    expect(authorityRefusal(attached, 'A')).toBeUndefined();
    const why = authorityRefusal(attached, 'B');
    expect(why).toContain('inc-1');
    expect(why).toContain('commander A');
    expect(why).toContain('B');
  });

  it('an unattached unit takes orders from anyone', () => {
    expect(authorityRefusal(undefined, 'A')).toBeUndefined();
    expect(authorityRefusal(undefined, 'B')).toBeUndefined();
  });
});

describe('SLA marks', () => {
  const target = DEFAULT_GRADE_TARGETS.II; // start 15 min, on scene 30 min
  const approvedMs = 1_000_000;
  const { startDueMs, onSceneDueMs } = slaDeadlines(approvedMs, target);
  const warn = 2 * 60_000;

  const req = (state: SupportState, orders: OrderState[]): SupportRequest => ({
    id: 'sup-1',
    incidentId: 'inc-1',
    state,
    orders: orders.map((s, i) => ({
      unitId: `u${i}`,
      callsign: `C${i}`,
      state: s,
      attempts: 1,
      etaS: 60,
    })),
    requestedBy: 'A',
    createdMs: approvedMs - 1,
    updatedMs: approvedMs,
    approvedMs,
    startDueMs,
    onSceneDueMs,
  });

  it('deadlines are minutes from approval', () => {
    expect(startDueMs - approvedMs).toBe(target.startMin * 60_000);
    expect(onSceneDueMs - approvedMs).toBe(target.onSceneMin * 60_000);
  });

  it('nothing before the warning window, a warning inside it, a breach at the deadline', () => {
    const r = req('dispatched', ['sent']);
    expect(dueSlaMarks(r, startDueMs - warn - 1, warn, new Set())).toEqual([]);
    expect(dueSlaMarks(r, startDueMs - warn, warn, new Set())).toEqual([
      { kind: 'sla-warning', which: 'start', dueMs: startDueMs, key: 'sup-1:start:sla-warning' },
    ]);
    expect(dueSlaMarks(r, startDueMs, warn, new Set()).map((m) => m.key)).toEqual([
      'sup-1:start:sla-breach',
    ]);
    expect(dueSlaMarks(r, onSceneDueMs, warn, new Set()).map((m) => m.key)).toEqual([
      'sup-1:start:sla-breach',
      'sup-1:on-scene:sla-breach',
    ]);
  });

  it('does not repeat a mark already raised', () => {
    const r = req('dispatched', ['sent']);
    const already = new Set<string>();
    const seen: string[] = [];
    for (let t = startDueMs - warn; t <= startDueMs + 60_000; t += 30_000) {
      for (const m of dueSlaMarks(r, t, warn, already)) {
        already.add(m.key);
        seen.push(m.key);
      }
    }
    expect(seen).toEqual(['sup-1:start:sla-warning', 'sup-1:start:sla-breach']);
  });

  it('no start mark once every live order is moving; on-scene still pending', () => {
    const r = req('dispatched', ['acknowledged', 'en-route', 'refused']);
    expect(dueSlaMarks(r, onSceneDueMs, warn, new Set()).map((m) => m.key)).toEqual([
      'sup-1:on-scene:sla-breach',
    ]);
  });

  it('no marks once on scene, nor for a terminal request', () => {
    expect(dueSlaMarks(req('on-scene', ['on-scene']), onSceneDueMs + 1, warn, new Set())).toEqual(
      [],
    );
    expect(dueSlaMarks(req('dispatched', ['on-scene']), onSceneDueMs + 1, warn, new Set())).toEqual(
      [],
    );
    for (const s of ['released', 'cancelled', 'rejected', 'expired'] as const) {
      expect(dueSlaMarks(req(s, ['sent']), onSceneDueMs + 1, warn, new Set()), s).toEqual([]);
    }
  });

  it('no marks before approval (no deadlines yet)', () => {
    const r = {
      ...req('recommended', []),
      approvedMs: undefined,
      startDueMs: undefined,
      onSceneDueMs: undefined,
    };
    expect(dueSlaMarks(r, 1e15, warn, new Set())).toEqual([]);
  });
});

describe('approval expiry', () => {
  const waiting = (state: SupportState): SupportRequest => ({
    id: 'sup-2',
    incidentId: 'inc-1',
    state,
    orders: [],
    requestedBy: 'A',
    createdMs: 10_000,
    updatedMs: 10_000,
  });

  it('a request awaiting approval is overdue once the expiry has passed', () => {
    for (const s of ['requested', 'recommended'] as const) {
      expect(approvalOverdue(waiting(s), 10_000 + 59_999, 60_000), s).toBe(false);
      expect(approvalOverdue(waiting(s), 10_000 + 60_000, 60_000), s).toBe(true);
    }
  });

  it('never once approved or ended', () => {
    for (const s of ['approved', 'dispatched', 'on-scene', 'released', 'rejected'] as const) {
      expect(approvalOverdue(waiting(s), 1e12, 60_000), s).toBe(false);
    }
  });
});

describe('auto-trigger', () => {
  it('force shortage trips above 30 % short, not at exactly 30 %', () => {
    expect(forceShortage(7, 10)).toBe(false); // 30 % short
    expect(forceShortage(70, 100)).toBe(false);
    expect(forceShortage(69, 100)).toBe(true); // 31 % short
    expect(forceShortage(6, 10)).toBe(true);
    expect(forceShortage(10, 10)).toBe(false);
    expect(forceShortage(12, 10)).toBe(false);
    expect(forceShortage(0, 0)).toBe(false); // no configured need
  });

  it('grade III and more severe suggest support', () => {
    expect(GRADES.filter(gradeSuggestsSupport)).toEqual(['I', 'II', 'III']);
  });
});

describe('task points and fairness', () => {
  it('points = difficulty × hours × risk', () => {
    expect(taskPoints({ difficulty: 3, risk: 2 }, 4)).toBe(24);
    expect(taskPoints({ difficulty: 1.5, risk: 2 }, 0.5)).toBe(1.5);
    expect(taskPoints({ difficulty: 3, risk: 2 }, -1)).toBe(0);
  });

  it('gini on known values', () => {
    expect(gini([1, 1, 1])).toBe(0);
    expect(gini([0, 0, 1])).toBeCloseTo(2 / 3, 12);
    expect(gini([1, 0, 0])).toBeCloseTo(2 / 3, 12); // order does not matter
    expect(gini([1, 2, 3, 4])).toBeCloseTo(0.25, 12); // Σ|xi−xj| = 20, 2·n²·mean = 80
    expect(gini([])).toBe(0);
    expect(gini([0, 0])).toBe(0);
  });
});
