// Tests that drive a desk or a session object directly run its methods as a named operator, the
// way a screen's connection runs every command (electron/core/auth/Connection).
import { runAs } from '../../electron/core/auth/callerScope';
import type { Caller, OperatorRole } from '../../shared/domain/operators';

export const operatorCaller = (name: string, role: OperatorRole): Caller => ({
  kind: 'operator',
  name,
  role,
});

/** The object with every method call run as `caller` (fields read through unchanged). */
export function asCaller<T extends object>(target: T, caller: Caller): T {
  return new Proxy(target, {
    get(obj, key, receiver) {
      const v = Reflect.get(obj, key, receiver) as unknown;
      if (typeof v !== 'function') return v;
      return (...args: unknown[]) =>
        runAs(caller, () => (v as (...a: unknown[]) => unknown).apply(obj, args));
    },
  });
}
