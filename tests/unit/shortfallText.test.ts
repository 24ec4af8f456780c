// What a commander reads when a need cannot be met or an edited package breaks a rule: built in the
// UI language from the figures the recommender sends, never the core's English log sentence.
import { describe, expect, it } from 'vitest';
import { tIn } from '../support/i18n';
import { evaluatePackage, recommend } from '../../electron/core/support/recommend';
import {
  HELD_REASONS,
  RULE_VIOLATIONS,
  type Shortfall,
  type SupportPackage,
} from '../../shared/domain/support';
import {
  excludedSummary,
  heldSummary,
  nearestText,
  violationText,
  type Names,
} from '../../renderer/src/components/shortfallText';
import { input, rules, tickingClock, unit } from '../support/recommendFixtures';

const zh = tIn('zh-CN');
const en = tIn('en');
const STATIONS: Record<string, string> = { S1: '城关派出所', S2: '华埠派出所' };
const names: Names = {
  stationName: (id) => STATIONS[id] ?? id,
  callsign: (id) => id.toUpperCase(),
};
/** Latin letters left once the callsigns (KH…) are taken out: English leaking into zh-CN. */
const latin = (text: string): string[] => text.replace(/\bE\d\b/g, '').match(/[A-Za-z]+/g) ?? [];

const best = (pkgs: readonly SupportPackage[]): SupportPackage => {
  const p = pkgs[0];
  if (!p) throw new Error('no package');
  return p;
};

/** An EOD need in J9 that every station could only meet by lending below its reserve. */
function atReserve(): Shortfall {
  const pool = [
    unit('e1', 2, { modules: ['eod'] }),
    unit('e2', 4, { modules: ['eod'], stationId: 'S2' }),
  ];
  const rec = recommend(
    input(pool, [{ module: 'eod', count: 1 }], {
      incident: { id: 'inc-1', grade: 'II', lonLat: [0, 0], jurisdictionId: 'J9' },
      rules: rules({ reserves: [{ stationId: '*', kind: 'patrol-car', min: 1 }] }),
    }),
    undefined,
    tickingClock(),
  );
  const sf = best(rec.packages).shortfalls[0];
  if (!sf) throw new Error('expected a shortfall');
  return sf;
}

