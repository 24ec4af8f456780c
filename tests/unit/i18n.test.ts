import { describe, expect, it } from 'vitest';
import { ALERT_KINDS } from '../../shared/domain/alerts';
import { GRADES, INCIDENT_TYPES } from '../../shared/domain/incidents';
import { REFUSALS } from '../../shared/domain/refusal';
import { BROKER_REFUSALS, LINK_STATES, REJECT_REASONS } from '../../shared/domain/status';
import {
  EXCLUSION_REASONS,
  HELD_REASONS,
  ORDER_STATES,
  RULE_VIOLATIONS,
  SHORTFALL_CAUSES,
  SUPPORT_STATES,
  UNIT_STATUSES,
  type SupportEvent,
} from '../../shared/domain/support';
import { LIVENESS, MODULES, UNIT_KINDS } from '../../shared/domain/units';
import {
  DICTIONARIES,
  LANGS,
  alertKindKey,
  brokerKey,
  excludedKey,
  gradeKey,
  heldKey,
  incidentTypeKey,
  isLang,
  kindKey,
  livenessKey,
  moduleKey,
  nextLang,
  orderStateKey,
  refusalKey,
  rejectKey,
  brokerRefusalKey,
  remedyKey,
  shortfallKey,
  supportStateKey,
  timelineKindKey,
  translate,
  unitStatusKey,
  violationDetailKey,
  violationKey,
  type MessageKey,
} from '../../renderer/src/i18n/messages';
import { NOTE_ORDERS, noteKey } from '../../renderer/src/components/timelineNote';
import { NOTE_CODES } from '../../shared/domain/support';
import { ACK_STATES } from '../../shared/telemetry/orders';

// A union without a runtime list in the domain: spelled out here, checked exhaustive by the types.
const TIMELINE_KINDS = {
  transition: true,
  'order-sent': true,
  'order-ack': true,
  'order-retry': true,
  'order-no-ack': true,
  'unit-en-route': true,
  'unit-on-scene': true,
  'unit-released': true,
  'sla-warning': true,
  'sla-breach': true,
  'authority-refused': true,
  'countersign-refused': true,
  'command-handover': true,
  'emergency-confirmed': true,
  'what-if': true,
} as const satisfies Record<SupportEvent['kind'], true>;

const CJK = /[\u3400-\u9fff]/;
const zh = DICTIONARIES['zh-CN'];
const en = DICTIONARIES.en;
const keys = Object.keys(zh) as MessageKey[];

/** English entries that rightly contain Chinese: the language's own name and the 示意 term. */
// The exercise and replay banners are bilingual on purpose: nobody may mistake either for live duty.
const EN_MAY_CONTAIN_CJK = new Set<MessageKey>([
  'lang.zh',
  'lang.toggleTitle',
  'about.schematic',
  'exercise.banner',
  'replay.banner',
]);
/** Entries that are the same in both languages on purpose. */
const SAME_IN_BOTH = new Set<MessageKey>([
  'lang.zh',
  'lang.en',
  'status.noData',
  'drill.speedOption',
  'drill.observedNone',
  'drill.observedAfter',
]);
/** Punctuation only: the list separator (、 in Chinese) has no Han character to find. */
const PUNCTUATION = new Set<MessageKey>(['list.sep']);

const placeholders = (text: string): string[] =>
  [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();

describe('dictionaries', () => {
  it('have exactly the same keys in every language', () => {
    for (const lang of LANGS)
      expect(Object.keys(DICTIONARIES[lang]).sort()).toEqual([...keys].sort());
  });

  it('have no empty entries', () => {
    for (const lang of LANGS) {
      for (const key of keys) expect(DICTIONARIES[lang][key].trim(), `${lang} ${key}`).not.toBe('');
    }
  });

  it('use the same placeholders in every language', () => {
    for (const key of keys) expect(placeholders(en[key]), key).toEqual(placeholders(zh[key]));
  });

  it('translate every domain value the UI shows', () => {
    const domainKeys: MessageKey[] = [
      ...UNIT_KINDS.map(kindKey),
      ...LIVENESS.map(livenessKey),
      ...REJECT_REASONS.map(rejectKey),
      ...BROKER_REFUSALS.map(brokerRefusalKey),
      ...LINK_STATES.map(brokerKey),
      ...ALERT_KINDS.map(alertKindKey),
      ...GRADES.map(gradeKey),
      ...INCIDENT_TYPES.map(incidentTypeKey),
      ...MODULES.map(moduleKey),
      ...SUPPORT_STATES.map(supportStateKey),
      ...ORDER_STATES.map(orderStateKey),
      ...UNIT_STATUSES.map(unitStatusKey),
      ...SHORTFALL_CAUSES.map(shortfallKey),
      ...RULE_VIOLATIONS.map(violationKey),
      ...RULE_VIOLATIONS.map(violationDetailKey),
      ...HELD_REASONS.map(heldKey),
      ...HELD_REASONS.map(remedyKey),
      ...EXCLUSION_REASONS.map(excludedKey),
      ...(Object.keys(TIMELINE_KINDS) as SupportEvent['kind'][]).map(timelineKindKey),
      ...NOTE_CODES.map(noteKey),
      ...NOTE_ORDERS.map((o) => `orderType.${o}` as const),
      ...ACK_STATES.map((s) => `ackState.${s}` as const),
      ...REFUSALS.map(refusalKey),
    ];
    for (const key of domainKeys) {
      expect(keys, key).toContain(key);
      expect(zh[key], key).toMatch(CJK);
      expect(en[key], key).not.toMatch(CJK);
      expect(en[key], key).not.toBe(zh[key]);
    }
  });

  it('keep Chinese out of English, apart from the named exceptions', () => {
    const offenders = keys.filter((k) => !EN_MAY_CONTAIN_CJK.has(k) && CJK.test(en[k]));
    expect(offenders).toEqual([]);
  });

  it('are actually translated: zh-CN carries Chinese where English has words', () => {
    const untranslated = keys.filter((k) => !SAME_IN_BOTH.has(k) && en[k] === zh[k]);
    expect(untranslated).toEqual([]);
    const noChinese = keys.filter(
      (k) => !SAME_IN_BOTH.has(k) && !PUNCTUATION.has(k) && !CJK.test(zh[k]),
    );
    expect(noChinese).toEqual([]);
  });

  it('use command-room wording in zh-CN (spot checks)', () => {
    expect(zh['liveness.online']).toBe('在线');
    expect(zh['liveness.offline']).toBe('离线');
    expect(zh['kind.officer-pair']).toContain('执法记录仪');
    expect(zh['kind.drone']).toBe('无人机');
    expect(zh['legend.jurisdiction']).toContain('示意');
    expect(en['legend.jurisdiction']).toContain('schematic');
  });
});

describe('translate', () => {
  it('fills placeholders and leaves unknown ones visible', () => {
    expect(translate('en', 'app.loadError', { message: 'boom' })).toBe('Could not load data: boom');
    expect(translate('zh-CN', 'app.loadError', { message: 'boom' })).toBe('无法加载数据：boom');
    expect(translate('en', 'app.loadError')).toBe('Could not load data: {message}');
    expect(translate('en', 'app.loadError', { other: 1 })).toBe('Could not load data: {message}');
  });

  it('recognises and alternates the two languages', () => {
    expect(isLang('zh-CN')).toBe(true);
    expect(isLang('en')).toBe(true);
    expect(isLang('fr')).toBe(false);
    expect(isLang(undefined)).toBe(false);
    expect(nextLang('zh-CN')).toBe('en');
    expect(nextLang('en')).toBe('zh-CN');
  });
});
