// The support loop's service (需求 → 资源 → 匹配 → 处置 → 反馈): incidents, requests and their
// recommendation, approval, orders over MQTT, arrival, release and task points, command authority
// and suggestions. ConsoleCore delegates the support commands here and feeds it acks, orders and
// ticks. Every bad request is refused with an Error that says what is wrong.
import type {
  Countersign,
  EmergencyDispatch,
  SupportSetup,
  UnitOrderCommand,
  UnitStatusEntry,
} from '../../../shared/contract/ConsoleApi';
import type { Grade, Incident, IncidentDraft } from '../../../shared/domain/incidents';
import {
  TERMINAL_SUPPORT_STATES,
  type SupportEvent,
  type SupportPackage,
  type SupportRequest,
  type SupportSuggestion,
  type TimelineNote,
  type UnitOrder,
} from '../../../shared/domain/support';
import type { PasswordVerdict } from '../auth/OperatorBook';
import { actor } from '../auth/callerScope';
import type { DeviceAck, DeviceOrder } from '../telemetry/parseTelemetry';
import { CommandAuthority } from './authority';
import { confirmEmergency, emergencyFor, splitAuthority } from './emergency';
import { DeskRuntime, type SupportDeskOptions } from './DeskRuntime';
import { freeUnit } from './release';
import { jurisdictionOf } from './geo';
import { orderIdFor } from './orders';
import { ackNote, applyAck, SYSTEM_OPERATOR, transition, type Step } from './steps';
import { gradeSuggestion } from './suggestions';
import { COMMITTED_STATES, committedCover, remainingNeeds } from './supplement';
import { Refused } from '../../../shared/domain/refusal';
import { evaluatePackage, recommend } from '../support/recommend';
import type { RecommendInput } from '../support/types';
import { approvalRefusal, nextOrder, slaDeadlines } from '../support/workflow';

export type { SupportDeskOptions } from './DeskRuntime';

const DAY_MS = 24 * 3_600_000;
const LIST_MAX = 500;
/** Order states in which the device may be attached to the incident under its commander. */
const IN_FIELD: ReadonlySet<UnitOrder['state']> = new Set([
  'sent',
  'acknowledged',
  'en-route',
  'on-scene',
]);

/** A countersign that did not hold; `reason` lets a UI word it in its own language. */
export class CountersignRefused extends Error {
  constructor(
    readonly reason: 'unknown' | 'wrong-pin' | 'locked',
    message: string,
  ) {
    super(message);
    this.name = 'CountersignRefused';
  }
}

/** A refused countersign as the audit text and as the timeline's note (never the PIN). */
function countersignRefusal(v: Exclude<PasswordVerdict, { ok: true }>): {
  why: string;
  note: TimelineNote;
} {
  const supervisor = v.name;
  switch (v.reason) {
    case 'unknown':
      return {
        why: `no supervisor named ${supervisor} is enrolled on this console`,
        note: { code: 'countersign-unknown', params: { supervisor } },
      };
    case 'wrong-password':
      return {
        why: `wrong password for ${supervisor} (${String(v.triesLeft)} ${v.triesLeft === 1 ? 'try' : 'tries'} left before a 15-minute lock)`,
        note: { code: 'countersign-wrong-pin', params: { supervisor, left: v.triesLeft } },
      };
    case 'locked':
      return {
        why: `${supervisor} is locked after repeated wrong passwords until ${new Date(v.untilMs).toISOString()}`,
        note: { code: 'countersign-locked', params: { supervisor, untilMs: v.untilMs } },
      };
  }
}

export class SupportDesk {
  readonly rt: DeskRuntime;
  private readonly authority: CommandAuthority;

  constructor(private readonly opts: SupportDeskOptions) {
    this.rt = new DeskRuntime(opts);
    this.authority = new CommandAuthority(this.rt);
  }

  private get now(): number {
    return this.opts.now();
  }

  setup(): SupportSetup {
    const c = this.opts.config;
    return {
      operator: actor(),
      supervisors: this.opts.operators.namesWith('supervisor'),
      runCards: c.runCards,
      gradeTargets: c.gradeTargets,
      approvalRole: c.approvalRole,
      emergencyAuthority: c.emergencyAuthority,
      geofenceM: c.geofenceM,
      travelModel: this.opts.travel.name,
    };
  }

