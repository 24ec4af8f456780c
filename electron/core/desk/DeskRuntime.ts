// The live side of the support desk: requests in memory, every change stored before it is
// announced, orders published, and the timers (ack retries, arrival, SLA, expiry, unit statuses,
// force shortage) run from the core's tick. Nothing here throws into a timer or a message handler.
import type { OperatorBook } from '../auth/OperatorBook';
import { actor } from '../auth/callerScope';
import type {
  ConsoleEvents,
  EventName,
  UnitStatusEntry,
} from '../../../shared/contract/ConsoleApi';
import type { SlaAlertKind } from '../../../shared/domain/alerts';
import type { Incident, RunCard } from '../../../shared/domain/incidents';
import type { FeatureCollection, Station } from '../../../shared/domain/region';
import { TERMINAL_SUPPORT_STATES, type SupportRequest } from '../../../shared/domain/support';
import type { RosterUnit, UnitSnapshot } from '../../../shared/domain/units';
import type { OrderType } from '../../../shared/telemetry/orders';
import type { TopicSpace } from '../../../shared/telemetry/topics';
import type { SupportConfig } from '../region/supportSchema';
import type { SupportRepo } from '../store/SupportRepo';
import { moduleDemandShares, type MilpSolver } from '../support/recommend';
import type { CoverageInput, RecommendInput, TravelModel } from '../support/types';
import { dueSlaMarks, slaKey } from '../support/workflow';
import { orderIdFor, orderPayloadOf } from './orders';
import {
  attachmentsOf,
  buildPool,
  DETACHED,
  statusesKey,
  unitStatuses,
  type Attachment,
} from './statuses';
import {
  detectArrivals,
  retryDue,
  retryNote,
  SYSTEM_OPERATOR,
  transition,
  type Fix,
  type Step,
  type StepResult,
} from './steps';
import { refreshEtas } from './etas';
import { areaOwners } from './geo';
import { ReturnOrders, type PendingReturn } from './returns';
import { ShortageWatch } from './suggestions';

export interface SupportDeskOptions {
  readonly repo: SupportRepo;
  readonly config: SupportConfig;
  readonly roster: readonly RosterUnit[];
  readonly stations: readonly Station[];
  readonly jurisdictions: FeatureCollection;
  readonly travel: TravelModel;
  /** The enrolled operators: supervisors countersign an approval above a commander's role. */
  readonly operators: Pick<OperatorBook, 'verifySync' | 'roleOf' | 'namesWith'>;
  /** The MQTT client id, named as the issuer of every order. */
  readonly clientId: string;
  /** The namespace orders go out in: live, or the exercise's. */
  readonly topics: TopicSpace;
  /** Set in an exercise: its incidents are drills and its orders carry the exercise mark. */
  readonly exercise?: { readonly id: string; readonly name: string } | undefined;
  /** Latest state of every unit, in roster order. */
  readonly units: () => readonly UnitSnapshot[];
  /** QoS 1 publish; resolves on PUBACK. */
  readonly publish: (topic: string, payload: string) => Promise<void>;
  /** Raises or clears an SLA alert for a unit. */
  readonly slaAlert: (
    unitId: string,
    kind: SlaAlertKind,
    on: boolean,
    value: number | undefined,
    detail: string,
    nowMs: number,
  ) => void;
  readonly emit: <E extends EventName>(name: E, payload: ConsoleEvents[E]) => void;
  readonly now: () => number;
}

const SHORTAGE_PERIOD_MS = 1000;
/** Unit statuses follow liveness and duty hours at least this often (attachments at once). */
const STATUS_PERIOD_MS = 1000;
/** Start-up grace for the shortage watch: the longest offline threshold (LIVENESS_THRESHOLDS_MS). */
const SETTLE_MS = 120_000;
const DAY_MS = 24 * 3_600_000;
/** Moving units' ETAs are priced again from their live positions this often. */
const ETA_PERIOD_MS = 5000;

