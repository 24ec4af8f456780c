import type { UnitsStore } from '../state/unitsStore';

/** Read-only probes for end-to-end tests; they expose nothing the map does not already show. */
export interface MusterDebug {
  /** Units with a known position, i.e. drawn on the map. */
  unitCount(): number;
  /** The units store version: changes whenever unit data has been applied. */
  positionsVersion(): number;
  /** [lon, lat] of the first k units in roster order ([0, 0] for a unit without a fix yet). */
  samplePositions(k: number): [number, number][];
}

export function createDebug(store: Pick<UnitsStore, 'getSnapshot'>): MusterDebug {
  return Object.freeze({
    unitCount() {
      const s = store.getSnapshot();
      let n = 0;
      for (let i = 0; i < s.count; i++) n += s.hasFix[i] ?? 0;
      return n;
    },
    positionsVersion: () => store.getSnapshot().version,
    samplePositions(k: number) {
      const s = store.getSnapshot();
      const n = Math.max(0, Math.min(Math.floor(Number(k) || 0), s.count));
      return Array.from({ length: n }, (_, i): [number, number] => [
        s.positions[2 * i] ?? 0,
        s.positions[2 * i + 1] ?? 0,
      ]);
    },
  });
}
