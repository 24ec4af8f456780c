// A seeded dispatch drill: incidents arrive over simulated time, a policy picks units from the live
// pool, units drive out and work the task; at release they are available again, as the console's
// pool shows a released unit, from where they are on the drive home. Both policies of a
// comparison run over the same incident stream; the drill, not the policy, prices travel, checks
// reserves and keeps the points ledger, so the metrics do not depend on what a policy claims.
import type {
  GradeTarget,
  GradeTargets,
  IncidentType,
  Grade,
  ModuleNeed,
  RunCard,
} from '../shared/domain/incidents';
import type { LonLat } from '../shared/domain/region';
import type { CapabilityModule, UnitKind } from '../shared/domain/units';
import type { PoolUnit, ReserveRule, TravelModel } from '../electron/core/support/types';
import { taskPoints } from '../electron/core/support/workflow/points';
import {
  isLending,
  reserveBook,
  type ReserveGroup,
} from '../electron/core/support/recommend/reserve';
import { summarise, type Award, type DrillMetrics } from './drillMetrics';

export type { DrillMetrics } from './drillMetrics';

const HOUR_MS = 3_600_000;

export interface DrillUnit {
  readonly id: string;
  readonly callsign: string;
  readonly kind: UnitKind;
  readonly stationId: string;
  readonly jurisdictionId: string;
  /** A county squad: its station owns no area, every incident of the region is its own. */
  readonly regionWide?: boolean;
  readonly modules: readonly CapabilityModule[];
  /** Where the unit waits when available (its station). */
  readonly home: LonLat;
  /** Hours into its crew's shift at the drill's start (crews are staggered). */
  readonly shiftOffsetH: number;
}

export interface DrillIncident {
  readonly id: string;
  readonly type: IncidentType;
  readonly grade: Grade;
  readonly lonLat: LonLat;
  readonly jurisdictionId: string;
  readonly createdMs: number;
  /** Actual time on task (the run card's expected hours, varied per incident). */
  readonly taskHours: number;
  readonly card: RunCard;
}

export interface DrillConfig {
  readonly units: readonly DrillUnit[];
  /** Sorted by createdMs. */
  readonly incidents: readonly DrillIncident[];
  readonly reserves: readonly ReserveRule[];
  readonly targets: GradeTargets;
  readonly travel: TravelModel;
  /** Crews hand over after this many hours; a fresh crew starts at 0 duty hours. */
  readonly shiftLengthH: number;
  /** Order to wheels rolling, the same for every unit and policy. */
  readonly turnoutS: number;
  /** A need still open this long after the incident was created is given up (counted unmet). */
  readonly maxWaitMs: number;
  /** Jurisdictions the burden Gini is taken over (those that own an area). */
  readonly jurisdictions: readonly string[];
  /** Battery a unit reports when available (undefined: does not report). */
  readonly batteryPct?: (kind: UnitKind) => number | undefined;
}

export interface PolicyRequest {
  readonly incident: DrillIncident;
  /** What is still needed (the whole card on arrival; the rest while the incident waits). */
  readonly needs: readonly ModuleNeed[];
  readonly pool: readonly PoolUnit[];
  /** Points each jurisdiction has been awarded so far (released tasks). */
  readonly burden: Readonly<Record<string, number>>;
  readonly nowMs: number;
  readonly target: GradeTarget;
}

export interface Dispatch {
  readonly unitId: string;
  /** Needed modules this unit counts towards (one slot each). */
  readonly covers: readonly CapabilityModule[];
}

export interface DrillPolicy {
  readonly name: string;
  choose(req: PolicyRequest): readonly Dispatch[] | Promise<readonly Dispatch[]>;
}

export interface ArrivalRecord {
  readonly incidentId: string;
  readonly unitId: string;
  /** Minutes from the incident's creation to the unit on scene. */
  readonly arrivalMin: number;
  readonly slots: number;
  /** The needed modules the unit counted towards. */
  readonly covers: readonly CapabilityModule[];
  readonly late: boolean;
  /** Dispatched after the incident first had to wait for a unit. */
  readonly queued: boolean;
}

export interface DrillResult {
  readonly metrics: DrillMetrics;
  readonly arrivals: readonly ArrivalRecord[];
}

interface Open {
  readonly incident: DrillIncident;
  readonly remaining: Map<CapabilityModule, number>;
  waited: boolean;
}

/** Hours the unit's current crew has been on duty at `nowMs`. */
export function dutyHoursAt(
  unit: DrillUnit,
  startMs: number,
  nowMs: number,
  shiftH: number,
): number {
  const h = (nowMs - startMs) / HOUR_MS + unit.shiftOffsetH;
  return ((h % shiftH) + shiftH) % shiftH;
}

