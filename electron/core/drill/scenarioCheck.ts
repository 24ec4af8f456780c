// Every scenario, shipped or imported, passes one check against the region before it can run:
// each inject's fields, its unit, its modules, its place inside (or, for a neighbour's request,
// outside) the county. A scenario with any error is refused whole, naming each line and field.
import {
  INCIDENT_INJECTS,
  INJECT_KINDS,
  UNIT_INJECTS,
  type Inject,
  type InjectKind,
  type Scenario,
  type ScenarioError,
  type ScenarioErrorCode,
} from '../../../shared/domain/drill';

export type { ScenarioError, ScenarioErrorCode };
import {
  GRADES,
  INCIDENT_TYPES,
  type Grade,
  type IncidentType,
} from '../../../shared/domain/incidents';
import type { FeatureCollection, LonLat } from '../../../shared/domain/region';
import { MODULES, type CapabilityModule } from '../../../shared/domain/units';
import { inGeometry } from '../desk/geo';

export type ScenarioCheck =
  | { readonly ok: true; readonly scenario: Scenario }
  | { readonly ok: false; readonly errors: readonly ScenarioError[] };

/** The region a scenario is checked against. */
export interface ScenarioRegion {
  readonly unitIds: ReadonlySet<string>;
  readonly outline: FeatureCollection;
  /** Named places (name, and its township's name when it has one) of the county and its neighbours. */
  readonly places: FeatureCollection;
}

/** One inject as written, every value still text (a CSV cell) or a JSON value. */
export type RawInject = Readonly<Record<string, unknown>>;

const MAX_TEXT = 500;
const MAX_INJECTS = 500;
const TIME = /^(?:(\d+):)?(\d{1,2}):(\d{2})$/;

/** Scenario time in seconds: "hh:mm:ss", "mm:ss" or a number of seconds. */
export function parseScenarioTime(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) && v >= 0 ? v : undefined;
  if (typeof v !== 'string') return undefined;
  const s = v.trim();
  if (/^\d+(\.\d+)?$/.test(s)) return Number(s);
  const m = TIME.exec(s);
  if (!m) return undefined;
  const [h, min, sec] = [Number(m[1] ?? 0), Number(m[2]), Number(m[3])];
  return min < 60 && sec < 60 ? h * 3600 + min * 60 + sec : undefined;
}

interface Place {
  readonly lonLat: LonLat;
  readonly own: boolean;
  readonly county: string;
}

function placeIndex(places: FeatureCollection): Map<string, Place> {
  const out = new Map<string, Place>();
  for (const f of places.features) {
    const p = f.properties ?? {};
    const c = f.geometry.coordinates as unknown;
    if (!Array.isArray(c) || typeof c[0] !== 'number' || typeof c[1] !== 'number') continue;
    const place: Place = {
      lonLat: [c[0], c[1]],
      own: p['county_role'] === 'target',
      county: typeof p['county_name'] === 'string' ? p['county_name'] : '',
    };
    for (const k of ['name_zh', 'township_name', 'name']) {
      const name = p[k];
      if (typeof name === 'string' && name !== '' && !out.has(name)) out.set(name, place);
    }
  }
  return out;
}

