import { describe, expect, it } from 'vitest';
import { SUPPORT_STATES } from '../../shared/domain/support';
import { compactDuration, durationText } from '../../renderer/src/i18n/duration';
import { tIn } from '../support/i18n';
import type {
  SupportEvent,
  SupportRequest,
  SupportSuggestion,
  UnitOrder,
} from '../../shared/domain/support';
import {
  activeIncidentIds,
  awaitsDecision,
  applySuggestion,
  applySupport,
  applySupportEvent,
  createSupportStore,
  EMPTY_SUPPORT,
  removeSuggestion,
  requestForIncident,
  resetSuggestions,
  resetSupport,
  setTimeline,
  slaTimers,
  supportOutcome,
} from '../../renderer/src/state/supportStore';

const T0 = 1_767_225_600_000;
const request = (
  id: string,
  createdS: number,
  extra: Partial<SupportRequest> = {},
): SupportRequest => ({
  id,
  incidentId: 'inc-1',
  state: 'recommended',
  orders: [],
  requestedBy: 'op',
  createdMs: T0 + createdS * 1000,
  updatedMs: T0 + createdS * 1000,
  ...extra,
});
const event = (seq: number, requestId = 'r1'): SupportEvent => ({
  seq,
  requestId,
  tsMs: T0 + seq,
  operator: 'op',
  kind: 'transition',
  to: 'approved',
});
const order = (unitId: string, extra: Partial<UnitOrder> = {}): UnitOrder => ({
  unitId,
  callsign: unitId,
  state: 'sent',
  attempts: 1,
  etaS: 300,
  ...extra,
});

describe('support requests', () => {
  it('newest updatedMs wins between a list answer and pushed records', () => {
    let s = applySupport(
      EMPTY_SUPPORT,
      request('r1', 1, { state: 'en-route', updatedMs: T0 + 9_000 }),
    );
    s = resetSupport(s, [
      request('r1', 1, { state: 'approved', updatedMs: T0 + 5_000 }),
      request('r2', 2),
    ]);
    expect(s.requests.map((r) => [r.id, r.state])).toEqual([
      ['r2', 'recommended'],
      ['r1', 'en-route'],
    ]);
    const older = request('r1', 1, { state: 'approved', updatedMs: T0 + 6_000 });
    expect(applySupport(s, older)).toBe(s);
    s = applySupport(s, request('r1', 1, { state: 'on-scene', updatedMs: T0 + 10_000 }));
    expect(s.requests.find((r) => r.id === 'r1')?.state).toBe('on-scene');
  });

  it('a reload drops an ended request the answer lacks but keeps an open one', () => {
    let s = applySupport(EMPTY_SUPPORT, request('open', 1));
    s = applySupport(s, request('ended', 2, { state: 'released' }));
    s = resetSupport(s, []);
    expect(s.requests.map((r) => r.id)).toEqual(['open']);
  });

  it('an incident shows its open request, else its newest ended one', () => {
    let s = applySupport(EMPTY_SUPPORT, request('old', 1, { state: 'released' }));
    expect(requestForIncident(s, 'inc-1')?.id).toBe('old');
    s = applySupport(s, request('cur', 2, { state: 'en-route' }));
    s = applySupport(s, request('newer-ended', 3, { state: 'rejected' }));
    expect(requestForIncident(s, 'inc-1')?.id).toBe('cur');
    expect(requestForIncident(s, 'inc-9')).toBeUndefined();
  });

  it('only incidents with committed units are active (fenced on the map)', () => {
    let s = applySupport(EMPTY_SUPPORT, request('a', 1, { incidentId: 'i-rec' }));
    s = applySupport(s, request('b', 2, { incidentId: 'i-go', state: 'en-route' }));
    s = applySupport(s, request('c', 3, { incidentId: 'i-done', state: 'released' }));
    expect([...activeIncidentIds(s)]).toEqual(['i-go']);
  });
});

describe('supportOutcome', () => {
  const of = (...requests: SupportRequest[]) =>
    supportOutcome(resetSupport(EMPTY_SUPPORT, requests), 'inc-1');

  it('tells the truth once support has ended: delivered, partly, or why not', () => {
    const arrived = order('u1', { state: 'released', onSceneMs: T0 + 600_000 });
    const never = order('u2', { state: 'released' });
    expect(of(request('r1', 1, { state: 'released', orders: [arrived] }))).toEqual({
      kind: 'delivered',
      arrived: 1,
      ordered: 1,
    });
    // A supplement rejected after the first support arrived does not turn it into "rejected".
    expect(
      of(
        request('r1', 1, { state: 'released', orders: [arrived] }),
        request('r2', 2, { state: 'rejected' }),
      ),
    ).toEqual({ kind: 'delivered', arrived: 1, ordered: 1 });
    expect(of(request('r1', 1, { state: 'released', orders: [arrived, never] }))).toEqual({
      kind: 'partly-delivered',
      arrived: 1,
      ordered: 2,
    });
    expect(of(request('r1', 1, { state: 'rejected' }))).toEqual({ kind: 'rejected' });
    expect(of(request('r1', 1, { state: 'cancelled', orders: [never] }))).toEqual({
      kind: 'cancelled',
    });
    expect(of(request('r1', 1, { state: 'released', orders: [never] }))).toEqual({
      kind: 'not-delivered',
    });
    expect(of()).toBeUndefined();
  });

  it('shows the state of support still in progress', () => {
    expect(of(request('r1', 1, { state: 'en-route' }))).toEqual({
      kind: 'in-progress',
      state: 'en-route',
    });
  });
});

