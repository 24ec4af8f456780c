import type { LayerSpec } from '../regionStyle';

// An offline style for OpenMapTiles-schema vector tiles: fills and lines only. No symbol layers, so
// no glyph or sprite requests: every label stays in deck.gl. Muted colours under the dark console
// theme, so units, incidents and station areas on top stay the loudest things on the map.

export const OMT_COLORS = {
  landcover: '#0c1712',
  landuse: '#0f1522',
  park: '#0d1a15',
  water: '#0c2038',
  waterway: '#1d4a78',
  aeroway: '#28324a',
  building: '#161e2e',
  roadMajor: '#5d6e8a',
  roadMedium: '#445470',
  roadMinor: '#2b374e',
  rail: '#3a4458',
  boundaryCountry: '#8a7fb0',
  boundaryRegion: '#5e5880',
} as const;

/** Layer ids start with this, so the basemap's layers are found and removed as one. */
export const OMT_LAYER_PREFIX = 'basemap-omt-';

const MAJOR = ['motorway', 'trunk'];
const MEDIUM = ['primary', 'secondary', 'tertiary'];
const MINOR = ['minor', 'service', 'track', 'path'];

/** Line width in pixels growing with zoom: [zoom, width] stops. */
function widthByZoom(...stops: [number, number][]): unknown {
  return ['interpolate', ['exponential', 1.5], ['zoom'], ...stops.flat()];
}

/** The OpenMapTiles fill/line layers, bottom to top, on `source` (a vector source). */
export function omtLayers(source: string): LayerSpec[] {
  const id = (name: string): string => `${OMT_LAYER_PREFIX}${name}`;
  const layer = (name: string, sourceLayer: string, rest: Record<string, unknown>): LayerSpec =>
    ({ id: id(name), source, 'source-layer': sourceLayer, ...rest }) as LayerSpec;
  const classIn = (classes: readonly string[]): unknown => [
    'in',
    ['get', 'class'],
    ['literal', classes],
  ];
  return [
    layer('landcover', 'landcover', {
      type: 'fill',
      paint: { 'fill-color': OMT_COLORS.landcover, 'fill-opacity': 0.8 },
    }),
    layer('landuse', 'landuse', {
      type: 'fill',
      paint: { 'fill-color': OMT_COLORS.landuse, 'fill-opacity': 0.8 },
    }),
    layer('park', 'park', {
      type: 'fill',
      paint: { 'fill-color': OMT_COLORS.park, 'fill-opacity': 0.7 },
    }),
    layer('water', 'water', { type: 'fill', paint: { 'fill-color': OMT_COLORS.water } }),
    layer('waterway', 'waterway', {
      type: 'line',
      paint: { 'line-color': OMT_COLORS.waterway, 'line-width': widthByZoom([8, 0.5], [14, 2]) },
    }),
    layer('aeroway', 'aeroway', {
      type: 'line',
      minzoom: 11,
      paint: { 'line-color': OMT_COLORS.aeroway, 'line-width': widthByZoom([11, 1], [14, 6]) },
    }),
    layer('building', 'building', {
      type: 'fill',
      minzoom: 13,
      paint: { 'fill-color': OMT_COLORS.building, 'fill-opacity': 0.9 },
    }),
    layer('road-minor', 'transportation', {
      type: 'line',
      minzoom: 12,
      filter: classIn(MINOR),
      paint: { 'line-color': OMT_COLORS.roadMinor, 'line-width': widthByZoom([12, 0.5], [14, 2]) },
    }),
    layer('rail', 'transportation', {
      type: 'line',
      minzoom: 10,
      filter: classIn(['rail', 'transit']),
      paint: { 'line-color': OMT_COLORS.rail, 'line-width': 1, 'line-dasharray': [3, 2] },
    }),
    layer('road-medium', 'transportation', {
      type: 'line',
      minzoom: 8,
      filter: classIn(MEDIUM),
      paint: { 'line-color': OMT_COLORS.roadMedium, 'line-width': widthByZoom([8, 0.5], [14, 4]) },
    }),
    layer('road-major', 'transportation', {
      type: 'line',
      filter: classIn(MAJOR),
      paint: { 'line-color': OMT_COLORS.roadMajor, 'line-width': widthByZoom([5, 0.6], [14, 6]) },
    }),
    layer('boundary-region', 'boundary', {
      type: 'line',
      filter: ['all', ['>', ['get', 'admin_level'], 2], ['<=', ['get', 'admin_level'], 8]],
      paint: { 'line-color': OMT_COLORS.boundaryRegion, 'line-width': 1, 'line-dasharray': [3, 2] },
    }),
    layer('boundary-country', 'boundary', {
      type: 'line',
      filter: ['<=', ['get', 'admin_level'], 2],
      paint: { 'line-color': OMT_COLORS.boundaryCountry, 'line-width': 1.5 },
    }),
  ];
}
