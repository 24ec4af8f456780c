// The sentences that explain a gap or a broken rule, built in the UI language from the figures the
// core sends (the core's own English `detail` is for logs and errors, never shown).
import type {
  HeldUnit,
  Recommendation,
  RuleFigures,
  RuleViolation,
  Shortfall,
} from '../../../shared/domain/support';
import { isExclusionReason } from '../../../shared/domain/support';
import type { CapabilityModule } from '../../../shared/domain/units';
import {
  excludedKey,
  heldKey,
  kindKey,
  moduleKey,
  remedyKey,
  unitStatusKey,
  violationDetailKey,
  type MessageKey,
  type MessageParams,
  type Translate,
} from '../i18n/messages';
import { durationText } from '../i18n/duration';

export interface Names {
  readonly stationName: (stationId: string) => string;
  readonly callsign: (unitId: string) => string;
}

const oneDecimal = (x: number | undefined): string => (x ?? 0).toFixed(1);

/** A reserve group's name: "units with Investigation" for a module reserve, else `ofKind`. */
export function reserveGroupText(
  module: CapabilityModule | undefined,
  ofKind: string,
  t: Translate,
): string {
  return module === undefined ? ofKind : t('reserve.moduleUnits', { module: t(moduleKey(module)) });
}

/** Placeholders every rule sentence may use, from whichever figures are present. */
function figureParams(f: RuleFigures, t: Translate, names: Names): MessageParams {
  return {
    station: f.stationId === undefined ? '' : names.stationName(f.stationId),
    kind: reserveGroupText(f.reserveModule, f.kind === undefined ? '' : t(kindKey(f.kind)), t),
    status: f.status === undefined ? '' : t(unitStatusKey(f.status)),
    battery: f.batteryPct ?? '',
    floor: f.floorPct ?? '',
    duty: oneDecimal(f.dutyAtEndH),
    max: f.maxDutyH ?? '',
    min: f.reserveMin ?? '',
    available: f.reserveAvailable ?? '',
  };
}

/** "Of 3 units with EOD: 2 held as station reserve, 1 busy" — or where the rest must come from. */
export function heldSummary(s: Shortfall, t: Translate): string {
  const module = t(moduleKey(s.module));
  if (s.held.length === 0)
    return t(s.found > 0 ? 'rec.noOtherInPool' : 'rec.noneInPool', { module });
  const total = s.held.reduce((n, h) => n + h.count, 0);
  const list = s.held.map((h) => t(heldKey(h.reason), { n: h.count })).join(t('list.sep'));
  return t('rec.held', { module, total, list });
}

/** An off-duty crew is called in and an offline device reached; a busy unit waits for release. */
function remedyMessage(h: HeldUnit): MessageKey {
  if (h.reason === 'not-available' && h.status === 'off-duty') return 'remedy.off-duty';
  if (h.reason === 'not-available' && h.status === 'offline') return 'remedy.offline';
  return remedyKey(h.reason);
}

/** The nearest held unit and what would let it (or another) fill the need. */
export function nearestText(s: Shortfall, t: Translate, names: Names): string | undefined {
  const h: HeldUnit | undefined = s.nearest;
  if (!h) return undefined;
  const remedy = t(remedyMessage(h), {
    ...figureParams(h, t, names),
    module: t(moduleKey(s.module)),
  });
  return t('rec.nearest', {
    unit: names.callsign(h.unitId),
    station: names.stationName(h.stationId),
    where:
      h.etaS === undefined ? t('rec.noRoute') : t('rec.away', { eta: durationText(t, h.etaS) }),
    remedy,
  });
}

/** One broken hard rule of an edited package, with its figures. */
export function violationText(v: RuleViolation, t: Translate, names: Names): string {
  return t(violationDetailKey(v.rule), {
    ...figureParams(v, t, names),
    unit: names.callsign(v.unitId),
  });
}

/** Units left out before solving, by reason; a reason this build does not know stays as sent. */
export function excludedSummary(excluded: Recommendation['excluded'], t: Translate): string {
  return Object.entries(excluded)
    .filter(([, n]) => n > 0)
    .map(([why, n]) => (isExclusionReason(why) ? t(excludedKey(why), { n }) : `${why} ${n}`))
    .join(t('list.sep'));
}
