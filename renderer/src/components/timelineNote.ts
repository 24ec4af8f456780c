// A timeline step's note worded in the UI language: the core stores each step as a code and its
// values (SupportEvent.note) beside its English audit text; values are named for their kind
// (see NOTE_CODES in shared/domain/support.ts), so one function words them all.
import { OPERATOR_ROLES } from '../../../shared/domain/operators';
import { GRADES, INCIDENT_TYPES, type ModuleNeed } from '../../../shared/domain/incidents';
import {
  NOTE_CODES,
  type NoteValue,
  type SupportEvent,
  type TimelineNote,
} from '../../../shared/domain/support';
import { ACK_STATES } from '../../../shared/telemetry/orders';
import {
  gradeShortKey,
  incidentTypeKey,
  moduleKey,
  roleKey,
  supportStateKey,
  timelineKindKey,
  type MessageKey,
  type MessageParams,
  type Translate,
} from '../i18n/messages';

export interface NoteNames {
  readonly callsign: (unitId: string) => string;
  readonly stationName: (stationId: string) => string;
  /** A time of day in the UI's clock format. */
  readonly time: (ms: number) => string;
}

/** Order words: the device orders, and the commander's per-unit orders (return, reassign). */
export const NOTE_ORDERS = [
  'dispatch',
  'release',
  'cancel',
  'handover',
  'return',
  'reassign',
] as const;
const SLA_TIMERS = ['start', 'on-scene'] as const;

const among = <T extends string>(list: readonly T[], v: string): v is T =>
  (list as readonly string[]).includes(v);

export const noteKey = (code: TimelineNote['code']): `note.${TimelineNote['code']}` & MessageKey =>
  `note.${code}`;

function word(key: string, v: NoteValue, t: Translate, names: NoteNames): string | number {
  if (Array.isArray(v)) {
    const sep = t('list.sep');
    if (key === 'needs') {
      return (v as readonly ModuleNeed[])
        .map((n) => `${t(moduleKey(n.module))}×${String(n.count)}`)
        .join(sep);
    }
    return (v as readonly string[]).map((id) => names.callsign(id)).join(sep);
  }
  if (typeof v === 'number') return key.endsWith('Ms') ? names.time(v) : v;
  if (typeof v !== 'string') return String(v);
  if (key === 'type' && among(INCIDENT_TYPES, v)) return t(incidentTypeKey(v));
  if (key === 'grade' && among(GRADES, v)) return t(gradeShortKey(v));
  if (key === 'role' && among(OPERATOR_ROLES, v)) return t(roleKey(v));
  if ((key === 'order' || key === 'how') && among(NOTE_ORDERS, v)) return t(`orderType.${v}`);
  if (key === 'state' && among(ACK_STATES, v)) return t(`ackState.${v}`);
  if (key === 'which' && among(SLA_TIMERS, v)) return t(`board.sla.${v}`);
  if (key === 'stationId') return names.stationName(v);
  return v;
}

/** One step as the timeline words it: what happened, the state change, the unit, the detail, who. */
export interface StepWords {
  readonly kind: string;
  /** "from → to" for a state transition, else ''. */
  readonly change: string;
  readonly unit: string;
  readonly text: string;
  readonly operator: string;
}

export function stepWords(e: SupportEvent, t: Translate, names: NoteNames): StepWords {
  const change =
    e.kind === 'transition' && e.to
      ? `${e.from ? `${t(supportStateKey(e.from))} → ` : ''}${t(supportStateKey(e.to))}`
      : '';
  return {
    kind: t(timelineKindKey(e.kind)),
    change,
    unit: e.unitId ? names.callsign(e.unitId) : '',
    text: (e.note && noteText(e.note, t, names)) ?? e.reason ?? '',
    operator: e.operator,
  };
}

/** The step in the UI language; undefined for a note this build does not know (show the reason). */
export function noteText(note: TimelineNote, t: Translate, names: NoteNames): string | undefined {
  if (!among(NOTE_CODES, note.code)) return undefined;
  const params: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(note.params ?? {})) params[k] = word(k, v, t, names);
  return t(noteKey(note.code), params as MessageParams);
}
