#!/usr/bin/env node
// Builds the default region pack resources/regions/kaihua/ from the "may ship" files in
// ../shared/data/kaihua (see that folder's README). Run once, commit the output; re-running must
// produce byte-identical files, so there is no clock, no Math.random and no map-order dependence.
//
//   node scripts/make-kaihua-pack.mjs [sourceDir] [outDir]
//
// Only places (GeoNames, CC BY 4.0), rivers (GSHHG, LGPL-3+) and the NBS township list are read.
// The mapchina county polygons and Natural Earth files are reference-only and must never be read
// here: the outline is derived from the place points so that no licensed boundary ships.

import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SRC = resolve(process.argv[2] ?? join(ROOT, '..', 'shared', 'data', 'kaihua'));
const OUT = resolve(process.argv[3] ?? join(ROOT, 'resources', 'regions', 'kaihua'));

const KAIHUA_ADCODE = '330824';
const OUTLINE_BUFFER_KM = 5;
const KM_PER_DEG = 111.195; // spherical Earth, R = 6371 km
const SEED = 0x4b41_4948; // 'KAIH'

// ---------------------------------------------------------------- input

function readJson(name) {
  return JSON.parse(readFileSync(join(SRC, name), 'utf8'));
}

function readTownships() {
  const lines = readFileSync(join(SRC, 'admin_units_nbs2023_kaihua.csv'), 'utf8')
    .trim()
    .split('\n');
  const header = lines[0].split(',');
  const col = (n) => header.indexOf(n);
  const out = new Map();
  for (const line of lines.slice(1)) {
    const cells = line.split(',');
    if (cells[col('level')] === 'township') out.set(cells[col('code')], cells[col('name')]);
  }
  return out;
}

const placesIn = readJson('places_geonames_cities500_region.geojson');
const riversIn = readJson('rivers_gshhg_wdbii_region.geojson');
const townships = readTownships();

if (placesIn.type !== 'FeatureCollection') throw new Error('places: not a FeatureCollection');
if (riversIn.type !== 'FeatureCollection') throw new Error('rivers: not a FeatureCollection');

// ---------------------------------------------------------------- places

const KEEP = [
  'geonameid',
  'name',
  'name_zh',
  'township_name',
  'township_code',
  'county_name',
  'county_role',
  'dem_m',
];

const places = [...placesIn.features]
  .sort((a, b) => a.properties.geonameid - b.properties.geonameid)
  .map((f) => ({
    type: 'Feature',
    properties: Object.fromEntries(KEEP.map((k) => [k, f.properties[k] ?? null])),
    geometry: { type: 'Point', coordinates: f.geometry.coordinates },
  }));

const kaihuaPlaces = places.filter((f) => f.properties.county_name === '开化县');
const inKaihua = placesIn.features.filter((f) => f.properties.county_adcode === KAIHUA_ADCODE);
if (inKaihua.length !== kaihuaPlaces.length || inKaihua.length < 20) {
  throw new Error(`expected ~24 places in Kaihua, found ${inKaihua.length}`);
}

// ---------------------------------------------------------------- outline (schematic)

const LAT0 = kaihuaPlaces.reduce((s, f) => s + f.geometry.coordinates[1], 0) / kaihuaPlaces.length;
const COS0 = Math.cos((LAT0 * Math.PI) / 180);
const toXY = ([lon, lat]) => [lon * COS0 * KM_PER_DEG, lat * KM_PER_DEG];
const toLonLat = ([x, y]) => [x / (COS0 * KM_PER_DEG), y / KM_PER_DEG];
const round = (v, d) => Math.round(v * 10 ** d) / 10 ** d;

/** Andrew's monotone chain; counter-clockwise, not closed. */
function convexHull(points) {
  const p = [...points].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const cross = (o, a, b) => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
  const half = (pts) => {
    const h = [];
    for (const q of pts) {
      while (h.length >= 2 && cross(h[h.length - 2], h[h.length - 1], q) <= 0) h.pop();
      h.push(q);
    }
    h.pop();
    return h;
  };
  return [...half(p), ...half([...p].reverse())];
}

