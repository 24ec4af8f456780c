// The audit chain as an exported file, verified offline: intact as exported; an edited, removed,
// reordered or cut-off line is found, and so is a file that is not an export at all.
import { describe, expect, it } from 'vitest';
import { EventLog } from '../../electron/core/log/EventLog';
import { exportChain, verifyExport } from '../../electron/core/log/auditExport';
import { openStore } from '../../electron/core/store/openStore';
import { GENESIS_HASH } from '../../shared/domain/audit';

const SESSION = { id: 'lv-test', kind: 'live', name: '开化县' } as const;

function logWith(n: number): EventLog {
  const log = new EventLog(openStore({ file: ':memory:' }));
  log.write(() => {
    for (let i = 1; i <= n; i++) {
      log.append({
        subject: `inc-${String(i)}`,
        tsMs: 1_000 * i,
        operator: i % 2 ? '值班指挥长 王伟' : 'system',
        kind: i === 1 ? 'login' : 'incident-created',
        reason: `event ${String(i)}`,
        body: { grade: 'III', n: i },
      });
    }
  });
  return log;
}

const meta = { session: SESSION, exportedMs: 99_000, exportedBy: '审计 赵敏' };

describe('audit export', () => {
  it('writes a header with the head hash, one line per event, and verifies offline', () => {
    const log = logWith(5);
    const { header, text } = exportChain(log.chained(), meta);
    const lines = text.trim().split('\n');
    expect(lines).toHaveLength(6);
    const verified = log.verify();
    expect(verified.ok && verified.headHash).toBe(header.headHash);
    expect(header).toMatchObject({ format: 'muster-audit-v1', events: 5, exportedBy: '审计 赵敏' });
    expect(verifyExport(text)).toEqual({ ok: true, header, events: 5 });
  });

  it('finds an edited line, a removed one, a swapped pair, and a cut-off tail', () => {
    const { text } = exportChain(logWith(5).chained(), meta);
    const lines = text.trim().split('\n');
    const edited = [...lines];
    edited[3] = (edited[3] as string).replace('event 3', 'event three');
    expect(verifyExport(edited.join('\n'))).toMatchObject({ ok: false, badSeq: 3 });
    const removed = lines.filter((_, i) => i !== 2);
    expect(verifyExport(removed.join('\n'))).toMatchObject({ ok: false, badSeq: 3 });
    const swapped = [lines[0], lines[1], lines[3], lines[2], lines[4], lines[5]];
    expect(verifyExport(swapped.join('\n'))).toMatchObject({ ok: false, badSeq: 3 });
    const cut = lines.slice(0, -1);
    expect(verifyExport(cut.join('\n'))).toMatchObject({
      ok: false,
      reason: expect.stringContaining('cut off') as string,
    });
  });

  it('refuses what is not an export, and verifies an empty chain at the genesis', () => {
    expect(verifyExport('')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('line 1'),
    });
    expect(verifyExport('{"format":"other"}\n')).toMatchObject({ ok: false });
    const { header, text } = exportChain(logWith(0).chained(), meta);
    expect(header.headHash).toBe(GENESIS_HASH);
    expect(verifyExport(text)).toMatchObject({ ok: true, events: 0 });
  });
});
