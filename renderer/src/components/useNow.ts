import { useEffect, useState } from 'react';
import { onClockChange, sessionNow } from '../state/sessionClock';

/**
 * Session time, re-read every `tickMs` and whenever the session's clock changes (paused, sped up,
 * moved): clocks, countdowns and ages re-render on it.
 */
export function useNow(tickMs = 1_000): number {
  const [now, setNow] = useState(sessionNow);
  useEffect(() => {
    const timer = setInterval(() => setNow(sessionNow()), tickMs);
    const off = onClockChange(() => setNow(sessionNow()));
    return () => {
      clearInterval(timer);
      off();
    };
  }, [tickMs]);
  return now;
}
