import { describe, expect, it } from 'vitest';
import {
  SUPPORT_STATES,
  TERMINAL_SUPPORT_STATES,
  type SupportState,
} from '../../shared/domain/support';
import { assertTransition, IllegalTransitionError } from '../../electron/core/support/workflow';
import { SUPPORT_TRANSITIONS } from '../../shared/domain/supportTransitions';

// The intended table, written out independently of the implementation: every pair of states
// is checked against it, so a row added or dropped in SUPPORT_TRANSITIONS fails here.
const LEGAL = new Set<string>([
  'requested>recommended',
  'requested>cancelled',
  'requested>expired',
  'recommended>approved',
  'recommended>rejected',
  'recommended>cancelled',
  'recommended>expired',
  'approved>dispatched',
  'approved>cancelled',
  'dispatched>en-route',
  'dispatched>on-scene',
  'dispatched>released',
  'dispatched>cancelled',
  'en-route>on-scene',
  'en-route>released',
  'en-route>cancelled',
  'on-scene>released',
  'on-scene>cancelled',
]);

const pairs = SUPPORT_STATES.flatMap((from) =>
  SUPPORT_STATES.map((to) => [from, to] as [SupportState, SupportState]),
);

describe('support state machine', () => {
  it('has a row for every state and only known targets', () => {
    expect(Object.keys(SUPPORT_TRANSITIONS).sort()).toEqual([...SUPPORT_STATES].sort());
    for (const targets of Object.values(SUPPORT_TRANSITIONS)) {
      for (const t of targets) expect(SUPPORT_STATES).toContain(t);
    }
  });

  it.each(pairs.filter(([f, t]) => LEGAL.has(`${f}>${t}`)))('accepts %s → %s', (from, to) => {
    expect(() => assertTransition(from, to)).not.toThrow();
  });

  it.each(pairs.filter(([f, t]) => !LEGAL.has(`${f}>${t}`)))('refuses %s → %s', (from, to) => {
    expect(() => assertTransition(from, to)).toThrow(IllegalTransitionError);
    expect(() => assertTransition(from, to)).toThrow(`cannot go from ${from} to ${to}`);
  });

  it('terminal states have no way out and every live state can be cancelled', () => {
    for (const s of SUPPORT_STATES) {
      expect(SUPPORT_TRANSITIONS[s].length === 0, s).toBe(TERMINAL_SUPPORT_STATES.has(s));
      if (!TERMINAL_SUPPORT_STATES.has(s)) expect(SUPPORT_TRANSITIONS[s]).toContain('cancelled');
    }
  });

  it('the happy path is walkable end to end', () => {
    const path: SupportState[] = [
      'requested',
      'recommended',
      'approved',
      'dispatched',
      'en-route',
      'on-scene',
      'released',
    ];
    for (let i = 1; i < path.length; i++) {
      expect(() =>
        assertTransition(path[i - 1] as SupportState, path[i] as SupportState),
      ).not.toThrow();
    }
  });

  it('the error is an Error with a name and the states', () => {
    try {
      assertTransition('approved', 'released');
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(Error);
      expect((err as IllegalTransitionError).name).toBe('IllegalTransitionError');
      expect((err as IllegalTransitionError).from).toBe('approved');
      expect((err as IllegalTransitionError).to).toBe('released');
    }
  });
});