  // ------------------------------------------------------------------ incidents

  listIncidents(): Incident[] {
    return this.opts.repo.listIncidents(this.now - DAY_MS, LIST_MAX);
  }

  createIncident(draft: IncidentDraft): Incident {
    const nowMs = this.now;
    const { stations } = this.opts;
    if (
      draft.jurisdictionId !== undefined &&
      !stations.some((s) => s.id === draft.jurisdictionId)
    ) {
      throw new Error(
        `unknown jurisdiction ${draft.jurisdictionId} (not a station of this region)`,
      );
    }
    const inc: Incident = {
      id: this.opts.repo.nextId('inc', nowMs),
      type: draft.type,
      grade: draft.grade,
      lonLat: [draft.lonLat[0], draft.lonLat[1]],
      jurisdictionId:
        draft.jurisdictionId ?? jurisdictionOf(draft.lonLat, this.opts.jurisdictions, stations),
      description: draft.description,
      reporter: draft.reporter,
      commander: actor().name,
      state: 'open',
      createdMs: nowMs,
      updatedMs: nowMs,
      drill: this.opts.exercise !== undefined,
    };
    this.opts.repo.insertIncident(inc);
    this.rt.rememberIncident(inc);
    this.opts.emit('incident', inc);
    this.suggestForGrade(inc, nowMs);
    return inc;
  }

  regradeIncident(incidentId: string, grade: Grade): Incident {
    const nowMs = this.now;
    const cur = this.rt.openIncident(incidentId);
    if (cur.grade === grade) return cur;
    const inc: Incident = { ...cur, grade, updatedMs: nowMs };
    this.opts.repo.updateIncident(inc, {
      kind: 'incident-regraded',
      operator: actor().name,
      reason: `grade ${cur.grade} to ${grade}`,
    });
    this.rt.rememberIncident(inc);
    this.opts.emit('incident', inc);
    this.suggestForGrade(inc, nowMs);
    return inc;
  }

  /**
   * 结案. Refused while units are committed to the incident (release or cancel their request
   * first: closing must not strand a unit); a request still awaiting approval is cancelled with
   * it, and its support suggestions are dismissed.
   */
  closeIncident(incidentId: string, reason: string): Incident {
    const nowMs = this.now;
    const cur = this.rt.openIncident(incidentId);
    const why = reason.trim();
    if (why === '') throw new Error('closing an incident needs a reason');
    const live = [...this.rt.live.values()].filter((r) => r.incidentId === incidentId);
    const committed = live.find((r) => r.state !== 'requested' && r.state !== 'recommended');
    if (committed) {
      throw new Error(
        `incident ${incidentId} has support request ${committed.id} ${committed.state}: release or cancel it first`,
      );
    }
    const operator = actor().name;
    for (const r of live) {
      const t = transition(r, 'cancelled', operator, `incident closed: ${why}`, nowMs, {
        code: 'incident-closed',
        params: { why },
      });
      this.rt.commit(t.request, [t.step], nowMs);
    }
    for (const s of this.opts.repo.listSuggestions()) {
      if (s.incidentId === incidentId) this.opts.repo.dismissSuggestion(s.id, nowMs, operator);
    }
    const inc: Incident = {
      ...cur,
      state: 'closed',
      updatedMs: nowMs,
      closedBy: operator,
      closeReason: why,
    };
    this.opts.repo.updateIncident(inc, { kind: 'incident-closed', operator, reason: why });
    this.rt.rememberIncident(inc);
    this.opts.emit('incident', inc);
    return inc;
  }

  private suggestForGrade(inc: Incident, nowMs: number): void {
    const s = gradeSuggestion(inc, this.opts.repo.nextId('sug', nowMs), nowMs);
    if (s) this.rt.suggest(s);
  }