describe('timelines', () => {
  it('merges a loaded timeline with pushed steps by seq, oldest first, without duplicates', () => {
    let s = applySupportEvent(EMPTY_SUPPORT, event(3));
    s = setTimeline(s, 'r1', [event(1), event(2), event(3)]);
    expect(s.timelines.get('r1')?.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(applySupportEvent(s, event(2))).toBe(s);
    s = applySupportEvent(s, event(4, 'r2'));
    expect(s.timelines.get('r2')?.map((e) => e.seq)).toEqual([4]);
  });
});

describe('suggestions', () => {
  const g = (id: string, tsS: number): SupportSuggestion => ({
    id,
    tsMs: T0 + tsS * 1000,
    cause: 'grade',
    incidentId: 'inc-1',
    detail: 'grade III',
  });
  it('newest first, replaced by id, removed on dismissal', () => {
    let s = resetSuggestions(EMPTY_SUPPORT, [g('a', 1), g('b', 2)]);
    expect(s.suggestions.map((x) => x.id)).toEqual(['b', 'a']);
    s = applySuggestion(s, g('a', 3));
    expect(s.suggestions.map((x) => x.id)).toEqual(['a', 'b']);
    s = removeSuggestion(s, 'a');
    expect(s.suggestions.map((x) => x.id)).toEqual(['b']);
    expect(removeSuggestion(s, 'zzz')).toBe(s);
  });
});

describe('SLA timers', () => {
  const approved = (orders: UnitOrder[]): SupportRequest =>
    request('r', 0, {
      state: 'en-route',
      orders,
      approvedMs: T0,
      startDueMs: T0 + 15 * 60_000,
      onSceneDueMs: T0 + 30 * 60_000,
    });

  it('count down to each deadline and are breached once it passes unmet', () => {
    const r = approved([order('u1'), order('u2', { state: 'acknowledged', ackMs: T0 + 1_000 })]);
    const [start, onScene] = slaTimers(r, T0 + 60_000);
    expect(start).toMatchObject({
      kind: 'start',
      remainingMs: 14 * 60_000,
      met: false,
      breached: false,
    });
    expect(onScene).toMatchObject({ kind: 'on-scene', remainingMs: 29 * 60_000, breached: false });
    const late = slaTimers(r, T0 + 16 * 60_000);
    expect(late[0]).toMatchObject({ breached: true, met: false });
    expect(late[0]?.remainingMs).toBeLessThan(0);
  });

  it('are met when every unit reached the step, breached if the last one was late', () => {
    const onTime = approved([
      order('u1', { state: 'on-scene', ackMs: T0 + 1_000, onSceneMs: T0 + 20 * 60_000 }),
      order('u2', { state: 'released', ackMs: T0 + 2_000, onSceneMs: T0 + 25 * 60_000 }),
    ]);
    const [start, onScene] = slaTimers(onTime, T0 + 60 * 60_000);
    expect(start).toMatchObject({ met: true, breached: false });
    expect(onScene).toMatchObject({ met: true, breached: false });
    const late = approved([
      order('u1', { state: 'on-scene', ackMs: T0 + 16 * 60_000, onSceneMs: T0 + 31 * 60_000 }),
    ]);
    expect(slaTimers(late, T0).map((t) => t.breached)).toEqual([true, true]);
  });

  it('do not exist before approval or for a request that ended unused', () => {
    expect(slaTimers(request('r', 0), T0)).toEqual([]);
    const cancelled = { ...approved([order('u1')]), state: 'cancelled' as const };
    expect(slaTimers(cancelled, T0)).toEqual([]);
  });
});

describe('support store', () => {
  it('notifies on change only', () => {
    const store = createSupportStore();
    let heard = 0;
    const off = store.subscribe(() => heard++);
    store.apply(request('r1', 1));
    store.apply(request('r1', 1));
    store.applyEvent(event(1));
    store.applyEvent(event(1));
    store.removeSuggestion('none');
    expect(heard).toBe(2);
    off();
  });
});

describe('awaitsDecision', () => {
  it('holds while the commander still has to decide, and never after', () => {
    expect(SUPPORT_STATES.filter(awaitsDecision)).toEqual(['requested', 'recommended']);
  });
});

describe('durationText', () => {
  it('words a duration as one, in both languages, never as a clock time', () => {
    const zh = tIn('zh-CN');
    const en = tIn('en');
    expect(durationText(zh, 261)).toBe('4分21秒');
    expect(durationText(en, 261)).toBe('4 min 21 s');
    expect(durationText(zh, 59.6)).toBe('1分0秒');
    expect(durationText(en, 42)).toBe('42 s');
    expect(durationText(zh, 4_620)).toBe('1小时17分');
    expect(durationText(en, 4_620)).toBe('1 h 17 min');
    expect(durationText(zh, -90)).toBe('超时1分30秒');
    expect(durationText(en, -90)).toBe('1 min 30 s over');
    expect(durationText(en, 0)).toBe('0 s');
    expect(durationText(zh, 3_600)).toBe('1小时');
    expect(durationText(en, 7_200)).toBe('2 h');
  });

  it('has a compact, language-free form for map labels', () => {
    expect(compactDuration(261)).toBe('4′21″');
    expect(compactDuration(65)).toBe('1′05″');
    expect(compactDuration(42)).toBe('42″');
    expect(compactDuration(4_620)).toBe('1h17′');
    expect(compactDuration(-90)).toBe('-1′30″');
    expect(compactDuration(3_600)).toBe('1h');
  });
});
