import * as maplibregl from 'maplibre-gl';
import { Protocol } from 'pmtiles';

// MapLibre resolves pmtiles:// sources through this protocol. Registered once per page: the
// protocol keeps one reader per archive URL, so every map on the page shares its cache.

let registered = false;

export function registerPmtilesProtocol(): void {
  if (registered) return;
  // metadata: false: the offline style needs no archive metadata, so that request is skipped.
  const protocol = new Protocol({ metadata: false });
  maplibregl.addProtocol('pmtiles', protocol.tile);
  registered = true;
}
