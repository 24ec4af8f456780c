import type { TelemetrySample } from './sample';

export interface TickBatch {
  readonly samples: readonly TelemetrySample[];
  /** Newest sample per unit within the tick. */
  readonly latest: readonly TelemetrySample[];
}

/** Collects accepted samples between ticks: all samples for the store, the newest per unit for state. */
export class Coalescer {
  private samples: TelemetrySample[] = [];
  private latest = new Map<number, TelemetrySample>();

  push(s: TelemetrySample): void {
    this.samples.push(s);
    const prev = this.latest.get(s.unitIdx);
    if (!prev || s.tsMs > prev.tsMs) this.latest.set(s.unitIdx, s);
  }

  get pending(): number {
    return this.samples.length;
  }

  drain(): TickBatch {
    const batch = { samples: this.samples, latest: [...this.latest.values()] };
    this.samples = [];
    this.latest = new Map();
    return batch;
  }
}
