// A long wall board pages by itself: a page down at a time with a row of overlap, the last page
// flush with the end, then back to the top; a board that fits never moves.
import { describe, expect, it } from 'vitest';
import { nextPageTop } from '../../renderer/src/wall/pageStep';

describe('wall board paging', () => {
  it('moves a page at a time, ends flush with the last row, and starts over', () => {
    // 71 rows of 40 px in an 800 px window: 2840 px of content.
    expect(nextPageTop(0, 800, 2840)).toBe(760);
    expect(nextPageTop(760, 800, 2840)).toBe(1520);
    expect(nextPageTop(1520, 800, 2840)).toBe(2040);
    expect(nextPageTop(2040, 800, 2840)).toBe(0);
  });

  it('leaves a board that fits where it is', () => {
    expect(nextPageTop(0, 800, 800)).toBeUndefined();
    expect(nextPageTop(0, 800, 600)).toBeUndefined();
  });
});