export class DeskRuntime {
  readonly live = new Map<string, SupportRequest>();
  private readonly incidents = new Map<string, Incident>();
  /** SLA marks already raised (`slaKey`), so none repeats; rebuilt from the audit log at start. */
  private readonly slaRaised = new Set<string>();
  private readonly roster: readonly RosterUnit[];
  private readonly rosterById: ReadonlyMap<string, RosterUnit>;
  /** When each tracked request's ETAs were last re-priced. */
  private readonly etaPricedMs = new Map<string, number>();
  private readonly shortage: ShortageWatch;
  /** Stations that own an area; the others' units serve the whole region. */
  private readonly areaOwners: ReadonlySet<string>;
  /** Release and cancel orders not yet answered by their unit. */
  readonly returns = new ReturnOrders();
  private statusesSeen = '';
  private attachmentsSeen = '';
  private lastStatusesMs = -Infinity;
  private lastShortageMs = -Infinity;
  private readonly startedMs: number;
  solver: MilpSolver | undefined;
  /** Failures inside timers and handlers, counted; the last one is kept for the status strip. */
  errors = 0;
  lastError: string | undefined;

  constructor(readonly opts: SupportDeskOptions) {
    this.roster = opts.roster;
    this.rosterById = new Map(opts.roster.map((u) => [u.id, u]));
    this.areaOwners = areaOwners(opts.jurisdictions);
    this.startedMs = opts.now();
    for (const r of opts.repo.listLiveRequests()) {
      this.live.set(r.id, r);
      for (const e of opts.repo.timeline(r.id)) {
        if (e.kind !== 'sla-warning' && e.kind !== 'sla-breach') continue;
        const which = e.reason?.startsWith('on-scene') ? 'on-scene' : 'start';
        this.slaRaised.add(slaKey(r.id, which, e.kind));
      }
    }
    const raised = opts.repo
      .listSuggestions()
      .filter((s) => s.cause === 'force-shortage' && s.jurisdictionId !== undefined)
      .map((s) => s.jurisdictionId as string);
    this.shortage = new ShortageWatch(opts.roster, opts.config.jurisdictionNeeds, raised);
  }

  get cfg(): SupportConfig {
    return this.opts.config;
  }

  incident(id: string): Incident | undefined {
    const cached = this.incidents.get(id);
    if (cached) return cached;
    const stored = this.opts.repo.getIncident(id);
    if (stored) this.incidents.set(id, stored);
    return stored;
  }

  rememberIncident(i: Incident): void {
    this.incidents.set(i.id, i);
  }

  openIncident(id: string): Incident {
    const inc = this.incident(id);
    if (!inc) throw new Error(`unknown incident ${id}`);
    if (inc.state !== 'open') throw new Error(`incident ${id} is ${inc.state}`);
    return inc;
  }

  card(inc: Pick<Incident, 'type' | 'grade'>): RunCard {
    const card = this.cfg.runCards.find((c) => c.type === inc.type && c.grade === inc.grade);
    if (!card) throw new Error(`no run card for ${inc.type} grade ${inc.grade} in this region`);
    return card;
  }

  /** The recommender's input for an incident, from the live pool and the burden window. */
  input(inc: Incident, nowMs: number): RecommendInput {
    const card = this.card(inc);
    const c = this.cfg;
    return {
      incident: {
        id: inc.id,
        grade: inc.grade,
        lonLat: inc.lonLat,
        jurisdictionId: inc.jurisdictionId,
      },
      needs: card.needs,
      runCard: card,
      target: c.gradeTargets[inc.grade],
      pool: this.pool(nowMs),
      rules: c.rules,
      burden: this.opts.repo.burden(nowMs - c.burdenWindowDays * DAY_MS),
      travel: this.opts.travel,
      ...(this.coverage ? { coverage: this.coverage } : {}),
    };
  }

  /**
   * The coverage term's demand: the stations whose areas have a configured need, weighted by it
   * (every station, uniform, when none has), per module. Fixed for the session, so built once.
   */
  private get coverage(): CoverageInput | undefined {
    const cov = this.cfg.coverage;
    if (!cov) return undefined;
    this.coverageInput ??= (() => {
      const needs = this.cfg.jurisdictionNeeds;
      const weighted = this.opts.stations.filter((s) => (needs[s.id] ?? 0) > 0);
      const demand =
        weighted.length > 0
          ? weighted.map((s) => ({ lonLat: s.lonLat, weight: needs[s.id] ?? 1 }))
          : this.opts.stations.map((s) => ({ lonLat: s.lonLat, weight: 1 }));
      return {
        demand,
        thresholdS: cov.thresholdS,
        busyFraction: cov.busyFraction,
        // Per module, weighted by what the run cards ask for: scarce modules keep their cover.
        moduleWeights: moduleDemandShares(this.cfg.runCards),
      };
    })();
    return this.coverageInput;
  }
  private coverageInput: CoverageInput | undefined;

