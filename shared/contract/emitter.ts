import type { ConsoleEvents, EventName, Unsubscribe } from './ConsoleApi';

type Listener<E extends EventName> = (payload: ConsoleEvents[E]) => void;

/** A typed event hub. A throwing listener is isolated so one bad subscriber cannot stop the rest. */
export class EventHub {
  private readonly listeners = new Map<EventName, Set<Listener<EventName>>>();

  on<E extends EventName>(name: E, fn: Listener<E>): Unsubscribe {
    let set = this.listeners.get(name);
    if (!set) {
      set = new Set();
      this.listeners.set(name, set);
    }
    const entry = fn as Listener<EventName>;
    set.add(entry);
    return () => {
      set.delete(entry);
    };
  }

  emit<E extends EventName>(name: E, payload: ConsoleEvents[E]): void {
    const set = this.listeners.get(name);
    if (!set) return;
    for (const fn of [...set]) {
      try {
        fn(payload);
      } catch (err) {
        console.error(`listener for ${name} failed:`, err);
      }
    }
  }

  count(name: EventName): number {
    return this.listeners.get(name)?.size ?? 0;
  }
}
