// zod schemas for the files of a region pack (resources/regions/<id>/). Packs can be imported by
// users, so everything is parsed here; the rest of the core only sees validated domain types.

import { z } from 'zod';
import { MODULES, UNIT_KINDS } from '../../../shared/domain/units';
import { isDeviceId } from '../../../shared/telemetry/topics';
import { isRasterTemplate } from '../basemap/basemapOption';

/** Station and unit ids end up in SQL rows, URLs and logs: keep them plain. */
const ID = /^[A-Za-z0-9_.-]{1,64}$/;
const id = z.string().regex(ID, 'must be 1–64 characters of A–Z a–z 0–9 _ . -');
const text = z.string().trim().min(1, 'must not be empty');

const lon = z.number().min(-180).max(180);
const lat = z.number().min(-90).max(90);
export const lonLatSchema = z.tuple([lon, lat]);
const position = z.array(z.number()).min(2, 'a position needs [lon, lat]');

const linearRing = z
  .array(position)
  .min(4, 'a linear ring needs at least 4 positions')
  .refine((r) => {
    const a = r[0];
    const b = r[r.length - 1];
    return a !== undefined && b !== undefined && a[0] === b[0] && a[1] === b[1];
  }, 'a linear ring must be closed (first position = last position)');

export const polygonSchema = z.object({
  type: z.literal('Polygon'),
  // [outer, ...holes]: the tuple form lets the type system know the outer ring exists.
  coordinates: z.tuple([linearRing], linearRing),
});

const properties = z.record(z.string(), z.unknown()).nullable();

/**
 * region.json `basemap`: a PMTiles file inside the pack folder (a plain file name, so it cannot
 * point elsewhere), or a raster template of a configured GIS server. Absent = 'region'.
 */
export const packBasemapSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('region') }),
  z.object({
    kind: z.literal('pmtiles'),
    file: z
      .string()
      .regex(/^[A-Za-z0-9_.-]{1,128}\.pmtiles$/, 'must be a .pmtiles file name inside the pack')
      .refine((f) => !f.startsWith('.'), 'must not start with a dot'),
    attribution: z.string(),
  }),
  z.object({
    kind: z.literal('raster'),
    urlTemplate: z
      .string()
      .refine(
        isRasterTemplate,
        'must be an http(s) URL template with {z}, {x} and {y} (or {-y} for TMS)',
      ),
    tileSize: z.union([z.literal(256), z.literal(512)]).default(256),
    attribution: z.string(),
    maxZoom: z.number().int().min(0).max(24).optional(),
  }),
]);

export const regionFileSchema = z.object({
  id,
  name: text,
  nameEn: text,
  bbox: z
    .tuple([lon, lat, lon, lat])
    .refine(([w, s, e, n]) => w < e && s < n, 'bbox must be [west, south, east, north]'),
  center: lonLatSchema,
  schematic: z.boolean(),
  credits: z.array(z.object({ what: text, text })),
  basemap: packBasemapSchema.optional(),
  outline: z.object({
    type: z.literal('Feature'),
    properties,
    geometry: polygonSchema,
  }),
});
export type RegionFile = z.infer<typeof regionFileSchema>;

export const stationSchema = z.object({
  id,
  name: text,
  nameEn: text,
  kind: z.enum(['police-station', 'traffic-squad', 'special-unit']),
  lonLat: lonLatSchema,
  simulated: z.boolean(),
});
export const stationsFileSchema = z
  .array(stationSchema)
  .min(1, 'a region needs at least one station');

export const rosterUnitSchema = z.object({
  id,
  callsign: text,
  kind: z.enum(UNIT_KINDS),
  stationId: id,
  deviceId: z.string().refine(isDeviceId, 'must be 1–64 characters of A–Z a–z 0–9 _ . -'),
  modules: z
    .array(z.enum(MODULES))
    .min(1, 'a unit needs at least one capability module')
    .refine((m) => new Set(m).size === m.length, 'modules must not repeat'),
  persons: z.number().int().min(0).max(100),
});
export const rosterFileSchema = z.array(rosterUnitSchema);

/**
 * Loose on purpose: layers go to MapLibre as they are, so only the envelope is checked.
 * looseObject keeps feature `id`/`bbox` members that MapLibre can use.
 */
export const featureCollectionSchema = z.looseObject({
  type: z.literal('FeatureCollection'),
  features: z.array(
    z.looseObject({
      type: z.literal('Feature'),
      properties,
      geometry: z.looseObject({
        type: z.enum([
          'Point',
          'MultiPoint',
          'LineString',
          'MultiLineString',
          'Polygon',
          'MultiPolygon',
        ]),
        coordinates: z.array(z.unknown()),
      }),
    }),
  ),
});

/** `[3].deviceId: …` — the path into the file and zod's message, for one issue. */
export function formatIssue(issue: z.core.$ZodIssue): string {
  const path = issue.path
    .map((k) => (typeof k === 'number' ? `[${k}]` : `.${String(k)}`))
    .join('')
    .replace(/^\./, '');
  return `${path === '' ? '(root)' : path}: ${issue.message}`;
}
