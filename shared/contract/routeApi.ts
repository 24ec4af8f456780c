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

/** Some commands and the object that serves them. */
export interface CommandOwner<K extends CommandName> {
  readonly names: readonly K[];
  readonly serves: Pick<ConsoleCommands, K>;
}

/**
 * One ConsoleApi made of several owners: each command goes to the owner that names it, every
 * other command to `rest`; each event to the source `eventsOf` names. The hosts serve one api
 * whatever owns a command (the workstation, the session a screen shows, its support desk).
 */
export function routeApi<A extends CommandName, B extends CommandName>(
  a: CommandOwner<A>,
  b: CommandOwner<B>,
  rest: Omit<ConsoleCommands, A | B>,
  eventsOf: (name: EventName) => EventSource,
): ConsoleApi {
  const owner = new Map<CommandName, object>();
  for (const n of a.names) owner.set(n, a.serves);
  for (const n of b.names) owner.set(n, b.serves);
  const api: Record<string, unknown> = {};
  for (const name of commandNames) {
    const target = (owner.get(name) ?? rest) as Record<string, (...args: unknown[]) => unknown>;
    const fn = target[name];
    if (typeof fn !== 'function') throw new Error(`no owner serves the command ${name}`);
    api[name] = (...args: unknown[]) => fn.apply(target, args);
  }
  api.on = <E extends EventName>(name: E, fn: (payload: ConsoleEvents[E]) => void) =>
    eventsOf(name).on(name, fn);
  return api as unknown as ConsoleApi;
}
