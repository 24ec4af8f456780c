// Timeline steps worded in the UI language from their notes: unit ids become callsigns, module
// needs and order words are translated, times are clock times, and a note this build does not
// know falls back to the stored reason.
import { describe, expect, it } from 'vitest';
import { tIn } from '../support/i18n';
import { noteText, type NoteNames } from '../../renderer/src/components/timelineNote';
import type { TimelineNote } from '../../shared/domain/support';

const names: NoteNames = {
  callsign: (id) => ({ 'chengguan-01': '城关01', 'traffic-01': '交警1' })[id] ?? id,
  stationName: (id) => (id === 'ps-huabu' ? '华埠派出所' : id),
  time: (ms) => new Date(ms).toISOString().slice(11, 19),
};
const zh = (n: TimelineNote): string | undefined => noteText(n, tIn('zh-CN'), names);
const en = (n: TimelineNote): string | undefined => noteText(n, tIn('en'), names);

describe('timeline notes', () => {
  it('name units by callsign and modules and incident types in the UI language', () => {
    const approved: TimelineNote = {
      code: 'approved-countersigned',
      params: {
        by: 'duty',
        role: 'commander',
        supervisor: '王建国',
        units: ['chengguan-01', 'traffic-01'],
      },
    };
    expect(zh(approved)).toBe('duty（值班指挥长）批准，王建国会签：城关01、交警1');
    expect(en(approved)).toBe(
      'Approved by duty (commander), countersigned by 王建国: 城关01, 交警1',
    );
    const card: TimelineNote = {
      code: 'run-card',
      params: {
        type: 'traffic-accident',
        grade: 'III',
        needs: [
          { module: 'traffic', count: 2 },
          { module: 'medical', count: 1 },
        ],
      },
    };
    expect(zh(card)).toBe('预案：交通事故Ⅲ级，需交通×2、医疗救护×1');
    expect(en(card)).not.toMatch(/[\u3400-\u9fff]/);
  });

  it('translate order words and ack states, and show times on the clock', () => {
    expect(zh({ code: 'ack', params: { order: 'handover', state: 'accepted' } })).toBe(
      '指挥权移交指令应答：已接受',
    );
    expect(en({ code: 'ack', params: { order: 'release', state: 'returning' } })).toBe(
      'Release order answered: returning',
    );
    const due = Date.UTC(2026, 0, 5, 3, 4, 5);
    expect(
      zh({ code: 'sla-late', params: { which: 'on-scene', dueMs: due, units: ['traffic-01'] } }),
    ).toContain('03:04:05');
    expect(
      zh({ code: 'unit-released-points', params: { points: 4.5, stationId: 'ps-huabu' } }),
    ).toBe('已解除；华埠派出所记4.5积分');
  });

  it('leave an unknown code to the stored reason, and an unknown value as it is', () => {
    expect(zh({ code: 'from-a-newer-build' as TimelineNote['code'] })).toBeUndefined();
    expect(zh({ code: 'ack', params: { order: 'teleport', state: 'accepted' } })).toBe(
      'teleport指令应答：已接受',
    );
  });
});
