// Whom the core is working for right now. A host's connection runs each command inside its
// caller's scope; everything the command records (an incident's commander, an approval, an alert
// acknowledgement, a log event) is attributed to that caller. Outside any command (ticks, timers,
// the simulator) the actor is the system.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Caller, OperatorRole } from '../../../shared/domain/operators';
import { callerName } from '../../../shared/domain/operators';

export interface Actor {
  readonly name: string;
  /** The operator's role; undefined for the system and wall screens (which may not act). */
  readonly role: OperatorRole | undefined;
}

export const SYSTEM_ACTOR: Actor = { name: 'system', role: undefined };

const scope = new AsyncLocalStorage<Caller>();

/** Runs `fn` (and everything it awaits) as `caller`. */
export function runAs<T>(caller: Caller, fn: () => T): T {
  return scope.run(caller, fn);
}

export function currentCaller(): Caller | undefined {
  return scope.getStore();
}

/** Who the current command acts for. */
export function actor(): Actor {
  const c = scope.getStore();
  if (!c) return SYSTEM_ACTOR;
  return { name: callerName(c), role: c.kind === 'operator' ? c.role : undefined };
}

/**
 * An api whose every command runs as `caller`, unchecked: the in-process api of tests and
 * harnesses (ConsoleCore.api). Hosts never serve it; they serve a Gate connection's.
 */
export function actingAs<A extends object>(api: A, caller: Caller, names: readonly string[]): A {
  const target = api as Record<string, (...args: unknown[]) => unknown>;
  const out: Record<string, unknown> = { ...target };
  for (const name of names) {
    const fn = target[name];
    if (typeof fn === 'function')
      out[name] = (...args: unknown[]) => runAs(caller, () => fn.apply(api, args));
  }
  out['on'] = target['on'];
  return out as A;
}
