import type {
  DrillAction,
  DrillSnapshot,
  Inject,
  ScenarioLoad,
  ScenarioSource,
  ScenarioSummary,
} from '../../../shared/domain/drill';
import type { Incident } from '../../../shared/domain/incidents';
import type { ExerciseNotice } from '../../../shared/domain/status';
import type { LogEvent } from '../../../shared/domain/log';
import { Refused } from '../../../shared/domain/refusal';
import type { SupportDesk } from '../desk/SupportDesk';
import type { EventLog } from '../log/EventLog';
import type { RegionPack } from '../region/loadRegion';
import type { SimFault } from '../sim/faults';
import type { SessionClock } from '../session/SessionClock';
import { InjectRunner } from './InjectRunner';
import { observedAfter } from './observed';
import { packScenarioList, readPackScenarios, scenarioRegionOf } from './packScenarios';
import { checkScenario, scenarioErrorText } from './scenarioCheck';
import { scenarioFromCsv } from './scenarioCsv';
import { actor } from '../auth/callerScope';

export interface DrillDeskOptions {
  readonly pack: RegionPack;
  readonly clock: SessionClock;
  readonly log: EventLog;
  readonly desk: SupportDesk;
  /** Applies a fault to a simulated unit's device; false when the unit is not simulated. */
  readonly fault: (unitId: string, fault: SimFault) => boolean;
  readonly emit: (drill: DrillSnapshot) => void;
  /** A new announcement to the players. */
  readonly onNotice?: () => void;
}

/**
 * The facilitator's desk in an exercise: loads a scenario (shipped, or a CSV), fires its injects
 * when session time reaches them, fires, skips or adds injects by hand, keeps the facilitator's
 * notes, and compares what was expected with what the players did. Every step is in the log.
 */
export class DrillDesk {
  private runner: InjectRunner | undefined;
  private scenario: { id: string; name: string } | undefined;
  private readonly incidents = new Map<string, string>();
  /** Announcements to the players (the status carries the last few). */
  readonly notices: ExerciseNotice[] = [];
  private adHoc = 0;

  constructor(private readonly opts: DrillDeskOptions) {}

  scenarios(): ScenarioSummary[] {
    return packScenarioList(this.opts.pack);
  }

  /** Loads a scenario whole, or refuses it whole naming each line and field; once per exercise. */
  load(source: ScenarioSource): ScenarioLoad {
    if (this.runner) {
      throw new Refused(
        'scenario-loaded',
        `scenario ${this.scenario?.name ?? ''} is already loaded`,
      );
    }
    const check =
      'scenarioId' in source
        ? (readPackScenarios(this.opts.pack).find(
            (f) => f.check.ok && f.check.scenario.id === source.scenarioId,
          )?.check ?? {
            ok: false as const,
            errors: [
              { line: 0, field: 'id', code: 'unreadable' as const, value: source.scenarioId },
            ],
          })
        : scenarioFromCsv(
            { id: 'imported', name: source.name, description: '' },
            source.csv,
            scenarioRegionOf(this.opts.pack),
          );
    if (!check.ok) return check;
    const s = check.scenario;
    const startMs = this.opts.clock.now();
    this.runner = new InjectRunner(s.injects, startMs);
    this.scenario = { id: s.id, name: s.name };
    this.record('scenario-loaded', s.id, `scenario ${s.name}: ${s.injects.length} injects`, s);
    const drill = this.snapshot();
    this.opts.emit(drill);
    return { ok: true, drill };
  }

  /** Fires what is due; nothing while the clock is paused (scenario time stands still). */
  tick(): void {
    const r = this.runner;
    if (!r || this.opts.clock.paused) return;
    const nowMs = this.opts.clock.now();
    const due = r.due(nowMs);
    for (const i of due) this.fire(i, nowMs, false);
    if (due.length > 0) this.opts.emit(this.snapshot());
  }

  act(a: DrillAction): DrillSnapshot {
    const nowMs = this.opts.clock.now();
    switch (a.type) {
      case 'fire':
        this.fire(this.entry(a.injectId), nowMs, true);
        break;
      case 'fire-next': {
        const next = this.loaded().next();
        if (!next) throw new Refused('inject-none-left', 'no scheduled inject is left');
        this.fire(next, nowMs, true);
        break;
      }
      case 'skip':
        this.loaded().skip(a.injectId, nowMs);
        this.record('inject-skipped', a.injectId, 'skipped by the facilitator', {});
        break;
      case 'inject': {
        const r = this.runner ?? this.emptyRun(nowMs);
        const id = `adhoc-${String(this.adHoc + 1)}`;
        // Checked like a scenario row: the same unit, module and place rules.
        const check = checkScenario(
          { id, name: id, description: '' },
          [{ player: '—', expected: '—', objective: '—', ...a.draft, id, time: '0' }],
          scenarioRegionOf(this.opts.pack),
          () => 1,
        );
        if (!check.ok) throw new Refused('inject-invalid', scenarioErrorText(check.errors));
        const [checked] = check.scenario.injects;
        if (!checked) throw new Refused('inject-invalid', 'nothing to inject');
        this.adHoc++;
        const inject: Inject = { ...checked, atS: Math.max(0, (nowMs - r.startMs) / 1000) };
        r.add(inject);
        this.record('inject-added', inject.id, `${inject.kind} placed by hand`, inject);
        this.fire(inject, nowMs, true);
        break;
      }
      case 'note': {
        const text = a.text.trim();
        if (text === '') throw new Refused('note-empty', 'a note needs some text');
        this.record('drill-note', this.scenario?.id ?? 'exercise', text, { text });
        break;
      }
    }
    const snap = this.snapshot();
    this.opts.emit(snap);
    return snap;
  }