export async function runDrill(cfg: DrillConfig, policy: DrillPolicy): Promise<DrillResult> {
  const startMs = cfg.incidents[0]?.createdMs ?? 0;
  const byId = new Map(cfg.units.map((u) => [u.id, u]));
  const freeAtMs = new Map<string, number>(cfg.units.map((u) => [u.id, startMs]));
  const awayAt = new Map<string, LonLat>();
  /**
   * Released units drive home and can be sent again on the way. Where a unit is at t: on the
   * straight line from the scene to its station, in proportion to the return time elapsed (an
   * estimate the travel model then prices from, road graph or not).
   */
  const trips = new Map<string, { from: LonLat; leftMs: number; homeMs: number }>();
  const positionAt = (u: DrillUnit, t: number): LonLat => {
    const trip = trips.get(u.id);
    if (!trip || t >= trip.homeMs) return u.home;
    const f = Math.max(0, (t - trip.leftMs) / (trip.homeMs - trip.leftMs));
    return [
      trip.from[0] + (u.home[0] - trip.from[0]) * f,
      trip.from[1] + (u.home[1] - trip.from[1]) * f,
    ];
  };
  const awards: Award[] = [];
  const arrivals: ArrivalRecord[] = [];
  const queue: Open[] = [];
  const slotsLate = new Map<string, number>();
  const slotsUnmet = new Map<string, number>();
  let reserveViolations = 0;
  let reserveViolationGroups = 0;
  let ownAreaDrains = 0;
  let rejectedChoices = 0;
  let policyCalls = 0;
  let policyMs = 0;

  const isFree = (id: string, t: number): boolean => (freeAtMs.get(id) ?? Infinity) <= t;
  const burdenAt = (t: number): Record<string, number> => {
    const out: Record<string, number> = {};
    for (const a of awards)
      if (a.atMs <= t) out[a.jurisdictionId] = (out[a.jurisdictionId] ?? 0) + a.points;
    return out;
  };
  const poolAt = (t: number): PoolUnit[] =>
    cfg.units.map((u) => {
      const free = isFree(u.id, t);
      return {
        id: u.id,
        callsign: u.callsign,
        kind: u.kind,
        stationId: u.stationId,
        jurisdictionId: u.jurisdictionId,
        ...(u.regionWide ? { regionWide: true } : {}),
        modules: u.modules,
        lonLat: free ? positionAt(u, t) : (awayAt.get(u.id) ?? u.home),
        status: free ? 'available' : 'on-scene',
        dutyHours: dutyHoursAt(u, startMs, t, cfg.shiftLengthH),
        batteryPct: cfg.batteryPct?.(u.kind),
      };
    });

  const needsOf = (open: Open): ModuleNeed[] =>
    [...open.remaining].filter(([, c]) => c > 0).map(([module, count]) => ({ module, count }));

  const giveUp = (open: Open): void => {
    const left = needsOf(open).reduce((s, n) => s + n.count, 0);
    slotsUnmet.set(open.incident.id, (slotsUnmet.get(open.incident.id) ?? 0) + left);
  };

  /** One attempt to fill an open incident at time t; true when it is fully served. */
  const serve = async (open: Open, t: number): Promise<boolean> => {
    const inc = open.incident;
    const target = cfg.targets[inc.grade];
    const pool = poolAt(t);
    const t0 = performance.now();
    const choices = await policy.choose({
      incident: inc,
      needs: needsOf(open),
      pool,
      burden: burdenAt(t),
      nowMs: t,
      target,
    });
    policyMs += performance.now() - t0;
    policyCalls++;

    // Validate against the drill's own state: only available units, only modules still needed.
    const taken: { unit: DrillUnit; covers: CapabilityModule[] }[] = [];
    const seen = new Set<string>();
    for (const c of choices) {
      const unit = byId.get(c.unitId);
      if (!unit || seen.has(c.unitId) || !isFree(c.unitId, t)) {
        rejectedChoices++;
        continue;
      }
      const covers: CapabilityModule[] = [];
      for (const m of c.covers) {
        const left = open.remaining.get(m) ?? 0;
        if (left > 0 && unit.modules.includes(m) && !covers.includes(m)) covers.push(m);
      }
      if (covers.length === 0) {
        rejectedChoices++;
        continue;
      }
      seen.add(c.unitId);
      taken.push({ unit, covers });
    }
    const out = cfg.travel.priceAll(
      inc.lonLat,
      taken.map(({ unit }) => ({ id: unit.id, kind: unit.kind, lonLat: positionAt(unit, t) })),
    );
    const etaById = new Map(out.map((e) => [e.unitId, e.etaS]));
    const sent = taken.filter(({ unit }) => {
      const ok = etaById.get(unit.id) !== undefined;
      if (!ok) rejectedChoices++;
      return ok;
    });

    // Reserve check on the state the dispatch found: each group's units available before (of a
    // kind, or carrying a reserved module), minus what it takes. The reserve protects a station's
    // own area, so a violation is a station taken below a minimum by LENDING (a unit leaving for
    // another jurisdiction's incident), for every policy alike; a station emptied for its own
    // area is counted apart (own-area drains), as information.
    const book = reserveBook(pool, cfg.reserves);
    const takenBy = new Map<string, { group: ReserveGroup; n: number; lending: boolean }>();
    for (const { unit } of sent) {
      const lends = isLending(inc.jurisdictionId, unit);
      for (const group of book.groupsOf(unit)) {
        const prev = takenBy.get(group.key);
        takenBy.set(group.key, {
          group,
          n: (prev?.n ?? 0) + 1,
          lending: (prev?.lending ?? false) || lends,
        });
      }
    }
    let lendingBelow = 0;
    let ownBelow = 0;
    for (const { group, n, lending } of takenBy.values()) {
      if (group.available - n < group.min) {
        if (lending) lendingBelow++;
        else ownBelow++;
      }
    }
    if (lendingBelow > 0) reserveViolations++;
    else if (ownBelow > 0) ownAreaDrains++;
    reserveViolationGroups += lendingBelow;

    const limitMin = target.onSceneMin;
    const points = taskPoints(inc.card, inc.taskHours);
    for (const { unit, covers } of sent) {
      const etaS = etaById.get(unit.id) as number;
      const arriveMs = t + (cfg.turnoutS + etaS) * 1000;
      const arrivalMin = (arriveMs - inc.createdMs) / 60_000;
      const late = arrivalMin > limitMin;
      for (const m of covers) open.remaining.set(m, (open.remaining.get(m) ?? 0) - 1);
      if (late) slotsLate.set(inc.id, (slotsLate.get(inc.id) ?? 0) + covers.length);
      arrivals.push({
        incidentId: inc.id,
        unitId: unit.id,
        arrivalMin,
        slots: covers.length,
        covers,
        late,
        queued: open.waited,
      });
      const releaseMs = arriveMs + inc.taskHours * HOUR_MS;
      const back = cfg.travel.priceAll(unit.home, [
        { id: unit.id, kind: unit.kind, lonLat: inc.lonLat },
      ]);
      const returnS = back[0]?.etaS ?? etaS;
      freeAtMs.set(unit.id, releaseMs);
      trips.set(unit.id, {
        from: inc.lonLat,
        leftMs: releaseMs,
        homeMs: releaseMs + returnS * 1000,
      });
      awayAt.set(unit.id, inc.lonLat);
      awards.push({ atMs: releaseMs, jurisdictionId: unit.jurisdictionId, points });
    }
    return needsOf(open).length === 0;
  };

  /** Serve the queue FIFO at time t; `wake` limits retries to incidents a change could help. */
  const serveQueue = async (t: number, wake?: (open: Open) => boolean): Promise<void> => {
    for (let i = 0; i < queue.length;) {
      const open = queue[i] as Open;
      if (t - open.incident.createdMs > cfg.maxWaitMs) {
        giveUp(open);
        queue.splice(i, 1);
        continue;
      }
      if (wake && !wake(open)) {
        i++;
        continue;
      }
      if (await serve(open, t)) queue.splice(i, 1);
      else {
        open.waited = true;
        i++;
      }
    }
  };

  // Released units can serve waiting incidents: replay release times between arrivals.
  const replayReturns = async (fromMs: number, toMs: number): Promise<void> => {
    let t = fromMs;
    while (queue.length > 0) {
      let next = Infinity;
      for (const ft of freeAtMs.values()) if (ft > t && ft <= toMs && ft < next) next = ft;
      if (!Number.isFinite(next)) break;
      t = next;
      const back = cfg.units.filter((u) => freeAtMs.get(u.id) === t);
      const stations = new Set(back.map((u) => u.stationId));
      // A released unit helps if it carries a needed module, or lifts its station off its reserve.
      const helps = (open: Open): boolean =>
        needsOf(open).some((n) =>
          cfg.units.some(
            (u) => u.modules.includes(n.module) && (stations.has(u.stationId) || back.includes(u)),
          ),
        );
      await serveQueue(t, helps);
    }
  };

  let now = startMs;
  for (const inc of cfg.incidents) {
    await replayReturns(now, inc.createdMs);
    now = inc.createdMs;
    queue.push({
      incident: inc,
      remaining: new Map(inc.card.needs.map((n) => [n.module, n.count])),
      waited: false,
    });
    await serveQueue(now);
  }
  const horizon = now + cfg.maxWaitMs;
  await replayReturns(now, horizon);
  for (const open of queue) giveUp(open);
  queue.length = 0;

  const metrics = summarise(cfg, policy.name, arrivals, slotsLate, slotsUnmet, awards, {
    reserveViolations,
    reserveViolationGroups,
    ownAreaDrains,
    rejectedChoices,
    policyCalls,
    policyMs,
  });
  return { metrics, arrivals };
}
