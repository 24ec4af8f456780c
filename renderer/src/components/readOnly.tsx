import { createContext, useContext, type ReactNode } from 'react';

// Wall screens and operators whose role does not command (auditor, administrator, a facilitator on
// live) see, they do not command: inside a read-only screen every panel leaves out its command
// buttons (acknowledge, request, approve, release, cancel, return, close). The core refuses such
// commands in any case; this keeps a screen from offering what its caller may not do.
const ReadOnlyContext = createContext(false);

export function ReadOnlyScreen({
  children,
  when = true,
}: {
  readonly children: ReactNode;
  /** Read-only only when this holds (a caller whose role may not command). */
  readonly when?: boolean;
}): ReactNode {
  return <ReadOnlyContext.Provider value={when}>{children}</ReadOnlyContext.Provider>;
}

/** True inside a wall screen: leave command buttons out. */
export const useReadOnly = (): boolean => useContext(ReadOnlyContext);
