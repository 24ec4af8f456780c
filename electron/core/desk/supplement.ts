// 追加支援: one incident has one support in flight. Asking again while units are committed to it
// does not build a second, independent package: it asks only for what the committed units do not
// already cover of the run card, and refuses when they cover all of it.
import type { ModuleNeed } from '../../../shared/domain/incidents';
import type { SupportRequest, SupportState } from '../../../shared/domain/support';

/** States in which a request's units are committed to its incident. */
export const COMMITTED_STATES: ReadonlySet<SupportState> = new Set<SupportState>([
  'approved',
  'dispatched',
  'en-route',
  'on-scene',
]);

/** Orders that no longer bring their unit. */
const LOST = new Set(['refused', 'no-ack', 'released']);

/** How many of each module the committed units bring (a unit counts for each module it covers). */
export function committedCover(requests: readonly SupportRequest[]): Map<string, number> {
  const cover = new Map<string, number>();
  for (const r of requests) {
    if (!COMMITTED_STATES.has(r.state)) continue;
    const lost = new Set(r.orders.filter((o) => LOST.has(o.state)).map((o) => o.unitId));
    for (const u of r.approved?.units ?? []) {
      if (lost.has(u.unitId)) continue;
      for (const m of u.covers) cover.set(m, (cover.get(m) ?? 0) + 1);
    }
  }
  return cover;
}

/** The run card's needs less what is already committed; empty when it is all covered. */
export function remainingNeeds(
  needs: readonly ModuleNeed[],
  cover: ReadonlyMap<string, number>,
): ModuleNeed[] {
  return needs
    .map((n) => ({ ...n, count: Math.max(0, n.count - (cover.get(n.module) ?? 0)) }))
    .filter((n) => n.count > 0);
}
