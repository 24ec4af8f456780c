// The two drill regions. Kaihua: the shipped pack (stations, roster, places), no roads, straight
// line × detour. Andorra: reference data read at bench time from ../shared/data/fallback_andorra
// (never copied into the project) — police points become stations, parishes jurisdictions, a
// seeded synthetic roster stands at the stations, and travel runs on the real road graph.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GradeTargets } from '../shared/domain/incidents';
import type { FeatureCollection, LonLat } from '../shared/domain/region';
import type { CapabilityModule, UnitKind } from '../shared/domain/units';
import { loadRegionPack } from '../electron/core/region/loadRegion';
import { offsetM } from '../electron/core/sim/geo';
import { haversineM } from '../shared/domain/distance';
import { Rng } from '../electron/core/sim/rng';
import type { SupportConfig } from '../electron/core/region/supportSchema';
import type { CoverageInput, SupportRules, TravelModel } from '../electron/core/support/types';
import { createTravelModel, type RoadGraph } from '../electron/core/support/travel/index';
import { moduleDemandShares } from '../electron/core/support/recommend/index';
import type { DrillConfig, DrillIncident, DrillUnit } from './drill';
import { areaOwners, inGeometry } from '../electron/core/desk/geo';
import { gaussian, incidentStream, pickWeighted, type Located } from './drillScenario';

export interface DrillOptions {
  readonly seed: number;
  readonly count: number;
  readonly ratePerHour: number;
}

export interface DrillSetup {
  readonly region: string;
  readonly config: DrillConfig;
  readonly rules: SupportRules;
  /** Where run cards, reserves and targets came from. */
  readonly source: string;
  readonly stations: number;
  /** What the recommender's coverage term protects: the region's stations, as the desk passes. */
  readonly coverage: CoverageInput;
}

/** 2026-01-05 00:00 UTC: a fixed drill start keeps the stream identical run to run. */
const START_MS = Date.UTC(2026, 0, 5);
const SHIFT_H = 12;
const TURNOUT_S = 60;
const MAX_WAIT_MS = 6 * 3_600_000;

function batteryPct(kind: UnitKind): number | undefined {
  // Drones and body-cams leave the station charged; vehicles do not report a battery.
  return kind === 'drone' || kind === 'officer-pair' ? 90 : undefined;
}

function baseConfig(
  units: readonly DrillUnit[],
  incidents: readonly DrillIncident[],
  rules: SupportRules,
  targets: GradeTargets,
  travel: TravelModel,
  jurisdictions: readonly string[],
): DrillConfig {
  return {
    units,
    incidents,
    reserves: rules.reserves,
    targets,
    travel,
    shiftLengthH: SHIFT_H,
    turnoutS: TURNOUT_S,
    maxWaitMs: MAX_WAIT_MS,
    jurisdictions,
    batteryPct,
  };
}

