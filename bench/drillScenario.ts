// Seeded incident streams for the drill, and the bench's own copy of the run cards and rules a
// region pack's support.json carries (used when the pack ships none).
import type { Grade, IncidentType, RunCard } from '../shared/domain/incidents';
import type { LonLat } from '../shared/domain/region';
import type { CapabilityModule } from '../shared/domain/units';
import type { ReserveRule, SupportRules } from '../electron/core/support/types';
import type { Rng } from '../electron/core/sim/rng';
import type { DrillIncident } from './drill';

/** Mirrors scripts/make-kaihua-pack.mjs (support.json): modules and counts per type × grade. */
const NEEDS: Readonly<
  Record<IncidentType, Readonly<Record<Grade, Partial<Record<CapabilityModule, number>>>>>
> = {
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
const TYPE_DIFFICULTY: Readonly<Record<IncidentType, number>> = {
  'public-disorder': 2,
  'violent-crime': 2.5,
  hostage: 3,
  'bomb-threat': 3,
  'traffic-accident': 1,
  'missing-person': 1.5,
  'natural-disaster': 2,
};
const GRADE_HOURS: Readonly<Record<Grade, number>> = { I: 6, II: 4, III: 3, IV: 2 };
const GRADE_RISK: Readonly<Record<Grade, number>> = { I: 2, II: 1.5, III: 1.2, IV: 1 };

export function benchRunCards(): RunCard[] {
  return Object.entries(NEEDS).flatMap(([type, byGrade]) =>
    Object.entries(byGrade).map(([grade, needs]) => ({
      type: type as IncidentType,
      grade: grade as Grade,
      needs: Object.entries(needs).map(([module, count]) => ({
        module: module as CapabilityModule,
        count: count as number,
      })),
      expectedHours: GRADE_HOURS[grade as Grade],
      difficulty: TYPE_DIFFICULTY[type as IncidentType],
      risk: GRADE_RISK[grade as Grade],
    })),
  );
}

/** Mirrors support.json's reserves for Kaihua: every station keeps a pair and a car. */
export const BENCH_RESERVES: readonly ReserveRule[] = [
  { stationId: '*', kind: 'officer-pair', min: 1 },
  { stationId: '*', kind: 'patrol-car', min: 1 },
];

export function benchRules(reserves: readonly ReserveRule[] = BENCH_RESERVES): SupportRules {
  return {
    reserves,
    maxDutyHours: 12,
    batteryFloorPct: { drone: 30, 'officer-pair': 25 },
    weights: { ...BENCH_WEIGHTS },
    solverTimeLimitMs: 250,
  };
}

/** Mirrors support.json's weights (the coverage term's parameters: BENCH_COVERAGE). */
export const BENCH_WEIGHTS: SupportRules['weights'] = {
  burdenS: 300,
  nonLocalS: 120,
  latePenalty: 3,
  coverageS: 20_000,
  etaWeight: 0.25,
};

/** Mirrors support.json's `coverage`: threshold (s) and busy fraction of the MEXCLP term. */
export const BENCH_COVERAGE = { thresholdS: 30 * 60, busyFraction: 0.3 } as const;

/**
 * Realistic mix for support requests: mostly general (IV) and larger (III) incidents, few major.
 * Weights, not probabilities; the generator normalises.
 */
export const GRADE_MIX: Readonly<Record<Grade, number>> = { I: 2, II: 8, III: 30, IV: 60 };
export const TYPE_MIX: Readonly<Record<IncidentType, number>> = {
  'traffic-accident': 30,
  'public-disorder': 22,
  'violent-crime': 15,
  'missing-person': 15,
  'natural-disaster': 6,
  'bomb-threat': 6,
  hostage: 6,
};

export function pickWeighted<T>(rng: Rng, items: readonly (readonly [T, number])[]): T {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let x = rng.next() * total;
  for (const [item, w] of items) {
    x -= w;
    if (x < 0) return item;
  }
  return (items[items.length - 1] as readonly [T, number])[0];
}

/** A standard normal draw (Box–Muller). */
export function gaussian(rng: Rng): number {
  const u = Math.max(rng.next(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next());
}

export interface Located {
  readonly lonLat: LonLat;
  readonly jurisdictionId: string;
}

export interface StreamOptions {
  readonly rng: Rng;
  readonly count: number;
  /** Poisson arrival rate, incidents per hour. */
  readonly ratePerHour: number;
  readonly startMs: number;
  readonly cards: readonly RunCard[];
  /** A location and its jurisdiction; called again while it returns undefined. */
  readonly place: (rng: Rng) => Located | undefined;
  readonly idPrefix: string;
}

/** Poisson arrivals (exponential gaps), type and grade from the mixes, time on task varied ±40 %. */
export function incidentStream(opts: StreamOptions): DrillIncident[] {
  const { rng } = opts;
  const cardOf = new Map(opts.cards.map((c) => [`${c.type}/${c.grade}`, c]));
  const grades = Object.entries(GRADE_MIX) as [Grade, number][];
  const types = Object.entries(TYPE_MIX) as [IncidentType, number][];
  const out: DrillIncident[] = [];
  let t = opts.startMs;
  for (let i = 0; i < opts.count; i++) {
    t += (-Math.log(1 - rng.next()) / opts.ratePerHour) * 3_600_000;
    const type = pickWeighted(rng, types);
    const grade = pickWeighted(rng, grades);
    const card = cardOf.get(`${type}/${grade}`);
    if (!card) throw new Error(`no run card for ${type}/${grade}`);
    let where: Located | undefined;
    for (let tries = 0; !where; tries++) {
      if (tries > 1000) throw new Error('incident placement keeps failing');
      where = opts.place(rng);
    }
    out.push({
      id: `${opts.idPrefix}-${String(i).padStart(4, '0')}`,
      type,
      grade,
      lonLat: where.lonLat,
      jurisdictionId: where.jurisdictionId,
      createdMs: Math.round(t),
      taskHours: card.expectedHours * rng.range(0.6, 1.4),
      card,
    });
  }
  return out;
}

/** Ray casting on one ring of [lon, lat] positions. */
export function inRing(p: LonLat, ring: readonly (readonly number[])[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi = 0, yi = 0] = ring[i] ?? [];
    const [xj = 0, yj = 0] = ring[j] ?? [];
    if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) {
      inside = !inside;
    }
  }
  return inside;
}

/** Point in a GeoJSON Polygon or MultiPolygon geometry (holes respected). */
export function inGeometry(
  p: LonLat,
  geometry: { readonly type: string; readonly coordinates: unknown },
): boolean {
  const polys =
    geometry.type === 'Polygon'
      ? [geometry.coordinates as number[][][]]
      : geometry.type === 'MultiPolygon'
        ? (geometry.coordinates as number[][][][])
        : [];
  return polys.some(
    (rings) =>
      rings[0] !== undefined && inRing(p, rings[0]) && !rings.slice(1).some((h) => inRing(p, h)),
  );
}
