// Auto-trigger (自动触发): the console proposes a support demand, the commander decides. Never an
// automatic dispatch.
import type { UnitStatusEntry } from '../../../shared/contract/ConsoleApi';
import type { Incident } from '../../../shared/domain/incidents';
import type { SupportSuggestion } from '../../../shared/domain/support';
import type { RosterUnit } from '../../../shared/domain/units';
import { forceShortage, gradeSuggestsSupport } from '../support/workflow';

/** The suggestion an incident of this grade raises, or undefined below grade III. */
export function gradeSuggestion(
  incident: Incident,
  id: string,
  nowMs: number,
): SupportSuggestion | undefined {
  if (!gradeSuggestsSupport(incident.grade)) return undefined;
  return {
    id,
    tsMs: nowMs,
    cause: 'grade',
    incidentId: incident.id,
    jurisdictionId: incident.jurisdictionId,
    detail: `incident ${incident.id} (${incident.type}) is grade ${incident.grade}: consider requesting support`,
  };
}

/**
 * Watches each station area's available force against its configured need and raises one
 * suggestion when it falls more than 30 % short (again only after it has recovered). Areas whose
 * units have never reported are not judged: a console that has heard nothing knows nothing. Until
 * `settled` (start-up, while reports trickle in), an area is judged only once every unit of it has
 * reported, so a half-heard station does not look short.
 */
export class ShortageWatch {
  private readonly short = new Set<string>();

  constructor(
    private readonly roster: readonly RosterUnit[],
    private readonly needs: Readonly<Record<string, number>>,
    /** Areas already holding an undismissed shortage suggestion (after a restart). */
    alreadyRaised: Iterable<string> = [],
  ) {
    for (const j of alreadyRaised) this.short.add(j);
  }

  /** Suggestions for areas that have just become short; `nextId` is called once per suggestion. */
  check(
    statuses: readonly UnitStatusEntry[],
    heard: (unitId: string) => boolean,
    settled: boolean,
    nextId: () => string,
    nowMs: number,
  ): SupportSuggestion[] {
    const available = new Map<string, number>();
    const reporting = new Set<string>();
    const silent = new Set<string>();
    this.roster.forEach((u, i) => {
      if (heard(u.id)) reporting.add(u.stationId);
      else silent.add(u.stationId);
      if (statuses[i]?.status === 'available') {
        available.set(u.stationId, (available.get(u.stationId) ?? 0) + 1);
      }
    });
    const out: SupportSuggestion[] = [];
    for (const [stationId, needed] of Object.entries(this.needs)) {
      if (!reporting.has(stationId) || (!settled && silent.has(stationId))) continue;
      const have = available.get(stationId) ?? 0;
      const isShort = forceShortage(have, needed);
      if (!isShort) {
        this.short.delete(stationId);
        continue;
      }
      if (this.short.has(stationId)) continue;
      this.short.add(stationId);
      const pct = Math.round((100 * (needed - have)) / needed);
      out.push({
        id: nextId(),
        tsMs: nowMs,
        cause: 'force-shortage',
        jurisdictionId: stationId,
        available: have,
        needed,
        detail: `${stationId}: ${String(have)} of ${String(needed)} units available (${String(pct)} % short)`,
      });
    }
    return out;
  }
}
