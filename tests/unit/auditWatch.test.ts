import { describe, expect, it } from 'vitest';
import { AuditWatch } from '../../electron/core/log/auditWatch';

describe('AuditWatch', () => {
  it('keeps the last verification with its time; a log it cannot read is not verified', () => {
    let ms = 100;
    let fail = false;
    const watch = new AuditWatch(
      {
        verifyAudit: () => {
          if (fail) throw new Error('disk I/O error');
          return { ok: true, events: 3, headHash: 'ab'.repeat(32) };
        },
      },
      () => ms,
    );
    expect(watch.last).toBeUndefined();
    expect(watch.check()).toEqual({
      ok: true,
      events: 3,
      headHash: 'ab'.repeat(32),
      checkedMs: 100,
    });
    ms = 200;
    fail = true;
    expect(watch.check()).toEqual({
      ok: false,
      badSeq: 0,
      fault: 'unreadable',
      reason: 'the audit log could not be read: disk I/O error',
      checkedMs: 200,
    });
    expect(watch.last).toMatchObject({ ok: false, checkedMs: 200 });
  });
});