// Buffer = hull of discs around the hull vertices (a 10° polygonal disc is within 0.4 % of round).
const hull = convexHull(kaihuaPlaces.map((f) => toXY(f.geometry.coordinates)));
const discs = hull.flatMap(([x, y]) =>
  Array.from({ length: 36 }, (_, i) => {
    const a = (i * Math.PI) / 18;
    return [x + OUTLINE_BUFFER_KM * Math.cos(a), y + OUTLINE_BUFFER_KM * Math.sin(a)];
  }),
);
const ring = convexHull(discs).map((p) => toLonLat(p).map((v) => round(v, 5)));
ring.push(ring[0]);

const lons = ring.map((p) => p[0]);
const lats = ring.map((p) => p[1]);
const bbox = [
  Math.floor(Math.min(...lons) * 100) / 100,
  Math.floor(Math.min(...lats) * 100) / 100,
  Math.ceil(Math.max(...lons) * 100) / 100,
  Math.ceil(Math.max(...lats) * 100) / 100,
];
const center = [round((bbox[0] + bbox[2]) / 2, 4), round((bbox[1] + bbox[3]) / 2, 4)];

// ---------------------------------------------------------------- stations

// Nine 派出所 at real township seats (the county seat plus eight matched NBS townships).
// The building positions are not public, so each station sits on its seat's GeoNames point.
const POLICE = [
  { slug: 'chengguan', short: '城关', en: 'Chengguan', seat: 'county-seat' },
  { slug: 'huabu', short: '华埠', en: 'Huabu', seat: '330824115' },
  { slug: 'majin', short: '马金', en: 'Majin', seat: '330824116' },
  { slug: 'cuntou', short: '村头', en: 'Cuntou', seat: '330824113' },
  { slug: 'tongcun', short: '桐村', en: 'Tongcun', seat: '330824106' },
  { slug: 'yanglin', short: '杨林', en: 'Yanglin', seat: '330824107' },
  { slug: 'suzhuang', short: '苏庄', en: 'Suzhuang', seat: '330824108' },
  { slug: 'changhong', short: '长虹', en: 'Changhong', seat: '330824205' },
  { slug: 'hetian', short: '何田', en: 'Hetian', seat: '330824208' },
];

function seatOf(seat) {
  const found =
    seat === 'county-seat'
      ? inKaihua.filter((f) => f.properties.feature_code === 'PPLA3')
      : inKaihua.filter((f) => f.properties.township_code === seat);
  if (found.length !== 1) throw new Error(`seat ${seat}: ${found.length} matching places`);
  if (seat !== 'county-seat' && !townships.has(seat)) {
    throw new Error(`seat ${seat}: not an NBS 2023 township code`);
  }
  return found[0].geometry.coordinates;
}

const countySeat = seatOf('county-seat');
const stations = [
  ...POLICE.map((p) => ({
    id: `ps-${p.slug}`,
    name: `${p.short}派出所`,
    nameEn: `${p.en} Police Station`,
    kind: 'police-station',
    lonLat: seatOf(p.seat),
    simulated: true,
  })),
  // Both county-level teams are based in the county seat; small offsets keep the map symbols apart.
  {
    id: 'traffic-chengguan',
    name: '城区交警中队',
    nameEn: 'Chengguan Traffic Police Squad',
    kind: 'traffic-squad',
    lonLat: [round(countySeat[0] + 0.006, 5), round(countySeat[1] + 0.002, 5)],
    simulated: true,
  },
  {
    id: 'special-kaihua',
    name: '开化县特警大队',
    nameEn: 'Kaihua Special Police Unit',
    kind: 'special-unit',
    lonLat: [round(countySeat[0] - 0.004, 5), round(countySeat[1] - 0.005, 5)],
    simulated: true,
  },
];

// ---------------------------------------------------------------- roster

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = mulberry32(SEED);
const pad2 = (n) => String(n).padStart(2, '0');