/** Checks a whole scenario; `lineOf(i)` says where inject i was written. */
export function checkScenario(
  head: { readonly id: string; readonly name: string; readonly description: string },
  rows: readonly RawInject[],
  region: ScenarioRegion,
  lineOf: (index: number) => number,
): ScenarioCheck {
  const errors: ScenarioError[] = [];
  if (rows.length === 0) errors.push({ line: 1, field: 'injects', code: 'no-injects' });
  if (rows.length > MAX_INJECTS) {
    errors.push({
      line: lineOf(MAX_INJECTS),
      field: 'injects',
      code: 'too-long',
      value: String(rows.length),
    });
  }
  const places = placeIndex(region.places);
  const seen = new Set<string>();
  const injects: Inject[] = [];
  rows.slice(0, MAX_INJECTS).forEach((row, i) => {
    const line = lineOf(i);
    const err = (field: string, code: ScenarioErrorCode, value?: unknown): undefined => {
      errors.push({ line, field, code, ...(value === undefined ? {} : { value: short(value) }) });
      return undefined;
    };
    const text = (field: string, required: boolean): string | undefined => {
      const v = row[field];
      const s = v === undefined || v === null ? '' : String(v).trim();
      if (s === '') return required ? err(field, 'missing') : undefined;
      return s.length > MAX_TEXT ? err(field, 'too-long', s) : s;
    };
    const num = (field: string, min: number, max: number): number | undefined => {
      const s = text(field, false);
      if (s === undefined) return undefined;
      const n = Number(s);
      return Number.isFinite(n) && n >= min && n <= max ? n : err(field, 'bad-number', s);
    };
    const id = text('id', true);
    if (id !== undefined) {
      if (seen.has(id)) err('id', 'duplicate-id', id);
      seen.add(id);
    }
    const atS = parseScenarioTime(row['time']);
    if (atS === undefined)
      err(
        'time',
        row['time'] === undefined || row['time'] === '' ? 'missing' : 'bad-time',
        row['time'],
      );
    const kindText = text('kind', true);
    const kind = INJECT_KINDS.find((k) => k === kindText);
    if (kindText !== undefined && kind === undefined) err('kind', 'unknown-kind', kindText);
    const unitId = text('unit', kind !== undefined && UNIT_INJECTS.has(kind));
    if (unitId !== undefined && !region.unitIds.has(unitId)) err('unit', 'unknown-unit', unitId);
    const needsPlace = kind !== undefined && (INCIDENT_INJECTS.has(kind) || kind === 'road-closed');
    const type = enumOf<IncidentType>(
      'type',
      INCIDENT_TYPES,
      kind !== undefined && INCIDENT_INJECTS.has(kind),
      'unknown-type',
    );
    const grade = enumOf<Grade>(
      'grade',
      GRADES,
      kind !== undefined && INCIDENT_INJECTS.has(kind),
      'unknown-grade',
    );
    const modules = modulesOf();
    const where = needsPlace ? placeOf(kind) : undefined;
    const from = kind === 'neighbour-request' ? (text('from', false) ?? where?.county) : undefined;
    const durationS = num('duration_s', 1, 7 * 24 * 3600);
    const batteryPct = num('battery_pct', 0, 100);
    if (kind === 'battery-drain' && batteryPct === undefined && row['battery_pct'] === undefined) {
      err('battery_pct', 'missing');
    }
    const contingency = flag(row['contingency']);
    if (contingency === undefined) err('contingency', 'bad-flag', row['contingency']);
    const description = text('description', true);
    const player = text('player', true);
    const expected = text('expected', true);
    const objective = text('objective', true);
    if (id === undefined || atS === undefined || kind === undefined) return;
    if (description === undefined || player === undefined || expected === undefined) return;
    if (objective === undefined || contingency === undefined) return;
    injects.push({
      id,
      atS,
      kind,
      ...(unitId !== undefined ? { unitId } : {}),
      ...(type !== undefined ? { incidentType: type } : {}),
      ...(grade !== undefined ? { grade } : {}),
      ...(where !== undefined ? { lonLat: where.lonLat } : {}),
      ...(where?.name !== undefined ? { place: where.name } : {}),
      ...(modules !== undefined && modules.length > 0 ? { modules } : {}),
      ...(from !== undefined ? { from } : {}),
      ...(durationS !== undefined ? { durationS } : {}),
      ...(batteryPct !== undefined ? { batteryPct } : {}),
      description,
      player,
      expected,
      objective,
      contingency,
    });

    function enumOf<T extends string>(
      field: string,
      values: readonly T[],
      required: boolean,
      code: ScenarioErrorCode,
    ): T | undefined {
      const s = text(field, required);
      if (s === undefined) return undefined;
      const v = values.find((x) => x === s);
      return v ?? err(field, code, s);
    }

    function modulesOf(): CapabilityModule[] | undefined {
      const v = row['modules'];
      const list = Array.isArray(v)
        ? v.map(String)
        : typeof v === 'string' && v.trim() !== ''
          ? v.split(/[;,\s]+/).filter(Boolean)
          : [];
      const out: CapabilityModule[] = [];
      for (const m of list) {
        const known = MODULES.find((x) => x === m);
        if (known) out.push(known);
        else err('modules', 'unknown-module', m);
      }
      return out;
    }

    function placeOf(
      k: InjectKind | undefined,
    ): { lonLat: LonLat; name?: string; county: string } | undefined {
      const name = text('place', false);
      const lon = num('lon', -180, 180);
      const lat = num('lat', -90, 90);
      let at: { lonLat: LonLat; name?: string; county: string } | undefined;
      if (name !== undefined) {
        const p = places.get(name) ?? places.get(name.replace(/[镇乡]$/, ''));
        if (!p) return err('place', 'unknown-place', name);
        at = { lonLat: p.lonLat, name, county: p.county };
      } else if (lon !== undefined && lat !== undefined) {
        at = { lonLat: [lon, lat], county: '' };
      } else {
        return err('place', 'missing');
      }
      const inside = region.outline.features.some((f) => inGeometry(at.lonLat, f.geometry));
      if (k === 'neighbour-request' && inside)
        return err(
          name !== undefined ? 'place' : 'lon',
          'inside-region',
          name ?? `${String(lon)},${String(lat)}`,
        );
      if (k !== 'neighbour-request' && !inside)
        return err(
          name !== undefined ? 'place' : 'lon',
          'outside-region',
          name ?? `${String(lon)},${String(lat)}`,
        );
      return at;
    }
  });
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    scenario: { ...head, injects: [...injects].sort((a, b) => a.atS - b.atS) },
  };
}

function flag(v: unknown): boolean | undefined {
  if (v === undefined || v === null || v === '' || v === false) return false;
  if (v === true) return true;
  const s = String(v).trim().toLowerCase();
  if (['', 'no', 'n', 'false', '0', '否'].includes(s)) return false;
  if (['yes', 'y', 'true', '1', '是'].includes(s)) return true;
  return undefined;
}

function short(v: unknown): string {
  const s = typeof v === 'string' ? v : (JSON.stringify(v) ?? String(v));
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
}

/** The errors in English, one per line, for logs and the terminal. */
export function scenarioErrorText(errors: readonly ScenarioError[]): string {
  return errors
    .map(
      (e) =>
        `line ${e.line}, field ${e.field}: ${e.code}${e.value === undefined ? '' : ` (${e.value})`}`,
    )
    .join('\n');
}
