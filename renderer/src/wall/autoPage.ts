import { useEffect, useRef, useState, type RefObject } from 'react';

/** Seconds a page of a long wall board stays before the next one shows. */
export const AUTO_PAGE_MS = 12_000;

/**
 * Where a long board scrolls next: one page down (keeping a row of overlap), back to the top after
 * the last page; undefined when everything fits and nothing should move.
 */
export function nextPageTop(
  scrollTop: number,
  clientHeight: number,
  scrollHeight: number,
  overlapPx = 40,
): number | undefined {
  if (scrollHeight <= clientHeight + 1) return undefined;
  const bottom = scrollHeight - clientHeight;
  if (scrollTop >= bottom - 1) return 0;
  return Math.min(bottom, scrollTop + clientHeight - overlapPx);
}

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