  /**
   * 移交指挥 — the incident's command passes to `successor` (a shift change): only its commander
   * may hand it over. Every unit attached to it is told, in the commander's name, and from then on
   * takes orders from the successor only (followed until each unit answers); the handover goes on
   * each live request's timeline. This console's operator no longer commands the incident.
   */
  handOverCommand(incidentId: string, successor: string, reason: string): Incident {
    const nowMs = this.now;
    const cur = this.rt.openIncident(incidentId);
    const to = successor.normalize('NFC').trim();
    const why = reason.trim();
    if (to === '') throw new Error('a handover needs the name of the commander taking over');
    if (why === '') throw new Error('a handover needs a reason');
    const operator = actor().name;
    if (cur.commander !== operator) {
      throw new Error(
        `incident ${incidentId} is commanded by ${cur.commander}: only they can hand it over, not ${operator}`,
      );
    }
    if (to === cur.commander) throw new Error(`${to} already commands incident ${incidentId}`);
    const inc: Incident = { ...cur, commander: to, updatedMs: nowMs };
    this.opts.repo.updateIncident(inc, { kind: 'incident-handover', operator, reason: why });
    this.rt.rememberIncident(inc);
    const tag = nowMs.toString(36);
    for (const r of [...this.rt.live.values()].filter((x) => x.incidentId === incidentId)) {
      const step: Step = {
        operator,
        kind: 'command-handover',
        reason: `command handed over from ${operator} to ${to}: ${why}`,
        note: { code: 'handover', params: { from: operator, to, why } },
      };
      this.rt.commit(r, [step], nowMs);
      for (const o of r.orders) {
        // Units that accepted the dispatch are attached under the old commander; a dispatch still
        // unanswered is resent with the new one.
        if (o.state === 'acknowledged' || o.state === 'en-route' || o.state === 'on-scene') {
          this.rt.sendFollowed(r, o.unitId, 'handover', nowMs, tag);
        }
      }
    }
    this.opts.emit('incident', inc);
    return inc;
  }

  /**
   * One click: a request for the incident's run card, recommended at once. While units are
   * committed to the incident it is a supplement (追加支援) for what they do not cover, refused when
   * they cover it all; while a request awaits approval, that one is the answer.
   */
  requestSupport(incidentId: string): SupportRequest {
    const nowMs = this.now;
    const inc = this.rt.openIncident(incidentId);
    const mine = [...this.rt.live.values()].filter((r) => r.incidentId === incidentId);
    const awaiting = mine.find((r) => r.state === 'requested' || r.state === 'recommended');
    if (awaiting) {
      throw new Refused(
        'support-awaiting',
        `incident ${incidentId} already has request ${awaiting.id} awaiting approval`,
      );
    }
    const committed = mine.filter((r) => COMMITTED_STATES.has(r.state));
    const card = this.rt.card(inc);
    const cardNeeds = remainingNeeds(card.needs, committedCover(committed));
    if (committed.length > 0 && cardNeeds.length === 0) {
      throw new Refused(
        'support-need-met',
        `incident ${incidentId}: the units committed by ${committed.map((r) => r.id).join(', ')} cover its run card`,
      );
    }
    const req: SupportRequest = {
      id: this.opts.repo.nextId('sup', nowMs),
      incidentId,
      state: 'requested',
      orders: [],
      ...(committed.length > 0 ? { supplementOf: committed.map((r) => r.id) } : {}),
      requestedBy: actor().name,
      createdMs: nowMs,
      updatedMs: nowMs,
    };
    const input = this.inputFor(req, inc, nowMs);
    const needs = cardNeeds.map((n) => `${n.module} ×${String(n.count)}`).join(', ');
    const asked: Step = {
      operator: actor().name,
      kind: 'transition',
      to: 'requested',
      reason: `run card ${inc.type} ${inc.grade}: ${needs}${req.supplementOf ? ` (supplement to ${req.supplementOf.join(', ')})` : ''}`,
      note: { code: 'run-card', params: { type: inc.type, grade: inc.grade, needs: cardNeeds } },
    };
    this.rt.commit(req, [asked], nowMs);
    const rec = recommend(input, this.rt.solver, this.opts.now);
    const best = rec.packages[0];
    const missing = best?.shortfalls.map((s) => s.detail).join('; ');
    const why =
      `${String(rec.packages.length)} package(s) by ${rec.solver}` +
      (rec.fallbackReason ? ` (${rec.fallbackReason})` : '') +
      (missing ? `; short: ${missing}` : '');
    const t = transition(
      { ...req, recommendation: rec },
      'recommended',
      SYSTEM_OPERATOR,
      why,
      nowMs,
      { code: 'recommended', params: { packages: rec.packages.length, solver: rec.solver } },
    );
    return this.rt.commit(t.request, [t.step], nowMs);
  }

