// Reads and checks a region pack folder (resources/regions/<id>/). Startup-only, so synchronous.
//
//   region.json          required  info + outline (a Polygon Feature)
//                                  + optional basemap (region | pmtiles file in the pack | raster)
//   stations.json        required  Station[]
//   roster.json          required  RosterUnit[]
//   places.geojson       optional  point layer (empty when absent)
//   rivers.geojson       optional  line layer (empty when absent)
//   jurisdictions.geojson optional station areas; derived schematically when absent
//   roads.geojson        optional road layer (OSM-style LineStrings with `highway`, `maxspeed`,
//                                  `oneway`): travel times on the road graph instead of straight line
//   support.json         optional run cards, reserves, approval and timers; generic defaults when absent
//   drills/*.json        optional exercise scenarios (MSEL; checked when listed, see electron/core/drill)

import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import type {
  FeatureCollection,
  RegionInfo,
  RegionSnapshot,
  Station,
} from '../../../shared/domain/region';
import type { RosterUnit } from '../../../shared/domain/units';
import {
  featureCollectionSchema,
  formatIssue,
  regionFileSchema,
  rosterFileSchema,
  stationsFileSchema,
} from './packSchema';
import {
  BASEMAP_SERVE_PATH,
  checkPmtilesFile,
  resolveBasemap,
  type BasemapOption,
} from '../basemap/basemapOption';
import { stationAreas } from './stationAreas';
import {
  defaultSupportConfig,
  supportConfigFrom,
  supportFileSchema,
  type SupportConfig,
} from './supportSchema';

export interface RegionPack {
  /** The pack's folder. */
  readonly dir: string;
  readonly snapshot: RegionSnapshot;
  readonly roster: readonly RosterUnit[];
  readonly support: SupportConfig;
  /** The region's road layer, when the pack has one: the travel model routes on it. */
  readonly roads?: FeatureCollection;
  /** The PMTiles file the host serves at the basemap URL, when the basemap is one. */
  readonly basemapFile?: string;
  /** The GIS server template the host's raster proxy fetches from, when the basemap is raster. */
  readonly basemapRasterTemplate?: string;
}

/** The workstation's basemap choice and the host's URL for a served PMTiles file. */
export interface BasemapContext {
  readonly option: BasemapOption | undefined;
  readonly pmtilesUrl: string;
}

const PACK_ID = /^[a-z0-9][a-z0-9_-]{0,63}$/;
const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };
/** How many schema issues go into one error message before "… and N more". */
const MAX_ISSUES = 5;

