import { useEffect, useRef, useState, type RefObject } from 'react';
import { AUTO_PAGE_MS, nextPageTop } from './pageStep';

/**
 * A wall board that does not fit pages by itself, so nobody needs to scroll a wall screen; a
 * pointer over it holds the page while someone reads. Returns whether it is paging now.
 */
export function useAutoPage(ref: RefObject<HTMLElement | null>, everyMs = AUTO_PAGE_MS): boolean {
  const [paging, setPaging] = useState(false);
  const held = useRef(false);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const hold = (): void => {
      held.current = true;
    };
    const release = (): void => {
      held.current = false;
    };
    el.addEventListener('pointerenter', hold);
    el.addEventListener('pointerleave', release);
    const check = (): void =>
      setPaging(nextPageTop(el.scrollTop, el.clientHeight, el.scrollHeight) !== undefined);
    const size = new ResizeObserver(check);
    size.observe(el);
    const timer = setInterval(() => {
      check();
      if (held.current) return;
      const top = nextPageTop(el.scrollTop, el.clientHeight, el.scrollHeight);
      if (top !== undefined) el.scrollTo({ top });
    }, everyMs);
    return () => {
      clearInterval(timer);
      size.disconnect();
      el.removeEventListener('pointerenter', hold);
      el.removeEventListener('pointerleave', release);
    };
  }, [ref, everyMs]);
  return paging;
}
