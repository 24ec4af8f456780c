/** The subscribe/notify half of every store read through React's useSyncExternalStore. */
export interface Listeners {
  subscribe(listener: () => void): () => void;
  notify(): void;
}

export function createListeners(): Listeners {
  const set = new Set<() => void>();
  return {
    subscribe(listener) {
      set.add(listener);
      return () => {
        set.delete(listener);
      };
    },
    notify() {
      // A copy: a listener may unsubscribe while being told.
      for (const fn of [...set]) fn();
    },
  };
}
