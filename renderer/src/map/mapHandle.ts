import type { Map as MapLibreMap, MapMouseEvent } from 'maplibre-gl';
import type { LonLat } from '../../../shared/domain/region';
import { mapProbe } from './debug';

// The map tools (search, follow, measure) steer the one MapLibre map of the page through this
// handle; MapView attaches its map while mounted.

export interface MapHandle {
  /** Centres the view on a point, zooming in to at least `minZoom`. */
  centerOn(lonLat: LonLat, minZoom?: number): boolean;
  /** Every map click's lon/lat until the returned disposer is called. */
  onClick(listener: (lonLat: LonLat) => void): () => void;
}

let current: MapLibreMap | undefined;

export const mapHandle: MapHandle = {
  centerOn(lonLat, minZoom = 0) {
    if (!current) return false;
    current.jumpTo({ center: [lonLat[0], lonLat[1]], zoom: Math.max(current.getZoom(), minZoom) });
    return true;
  },
  onClick(listener) {
    const map = current;
    if (!map) return () => undefined;
    const onClick = (e: MapMouseEvent): void => listener([e.lngLat.lng, e.lngLat.lat]);
    map.on('click', onClick);
    return () => map.off('click', onClick);
  },
};

/** Called by MapView once its map exists; the returned function detaches it. */
export function attachMap(map: MapLibreMap): () => void {
  current = map;
  mapProbe.getCenter = () => {
    const c = map.getCenter();
    return [c.lng, c.lat];
  };
  mapProbe.unproject = (x, y) => {
    const p = map.unproject([x, y]);
    return [p.lng, p.lat];
  };
  return () => {
    if (current === map) current = undefined;
    mapProbe.getCenter = undefined;
    mapProbe.unproject = undefined;
  };
}
