// The core refuses a countersign with a message tagged `countersign refused (<reason>[, N left])`
// (SupportDesk.countersign); the panel words it in the UI language from the tag.
import type { MessageKey } from '../i18n/messages';

export type CountersignReason = 'unknown' | 'wrong-pin' | 'locked';

export interface CountersignRefusal {
  readonly reason: CountersignReason;
  /** Wrong PINs still allowed before the lock (wrong-pin only). */
  readonly left?: number;
}

const TAG = /countersign refused \((unknown|wrong-pin|locked)(?:, (\d+) left)?\)/;

export function countersignRefusal(message: string): CountersignRefusal | undefined {
  const m = TAG.exec(message);
  if (!m) return undefined;
  const reason = m[1] as CountersignReason;
  return m[2] === undefined ? { reason } : { reason, left: Number(m[2]) };
}

export const countersignRefusalKey = (
  r: CountersignReason,
): `countersign.refused.${CountersignReason}` & MessageKey => `countersign.refused.${r}`;
