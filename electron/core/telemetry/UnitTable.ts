import {
  DEVICE_KIND_OF,
  LIVENESS,
  type DeviceKind,
  type Liveness,
  type RosterUnit,
  type UnitSnapshot,
  type UnitsFrame,
} from '../../../shared/domain/units';
import type { TelemetrySample } from './sample';
import { packFrame } from './unitsFrame';

/** Seconds since the last message after which a device counts as stale, then offline. */
export const LIVENESS_THRESHOLDS_MS: Readonly<
  Record<DeviceKind, { stale: number; offline: number }>
> = {
  bodycam: { stale: 30_000, offline: 120_000 },
  vehicle: { stale: 30_000, offline: 120_000 },
  drone: { stale: 10_000, offline: 30_000 },
};

export function livenessOf(
  kind: DeviceKind,
  receivedMs: number | undefined,
  nowMs: number,
): Liveness {
  if (receivedMs === undefined) return 'unknown';
  const age = nowMs - receivedMs;
  const t = LIVENESS_THRESHOLDS_MS[kind];
  if (age < t.stale) return 'online';
  return age < t.offline ? 'stale' : 'offline';
}

/**
 * Latest state of every roster unit, held as columns so a frame is a gather over changed indices.
 * The roster order is the index space shared with renderers.
 */
export class UnitTable {
  readonly n: number;
  private readonly last: (Omit<TelemetrySample, 'unitIdx'> | undefined)[];
  private readonly liveness: Uint8Array;
  /**
   * Receive time of an online:false status (the device's Last Will, or its own word) that no
   * newer report has followed: the unit is offline from that moment, not minutes later. NaN: none.
   */
  private readonly reportedOffline: Float64Array;
  private readonly deviceKind: DeviceKind[];
  private readonly dirty = new Set<number>();
  private seq = 0;

  constructor(readonly roster: readonly RosterUnit[]) {
    this.n = roster.length;
    this.last = new Array(this.n).fill(undefined);
    this.liveness = new Uint8Array(this.n);
    this.reportedOffline = new Float64Array(this.n).fill(NaN);
    this.deviceKind = roster.map((u) => DEVICE_KIND_OF[u.kind]);
  }

  /** Restores persisted state at start; liveness is then derived from the console clock. */
  restore(idx: number, s: Omit<TelemetrySample, 'unitIdx'>, nowMs: number): void {
    this.last[idx] = s;
    this.liveness[idx] = LIVENESS.indexOf(livenessOf(this.kindAt(idx), s.receivedMs, nowMs));
  }

  applyLatest(latest: readonly TelemetrySample[]): void {
    for (const s of latest) {
      const prev = this.last[s.unitIdx];
      if (prev && prev.tsMs >= s.tsMs) {
        // An older sample still proves the device is alive.
        if (s.receivedMs > prev.receivedMs)
          this.last[s.unitIdx] = { ...prev, receivedMs: s.receivedMs };
        continue;
      }
      this.last[s.unitIdx] = s;
      this.dirty.add(s.unitIdx);
    }
  }

  /** A status report: online:false marks the unit offline at once; anything else lifts the mark. */
  reportStatus(idx: number, online: boolean | undefined, receivedMs: number, nowMs: number): void {
    this.reportedOffline[idx] = online === false ? receivedMs : NaN;
    this.refreshAt(idx, nowMs);
  }

  refreshLiveness(nowMs: number): void {
    for (let i = 0; i < this.n; i++) this.refreshAt(i, nowMs);
  }

  /** Liveness of just these units (the ones a batch brought), without walking the whole roster. */
  refreshLivenessOf(samples: readonly TelemetrySample[], nowMs: number): void {
    for (const s of samples) this.refreshAt(s.unitIdx, nowMs);
  }

  private refreshAt(i: number, nowMs: number): void {
    const receivedMs = this.last[i]?.receivedMs;
    const off = this.reportedOffline[i] as number;
    let said: Liveness | undefined;
    if (off === off) {
      // Only a report received after the offline status lifts it.
      if (receivedMs === undefined || receivedMs <= off) said = 'offline';
      else this.reportedOffline[i] = NaN;
    }
    const code = LIVENESS.indexOf(said ?? livenessOf(this.kindAt(i), receivedMs, nowMs));
    if (code !== this.liveness[i]) {
      this.liveness[i] = code;
      this.dirty.add(i);
    }
  }

  countOnline(): number {
    let c = 0;
    const online = LIVENESS.indexOf('online');
    for (const l of this.liveness) if (l === online) c++;
    return c;
  }

  /** A frame of the units changed since the last call, or undefined when nothing changed. */
  takeFrame(nowMs: number): UnitsFrame | undefined {
    if (this.dirty.size === 0) return undefined;
    const idx = Uint32Array.from(this.dirty);
    this.dirty.clear();
    return packFrame(
      ++this.seq,
      nowMs,
      idx,
      (i) => this.last[i],
      (i) => this.liveness[i] as number,
    );
  }

  snapshot(): UnitSnapshot[] {
    return this.roster.map((unit, i) => {
      const s = this.last[i];
      return {
        unit,
        liveness: LIVENESS[this.liveness[i] as number] ?? 'unknown',
        last: s && {
          tsMs: s.tsMs,
          lon: s.lon,
          lat: s.lat,
          headingDeg: s.headingDeg,
          speedKmh: s.speedKmh,
          batteryPct: s.batteryPct,
          altM: s.altM,
        },
      };
    });
  }

  private kindAt(i: number): DeviceKind {
    return this.deviceKind[i] as DeviceKind;
  }
}