// Staffing follows the county's shape: the seat and the two big towns carry most of the force,
// the mountain townships keep a minimal pair-and-car presence.
const STAFFING = {
  chengguan: { pairs: 8, cars: 3, motorbikes: 2 },
  huabu: { pairs: 5, cars: 2, motorbikes: 1 },
  majin: { pairs: 4, cars: 2, motorbikes: 1 },
  cuntou: { pairs: 3, cars: 1, motorbikes: 1 },
  tongcun: { pairs: 3, cars: 1, motorbikes: 1 },
  yanglin: { pairs: 3, cars: 1, motorbikes: 1 },
  suzhuang: { pairs: 3, cars: 1, motorbikes: 1, drones: 1 },
  changhong: { pairs: 2, cars: 1, motorbikes: 0 },
  hetian: { pairs: 2, cars: 1, motorbikes: 0 },
};

// Same order as MODULES in shared/domain/units.ts.
const MODULES = [
  'public-order',
  'investigation',
  'technical',
  'traffic',
  'swat',
  'negotiation',
  'drone',
  'medical',
  'eod',
];
const byModuleOrder = (a, b) => MODULES.indexOf(a) - MODULES.indexOf(b);

const roster = [];
let droneNo = 0;
function add(stationId, slug, n, kind, callsign, modules, persons) {
  const device = { 'officer-pair': 'bc', drone: 'uav' }[kind] ?? 'veh';
  const id = `${slug}-${pad2(n)}`;
  roster.push({ id, callsign, kind, stationId, deviceId: `${device}-${id}`, modules, persons });
}
function addDrone(stationId, slug, n, modules) {
  droneNo += 1;
  add(stationId, slug, n, 'drone', `无人机${droneNo}`, modules, 1);
}

for (const p of POLICE) {
  const s = STAFFING[p.slug];
  const stationId = `ps-${p.slug}`;
  let n = 0;
  for (let i = 1; i <= s.pairs; i++) {
    const modules = ['public-order'];
    if (rand() < 0.3) modules.push('investigation');
    if (rand() < 0.1) modules.push('medical');
    add(stationId, p.slug, ++n, 'officer-pair', `${p.short}${pad2(i)}`, modules, 2);
  }
  for (let i = 1; i <= s.cars; i++) {
    const modules = rand() < 0.4 ? ['public-order', 'investigation'] : ['public-order'];
    add(stationId, p.slug, ++n, 'patrol-car', `${p.short}巡${i}`, modules, 2);
  }
  for (let i = 1; i <= s.motorbikes; i++) {
    add(stationId, p.slug, ++n, 'motorbike', `${p.short}摩${i}`, ['public-order'], 1);
  }
  for (let i = 1; i <= (s.drones ?? 0); i++) addDrone(stationId, p.slug, ++n, ['drone']);
}
// The county seat hosts the 刑侦/技术 capacity: guarantee both modules there.
for (const u of roster.filter((r) => r.stationId === 'ps-chengguan' && r.kind === 'officer-pair')) {
  if (u.callsign === '城关07' && !u.modules.includes('investigation'))
    u.modules.push('investigation');
  if (u.callsign === '城关08') u.modules.push('technical');
}

{
  const stationId = 'traffic-chengguan';
  let n = 0;
  for (let i = 1; i <= 4; i++) {
    const modules = rand() < 0.25 ? ['traffic', 'medical'] : ['traffic'];
    add(stationId, 'traffic', ++n, 'traffic-car', `交警${i}`, modules, 2);
  }
  for (let i = 1; i <= 2; i++)
    add(stationId, 'traffic', ++n, 'motorbike', `交警摩${i}`, ['traffic'], 1);
  addDrone(stationId, 'traffic', ++n, ['drone', 'traffic']);
}