  request(id: string): SupportRequest {
    const r = this.live.get(id) ?? this.opts.repo.getRequest(id);
    if (!r) throw new Error(`unknown support request ${id}`);
    return r;
  }

  /** Stores the request and its steps, then announces them. Returns the stored request. */
  commit(req: SupportRequest, steps: readonly Step[], nowMs: number): SupportRequest {
    const events = this.opts.repo.saveRequestAndEvents(
      req,
      steps.map((s) => ({ ...s, requestId: req.id, tsMs: nowMs })),
    );
    if (TERMINAL_SUPPORT_STATES.has(req.state)) {
      this.live.delete(req.id);
      this.etaPricedMs.delete(req.id);
    } else this.live.set(req.id, req);
    for (const e of events) this.opts.emit('supportEvent', e);
    this.opts.emit('support', req);
    return req;
  }

  /** Stores a StepResult and publishes its sends. */
  apply(r: StepResult, nowMs: number): SupportRequest {
    const stored = this.commit(r.request, r.steps, nowMs);
    for (const o of r.sends) this.sendOrder(stored, o.unitId, 'dispatch', nowMs);
    return stored;
  }

  /** Publishes one order. A failed publish is logged; the ack timeout resends it. */
  sendOrder(req: SupportRequest, unitId: string, type: OrderType, nowMs: number): void {
    this.publishOrder(orderIdFor(req.id, type, unitId), req.incidentId, unitId, type, nowMs);
  }

  /**
   * Sends a unit home (release or cancel), or its incident's new commander (handover, `tag` the
   * handover's own), and follows the order until the unit answers.
   */
  sendFollowed(
    req: SupportRequest,
    unitId: string,
    type: PendingReturn['type'],
    nowMs: number,
    tag?: string,
  ): void {
    const orderId = orderIdFor(req.id, type, unitId, tag);
    this.publishOrder(orderId, req.incidentId, unitId, type, nowMs);
    this.returns.track(
      { requestId: req.id, incidentId: req.incidentId, unitId, type, orderId },
      nowMs,
    );
  }

  private publishOrder(
    orderId: string,
    incidentId: string,
    unitId: string,
    type: OrderType,
    nowMs: number,
  ): void {
    const unit = this.roster.find((u) => u.id === unitId);
    const inc = this.incident(incidentId);
    if (!unit || !inc) return;
    const payload = orderPayloadOf({
      orderId,
      type,
      incidentId: inc.id,
      lonLat: inc.lonLat,
      clientId: this.opts.clientId,
      operator: actor().name,
      commander: inc.commander,
      nowMs,
      validMs: this.cfg.ackTimeoutS * 1000,
      exercise: this.opts.exercise,
    });
    this.opts
      .publish(this.opts.topics.topic(unit.deviceId, 'order'), JSON.stringify(payload))
      .catch((err: unknown) => {
        this.fail(`order ${payload.orderId} not published`, err);
      });
  }

  /** Appends one step to a request's timeline (which may have ended) and announces it. */
  record(requestId: string, step: Step, nowMs: number): void {
    this.opts.emit('supportEvent', this.opts.repo.appendEvent({ ...step, requestId, tsMs: nowMs }));
  }