  /** The recommender's input for a request: a supplement's needs are what is not yet covered. */
  private inputFor(req: SupportRequest, inc: Incident, nowMs: number): RecommendInput {
    const input = this.rt.input(inc, nowMs);
    if (!req.supplementOf) return input;
    const committed = [...this.rt.live.values()].filter(
      (r) => r.incidentId === inc.id && r.id !== req.id && COMMITTED_STATES.has(r.state),
    );
    return { ...input, needs: remainingNeeds(input.needs, committedCover(committed)) };
  }

  evaluatePackage(requestId: string, unitIds: readonly string[]): SupportPackage {
    const nowMs = this.now;
    const req = this.rt.request(requestId);
    if (TERMINAL_SUPPORT_STATES.has(req.state)) {
      throw new Error(`request ${requestId} is ${req.state}`);
    }
    const inc = this.rt.openIncident(req.incidentId);
    const pkg = evaluatePackage(this.inputFor(req, inc, nowMs), unitIds);
    const last = Math.round(pkg.compliance.lastArrivalS / 60);
    this.rt.commit(
      req,
      [
        {
          operator: actor().name,
          kind: 'what-if',
          reason: `[${unitIds.join(', ')}]: last arrival ${String(last)} min, ${pkg.compliance.meetsTarget ? 'meets' : 'misses'} the target`,
          note: {
            code: pkg.compliance.meetsTarget ? 'what-if-meets' : 'what-if-misses',
            params: { units: [...unitIds], lastMin: last },
          },
        },
      ],
      nowMs,
    );
    return pkg;
  }