{
  const stationId = 'special-kaihua';
  let n = 0;
  const pairs = [
    ['swat', 'public-order'],
    ['swat', 'public-order'],
    ['swat', 'negotiation'],
    ['swat', 'medical'],
  ];
  pairs.forEach((modules, i) =>
    add(stationId, 'special', ++n, 'officer-pair', `特警${pad2(i + 1)}`, modules, 2),
  );
  add(stationId, 'special', ++n, 'patrol-car', '特警车1', ['swat', 'public-order'], 4);
  add(stationId, 'special', ++n, 'patrol-car', '特警车2', ['swat', 'negotiation'], 4);
  add(stationId, 'special', ++n, 'patrol-car', '排爆车1', ['eod', 'technical'], 3);
  addDrone(stationId, 'special', ++n, ['drone', 'technical']);
  addDrone(stationId, 'special', ++n, ['drone']);
}

// ---------------------------------------------------------------- self-checks

for (const u of roster) u.modules.sort(byModuleOrder);
const unique = (xs, what) => {
  if (new Set(xs).size !== xs.length) throw new Error(`duplicate ${what}`);
};
unique(
  roster.map((u) => u.id),
  'unit id',
);
unique(
  roster.map((u) => u.deviceId),
  'deviceId',
);
unique(
  roster.map((u) => u.callsign),
  'callsign',
);
unique(
  stations.map((s) => s.id),
  'station id',
);
for (const m of MODULES) {
  if (!roster.some((u) => u.modules.includes(m))) throw new Error(`no unit carries module ${m}`);
}
if (roster.length < 64) throw new Error(`roster too small: ${roster.length}`);
if (roster.filter((u) => u.kind === 'drone').length < 3) throw new Error('fewer than 3 drones');

// ---------------------------------------------------------------- output

const region = {
  id: 'kaihua',
  name: '开化县',
  nameEn: 'Kaihua County',
  bbox,
  center,
  schematic: true,
  credits: [
    { what: 'places', text: 'Place data © GeoNames.org, CC BY 4.0' },
    { what: 'rivers', text: 'Rivers: GSHHG © the GMT team, LGPL-3+' },
    {
      what: 'townships',
      text: 'Township names: NBS 2023 statistical division codes (统计用区划代码)',
    },
    {
      what: 'schematic',
      text:
        'County extent, stations, station areas and units are schematic and simulated (示意/模拟), ' +
        'not official boundaries, addresses or force data.',
    },
  ],
  outline: {
    type: 'Feature',
    properties: {
      name: '开化县（示意范围）',
      nameEn: 'Kaihua County (schematic extent)',
      schematic: true,
      method: `convex hull of the ${kaihuaPlaces.length} GeoNames places in 330824, buffered ${OUTLINE_BUFFER_KM} km`,
    },
    geometry: { type: 'Polygon', coordinates: [ring] },
  },
};

/** Puts arrays of plain numbers (positions, bbox) on one line. */
function compactNumberArrays(json) {
  return json.replace(/\[\s*(-?[\d.e+-]+(?:,\s*-?[\d.e+-]+)*)\s*\]/g, (_, inner) => {
    return `[${inner.split(/,\s*/).join(', ')}]`;
  });
}

/** One array element / feature per line keeps diffs of the committed files readable. */
function linesJson(items) {
  return `[\n${items.map((x) => `  ${JSON.stringify(x)}`).join(',\n')}\n]\n`;
}
function featureCollection(features) {
  const body = features.map((f) => JSON.stringify(f)).join(',\n');
  return `{"type":"FeatureCollection","features":[\n${body}\n]}\n`;
}

// ---------------------------------------------------------------- support.json
// Run cards (预案) and the rules of the support loop for a mountain county. Only modules the roster
// above carries; reserves that the roster can keep (every station has ≥ 1 officer pair and ≥ 1
// patrol car, the special unit keeps a car). Read by electron/core/region/supportSchema.ts.

