// The audit chain as a file an auditor takes away: JSON Lines, a header (the session, who exported
// it and when, the number of events and the head hash), then one line per event with its stored
// prev_hash and hash. Verifying the file offline recomputes every hash from the genesis and checks
// that the chain ends where the header says, so an edited, removed, reordered or cut-off line is
// found without the console.
import type { SessionInfo } from '../../../shared/domain/session';
import type { LogEvent } from '../../../shared/domain/log';
import { GENESIS_HASH, type AuditFile } from '../../../shared/domain/audit';
import type { EventLog } from './EventLog';
import { verifyChain, type AuditResult, type ChainedEvent } from './chain';

export const AUDIT_EXPORT_FORMAT = 'muster-audit-v1';

export interface AuditExportHeader {
  readonly format: typeof AUDIT_EXPORT_FORMAT;
  readonly session: SessionInfo;
  readonly exportedMs: number;
  readonly exportedBy: string;
  readonly events: number;
  readonly headHash: string;
}

/** The file's text, and its header. */
export function exportChain(
  rows: Iterable<ChainedEvent>,
  meta: Omit<AuditExportHeader, 'format' | 'events' | 'headHash'>,
): { header: AuditExportHeader; text: string } {
  const lines: string[] = [];
  let headHash = GENESIS_HASH;
  for (const r of rows) {
    lines.push(JSON.stringify({ event: r.event, prevHash: r.prevHash, hash: r.hash }));
    headHash = r.hash;
  }
  const header: AuditExportHeader = {
    format: AUDIT_EXPORT_FORMAT,
    ...meta,
    events: lines.length,
    headHash,
  };
  return { header, text: [JSON.stringify(header), ...lines].join('\n') + '\n' };
}

export type ExportVerdict =
  | { readonly ok: true; readonly header: AuditExportHeader; readonly events: number }
  | { readonly ok: false; readonly reason: string; readonly badSeq?: number };

/** Verifies an exported file: its header, every hash from the genesis, and its end. */
export function verifyExport(text: string): ExportVerdict {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  let header: AuditExportHeader;
  try {
    header = JSON.parse(lines[0] ?? '') as AuditExportHeader;
  } catch {
    return { ok: false, reason: 'line 1 is not a header (not JSON)' };
  }
  if (header.format !== AUDIT_EXPORT_FORMAT) {
    return { ok: false, reason: `not a ${AUDIT_EXPORT_FORMAT} file (line 1)` };
  }
  const rows: ChainedEvent[] = [];
  for (let i = 1; i < lines.length; i++) {
    try {
      const r = JSON.parse(lines[i] as string) as {
        event: LogEvent;
        prevHash: string;
        hash: string;
      };
      rows.push(r);
    } catch {
      return { ok: false, reason: `line ${String(i + 1)} is not JSON` };
    }
  }
  const r: AuditResult = verifyChain(rows);
  if (!r.ok)
    return { ok: false, reason: `event ${String(r.badSeq)}: ${r.reason}`, badSeq: r.badSeq };
  if (r.events !== header.events || r.headHash !== header.headHash) {
    return {
      ok: false,
      reason: `the file holds ${String(r.events)} events ending at ${r.headHash.slice(0, 16)}…; its header says ${String(header.events)} ending at ${header.headHash.slice(0, 16)}… (cut off or appended to)`,
    };
  }
  return { ok: true, header, events: r.events };
}

/**
 * A session's chain as the file an auditor downloads, the export recorded in the chain first (so
 * the file shows it was taken, and by whom).
 */
export function exportSessionAudit(
  log: EventLog,
  session: SessionInfo,
  by: string,
  sessionNowMs: number,
  exportedMs: number,
): AuditFile {
  log.write(() =>
    log.append({
      subject: session.id,
      tsMs: sessionNowMs,
      operator: by,
      kind: 'audit-exported',
      reason: 'audit chain exported',
    }),
  );
  const { header, text } = exportChain(log.chained(), { session, exportedMs, exportedBy: by });
  const stamp = new Date(exportedMs).toISOString().replace(/[:.]/g, '-');
  return {
    fileName: `muster-audit-${session.id}-${stamp}.jsonl`,
    text,
    events: header.events,
    headHash: header.headHash,
  };
}