  snapshot(): DrillSnapshot {
    const events = [...this.opts.log.all()];
    const notes = events
      .filter((e) => e.kind === 'drill-note')
      .map((e) => ({ tsMs: e.tsMs, text: e.reason ?? '' }));
    const r = this.runner;
    return {
      ...(this.scenario ? { scenario: this.scenario } : {}),
      ...(r ? { startMs: r.startMs } : {}),
      injects: (r?.list() ?? []).map((e) => {
        const incidentId = this.incidents.get(e.inject.id);
        return {
          inject: e.inject,
          state: e.state,
          ...(e.atMs !== undefined ? { atMs: e.atMs } : {}),
          ...(e.byHand !== undefined ? { byHand: e.byHand } : {}),
          ...(incidentId !== undefined ? { incidentId } : {}),
          observed:
            e.state === 'fired' && e.atMs !== undefined
              ? observedAfter({ inject: e.inject, atMs: e.atMs, incidentId }, events)
              : [],
        };
      }),
      notes,
    };
  }

  private fire(i: Inject, nowMs: number, byHand: boolean): void {
    this.loaded().fired(i.id, nowMs, byHand);
    const effect = this.effect(i, nowMs);
    this.record('inject-fired', i.id, `${i.kind}${byHand ? ' (by hand)' : ''}: ${effect}`, {
      inject: i.id,
      kind: i.kind,
      byHand,
    });
  }

  /** What the inject does to the exercise; returns it in words for the log. */
  private effect(i: Inject, nowMs: number): string {
    switch (i.kind) {
      case 'incident':
      case 'neighbour-request': {
        const inc = this.createIncident(i);
        this.incidents.set(i.id, inc.id);
        return `incident ${inc.id}`;
      }
      case 'sos':
        return this.unitFault(i, { kind: 'sos' });
      case 'battery-drain':
        return this.unitFault(i, { kind: 'battery', pct: i.batteryPct ?? 15 });
      case 'comms-loss':
        return this.unitFault(i, { kind: 'silent', untilMs: nowMs + (i.durationS ?? 600) * 1000 });
      case 'device-failure':
        return this.unitFault(i, { kind: 'silent' });
      case 'unit-unavailable':
        return this.unitFault(i, {
          kind: 'unavailable',
          untilMs: nowMs + (i.durationS ?? 3600) * 1000,
        });
      case 'road-closed':
        this.notices.push({
          tsMs: nowMs,
          kind: 'road-closed',
          ...(i.place !== undefined ? { place: i.place } : {}),
          text: i.description,
        });
        this.opts.onNotice?.();
        return `road closed at ${i.place ?? 'the given point'} (announced to the players)`;
    }
  }

  private createIncident(i: Inject): Incident {
    if (!i.lonLat || !i.incidentType || !i.grade) {
      throw new Error(`inject ${i.id} has no place, type or grade for its incident`);
    }
    const description =
      i.kind === 'neighbour-request'
        ? `[${i.from ?? 'neighbour'}] ${i.description}`
        : i.description;
    return this.opts.desk.createIncident({
      type: i.incidentType,
      grade: i.grade,
      lonLat: i.lonLat,
      description,
      reporter: i.kind === 'neighbour-request' ? (i.from ?? '') : '110',
    });
  }

  private unitFault(i: Inject, fault: SimFault): string {
    if (i.unitId === undefined) throw new Error(`inject ${i.id} names no unit`);
    if (!this.opts.fault(i.unitId, fault)) {
      throw new Refused('unit-not-simulated', `unit ${i.unitId} is not simulated in this exercise`);
    }
    return `${fault.kind} on ${i.unitId}`;
  }

  private record(kind: LogEvent['kind'], subject: string, reason: string, body: unknown): void {
    this.opts.log.write(() =>
      this.opts.log.append({
        subject,
        tsMs: this.opts.clock.now(),
        operator: actor().name,
        kind,
        reason,
        body,
      }),
    );
  }

  private entry(id: string): Inject {
    const e = this.loaded().get(id);
    if (!e) throw new Refused('inject-unknown', `no inject ${id} in this exercise`);
    return e.inject;
  }

  private loaded(): InjectRunner {
    if (!this.runner) throw new Refused('scenario-none', 'no scenario is loaded in this exercise');
    return this.runner;
  }

  /** Ad-hoc injects without a scenario: a run of their own, from now. */
  private emptyRun(nowMs: number): InjectRunner {
    this.runner = new InjectRunner([], nowMs);
    this.scenario = { id: 'ad-hoc', name: '' };
    return this.runner;
  }
}