  approveSupport(
    requestId: string,
    unitIds: readonly string[],
    authority?: Countersign | EmergencyDispatch,
  ): SupportRequest {
    const { countersign, emergencyReason } = splitAuthority(authority);
    const nowMs = this.now;
    const req = this.rt.request(requestId);
    if (req.state !== 'recommended') {
      throw new Error(`request ${requestId}: cannot go from ${req.state} to approved`);
    }
    const inc = this.rt.openIncident(req.incidentId);
    const by = actor();
    const role = by.role === 'supervisor' ? 'supervisor' : 'commander';
    const refusal = approvalRefusal(inc.grade, role, this.opts.config.approvalRole);
    if (refusal && !countersign && emergencyReason === undefined) {
      throw new Error(`request ${requestId}: ${refusal} without a supervisor's countersign`);
    }
    // Emergency authority only stands in for a countersign the grade needs.
    const emergency =
      refusal && !countersign && emergencyReason !== undefined
        ? emergencyFor(this.rt, requestId, inc.grade, emergencyReason, nowMs)
        : undefined;
    if (new Set(unitIds).size !== unitIds.length) throw new Error('a unit is listed twice');
    for (const id of unitIds) {
      if (!this.opts.roster.some((u) => u.id === id)) throw new Error(`unknown unit ${id}`);
    }
    const pkg = evaluatePackage(this.inputFor(req, inc, nowMs), unitIds);
    if (pkg.violations.length > 0) {
      throw new Error(`cannot approve: ${pkg.violations.map((v) => v.detail).join('; ')}`);
    }
    // Checked last: a PIN is only tried (and a wrong one counted) on an approval that would go out.
    const countersignedBy = refusal && countersign ? this.countersign(req, countersign) : undefined;
    const { violations: _ignored, ...approved } = pkg;
    const orders: UnitOrder[] = approved.units.map((u) => ({
      unitId: u.unitId,
      callsign: u.callsign,
      state: 'pending',
      attempts: 0,
      etaS: u.etaS,
    }));
    const a = transition(
      {
        ...req,
        approved,
        approvedMs: nowMs,
        approvedBy: actor().name,
        ...(countersignedBy === undefined ? {} : { countersignedBy }),
        ...(emergency === undefined ? {} : { emergency }),
        ...slaDeadlines(nowMs, this.opts.config.gradeTargets[inc.grade]),
      },
      'approved',
      actor().name,
      `approved by ${by.name} (${role})` +
        (countersignedBy === undefined
          ? ''
          : `, countersigned by ${countersignedBy} (supervisor)`) +
        (emergency === undefined
          ? ''
          : ` under emergency authority, to be approved by a supervisor (${emergency.reason})`) +
        `: ${orders.map((o) => o.callsign).join(', ')}`,
      nowMs,
      {
        code:
          countersignedBy !== undefined
            ? 'approved-countersigned'
            : emergency !== undefined
              ? 'approved-emergency'
              : 'approved',
        params: {
          by: actor().name,
          role,
          units: orders.map((o) => o.unitId),
          ...(countersignedBy === undefined ? {} : { supervisor: countersignedBy }),
          ...(emergency === undefined ? {} : { why: emergency.reason }),
        },
      },
    );
    const sent = orders.map((o) => nextOrder(o, { type: 'sent', nowMs }));
    const sentSteps: Step[] = sent.map((o) => ({
      operator: actor().name,
      kind: 'order-sent',
      unitId: o.unitId,
      reason: `dispatch ${orderIdFor(req.id, 'dispatch', o.unitId)}`,
      note: { code: 'dispatch-sent' },
    }));
    const d = transition(
      { ...a.request, orders: sent },
      'dispatched',
      actor().name,
      'orders published',
      nowMs,
      { code: 'orders-published' },
    );
    this.rt.commit(a.request, [a.step], nowMs);
    // The need is met: the incident's suggestion to request support is over, for good.
    for (const s of this.opts.repo.listSuggestions()) {
      if (s.incidentId === inc.id) this.opts.repo.dismissSuggestion(s.id, nowMs, SYSTEM_OPERATOR);
    }
    return this.rt.apply({ request: d.request, steps: [...sentSteps, d.step], sends: sent }, nowMs);
  }

  /**
   * The supervisor's name on a valid countersign; otherwise the refusal goes on the request's
   * timeline (audited, never the PIN) and the approval is refused with what to do.
   */
  private countersign(req: SupportRequest, c: Countersign): string {
    const book = this.opts.operators;
    // Only a supervisor countersigns: another operator's name is refused before any password check.
    const v: PasswordVerdict =
      book.roleOf(c.supervisor) === 'supervisor'
        ? book.verifySync(c.supervisor, c.password)
        : { ok: false, reason: 'unknown', name: c.supervisor.trim() };
    if (v.ok && v.role === 'supervisor') return v.name;
    if (v.ok) throw new Error(`${v.name} is no longer a supervisor`);
    const { why, note } = countersignRefusal(v);
    this.rt.commit(
      req,
      [{ operator: actor().name, kind: 'countersign-refused', reason: why, note }],
      this.now,
    );
    const left = v.reason === 'wrong-password' ? `, ${String(v.triesLeft)} left` : '';
    const code = v.reason === 'wrong-password' ? 'wrong-pin' : v.reason;
    throw new CountersignRefused(
      code,
      `request ${req.id}: countersign refused (${code}${left}): ${why}`,
    );
  }

  confirmEmergency(requestId: string): SupportRequest {
    return confirmEmergency(this.rt, requestId, this.now);
  }

  rejectSupport(requestId: string, reason: string): SupportRequest {
    const nowMs = this.now;
    const t = transition(this.rt.request(requestId), 'rejected', actor().name, reason, nowMs);
    return this.rt.commit(t.request, [t.step], nowMs);
  }

  cancelSupport(requestId: string, reason: string): SupportRequest {
    return this.endRequest(requestId, 'cancelled', reason);
  }

  releaseSupport(requestId: string): SupportRequest {
    return this.endRequest(requestId, 'released', `released by ${actor().name}`, {
      code: 'released-by',
      params: { by: actor().name },
    });
  }

