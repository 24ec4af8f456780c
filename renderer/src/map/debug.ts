import type { UnitsStore } from '../state/unitsStore';

/** Where MapView registers its projection while a map is mounted. */
export interface MapProbe {
  project?: (lon: number, lat: number) => [x: number, y: number];
  /** Ids of the deck.gl layers last handed to the overlay, bottom to top. */
  layerIds?: () => string[];
  jumpTo?: (lon: number, lat: number, zoom: number) => void;
  tilesLoaded?: () => boolean;
  getCenter?: () => [lon: number, lat: number];
  unproject?: (x: number, y: number) => [lon: number, lat: number];
  /** Units drawn after the map filters (MapTools registers it). */
  visibleUnitCount?: () => number;
}

/** The probe MapView fills in; createDebug reads it lazily. */
export const mapProbe: MapProbe = {};

/** Read-only probes for end-to-end tests; they expose nothing the map does not already show. */
export interface MusterDebug {
  /** Units with a known position, i.e. drawn on the map. */
  unitCount(): number;
  /** The units store version: changes whenever unit data has been applied. */
  positionsVersion(): number;
  /** [lon, lat] of the first k units in roster order ([0, 0] for a unit without a fix yet). */
  samplePositions(k: number): [number, number][];
  /** [lon, lat] of one unit by id; undefined for an unknown unit or one without a fix yet. */
  positionOf(unitId: string): [number, number] | undefined;
  /** Pixel position of lon/lat inside the map element, so a test can click a map point. */
  project(lon: number, lat: number): [number, number] | undefined;
  /** Ids of the deck.gl layers drawn now, bottom to top; empty while no map is mounted. */
  layerIds(): string[];
  /** Moves the view (e.g. onto a basemap outside the region); nothing is changed but the view. */
  jumpTo(lon: number, lat: number, zoom: number): void;
  /** Whether every tile of the view has loaded; undefined while no map is mounted. */
  tilesLoaded(): boolean | undefined;
  /** [lon, lat] at the centre of the map view; undefined while no map is mounted. */
  getCenter(): [number, number] | undefined;
  /** lon/lat under a pixel of the map element (the inverse of project). */
  unproject(x: number, y: number): [number, number] | undefined;
  /** Units drawn now: with a position and let through by the map filters. */
  visibleUnitCount(): number;
}

export function createDebug(
  store: Pick<UnitsStore, 'getSnapshot'>,
  probe: MapProbe = mapProbe,
): MusterDebug {
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
    positionOf(unitId: string): [number, number] | undefined {
      const s = store.getSnapshot();
      const i = s.ids.indexOf(String(unitId));
      if (i < 0 || s.hasFix[i] !== 1) return undefined;
      return [s.positions[2 * i] ?? 0, s.positions[2 * i + 1] ?? 0];
    },
    project: (lon: number, lat: number) => probe.project?.(Number(lon), Number(lat)),
    layerIds: () => probe.layerIds?.() ?? [],
    jumpTo: (lon: number, lat: number, zoom: number) =>
      probe.jumpTo?.(Number(lon), Number(lat), Number(zoom)),
    tilesLoaded: () => probe.tilesLoaded?.(),
    getCenter: () => probe.getCenter?.(),
    unproject: (x: number, y: number) => probe.unproject?.(Number(x), Number(y)),
    visibleUnitCount(): number {
      return probe.visibleUnitCount?.() ?? this.unitCount();
    },
  });
}
