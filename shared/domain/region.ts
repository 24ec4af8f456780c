// Region pack as the core serves it to every renderer. All coordinates are WGS-84 lon/lat.

export type LonLat = readonly [lon: number, lat: number];

export interface Credit {
  readonly what: string;
  readonly text: string;
}

export interface Station {
  readonly id: string;
  readonly name: string;
  readonly nameEn: string;
  readonly kind: 'police-station' | 'traffic-squad' | 'special-unit';
  readonly lonLat: LonLat;
  /** True when the station is placed schematically (not its real address). */
  readonly simulated: boolean;
}

/** A GeoJSON FeatureCollection kept loose on purpose: the renderer hands it to MapLibre as is. */
export interface FeatureCollection {
  readonly type: 'FeatureCollection';
  readonly features: readonly {
    readonly type: 'Feature';
    readonly properties: Readonly<Record<string, unknown>> | null;
    readonly geometry: { readonly type: string; readonly coordinates: unknown };
  }[];
}

/**
 * The map underneath the region layers. 'region' draws only the region pack's own GeoJSON (works
 * with no network at all); 'pmtiles' is a local vector file the host serves at `url` (a host-local
 * URL, never a remote one); 'raster' is an XYZ/WMTS template of a configured internal GIS server.
 */
export type BasemapSpec =
  | { readonly kind: 'region' }
  | { readonly kind: 'pmtiles'; readonly url: string; readonly attribution: string }
  | {
      readonly kind: 'raster';
      /** {z}/{x}/{y} placeholders, as MapLibre raster sources take them. */
      readonly urlTemplate: string;
      readonly tileSize: number;
      readonly attribution: string;
      readonly maxZoom?: number;
    };

export interface RegionInfo {
  readonly id: string;
  readonly name: string;
  readonly nameEn: string;
  /** [west, south, east, north] */
  readonly bbox: readonly [number, number, number, number];
  readonly center: LonLat;
  /** True when jurisdictions and station placement are schematic (示意), not official. */
  readonly schematic: boolean;
  readonly credits: readonly Credit[];
  /** The basemap chosen for this region, or by this workstation (absent = 'region'). */
  readonly basemap?: BasemapSpec;
}

export interface RegionLayers {
  readonly outline: FeatureCollection;
  /** Station areas (辖区); schematic areas carry `schematic: true` in their properties. */
  readonly jurisdictions: FeatureCollection;
  readonly places: FeatureCollection;
  readonly rivers: FeatureCollection;
}

export interface RegionSnapshot {
  readonly info: RegionInfo;
  readonly stations: readonly Station[];
  readonly layers: RegionLayers;
}