export function loadRegionPack(
  regionsDir: string,
  id: string,
  basemapContext: BasemapContext = { option: undefined, pmtilesUrl: BASEMAP_SERVE_PATH },
): RegionPack {
  // The id picks a folder: refuse anything that could climb out of regionsDir.
  if (!PACK_ID.test(id)) throw new Error(`region pack ${JSON.stringify(id)}: invalid pack id`);
  const dir = join(regionsDir, id);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new Error(`region pack "${id}": folder not found: ${dir}`);
  }
  const fail = (file: string, problem: string): never => {
    throw new Error(`region pack "${id}": ${file}: ${problem}`);
  };

  const parse = <T>(file: string, path: string, schema: z.ZodType<T>): T => {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(path, 'utf8').replace(/^\uFEFF/, ''));
    } catch (e) {
      return fail(file, `invalid JSON: ${(e as Error).message}`);
    }
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      const issues = parsed.error.issues;
      const more = issues.length > MAX_ISSUES ? `; … and ${issues.length - MAX_ISSUES} more` : '';
      return fail(file, issues.slice(0, MAX_ISSUES).map(formatIssue).join('; ') + more);
    }
    return parsed.data;
  };
  const read = <T>(file: string, schema: z.ZodType<T>): T => {
    const path = join(dir, file);
    return existsSync(path) ? parse(file, path, schema) : fail(file, `file missing (${path})`);
  };
  const readOptional = <T>(file: string, schema: z.ZodType<T>): T | undefined => {
    const path = join(dir, file);
    return existsSync(path) ? parse(file, path, schema) : undefined;
  };

  const region = read('region.json', regionFileSchema);
  const stations: readonly Station[] = read('stations.json', stationsFileSchema);
  const roster: readonly RosterUnit[] = read('roster.json', rosterFileSchema);
  const places = readOptional('places.geojson', featureCollectionSchema) ?? EMPTY;
  const rivers = readOptional('rivers.geojson', featureCollectionSchema) ?? EMPTY;
  const givenAreas = readOptional('jurisdictions.geojson', featureCollectionSchema);
  const supportFile = readOptional('support.json', supportFileSchema);
  const roads = readOptional('roads.geojson', featureCollectionSchema);
  if (roads) {
    roads.features.forEach((f, i) => {
      if (f.geometry.type !== 'LineString' && f.geometry.type !== 'MultiLineString') {
        fail('roads.geojson', `features[${i}]: a ${f.geometry.type}, not a road line`);
      }
    });
    if (!roads.features.some((f) => typeof f.properties?.['highway'] === 'string')) {
      fail('roads.geojson', 'no feature has a `highway` road class: nothing to route on');
    }
  }

  if (region.id !== id) fail('region.json', `id "${region.id}" does not match folder "${id}"`);

  const [w, s, e, n] = region.bbox;
  const inBbox = ([x = NaN, y = NaN]: readonly number[]): boolean =>
    x >= w && x <= e && y >= s && y <= n;
  const bboxText = `[${region.bbox.join(', ')}]`;
  if (!inBbox(region.center)) fail('region.json', `center is outside bbox ${bboxText}`);
  region.outline.geometry.coordinates.forEach((ring, r) =>
    ring.forEach((p, i) => {
      if (!inBbox(p)) {
        fail('region.json', `outline.geometry.coordinates[${r}][${i}] is outside bbox ${bboxText}`);
      }
    }),
  );

  const stationIds = uniqueOrFail(stations, 'id', (m) => fail('stations.json', m));
  stations.forEach((st, i) => {
    if (!inBbox(st.lonLat)) {
      fail(
        'stations.json',
        `[${i}] ${st.id}: lonLat ${st.lonLat.join(',')} is outside bbox ${bboxText}`,
      );
    }
  });

  uniqueOrFail(roster, 'id', (m) => fail('roster.json', m));
  uniqueOrFail(roster, 'deviceId', (m) => fail('roster.json', m));
  uniqueOrFail(roster, 'callsign', (m) => fail('roster.json', m));
  roster.forEach((u, i) => {
    if (!stationIds.has(u.stationId)) {
      fail(
        'roster.json',
        `[${i}] ${u.id}: unknown stationId "${u.stationId}" (not in stations.json)`,
      );
    }
  });

  let jurisdictions: FeatureCollection;
  if (givenAreas) {
    givenAreas.features.forEach((f, i) => {
      const ref = f.properties?.['stationId'];
      if (ref !== undefined && (typeof ref !== 'string' || !stationIds.has(ref))) {
        fail('jurisdictions.geojson', `features[${i}]: unknown stationId ${JSON.stringify(ref)}`);
      }
      for (const p of positions(f.geometry.coordinates)) {
        if (!inBbox(p)) {
          fail(
            'jurisdictions.geojson',
            `features[${i}]: position ${p.join(',')} is outside bbox ${bboxText}`,
          );
        }
      }
    });
    jurisdictions = givenAreas;
  } else {
    jurisdictions = stationAreas(stations, region.outline.geometry.coordinates[0]);
  }

  if (supportFile) {
    supportFile.reserves.forEach((r, i) => {
      if (r.stationId !== '*' && !stationIds.has(r.stationId)) {
        fail('support.json', `reserves[${i}]: unknown stationId "${r.stationId}"`);
      }
    });
    for (const sid of Object.keys(supportFile.jurisdictionNeeds)) {
      if (!stationIds.has(sid))
        fail('support.json', `jurisdictionNeeds: unknown stationId "${sid}"`);
    }
  }

  const { outline, basemap: packBasemap, ...info } = region;
  // The pack's PMTiles file is checked only when it is the one in use (the workstation may override).
  const basemap = resolveBasemap(
    basemapContext.option,
    packBasemap?.kind === 'pmtiles'
      ? {
          ...packBasemap,
          file: join(dir, packBasemap.file),
        }
      : packBasemap,
    basemapContext.pmtilesUrl,
  );
  if (basemap.file !== undefined && basemapContext.option === undefined) {
    try {
      checkPmtilesFile(basemap.file, 'basemap.file');
    } catch (e) {
      fail('region.json', (e as Error).message);
    }
  }
  const regionInfo: RegionInfo = { ...info, basemap: basemap.spec };
  return {
    dir,
    snapshot: {
      info: regionInfo,
      stations,
      layers: {
        outline: { type: 'FeatureCollection', features: [outline] },
        jurisdictions,
        places,
        rivers,
      },
    },
    roster,
    ...(roads ? { roads } : {}),
    support: supportFile ? supportConfigFrom(supportFile) : defaultSupportConfig(),
    ...(basemap.file !== undefined ? { basemapFile: basemap.file } : {}),
    ...(basemap.rasterTemplate !== undefined
      ? { basemapRasterTemplate: basemap.rasterTemplate }
      : {}),
  };
}

/** The set of `key` values; reports the first repeat with both positions. */
function uniqueOrFail<T, K extends keyof T>(
  items: readonly T[],
  key: K,
  fail: (message: string) => never,
): Set<T[K]> {
  const firstAt = new Map<T[K], number>();
  items.forEach((item, i) => {
    const v = item[key];
    const prev = firstAt.get(v);
    if (prev !== undefined) {
      fail(`duplicate ${String(key)} ${JSON.stringify(v)} at [${prev}] and [${i}]`);
    }
    firstAt.set(v, i);
  });
  return new Set(firstAt.keys());
}

/** Every position (innermost number array) of a GeoJSON coordinates tree. */
function* positions(coords: unknown): Generator<readonly number[]> {
  if (!Array.isArray(coords)) return;
  if (typeof coords[0] === 'number') {
    yield coords as number[];
    return;
  }
  for (const c of coords) yield* positions(c);
}
