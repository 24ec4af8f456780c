// The exported record of a request: CSV a spreadsheet reads (BOM, CRLF, quoting), text an operator
// typed never runs as a formula, and each step worded as the timeline shows it.
import { describe, expect, it } from 'vitest';
import { csvField, recordCsv, toCsv } from '../../renderer/src/components/timelineCsv';
import { stepWords, type NoteNames } from '../../renderer/src/components/timelineNote';
import { translate, type Translate } from '../../renderer/src/i18n/messages';
import type { SupportEvent } from '../../shared/domain/support';

const zh: Translate = (key, params) => translate('zh-CN', key, params);
const names: NoteNames = {
  callsign: (id) => (id === 'chengguan-03' ? '城关03' : id),
  stationName: (id) => id,
  time: (ms) => new Date(ms).toISOString().slice(11, 19),
};

describe('CSV fields', () => {
  it('quote commas, quotes and line breaks, and defuse formulas', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField(12)).toBe('12');
    expect(csvField(-3)).toBe('-3');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "no"')).toBe('"say ""no"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(toCsv([['a', 1], []])).toBe('\uFEFFa,1\r\n\r\n');
  });
});

describe('a request record', () => {
  const events: SupportEvent[] = [
    {
      seq: 7,
      requestId: 'sup-1',
      tsMs: Date.UTC(2026, 11, 7, 4, 0, 0),
      operator: '指挥长 王伟',
      kind: 'transition',
      from: 'recommended',
      to: 'rejected',
      reason: '=cmd|calc, not needed',
    },
    {
      seq: 9,
      requestId: 'sup-1',
      tsMs: Date.UTC(2026, 11, 7, 4, 5, 0),
      operator: 'system',
      kind: 'unit-on-scene',
      unitId: 'chengguan-03',
      reason: '12 m from the scene (geofence 200 m)',
      note: { code: 'in-geofence', params: { distanceM: 12, geofenceM: 200 } },
    },
  ];

  it('has the head, an empty line, the columns and one worded row per step', () => {
    const csv = recordCsv(
      {
        lines: [['支援请求', 'sup-1']],
        columns: ['序号', '时间', 'UTC', '步骤', '变更', '警力', '说明', '操作人'],
      },
      events,
      (e) => stepWords(e, zh, names),
      (ms) => `T${String(ms)}`,
    );
    const lines = csv.slice(1).split('\r\n');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(lines[0]).toBe('支援请求,sup-1');
    expect(lines[1]).toBe('');
    expect(lines[2]).toBe('序号,时间,UTC,步骤,变更,警力,说明,操作人');
    expect(lines[3]).toBe(
      `7,T${String(events[0]?.tsMs)},2026-12-07T04:00:00.000Z,状态变更,待审批 → 已驳回,,"'=cmd|calc, not needed",指挥长 王伟`,
    );
    expect(lines[4]).toBe(
      `9,T${String(events[1]?.tsMs)},2026-12-07T04:05:00.000Z,到场,,城关03,距现场12米（围栏200米）,system`,
    );
    expect(lines[5]).toBe('');
    expect(lines).toHaveLength(6);
  });
});
