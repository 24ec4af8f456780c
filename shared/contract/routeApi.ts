import {
  commandNames,
  type CommandName,
  type ConsoleApi,
  type ConsoleCommands,
  type ConsoleEvents,
  type EventName,
  type Unsubscribe,
} from './ConsoleApi';

interface EventSource {
  on<E extends EventName>(name: E, fn: (payload: ConsoleEvents[E]) => void): Unsubscribe;
}

/**
 * One ConsoleApi made of two owners: the commands named in `ownedByA` go to `a`, all others to
 * `b`; each event to the source `eventsOf` names. The hosts serve one api whatever owns a command
 * (the workstation, or the session a screen shows).
 */
export function routeApi<A extends CommandName>(
  ownedByA: readonly A[],
  a: Pick<ConsoleCommands, A>,
  b: Omit<ConsoleCommands, A>,
  eventsOf: (name: EventName) => EventSource,
): ConsoleApi {
  const inA = new Set<CommandName>(ownedByA);
  const api: Record<string, unknown> = {};
  for (const name of commandNames) {
    const owner = (inA.has(name) ? a : b) as Record<string, (...args: unknown[]) => unknown>;
    const fn = owner[name];
    if (typeof fn !== 'function') throw new Error(`no owner serves the command ${name}`);
    api[name] = (...args: unknown[]) => fn.apply(owner, args);
  }
  api.on = <E extends EventName>(name: E, fn: (payload: ConsoleEvents[E]) => void) =>
    eventsOf(name).on(name, fn);
  return api as unknown as ConsoleApi;
}
