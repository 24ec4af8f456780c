// The event log is only tamper-evident if someone checks it: the core verifies the whole
// hash chain at start and whenever an operator asks, and keeps the last result for the status strip.
import type { AuditCheck } from '../../../shared/domain/audit';
import type { AuditResult } from './chain';

export class AuditWatch {
  private lastCheck: AuditCheck | undefined;

  constructor(
    private readonly log: { verifyAudit(): AuditResult },
    private readonly now: () => number,
  ) {}

  /** The last verification, undefined before the first. */
  get last(): AuditCheck | undefined {
    return this.lastCheck;
  }

  /** Verifies every event from the first; a log that cannot be read counts as not verified. */
  check(): AuditCheck {
    const checkedMs = this.now();
    let r: AuditResult;
    try {
      r = this.log.verifyAudit();
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      r = {
        ok: false,
        badSeq: 0,
        fault: 'unreadable',
        reason: `the audit log could not be read: ${why}`,
      };
    }
    this.lastCheck = { ...r, checkedMs };
    return this.lastCheck;
  }
}
