// The console's door on a real SQLite store: the last administrator cannot be removed or demoted,
// a removed operator is logged out on every screen at once and cannot resume, and open screens
// hear at once who may countersign now. Each change is recorded.
import { describe, expect, it } from 'vitest';
import { Gate, type AccessRecord } from '../../electron/core/auth/Gate';
import { LoginSessions } from '../../electron/core/auth/LoginSessions';
import { OperatorBook } from '../../electron/core/auth/OperatorBook';
import { WallTokenBook } from '../../electron/core/auth/WallTokenBook';
import { openStore } from '../../electron/core/store/openStore';
import type { OperatorsChange } from '../../shared/contract/ConsoleApi';

const PW = 'a long password';

function gate() {
  const db = openStore({ file: ':memory:' });
  const book = new OperatorBook(db);
  const records: AccessRecord[] = [];
  const g = new Gate({
    book,
    walls: new WallTokenBook(db),
    logins: new LoginSessions(db),
    sessions: () => undefined,
    record: (r) => records.push(r),
  });
  return { g, book, records };
}

describe('gate', () => {
  it('keeps one administrator: the last cannot be removed or given another role', () => {
    const { g, book } = gate();
    const admin = g.enrolFirstAdmin('管理员 陈', PW);
    const by = { kind: 'operator', name: admin.name, role: 'admin' } as const;
    expect(() => g.removeOperator(by, '管理员 陈')).toThrow('[refused:operator-last-admin]');
    expect(() =>
      g.enrolOperator(by, { name: '管理员 陈', role: 'commander', password: PW }),
    ).toThrow('[refused:operator-last-admin]');
    expect(book.roleOf('管理员 陈')).toBe('admin');
    // With a second administrator, the first may go.
    g.enrolOperator(by, { name: '管理员 李', role: 'admin', password: PW });
    g.removeOperator(by, '管理员 陈');
    expect(book.roleOf('管理员 陈')).toBeUndefined();
  });

  it('logs a removed operator out on every screen at once, and their login cannot be resumed', async () => {
    const { g, records } = gate();
    const admin = g.enrolFirstAdmin('管理员 陈', PW);
    const by = { kind: 'operator', name: admin.name, role: 'admin' } as const;
    g.enrolOperator(by, { name: '王伟', role: 'commander', password: PW });
    const a = g.open();
    const b = g.open();
    const { resumeToken } = await g.login(a, '王伟', PW);
    await g.login(b, '王伟', PW);
    g.removeOperator(by, '王伟');
    expect(a.caller).toEqual({ kind: 'anonymous' });
    expect(b.caller).toEqual({ kind: 'anonymous' });
    expect(g.open({ resumeToken }).caller).toEqual({ kind: 'anonymous' });
    expect(records.filter((r) => r.kind === 'logout' && r.subject === '王伟')).toHaveLength(2);
    expect(records.some((r) => r.kind === 'operator-removed' && r.subject === '王伟')).toBe(true);
  });

  it('tells open screens at once who may countersign now', () => {
    const { g } = gate();
    const admin = g.enrolFirstAdmin('管理员 陈', PW);
    const by = { kind: 'operator', name: admin.name, role: 'admin' } as const;
    const heard: OperatorsChange[] = [];
    g.onOperators((c) => heard.push(c));
    g.enrolOperator(by, { name: '王建国', role: 'supervisor', password: PW });
    g.removeOperator(by, '王建国');
    expect(heard).toEqual([{ supervisors: ['王建国'] }, { supervisors: [] }]);
  });
});
