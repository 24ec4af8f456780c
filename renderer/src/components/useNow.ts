import { useEffect, useState } from 'react';

/** The wall clock, re-read every `tickMs`: clocks and countdowns re-render on it. */
export function useNow(tickMs = 1_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), tickMs);
    return () => clearInterval(timer);
  }, [tickMs]);
  return now;
}
