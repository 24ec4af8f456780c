import type { TransportState, WsConsoleApi } from '../../../shared/contract/wsClient';
import { createListeners } from '../state/listeners';

/** 'local' is the Electron IPC bridge, which has no connection to lose. */
export type ConsoleLinkState = 'local' | TransportState;

export interface LinkSnapshot {
  readonly state: ConsoleLinkState;
  /** Times the link came back after being lost; a change means "resync what you hold". */
  readonly reconnects: number;
  /** Connection attempts that ended closed since the link was last open. */
  readonly failures: number;
}

export interface LinkStore {
  subscribe(listener: () => void): () => void;
  getSnapshot(): LinkSnapshot;
}

const LOCAL: LinkSnapshot = { state: 'local', reconnects: 0, failures: 0 };

export function localLinkStore(): LinkStore {
  return { subscribe: () => () => undefined, getSnapshot: () => LOCAL };
}

/**
 * Must be created right after createWsApi, before the event loop turns, so the first transport
 * change cannot be missed (createWsApi starts connecting immediately).
 */
export function wsLinkStore(api: Pick<WsConsoleApi, 'onTransport'>): LinkStore {
  let snap: LinkSnapshot = { state: 'connecting', reconnects: 0, failures: 0 };
  let lost = false;
  const listeners = createListeners();
  api.onTransport((state) => {
    // A retry after a loss stays "lost" (or "refused") until it succeeds: the screen must not
    // flicker back to "connecting" between attempts.
    if (state === 'connecting' && lost) return;
    const failed = state === 'closed' || state === 'refused';
    if (state === snap.state && !failed) return;
    if (state === 'closed' || state === 'refused') lost = true;
    const back = state === 'open' && lost;
    if (back) lost = false;
    snap = {
      state,
      reconnects: snap.reconnects + (back ? 1 : 0),
      failures: state === 'open' ? 0 : snap.failures + (state === 'connecting' ? 0 : 1),
    };
    listeners.notify();
  });
  return {
    subscribe: listeners.subscribe,
    getSnapshot: () => snap,
  };
}
