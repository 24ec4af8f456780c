import type { ReportStage } from '../../../shared/domain/report';
import type { OperatorRole } from '../../../shared/domain/operators';
import type { AlertKind, AlertState } from '../../../shared/domain/alerts';
import type { InjectKind, ObservedAction, ScenarioErrorCode } from '../../../shared/domain/drill';
import type { Grade, IncidentType } from '../../../shared/domain/incidents';
import type { Refusal } from '../../../shared/domain/refusal';
import type {
  ExclusionReason,
  HeldReason,
  OrderState,
  RuleViolationKind,
  ShortfallCause,
  SupportEvent,
  SupportState,
  SupportSuggestion,
  UnitStatus,
} from '../../../shared/domain/support';
import type { BrokerRefusal, RejectReason, LinkState } from '../../../shared/domain/status';
import type { CapabilityModule, Liveness, UnitKind } from '../../../shared/domain/units';
import { en } from './en';
import { zhCN, type MessageKey } from './zhCN';

export type { MessageKey };

export const LANGS = ['zh-CN', 'en'] as const;
export type Lang = (typeof LANGS)[number];
export const DEFAULT_LANG: Lang = 'zh-CN';

export const DICTIONARIES: Readonly<Record<Lang, Readonly<Record<MessageKey, string>>>> = {
  'zh-CN': zhCN,
  en,
};

// Domain enums are translated by key convention; these aliases make a new enum value without a
// message a compile error at the call sites below instead of a blank label at run time.
export const kindKey = (k: UnitKind): `kind.${UnitKind}` & MessageKey => `kind.${k}`;
export const livenessKey = (l: Liveness): `liveness.${Liveness}` & MessageKey => `liveness.${l}`;
export const rejectKey = (r: RejectReason): `reject.${RejectReason}` & MessageKey => `reject.${r}`;
export const brokerRefusalKey = (r: BrokerRefusal): `brokerRefused.${BrokerRefusal}` & MessageKey =>
  `brokerRefused.${r}`;
export const alertKindKey = (k: AlertKind): `alertKind.${AlertKind}` & MessageKey =>
  `alertKind.${k}`;
export const alertStateKey = (s: AlertState): `alertState.${AlertState}` & MessageKey =>
  `alertState.${s}`;
export const brokerKey = (s: LinkState): `broker.${LinkState}` & MessageKey => `broker.${s}`;
export const gradeKey = (g: Grade): `grade.${Grade}` & MessageKey => `grade.${g}`;
export const reportStageKey = (s: ReportStage): `report.stage.${ReportStage}` & MessageKey =>
  `report.stage.${s}`;
export const gradeShortKey = (g: Grade): `gradeShort.${Grade}` & MessageKey => `gradeShort.${g}`;
export const incidentTypeKey = (t: IncidentType): `incidentType.${IncidentType}` & MessageKey =>
  `incidentType.${t}`;
export const moduleKey = (m: CapabilityModule): `module.${CapabilityModule}` & MessageKey =>
  `module.${m}`;
export const supportStateKey = (s: SupportState): `supportState.${SupportState}` & MessageKey =>
  `supportState.${s}`;
export const orderStateKey = (s: OrderState): `orderState.${OrderState}` & MessageKey =>
  `orderState.${s}`;
export const unitStatusKey = (s: UnitStatus): `unitStatus.${UnitStatus}` & MessageKey =>
  `unitStatus.${s}`;
export const shortfallKey = (c: ShortfallCause): `shortfall.${ShortfallCause}` & MessageKey =>
  `shortfall.${c}`;
export const violationKey = (v: RuleViolationKind): `violation.${RuleViolationKind}` & MessageKey =>
  `violation.${v}`;
export const heldKey = (r: HeldReason): `held.${HeldReason}` & MessageKey => `held.${r}`;
export const remedyKey = (r: HeldReason): `remedy.${HeldReason}` & MessageKey => `remedy.${r}`;
export const violationDetailKey = (
  v: RuleViolationKind,
): `violationDetail.${RuleViolationKind}` & MessageKey => `violationDetail.${v}`;
export const excludedKey = (r: ExclusionReason): `excluded.${ExclusionReason}` & MessageKey =>
  `excluded.${r}`;
export const timelineKindKey = (
  k: SupportEvent['kind'],
): `timelineKind.${SupportEvent['kind']}` & MessageKey => `timelineKind.${k}`;
export const suggestionKey = (
  c: SupportSuggestion['cause'],
): `suggest.${SupportSuggestion['cause']}` & MessageKey => `suggest.${c}`;
export const roleKey = (r: OperatorRole): `role.${OperatorRole}` & MessageKey => `role.${r}`;

export type MessageParams = Readonly<Record<string, string | number>>;
export type Translate = (key: MessageKey, params?: MessageParams) => string;

/** Looks a key up and fills `{name}` placeholders; an unknown placeholder is left visible. */
export function translate(lang: Lang, key: MessageKey, params?: MessageParams): string {
  const text = DICTIONARIES[lang][key];
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
}

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGS as readonly string[]).includes(value);
}

/** The other language, for the two-language toggle. */
export function nextLang(lang: Lang): Lang {
  return lang === 'zh-CN' ? 'en' : 'zh-CN';
}

export const refusalKey = (r: Refusal): `refused.${Refusal}` & MessageKey => `refused.${r}`;
export const injectKindKey = (k: InjectKind): `injectKind.${InjectKind}` & MessageKey =>
  `injectKind.${k}`;
export const scenarioErrorKey = (
  c: ScenarioErrorCode,
): `scenarioError.${ScenarioErrorCode}` & MessageKey => `scenarioError.${c}`;
export const observedKey = (
  w: ObservedAction['what'],
): `drill.observed.${ObservedAction['what']}` & MessageKey => `drill.observed.${w}`;
