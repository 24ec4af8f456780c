// The recorded session's state at an instant: units from their samples, everything else from the
// event log folded up to that instant. Forward in time the fold goes on from where it stopped; a
// jump back starts it again from the first event.
import {
  ALERT_ACKED_WINDOW_MS,
  ALERT_LIST_MAX,
  type Alert,
  type AlertEvent,
} from '../../../shared/domain/alerts';
import type { Incident } from '../../../shared/domain/incidents';
import type { LogEvent } from '../../../shared/domain/log';
import { TERMINAL_SUPPORT_STATES, type SupportRequest } from '../../../shared/domain/support';
import {
  LIVENESS,
  DEVICE_KIND_OF,
  type RosterUnit,
  type UnitSnapshot,
  type UnitsFrame,
} from '../../../shared/domain/units';
import { applyEvent, emptyProjection, type Projection } from '../log/projections';
import { livenessOf } from '../telemetry/UnitTable';
import { packFrame } from '../telemetry/unitsFrame';
import type { RecordedStore } from './RecordedStore';

const DAY_MS = 24 * 3_600_000;
const LIST_MAX = 500;

/** What changed in a forward fold, to push to the screens as the live session would. */
export interface FoldChanges {
  readonly incidents: Incident[];
  readonly requests: SupportRequest[];
  readonly alerts: AlertEvent[];
}

export class ReplayState {
  private projection: Projection = emptyProjection();
  private foldedTo = -Infinity;
  private events: readonly LogEvent[] | undefined;
  private next = 0;

  constructor(
    private readonly store: RecordedStore,
    private readonly roster: readonly RosterUnit[],
  ) {}

  /** Every unit as it was at `tMs`: its last sample at or before then, and its liveness then. */
  units(tMs: number): UnitSnapshot[] {
    return this.roster.map((unit) => {
      const p = this.store.positionAt(unit.id, tMs);
      return {
        unit,
        liveness: livenessOf(DEVICE_KIND_OF[unit.kind], p?.receivedMs, tMs),
        last: p && {
          tsMs: p.tsMs,
          lon: p.lon,
          lat: p.lat,
          headingDeg: p.headingDeg,
          speedKmh: p.speedKmh,
          batteryPct: p.batteryPct,
          altM: p.altM,
        },
      };
    });
  }

  /** The whole roster at `tMs` as one units frame (every unit, in roster order). */
  frame(tMs: number, seq: number): UnitsFrame {
    const units = this.units(tMs);
    return packFrame(
      seq,
      tMs,
      Uint32Array.from(units.keys()),
      (i) => units[i]?.last,
      (i) => LIVENESS.indexOf(units[i]?.liveness ?? 'unknown'),
    );
  }

  /**
   * Folds the log up to `tMs`. Returns what changed when it went forward; undefined when it had to
   * start again (a jump back), and the screens must reload everything.
   */
  foldTo(tMs: number): FoldChanges | undefined {
    const events = (this.events ??= [...this.store.log.all()]);
    let restarted = false;
    if (tMs < this.foldedTo) {
      this.projection = emptyProjection();
      this.next = 0;
      restarted = true;
    }
    const incidents = new Set<string>();
    const requests = new Set<string>();
    const alerts: AlertEvent[] = [];
    for (; this.next < events.length; this.next++) {
      const e = events[this.next] as LogEvent;
      if (e.tsMs > tMs) break;
      applyEvent(this.projection, e);
      if (e.kind.startsWith('incident-')) incidents.add(e.subject);
      if (e.kind === 'request') requests.add(e.subject);
      if (e.kind === 'alert-raised' || e.kind === 'alert-cleared' || e.kind === 'alert-acked') {
        const alert = this.projection.alerts.get(Number(e.subject));
        if (alert)
          alerts.push({ change: e.kind.slice('alert-'.length) as AlertEvent['change'], alert });
      }
    }
    this.foldedTo = tMs;
    if (restarted) return undefined;
    const p = this.projection;
    return {
      incidents: [...incidents].flatMap((id) => p.incidents.get(id) ?? []),
      requests: [...requests].flatMap((id) => p.requests.get(id) ?? []),
      alerts,
    };
  }

  get state(): Projection {
    return this.projection;
  }

  /** Incidents open at `tMs`, and those closed in the day before, newest first (as live lists them). */
  incidents(tMs: number): Incident[] {
    return [...this.projection.incidents.values()]
      .filter((i) => i.state === 'open' || i.updatedMs >= tMs - DAY_MS)
      .sort((a, b) => b.createdMs - a.createdMs || (a.id < b.id ? 1 : -1))
      .slice(0, LIST_MAX);
  }

  requests(tMs: number): SupportRequest[] {
    return [...this.projection.requests.values()]
      .filter((r) => !TERMINAL_SUPPORT_STATES.has(r.state) || r.updatedMs >= tMs - DAY_MS)
      .sort((a, b) => b.createdMs - a.createdMs || (a.id < b.id ? 1 : -1))
      .slice(0, LIST_MAX);
  }

  alerts(tMs: number): Alert[] {
    return [...this.projection.alerts.values()]
      .filter((a) => a.ackedMs === undefined || a.ackedMs >= tMs - ALERT_ACKED_WINDOW_MS)
      .sort((a, b) => b.raisedMs - a.raisedMs || b.id - a.id)
      .slice(0, ALERT_LIST_MAX);
  }
}
