// Seeded incident streams for the drill. Run cards, reserves and weights come from the Kaihua pack's
// support.json, for both drill regions: the bench measures what the console ships.
import type { Grade, IncidentType, RunCard } from '../shared/domain/incidents';
import type { LonLat } from '../shared/domain/region';
import type { Rng } from '../electron/core/sim/rng';
import type { DrillIncident } from './drill';

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