export function kaihuaDrill(regionsDir: string, opts: DrillOptions): DrillSetup {
  const pack = loadRegionPack(regionsDir, 'kaihua');
  const support = pack.support;
  const cards = support.runCards;
  const rules = support.rules;
  const targets = support.gradeTargets;
  const travelCfg = support.travel;
  const travel = createTravelModel(travelCfg);

  const { stations, layers } = pack.snapshot;
  const rng = new Rng(opts.seed);
  const stationAt = new Map(stations.map((s) => [s.id, s.lonLat]));
  // Each station lends under its own id; the county squads (traffic, special) own no area and
  // serve the whole county, as the desk's pool has them.
  const owners = areaOwners(layers.jurisdictions);
  const units: DrillUnit[] = pack.roster.map((u) => ({
    id: u.id,
    callsign: u.callsign,
    kind: u.kind,
    stationId: u.stationId,
    jurisdictionId: u.stationId,
    ...(owners.has(u.stationId) ? {} : { regionWide: true }),
    modules: u.modules,
    home: stationAt.get(u.stationId) ?? pack.snapshot.info.center,
    shiftOffsetH: rng.range(0, SHIFT_H),
  }));
  const police = stations.filter((s) => s.kind === 'police-station');
  // Station areas are the Voronoi cells of police stations: the nearest one owns a point.
  const nearestPolice = (p: LonLat): string =>
    police.reduce((best, s) => (haversineM(p, s.lonLat) < haversineM(p, best.lonLat) ? s : best))
      .id;
  const outline = layers.outline.features[0]?.geometry;
  const inCounty = (p: LonLat): boolean => (outline ? inGeometry(p, outline) : true);
  const towns = layers.places.features.flatMap((f): [LonLat, number][] => {
    const props = f.properties ?? {};
    const p = f.geometry.coordinates as LonLat;
    if (props['county_role'] !== 'target' || !inCounty(p)) return [];
    // The county seat draws most incidents; station towns more than villages.
    const name = String(props['name'] ?? '');
    const weight = name.includes('Chengguan') ? 8 : props['township_name'] ? 2 : 1;
    return [[p, weight]];
  });
  const [w, s, e, n] = pack.snapshot.info.bbox;
  const place = (r: Rng): Located | undefined => {
    const p: LonLat =
      r.next() < 0.75
        ? offsetM(pickWeighted(r, towns), gaussian(r) * 1500, gaussian(r) * 1500)
        : [r.range(w, e), r.range(s, n)];
    return inCounty(p) ? { lonLat: p, jurisdictionId: nearestPolice(p) } : undefined;
  };
  const incidents = incidentStream({
    rng,
    count: opts.count,
    ratePerHour: opts.ratePerHour,
    startMs: START_MS,
    cards,
    place,
    idPrefix: 'kh',
  });
  return {
    region: 'kaihua',
    config: baseConfig(
      units,
      incidents,
      rules,
      targets,
      travel,
      police.map((p) => p.id),
    ),
    rules,
    source: 'resources/regions/kaihua/support.json',
    stations: stations.length,
    // As the desk does: police stations weighted by their area's need (support.json).
    coverage: {
      demand: police.map((p) => ({
        lonLat: p.lonLat,
        weight: support.jurisdictionNeeds[p.id] ?? 1,
      })),
      ...coverageOf(support),
    },
  };
}

type Template = readonly (readonly [UnitKind, readonly CapabilityModule[], number])[];

/** A parish station: pairs on foot, cars, a motorbike, a traffic car. Counts vary ±1 (seeded). */
const STATION: Template = [
  ['officer-pair', ['public-order'], 4],
  ['officer-pair', ['public-order', 'investigation'], 1],
  ['patrol-car', ['public-order'], 2],
  ['patrol-car', ['public-order', 'medical'], 1],
  ['motorbike', ['public-order', 'traffic'], 1],
  ['traffic-car', ['traffic'], 1],
];
/** National headquarters: the specialist modules live here only. */
const HQ: Template = [
  ['officer-pair', ['public-order'], 4],
  ['officer-pair', ['investigation'], 2],
  ['officer-pair', ['negotiation', 'investigation'], 1],
  ['patrol-car', ['swat', 'public-order'], 3],
  ['patrol-car', ['eod'], 1],
  ['patrol-car', ['public-order', 'medical'], 2],
  ['patrol-car', ['public-order'], 2],
  ['traffic-car', ['traffic'], 2],
  ['drone', ['drone'], 2],
];