  /** Ack timeouts of release/cancel orders: resend, or record that the unit never answered. */
  private tickReturns(nowMs: number): void {
    if (this.returns.size === 0) return;
    const ackMs = this.cfg.ackTimeoutS * 1000;
    const { resend, givenUp } = this.returns.due(nowMs, ackMs, this.cfg.maxAttempts);
    for (const p of resend) {
      this.publishOrder(p.orderId, p.incidentId, p.unitId, p.type, nowMs);
      this.record(
        p.requestId,
        {
          operator: SYSTEM_OPERATOR,
          kind: 'order-retry',
          unitId: p.unitId,
          reason: `${p.type}: no acknowledgement within ${String(this.cfg.ackTimeoutS)} s: send ${String(p.attempts)} of ${String(this.cfg.maxAttempts)}`,
          note: retryNote(p.type, this.cfg.ackTimeoutS, p.attempts, this.cfg.maxAttempts),
        },
        nowMs,
      );
    }
    for (const p of givenUp) {
      this.record(
        p.requestId,
        {
          operator: SYSTEM_OPERATOR,
          kind: 'order-no-ack',
          unitId: p.unitId,
          reason:
            `${p.type}: no acknowledgement after ${String(p.attempts)} sends; ` +
            (p.type === 'handover'
              ? 'tell the unit its new commander by radio'
              : 'tell the unit to return by radio'),
          note: { code: 'no-ack-followed', params: { order: p.type, sends: p.attempts } },
        },
        nowMs,
      );
    }
  }

  /** Units committed to a live request, with the incident's commander. */
  attachments(): Map<string, Attachment> {
    return attachmentsOf(this.live.values(), (id) => this.incident(id));
  }

  assignedUnits(): Set<string> {
    const out = new Set<string>();
    for (const req of this.live.values()) {
      for (const o of req.orders) if (!DETACHED.has(o.state)) out.add(o.unitId);
    }
    return out;
  }

  statuses(nowMs: number, units: readonly UnitSnapshot[] = this.opts.units()): UnitStatusEntry[] {
    return unitStatuses({
      units,
      attachments: this.attachments(),
      shifts: this.cfg.shifts,
      nowMs,
    });
  }

  pool(nowMs: number): ReturnType<typeof buildPool> {
    const units = this.opts.units();
    return buildPool(units, this.statuses(nowMs, units), this.areaOwners);
  }

  /** One pass of every timer. Each request is handled on its own so one failure stops nothing. */
  tick(nowMs: number): void {
    // This runs on every telemetry tick, and a snapshot of every unit is the costly part: it is
    // taken only when a request in progress asks for a fix (geofence arrival) or statuses are due.
    let units: readonly UnitSnapshot[] | undefined;
    const unitsNow = (): readonly UnitSnapshot[] => (units ??= this.opts.units());
    let fixes: Map<string, Fix> | undefined;
    const fixOf = (id: string): Fix | undefined => {
      fixes ??= new Map(
        unitsNow().flatMap((s) =>
          s.last ? [[s.unit.id, { lonLat: [s.last.lon, s.last.lat], tsMs: s.last.tsMs }]] : [],
        ),
      );
      return fixes.get(id);
    };
    for (const req of [...this.live.values()]) {
      try {
        this.tickRequest(req, nowMs, fixOf);
      } catch (err) {
        this.fail(`support tick for ${req.id}`, err);
      }
    }
    try {
      this.tickReturns(nowMs);
    } catch (err) {
      this.fail('release orders', err);
    }
    try {
      if (this.statusesDue(nowMs)) this.tickStatuses(nowMs, unitsNow());
    } catch (err) {
      this.fail('unit statuses', err);
    }
  }

  /**
   * Statuses are recomputed at once when an attachment changed (an order, an arrival, a
   * release), and otherwise once per STATUS_PERIOD_MS for liveness and duty-hour changes.
   */
  private statusesDue(nowMs: number): boolean {
    let key = '';
    for (const [id, a] of this.attachments()) key += `${id}:${a.status}:${a.requestId}|`;
    if (key === this.attachmentsSeen && nowMs - this.lastStatusesMs < STATUS_PERIOD_MS) {
      return false;
    }
    this.attachmentsSeen = key;
    this.lastStatusesMs = nowMs;
    return true;
  }

