import { createContext, useContext, type ReactNode } from 'react';

// Wall screens show, they do not command: inside a read-only screen every panel leaves out its
// command buttons (acknowledge, request, approve, release, cancel, return, close). The core refuses
// a wall's commands in any case; this keeps a wall from offering what it may not do.
const ReadOnlyContext = createContext(false);

export function ReadOnlyScreen({ children }: { readonly children: ReactNode }): ReactNode {
  return <ReadOnlyContext.Provider value={true}>{children}</ReadOnlyContext.Provider>;
}

/** True inside a wall screen: leave command buttons out. */
export const useReadOnly = (): boolean => useContext(ReadOnlyContext);