const RUN_CARD_NEEDS = {
  'public-disorder': {
    I: { 'public-order': 8, swat: 2, drone: 1, medical: 1 },
    II: { 'public-order': 6, swat: 1, drone: 1 },
    III: { 'public-order': 4, drone: 1 },
    IV: { 'public-order': 2 },
  },
  'violent-crime': {
    I: { swat: 2, investigation: 2, 'public-order': 4, medical: 1 },
    II: { swat: 1, investigation: 2, 'public-order': 3 },
    III: { investigation: 1, 'public-order': 2 },
    IV: { investigation: 1, 'public-order': 1 },
  },
  hostage: {
    I: { swat: 2, negotiation: 1, medical: 1, 'public-order': 2 },
    II: { swat: 2, negotiation: 1, 'public-order': 2 },
    III: { swat: 1, negotiation: 1, 'public-order': 2 },
    IV: { negotiation: 1, 'public-order': 2 },
  },
  'bomb-threat': {
    I: { eod: 1, swat: 2, 'public-order': 4, medical: 1 },
    II: { eod: 1, swat: 1, 'public-order': 3 },
    III: { eod: 1, 'public-order': 2 },
    IV: { eod: 1, 'public-order': 1 },
  },
  'traffic-accident': {
    I: { traffic: 3, medical: 2, 'public-order': 3, drone: 1 },
    II: { traffic: 2, medical: 1, 'public-order': 2 },
    III: { traffic: 2, medical: 1, 'public-order': 1 },
    IV: { traffic: 1, 'public-order': 1 },
  },
  'missing-person': {
    I: { 'public-order': 6, drone: 2, investigation: 1, medical: 1 },
    II: { 'public-order': 4, drone: 1, investigation: 1 },
    III: { 'public-order': 3, drone: 1 },
    IV: { 'public-order': 2 },
  },
  'natural-disaster': {
    I: { 'public-order': 8, drone: 2, medical: 2, traffic: 2 },
    II: { 'public-order': 6, drone: 1, medical: 1, traffic: 1 },
    III: { 'public-order': 4, drone: 1, medical: 1 },
    IV: { 'public-order': 2 },
  },
};
/** Task points = difficulty × hours × risk: hard types and severe grades count for more. */
const TYPE_DIFFICULTY = {
  'public-disorder': 2,
  'violent-crime': 2.5,
  hostage: 3,
  'bomb-threat': 3,
  'traffic-accident': 1,
  'missing-person': 1.5,
  'natural-disaster': 2,
};
const GRADE_HOURS = { I: 6, II: 4, III: 3, IV: 2 };
const GRADE_RISK = { I: 2, II: 1.5, III: 1.2, IV: 1 };

const runCards = [];
for (const [type, byGrade] of Object.entries(RUN_CARD_NEEDS)) {
  for (const [grade, needs] of Object.entries(byGrade)) {
    for (const m of Object.keys(needs)) {
      if (!roster.some((u) => u.modules.includes(m)))
        throw new Error(`run card needs ${m}: no unit`);
    }
    runCards.push({
      type,
      grade,
      needs: Object.entries(needs).map(([module, count]) => ({ module, count })),
      expectedHours: GRADE_HOURS[grade],
      difficulty: TYPE_DIFFICULTY[type],
      risk: GRADE_RISK[grade],
    });
  }
}

// Three 12 h shifts start at 00:00, 08:00 and 16:00 (unit i works shift i % 3, see shifts below), so
// crews overlap and at every hour some crew has at least 4 h of duty left. A station area needs the
// strength of its smallest shift available: a full shift is never short, lending a third of it is.
const SHIFT_STARTS = [0, 8, 16];
const jurisdictionNeeds = {};
for (const st of stations.filter((x) => x.kind === 'police-station')) {
  const perShift = SHIFT_STARTS.map(() => 0);
  roster.forEach((u, i) => {
    if (u.stationId === st.id) perShift[i % SHIFT_STARTS.length] += 1;
  });
  jurisdictionNeeds[st.id] = Math.max(1, Math.min(...perShift));
}

