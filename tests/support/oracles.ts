// Small independent helpers for tests: deliberately not the modules' own code, so they can judge it.

/** mulberry32: small, seeded, reproducible. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Even-odd ray casting. */
export function inRing(
  [x = NaN, y = NaN]: readonly number[],
  ring: readonly (readonly number[])[],
): boolean {
  let inside = false;
  let prev = ring[ring.length - 1];
  for (const cur of ring) {
    const [xi = NaN, yi = NaN] = cur;
    const [xj = NaN, yj = NaN] = prev ?? cur;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    prev = cur;
  }
  return inside;
}
