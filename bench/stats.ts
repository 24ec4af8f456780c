import type { LatencySummary } from './protocol';

const MAX_MS = 10_000;

/** Millisecond latency histogram: constant memory however long the soak, so it cannot skew RSS. */
export class LatencyHistogram {
  private readonly buckets = new Uint32Array(MAX_MS + 2);
  private n = 0;
  private max = 0;

  add(ms: number): void {
    const b = ms <= 0 ? 0 : ms >= MAX_MS ? MAX_MS + 1 : Math.round(ms);
    this.buckets[b] = (this.buckets[b] as number) + 1;
    this.n++;
    if (ms > this.max) this.max = ms;
  }

  reset(): void {
    this.buckets.fill(0);
    this.n = 0;
    this.max = 0;
  }

  /** The smallest bucket value at or below which the fraction q of samples lie. */
  quantile(q: number): number {
    if (this.n === 0) return NaN;
    const rank = Math.ceil(q * this.n);
    let seen = 0;
    for (let b = 0; b < this.buckets.length; b++) {
      seen += this.buckets[b] as number;
      if (seen >= rank) return b;
    }
    return MAX_MS + 1;
  }

  summary(): LatencySummary {
    let over = 0;
    for (let b = 250; b < this.buckets.length; b++) over += this.buckets[b] as number;
    return {
      count: this.n,
      p50Ms: this.quantile(0.5),
      p90Ms: this.quantile(0.9),
      p99Ms: this.quantile(0.99),
      p999Ms: this.quantile(0.999),
      maxMs: this.max,
      over250Ms: over,
    };
  }
}

/** Least-squares slope of y over x. */
export function slope(points: readonly (readonly [number, number])[]): number {
  const n = points.length;
  if (n < 2) return NaN;
  let sx = 0;
  let sy = 0;
  for (const [x, y] of points) {
    sx += x;
    sy += y;
  }
  const mx = sx / n;
  const my = sy / n;
  let num = 0;
  let den = 0;
  for (const [x, y] of points) {
    num += (x - mx) * (y - my);
    den += (x - mx) ** 2;
  }
  return den === 0 ? NaN : num / den;
}
