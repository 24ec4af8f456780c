// Duty hours from the region's shift pattern. The roster carries no duty start, so unit i works
// the shift that starts at startHours[i % n] local time, every day, for lengthH hours.

export interface ShiftPattern {
  readonly startHours: readonly number[];
  readonly lengthH: number;
  /** Local time offset from UTC, minutes (Kaihua: +480). */
  readonly utcOffsetMin: number;
}

const HOUR_MS = 3_600_000;

/** Hours since the unit's shift last started (0 ≤ h < 24). */
export function hoursSinceShiftStart(rosterIdx: number, p: ShiftPattern, nowMs: number): number {
  const start = p.startHours[rosterIdx % p.startHours.length] ?? 0;
  const localH = ((((nowMs + p.utcOffsetMin * 60_000) / HOUR_MS) % 24) + 24) % 24;
  return (((localH - start) % 24) + 24) % 24;
}

/** Duty hours now, or undefined when the unit is off duty (past its shift's length). */
export function dutyHours(rosterIdx: number, p: ShiftPattern, nowMs: number): number | undefined {
  const h = hoursSinceShiftStart(rosterIdx, p, nowMs);
  return h < p.lengthH ? h : undefined;
}
