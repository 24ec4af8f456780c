import type { MapOptions } from 'maplibre-gl';
import type { FeatureCollection, RegionSnapshot } from '../../../shared/domain/region';

// The map works with no network at all: no glyphs, no sprite, no tiles. Region geometry arrives
// from the core as GeoJSON and is drawn with fill/line/circle layers only; every label is a deck.gl
// TextLayer rendered from local fonts (symbol layers would need glyphs from a server).

export type StyleSpec = Exclude<MapOptions['style'], string | undefined>;
export type LayerSpec = StyleSpec['layers'][number];
export type SourceSpec = StyleSpec['sources'][string];

export const THEME = {
  background: '#070b14',
  countyFill: '#0e1626',
  countyLine: '#6f8fc4',
  areaFill: '#1a2a47',
  areaLine: '#8fb3e8',
  river: '#2f6fb3',
  place: '#8296b4',
  placeTarget: '#c3d2ea',
} as const;

export const SOURCE_IDS = {
  outline: 'region-outline',
  jurisdictions: 'region-jurisdictions',
  areaBorders: 'region-area-borders',
  rivers: 'region-rivers',
  places: 'region-places',
} as const;

export function baseStyle(): StyleSpec {
  return {
    version: 8,
    sources: {},
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': THEME.background } },
    ],
  };
}

function geojson(fc: FeatureCollection): SourceSpec {
  // The domain type is a readonly view of the same GeoJSON MapLibre accepts.
  return { type: 'geojson', data: fc as unknown as GeoJSON.FeatureCollection };
}

type Ring = readonly (readonly number[])[];

function ringsOf(geometry: { readonly type: string; readonly coordinates: unknown }): Ring[] {
  if (geometry.type === 'Polygon') return geometry.coordinates as Ring[];
  if (geometry.type === 'MultiPolygon') return (geometry.coordinates as Ring[][]).flat();
  return [];
}

/**
 * The borders between station areas, each shared edge once. Neighbouring polygons trace a shared
 * edge in opposite directions, so drawing both outlines dashed puts the dashes out of phase and the
 * edge looks solid; a schematic border must look dashed everywhere.
 */
export function areaBorders(areas: FeatureCollection): FeatureCollection {
  const seen = new Set<string>();
  const key = (p: readonly number[]): string => `${p[0]},${p[1]}`;
  const lines: number[][][] = [];
  for (const f of areas.features) {
    for (const ring of ringsOf(f.geometry)) {
      let current: number[][] | undefined;
      for (let k = 1; k < ring.length; k++) {
        const a = ring[k - 1];
        const b = ring[k];
        if (!a || !b) continue;
        const [ka, kb] = [key(a), key(b)];
        const edge = ka < kb ? `${ka}|${kb}` : `${kb}|${ka}`;
        if (seen.has(edge)) {
          current = undefined;
          continue;
        }
        seen.add(edge);
        if (!current) {
          current = [[...a]];
          lines.push(current);
        }
        current.push([...b]);
      }
    }
  }
  return {
    type: 'FeatureCollection',
    features: [
      {
        type: 'Feature',
        properties: { schematic: true },
        geometry: { type: 'MultiLineString', coordinates: lines },
      },
    ],
  };
}

/** Sources and layers (bottom to top) for one region. */
export function regionLayers(region: RegionSnapshot): {
  readonly sources: Readonly<Record<string, SourceSpec>>;
  readonly layers: readonly LayerSpec[];
} {
  const { layers } = region;
  const hasBasemap = (region.info.basemap?.kind ?? 'region') !== 'region';
  return {
    sources: {
      [SOURCE_IDS.outline]: geojson(layers.outline),
      [SOURCE_IDS.jurisdictions]: geojson(layers.jurisdictions),
      [SOURCE_IDS.areaBorders]: geojson(areaBorders(layers.jurisdictions)),
      [SOURCE_IDS.rivers]: geojson(layers.rivers),
      [SOURCE_IDS.places]: geojson(layers.places),
    },
    layers: [
      {
        id: 'county-fill',
        type: 'fill',
        source: SOURCE_IDS.outline,
        // Over a basemap the county tint must let the streets and water show through.
        paint: { 'fill-color': THEME.countyFill, 'fill-opacity': hasBasemap ? 0.35 : 0.9 },
      },
      {
        id: 'area-fill',
        type: 'fill',
        source: SOURCE_IDS.jurisdictions,
        paint: { 'fill-color': THEME.areaFill, 'fill-opacity': 0.25 },
      },
      {
        id: 'rivers',
        type: 'line',
        source: SOURCE_IDS.rivers,
        paint: { 'line-color': THEME.river, 'line-width': 1.6, 'line-opacity': 0.85 },
      },
      {
        // Station areas are schematic (示意): dashed so nobody mistakes them for official lines.
        id: 'area-line',
        type: 'line',
        source: SOURCE_IDS.areaBorders,
        paint: {
          'line-color': THEME.areaLine,
          'line-width': 1.4,
          'line-opacity': 0.75,
          'line-dasharray': [4, 3],
        },
      },
      {
        id: 'county-line',
        type: 'line',
        source: SOURCE_IDS.outline,
        paint: { 'line-color': THEME.countyLine, 'line-width': 2.5, 'line-dasharray': [4, 2] },
      },
      {
        id: 'places',
        type: 'circle',
        source: SOURCE_IDS.places,
        paint: {
          'circle-radius': ['case', ['==', ['get', 'county_role'], 'target'], 3.5, 2.5],
          'circle-color': [
            'case',
            ['==', ['get', 'county_role'], 'target'],
            THEME.placeTarget,
            THEME.place,
          ],
          'circle-opacity': 0.8,
        },
      },
    ],
  };
}