describe('shortfall sentences', () => {
  it('word the reserve remedy from the figures, in Chinese without English', () => {
    const sf = atReserve();
    const summary = heldSummary(sf, zh);
    const nearest = nearestText(sf, zh, names) ?? '';
    expect(summary).toBe('携带排爆能力的 2 个单位中：2 个为派出所保留警力');
    expect(nearest).toContain('E1（城关派出所，3分20秒 可达）');
    expect(nearest).toContain('城关派出所须为本辖区保留 1 个巡逻车，现有 1 个可用');
    expect(latin(summary + nearest)).toEqual([]);
    // The same figures in English.
    expect(heldSummary(sf, en)).toBe('Of 2 units with EOD: 2 held as station reserve');
    expect(nearestText(sf, en, names)).toContain('城关派出所 keeps 1 × Patrol car in reserve');
  });

  it('word a reserve of a module as its units, in both languages', () => {
    const pool = [unit('e1', 2, { modules: ['eod'] }), unit('e2', 4, { modules: ['eod'] })];
    const rec = recommend(
      input(pool, [{ module: 'eod', count: 2 }], {
        incident: { id: 'inc-1', grade: 'II', lonLat: [0, 0], jurisdictionId: 'J9' },
        rules: rules({ reserves: [{ stationId: 'S1', module: 'eod', min: 1 }] }),
      }),
      undefined,
      tickingClock(),
    );
    const sf = best(rec.packages).shortfalls[0];
    if (!sf) throw new Error('expected a shortfall');
    const zhText = nearestText(sf, zh, names) ?? '';
    expect(zhText).toContain('城关派出所须为本辖区保留 1 个排爆能力单位，现有 2 个可用');
    expect(latin(zhText)).toEqual([]);
    expect(nearestText(sf, en, names)).toContain('城关派出所 keeps 1 × units with EOD in reserve');
  });

  it('say where the rest must come from when no unit in the pool has the module', () => {
    const none: Shortfall = {
      module: 'eod',
      needed: 1,
      found: 0,
      cause: 'no-unit-has-module',
      detail: 'needs 1 eod, found 0: …',
      held: [],
    };
    expect(heldSummary(none, zh)).toBe('本控制台警力池中没有携带排爆能力的单位，需从池外调派');
    expect(heldSummary({ ...none, needed: 2, found: 1 }, en)).toMatch(/^No other unit/);
    expect(nearestText(none, zh, names)).toBeUndefined();
  });

  it('call an off-duty crew in and reach an offline device, rather than wait for a release', () => {
    const held = (status: 'off-duty' | 'offline' | 'on-scene'): Shortfall => ({
      module: 'medical',
      needed: 1,
      found: 0,
      cause: 'all-busy',
      detail: '',
      held: [{ reason: 'not-available', count: 1 }],
      nearest: {
        unitId: 'm1',
        stationId: 'S1',
        kind: 'patrol-car',
        reason: 'not-available',
        status,
        etaS: 600,
      },
    });
    expect(nearestText(held('off-duty'), zh, names)).toContain('当前下班；召回该班组即可满足');
    expect(nearestText(held('offline'), en, names)).toContain('its device is offline');
    expect(nearestText(held('on-scene'), zh, names)).toContain('当前在现场，任务解除后可调派');
  });

  it('leave no placeholder unfilled for any reason, in either language', () => {
    for (const t of [zh, en]) {
      for (const reason of HELD_REASONS) {
        const sf: Shortfall = {
          module: 'drone',
          needed: 1,
          found: 0,
          cause: 'all-busy',
          detail: '',
          held: [{ reason, count: 1 }],
          nearest: {
            unitId: 'd1',
            stationId: 'S2',
            kind: 'drone',
            reason,
            status: 'on-scene',
            batteryPct: 12,
            floorPct: 30,
            dutyAtEndH: 13.1,
            maxDutyH: 12,
            reserveMin: 1,
            reserveAvailable: 1,
          },
        };
        const text = `${heldSummary(sf, t)} ${nearestText(sf, t, names) ?? ''}`;
        expect(text, reason).not.toMatch(/[{}]/);
        expect(text, reason).toContain(t === zh ? '无道路可达' : 'no route'); // no etaS
      }
      for (const rule of RULE_VIOLATIONS) {
        const text = violationText({ unitId: 'u1', rule, detail: '', stationId: 'S1' }, t, names);
        expect(text, rule).not.toMatch(/[{}]/);
      }
    }
  });
});

describe('rule sentences of an edited package', () => {
  it('name the duty figures and the configured limit, not a fixed 12 h', () => {
    const pool = [unit('p1', 2, { dutyHours: 9.5 })];
    const pkg = evaluatePackage(
      input(pool, [{ module: 'public-order', count: 1 }], {
        rules: rules({ maxDutyHours: 10 }),
      }),
      ['p1'],
    );
    const v = pkg.violations?.find((x) => x.rule === 'duty');
    expect(v).toMatchObject({ unitId: 'p1', maxDutyH: 10 });
    const text = violationText(v ?? { unitId: '', rule: 'duty', detail: '' }, zh, names);
    expect(text).toMatch(/^P1任务结束时将在岗 1\d\.\d 小时，超过 10 小时上限$/);
  });

  it('count exclusions by reason in the UI language; an unknown reason stays as sent', () => {
    expect(excludedSummary({ 'at-reserve': 2, 'no-needed-module': 0, 'past-duty': 1 }, zh)).toBe(
      '保留警力 2、超在岗时限 1',
    );
    expect(excludedSummary({ 'new-rule': 3 }, en)).toBe('new-rule 3');
  });
});
