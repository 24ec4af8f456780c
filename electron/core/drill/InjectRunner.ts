// The scenario's schedule, in session time only. Pause is where other drill tools break (OpenBAS:
// the first inject after a pause fails, injects added during a pause are refused as too old, "fire
// now" waits out the length of the pause). Here nothing reads the wall clock: an inject is due when
// the session's time reaches its scenario time, whatever happened in between; an inject added at
// any moment is kept; firing by hand happens now, in session time now.
import type { Inject, InjectState } from '../../../shared/domain/drill';
import { Refused } from '../../../shared/domain/refusal';

export interface InjectEntry {
  readonly inject: Inject;
  state: InjectState;
  atMs?: number;
  byHand?: boolean;
}

export class InjectRunner {
  private readonly entries = new Map<string, InjectEntry>();

  /** `startMs`: the session time of the scenario's time 0. */
  constructor(
    injects: readonly Inject[],
    readonly startMs: number,
  ) {
    for (const i of injects) this.add(i);
  }

  /** Session time at which an inject is due. */
  dueMs(i: Inject): number {
    return this.startMs + i.atS * 1000;
  }

  /**
   * Scheduled injects whose time has come and that have not fired or been skipped, in scenario
   * order. Contingency injects are never due: the facilitator fires them by hand.
   */
  due(nowMs: number): Inject[] {
    return this.list()
      .filter(
        (e) => e.state === 'pending' && !e.inject.contingency && this.dueMs(e.inject) <= nowMs,
      )
      .map((e) => e.inject);
  }

  /** The next inject the clock would fire (for "fire next"); undefined when none is left. */
  next(): Inject | undefined {
    return this.list().find((e) => e.state === 'pending' && !e.inject.contingency)?.inject;
  }

  /** Marks an inject fired at session time `nowMs`; refused unless it is pending. */
  fired(id: string, nowMs: number, byHand: boolean): InjectEntry {
    const e = this.pending(id);
    e.state = 'fired';
    e.atMs = nowMs;
    e.byHand = byHand;
    return e;
  }

  skip(id: string, nowMs: number): InjectEntry {
    const e = this.pending(id);
    e.state = 'skipped';
    e.atMs = nowMs;
    return e;
  }

  /** Adds an inject (scheduled or ad hoc), paused or running alike. */
  add(i: Inject): InjectEntry {
    if (this.entries.has(i.id)) {
      throw new Refused('inject-duplicate', `inject ${i.id} is already in the scenario`);
    }
    const e: InjectEntry = { inject: i, state: 'pending' };
    this.entries.set(i.id, e);
    return e;
  }

  get(id: string): InjectEntry | undefined {
    return this.entries.get(id);
  }

  /** Every inject in scenario order (ties: the order they were added). */
  list(): InjectEntry[] {
    return [...this.entries.values()].sort((a, b) => a.inject.atS - b.inject.atS);
  }

  private pending(id: string): InjectEntry {
    const e = this.entries.get(id);
    if (!e) throw new Refused('inject-unknown', `no inject ${id} in this exercise`);
    if (e.state !== 'pending') {
      throw new Refused('inject-not-pending', `inject ${id} was already ${e.state}`);
    }
    return e;
  }
}