  private tickRequest(
    req0: SupportRequest,
    nowMs: number,
    fixOf: (id: string) => Fix | undefined,
  ): void {
    let req = req0;
    if (req.state === 'requested' || req.state === 'recommended') {
      const ageMs = nowMs - req.createdMs;
      if (ageMs >= this.cfg.recommendationExpiryMin * 60_000) {
        const why = `not approved within ${String(this.cfg.recommendationExpiryMin)} min`;
        const t = transition(req, 'expired', SYSTEM_OPERATOR, why, nowMs, {
          code: 'expired',
          params: { min: this.cfg.recommendationExpiryMin },
        });
        this.commit(t.request, [t.step], nowMs);
      }
      return;
    }
    const ackMs = this.cfg.ackTimeoutS * 1000;
    const retried = retryDue(req, nowMs, ackMs, this.cfg.maxAttempts);
    if (retried.steps.length > 0) req = this.apply(retried, nowMs);
    const inc = this.incident(req.incidentId);
    if (inc) {
      const arrived = detectArrivals(req, inc.lonLat, this.cfg.geofenceM, fixOf, nowMs);
      if (arrived.steps.length > 0) {
        req = this.apply(arrived, nowMs);
        for (const s of arrived.steps) if (s.unitId) this.clearSla(s.unitId, nowMs);
      }
      if (nowMs - (this.etaPricedMs.get(req.id) ?? -Infinity) >= ETA_PERIOD_MS) {
        this.etaPricedMs.set(req.id, nowMs);
        const fresh = refreshEtas(req, inc.lonLat, this.rosterById, this.opts.travel, fixOf, nowMs);
        if (fresh !== req) req = this.commit(fresh, [], nowMs);
      }
    }
    this.tickSla(req, nowMs);
  }

  private tickSla(req: SupportRequest, nowMs: number): void {
    const marks = dueSlaMarks(req, nowMs, this.cfg.slaWarnBeforeS * 1000, this.slaRaised);
    for (const m of marks) {
      this.slaRaised.add(m.key);
      const due = new Date(m.dueMs).toISOString();
      const late = req.orders.filter((o) =>
        m.which === 'start'
          ? o.state === 'pending' || o.state === 'sent' || o.state === 'no-ack'
          : !DETACHED.has(o.state) && o.state !== 'on-scene',
      );
      const names = late.map((o) => o.callsign).join(', ');
      this.commit(
        req,
        [
          {
            operator: SYSTEM_OPERATOR,
            kind: m.kind,
            reason: `${m.which} due ${due}${names ? `; late: ${names}` : ''}`,
            note:
              late.length > 0
                ? {
                    code: 'sla-late',
                    params: { which: m.which, dueMs: m.dueMs, units: late.map((o) => o.unitId) },
                  }
                : { code: 'sla', params: { which: m.which, dueMs: m.dueMs } },
          },
        ],
        nowMs,
      );
      const minutes = Math.round((m.dueMs - nowMs) / 60_000);
      for (const o of late) {
        this.opts.slaAlert(o.unitId, m.kind, true, minutes, `${req.id} ${m.which}`, nowMs);
      }
    }
  }

  /** Ends a unit's SLA alerts (it arrived, or left the request). */
  clearSla(unitId: string, nowMs: number): void {
    this.opts.slaAlert(unitId, 'sla-warning', false, undefined, 'met', nowMs);
    this.opts.slaAlert(unitId, 'sla-breach', false, undefined, 'met', nowMs);
  }

  private tickStatuses(nowMs: number, units: readonly UnitSnapshot[]): void {
    const entries = this.statuses(nowMs, units);
    const key = statusesKey(entries);
    if (key !== this.statusesSeen) {
      this.statusesSeen = key;
      this.opts.emit('unitStatuses', entries);
    }
    if (nowMs - this.lastShortageMs < SHORTAGE_PERIOD_MS) return;
    this.lastShortageMs = nowMs;
    const heard = new Set(units.filter((s) => s.liveness !== 'unknown').map((s) => s.unit.id));
    const raised = this.shortage.check(
      entries,
      (id) => heard.has(id),
      nowMs - this.startedMs >= SETTLE_MS,
      () => this.opts.repo.nextId('sug', nowMs),
      nowMs,
    );
    for (const s of raised) this.suggest(s);
  }

  suggest(s: Parameters<SupportRepo['saveSuggestion']>[0]): void {
    this.opts.repo.saveSuggestion(s);
    this.opts.emit('suggestion', s);
  }

  fail(what: string, err: unknown): void {
    this.errors++;
    this.lastError = `${what}: ${err instanceof Error ? err.message : String(err)}`;
    console.error(this.lastError);
  }
}
