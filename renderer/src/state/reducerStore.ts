import { createListeners } from './listeners';

/** A store holding one immutable state, changed only through pure update functions. */
export interface ReducerStore<S> {
  subscribe(listener: () => void): () => void;
  getSnapshot(): S;
  /** Applies a pure update; listeners hear of it only when the state object changed. */
  update(fn: (s: S) => S): void;
}

export function createReducerStore<S>(initial: S): ReducerStore<S> {
  let state = initial;
  const listeners = createListeners();
  return {
    subscribe: listeners.subscribe,
    getSnapshot: () => state,
    update(fn) {
      const next = fn(state);
      if (next === state) return;
      state = next;
      listeners.notify();
    },
  };
}

interface Versioned {
  readonly id: string;
  readonly updatedMs: number;
}

/**
 * Merges a list answer with what is held. A pushed record may have crossed the answer on the wire,
 * so for one id the later updatedMs wins; a held record the answer lacks stays when `keep` says so
 * (it was created after the query ran).
 */
export function mergeNewer<T extends Versioned>(
  held: readonly T[],
  answer: readonly T[],
  keep: (t: T) => boolean,
): T[] {
  const byId = new Map(held.map((t) => [t.id, t]));
  const merged = answer.map((a) => {
    const mine = byId.get(a.id);
    return mine && mine.updatedMs > a.updatedMs ? mine : a;
  });
  const answered = new Set(answer.map((a) => a.id));
  for (const t of held) if (!answered.has(t.id) && keep(t)) merged.push(t);
  return merged;
}

/**
 * Puts one pushed record in place of the one with its id, unless the held one is newer. Two
 * changes can fall in one millisecond, so an equal updatedMs replaces unless nothing differs
 * (pushed events arrive in order on one link; a redelivery is identical).
 */
export function upsertNewer<T extends Versioned>(list: readonly T[], t: T): T[] | undefined {
  const cur = list.find((x) => x.id === t.id);
  if (cur && cur.updatedMs > t.updatedMs) return undefined;
  if (cur && cur.updatedMs === t.updatedMs && JSON.stringify(cur) === JSON.stringify(t))
    return undefined;
  return [t, ...list.filter((x) => x.id !== t.id)];
}