function slug(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

const readJson = (path: string): FeatureCollection =>
  JSON.parse(readFileSync(path, 'utf8')) as FeatureCollection;

/** The pack's coverage term; the drills compare the recommender as shipped, so it must have one. */
function coverageOf(
  support: SupportConfig,
): NonNullable<SupportConfig['coverage']> & Pick<CoverageInput, 'moduleWeights'> {
  if (!support.coverage) throw new Error('support.json has no coverage term to drill with');
  return { ...support.coverage, moduleWeights: moduleDemandShares(support.runCards) };
}

/** Andorra has no pack: it borrows Kaihua's support.json (run cards, reserves, weights, targets). */
export function andorraDrill(
  dataDir: string,
  graph: RoadGraph,
  support: SupportConfig,
  opts: DrillOptions,
): DrillSetup {
  const admin = readJson(join(dataDir, 'andorra_admin_boundaries_osm.geojson'));
  const services = readJson(join(dataDir, 'andorra_emergency_services_osm.geojson'));
  const placesFc = readJson(join(dataDir, 'andorra_places_peaks_osm.geojson'));
  const parishes = admin.features
    .filter((f) => f.properties?.['admin_level'] === '7')
    .map((f) => ({ id: slug(String(f.properties?.['name'])), geometry: f.geometry }));
  const parishOf = (p: LonLat): string | undefined =>
    parishes.find((x) => inGeometry(p, x.geometry))?.id;

  // OSM maps one police building as node, way and area: points within 300 m are one station.
  const stations: { id: string; name: string; lonLat: LonLat; parish: string }[] = [];
  for (const f of services.features) {
    if (f.properties?.['kind'] !== 'police') continue;
    const p = f.geometry.coordinates as LonLat;
    const parish = parishOf(p);
    if (!parish || stations.some((s) => haversineM(s.lonLat, p) < 300)) continue;
    const name = String(f.properties['name'] ?? 'Policia');
    stations.push({ id: `ad-${parish}-${String(stations.length)}`, name, lonLat: p, parish });
  }
  const rng = new Rng(opts.seed);
  const units: DrillUnit[] = [];
  for (const st of stations) {
    const tpl = /policia d'andorra/i.test(st.name) ? HQ : STATION;
    for (const [kind, modules, count] of tpl) {
      const n = Math.max(1, count + rng.int(-1, 1));
      for (let i = 0; i < n; i++) {
        const num = String(units.length).padStart(3, '0');
        units.push({
          id: `ad-u${num}`,
          callsign: `AD${num}`,
          kind,
          stationId: st.id,
          jurisdictionId: st.parish,
          modules,
          home: st.lonLat,
          shiftOffsetH: rng.range(0, SHIFT_H),
        });
      }
    }
  }

  const settlements = placesFc.features.flatMap((f): [LonLat, number][] => {
    const kind = f.properties?.['place'];
    const weight = kind === 'town' ? 8 : kind === 'village' ? 2 : kind === 'hamlet' ? 1 : 0;
    const p = f.geometry.coordinates as LonLat;
    return weight > 0 && parishOf(p) ? [[p, weight]] : [];
  });
  // Road nodes of the main network stand for incidents along the roads (traffic, searches).
  const largest = graph.componentSize.indexOf(Math.max(...graph.componentSize));
  const roadNodes: number[] = [];
  for (let i = 0; i < graph.nodeCount; i++) {
    if (graph.nodeComponent[i] === largest) roadNodes.push(i);
  }
  const place = (r: Rng): Located | undefined => {
    let p: LonLat;
    if (r.next() < 0.75) {
      p = offsetM(pickWeighted(r, settlements), gaussian(r) * 300, gaussian(r) * 300);
    } else {
      const node = roadNodes[r.int(0, roadNodes.length - 1)] as number;
      p = [graph.nodeLon[node] as number, graph.nodeLat[node] as number];
    }
    const parish = parishOf(p);
    return parish ? { lonLat: p, jurisdictionId: parish } : undefined;
  };
  const rules = support.rules;
  const incidents = incidentStream({
    rng,
    count: opts.count,
    ratePerHour: opts.ratePerHour,
    startMs: START_MS,
    cards: support.runCards,
    place,
    idPrefix: 'ad',
  });
  const travel = createTravelModel({ graph, detourFactor: 1.35 });
  const lenders = [...new Set(stations.map((s) => s.parish))];
  return {
    region: 'andorra',
    config: baseConfig(units, incidents, rules, support.gradeTargets, travel, lenders),
    rules,
    source: 'resources/regions/kaihua/support.json (borrowed)',
    stations: stations.length,
    // Every station, uniform weight: the pack has no area needs.
    coverage: {
      demand: stations.map((st) => ({ lonLat: st.lonLat, weight: 1 })),
      ...coverageOf(support),
    },
  };
}
