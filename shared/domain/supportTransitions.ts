// The support request's legal moves: one table for the core (which enforces it) and the renderer
// (which only offers what it allows).
import type { SupportState } from './support';

/**
 * Legal moves of a request. The happy path is requested → recommended → approved → dispatched →
 * en-route → on-scene → released. The side exits, and why each is where it is:
 * - rejected: only from recommended — the approver turns down a package they have seen.
 * - expired: from requested / recommended — nobody approved in time; after approval units move.
 * - cancelled: from every live state up to on-scene — the requester withdraws (incident resolved).
 * - released: from dispatched / en-route / on-scene — the commander may release early, units
 *   still on the way turn back; approved is transient (orders go out at once) so not there.
 * - dispatched → on-scene skips en-route: a geofence arrival may land before the last ack.
 * Terminal states (released, rejected, cancelled, expired) have no way out.
 */
export const SUPPORT_TRANSITIONS: Readonly<Record<SupportState, readonly SupportState[]>> = {
  requested: ['recommended', 'cancelled', 'expired'],
  recommended: ['approved', 'rejected', 'cancelled', 'expired'],
  approved: ['dispatched', 'cancelled'],
  dispatched: ['en-route', 'on-scene', 'released', 'cancelled'],
  'en-route': ['on-scene', 'released', 'cancelled'],
  'on-scene': ['released', 'cancelled'],
  released: [],
  rejected: [],
  cancelled: [],
  expired: [],
};

export function canTransition(from: SupportState, to: SupportState): boolean {
  return SUPPORT_TRANSITIONS[from].includes(to);
}
