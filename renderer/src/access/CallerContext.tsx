import { createContext, useContext, type ReactNode } from 'react';
import type { Caller } from '../../../shared/domain/operators';

// Who this screen is logged in as, for the strip's name and log-out, the administrator's tools,
// and which buttons a panel offers. The core checks every command in any case.
interface CallerState {
  readonly caller: Caller;
  readonly logout: () => void;
}

const CallerContext = createContext<CallerState>({
  caller: { kind: 'anonymous' },
  logout: () => undefined,
});

export function CallerProvider(p: CallerState & { readonly children: ReactNode }): ReactNode {
  return (
    <CallerContext.Provider value={{ caller: p.caller, logout: p.logout }}>
      {p.children}
    </CallerContext.Provider>
  );
}

export const useCaller = (): CallerState => useContext(CallerContext);

/** A stable key per caller: a screen remounts (and reloads what it holds) when the caller changes. */
export function callerKey(c: Caller): string {
  if (c.kind === 'operator') return `op:${c.role}:${c.name}`;
  if (c.kind === 'wall') return `wall:${c.tokenId}`;
  return 'anonymous';
}