const support = {
  gradeTargets: {
    I: { startMin: 15, onSceneMin: 30 },
    II: { startMin: 15, onSceneMin: 30 },
    III: { startMin: 20, onSceneMin: 45 },
    IV: { startMin: 30, onSceneMin: 60 },
  },
  approvalRole: { I: 'supervisor', II: 'supervisor', III: 'commander', IV: 'commander' },
  // A reserve binds lending out of a station's own area. The county squads (traffic, special)
  // own no area: the whole county is theirs, so no reserve binds them inside it.
  reserves: [
    { stationId: '*', kind: 'officer-pair', min: 1 },
    { stationId: '*', kind: 'patrol-car', min: 1 },
  ],
  maxDutyHours: 12,
  batteryFloorPct: { drone: 30, 'officer-pair': 25 },
  // Seconds: burdenS at twice the mean burden (bounded); coverageS per unit of coverage lost
  // (MEXCLP share of demand); etaWeight on raw arrival seconds, lateness keeps latePenalty.
  weights: { burdenS: 300, nonLocalS: 120, latePenalty: 3, coverageS: 20000, etaWeight: 0.25 },
  // The coverage term protects the stations' areas: covered = reachable within 30 min.
  coverage: { thresholdMin: 30, busyFraction: 0.3 },
  solverTimeLimitMs: 250,
  // Mountain roads: ~35 % longer than the straight line, and slower than the class speed.
  travel: { detourFactor: 1.35, terrainFactor: 1.15 },
  geofenceM: 200,
  ackTimeoutS: 15,
  maxAttempts: 3,
  slaWarnBeforeS: 300,
  recommendationExpiryMin: 30,
  shifts: { startHours: SHIFT_STARTS, lengthH: 12, utcOffsetMin: 480 },
  jurisdictionNeeds,
  burdenWindowDays: 30,
  runCards,
};
for (const r of support.reserves) {
  const have = roster.filter(
    (u) => u.kind === r.kind && (r.stationId === '*' || u.stationId === r.stationId),
  );
  if (have.length === 0) throw new Error(`reserve ${r.stationId}/${r.kind}: no such units`);
}

/** Two-space JSON; anything that fits in 100 columns stays on one line (run cards, targets). */
function compactJson(value, indent = '') {
  const flat = JSON.stringify(value);
  if (value === null || typeof value !== 'object' || indent.length + flat.length <= 100)
    return flat;
  const inner = `${indent}  `;
  const items = Array.isArray(value)
    ? value.map((v) => `${inner}${compactJson(v, inner)}`)
    : Object.entries(value).map(
        ([k, v]) => `${inner}${JSON.stringify(k)}: ${compactJson(v, inner)}`,
      );
  const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
  return `${open}\n${items.join(',\n')}\n${indent}${close}`;
}

mkdirSync(OUT, { recursive: true });
writeFileSync(
  join(OUT, 'region.json'),
  `${compactNumberArrays(JSON.stringify(region, null, 2))}\n`,
);
writeFileSync(join(OUT, 'places.geojson'), featureCollection(places));
// Byte copy; writeFileSync rather than copyFileSync so the read-only source mode is not inherited.
writeFileSync(
  join(OUT, 'rivers.geojson'),
  readFileSync(join(SRC, 'rivers_gshhg_wdbii_region.geojson')),
);
writeFileSync(join(OUT, 'stations.json'), linesJson(stations));
writeFileSync(join(OUT, 'roster.json'), linesJson(roster));
writeFileSync(join(OUT, 'support.json'), `${compactJson(support)}\n`);
// Exercise scenarios (MSEL) are written by hand next to this script and shipped as they are.
const DRILLS = join(import.meta.dirname, 'kaihua-drills');
mkdirSync(join(OUT, 'drills'), { recursive: true });
for (const f of readdirSync(DRILLS)
  .filter((n) => n.endsWith('.json'))
  .sort()) {
  writeFileSync(join(OUT, 'drills', f), readFileSync(join(DRILLS, f)));
}

const byKind = {};
for (const u of roster) byKind[u.kind] = (byKind[u.kind] ?? 0) + 1;
console.log(
  `kaihua pack: ${places.length} places, ${riversIn.features.length} rivers, ` +
    `${stations.length} stations, ${roster.length} units ${JSON.stringify(byKind)} → ${OUT}`,
);