  /** Release (with points) or cancel: orders home to every attached unit, then the transition. */
  private endRequest(
    requestId: string,
    to: 'released' | 'cancelled',
    reason: string,
    note?: TimelineNote,
  ): SupportRequest {
    const nowMs = this.now;
    const req = this.rt.request(requestId);
    transition(req, to, actor().name, reason, nowMs); // refuses before anything is sent
    // Units in the field take orders from the incident's commander only: anyone else's release
    // would be refused by every device, so it is refused here first, with the way out.
    const commander = this.rt.incident(req.incidentId)?.commander;
    const inField = req.orders.some((o) => IN_FIELD.has(o.state));
    if (inField && commander !== undefined && commander !== actor().name) {
      throw new Error(
        `request ${requestId}: its units take orders from ${commander}, the incident's commander, ` +
          `not from ${actor().name}; ${commander} hands the command over (移交指挥) first`,
      );
    }
    let r = req;
    const steps: Step[] = [];
    for (const o of req.orders) {
      const freed = freeUnit(this.rt, r, o.unitId, to === 'released' ? 'release' : 'cancel', nowMs);
      r = freed.request;
      steps.push(...freed.steps);
    }
    const t = transition(r, to, actor().name, reason, nowMs, note);
    return this.rt.commit(t.request, [...steps, t.step], nowMs);
  }

  listSupport(): SupportRequest[] {
    return this.opts.repo.listRequests(this.now - DAY_MS, LIST_MAX);
  }

  getSupportTimeline(requestId: string): SupportEvent[] {
    this.rt.request(requestId);
    return this.opts.repo.timeline(requestId);
  }

  getUnitStatuses(): UnitStatusEntry[] {
    return this.rt.statuses(this.now);
  }

  // ------------------------------------------------------------------ command authority

  orderUnit(unitId: string, order: UnitOrderCommand): void {
    this.authority.orderUnit(unitId, order, this.now);
  }

  // ------------------------------------------------------------------ device messages

  /** An ack on a device's ack topic. Never throws. */
  onAck(ack: DeviceAck): void {
    try {
      const nowMs = this.now;
      const { orderId, state, reason } = ack.payload;
      for (const req of this.rt.live.values()) {
        const o = req.orders.find((x) => x.unitId === ack.unitId);
        if (!o) continue;
        if (orderId === orderIdFor(req.id, 'dispatch', ack.unitId)) {
          const r = applyAck(req, ack.unitId, state, reason, nowMs);
          if (r.ignored !== undefined) this.rt.fail(`ack ${orderId} ignored`, r.ignored);
          if (r.steps.length > 0) this.rt.apply(r, nowMs);
          return;
        }
      }
      // A release, cancel or handover answered: no longer resent, and the answer is on the timeline.
      const ret = this.rt.returns.answered(orderId, ack.unitId);
      if (ret) {
        this.rt.record(
          ret.requestId,
          {
            operator: SYSTEM_OPERATOR,
            kind: 'order-ack',
            unitId: ret.unitId,
            reason: `${ret.type}: ${state === 'refused' ? `refused: ${reason ?? 'no reason given'}` : state}`,
            note: ackNote(ret.type, state, reason),
          },
          nowMs,
        );
      }
      // Other acks (a dispatch of an ended request, a repeated answer) are informative only.
    } catch (err) {
      this.rt.fail('ack handler', err);
    }
  }

  /** An order seen on a device's order topic (ours or another console's). Never throws. */
  onOrder(order: DeviceOrder): void {
    this.authority.onOrder(order, this.now);
  }

  listSuggestions(): SupportSuggestion[] {
    return this.opts.repo.listSuggestions();
  }

  dismissSuggestion(id: string): void {
    if (!this.opts.repo.dismissSuggestion(id, this.now, actor().name)) {
      throw new Error(`unknown or already dismissed suggestion ${id}`);
    }
  }

  /** Units attached to a request in progress (ordered and not yet released or refused). */
  assignedUnits(): Set<string> {
    return this.rt.assignedUnits();
  }

  tick(nowMs: number): void {
    this.rt.tick(nowMs);
  }
}

export { SYSTEM_OPERATOR };
