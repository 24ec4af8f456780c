// The paging step of a long wall board, apart from the DOM so it is unit-tested under Node.

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
