// A request's record for the after-action report: its steps as CSV (RFC 4180, CRLF, UTF-8 with a
// byte-order mark so spreadsheet programs read the Chinese), worded as the timeline shows them.
import type { SupportEvent } from '../../../shared/domain/support';
import type { StepWords } from './timelineNote';

export type CsvCell = string | number;

/**
 * One CSV field. Text an operator typed (a reason, a name) could start like a formula: such a field
 * gets a leading apostrophe so a spreadsheet shows it as text instead of running it.
 */
export function csvField(v: CsvCell): string {
  let s = String(v);
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Rows as CSV text with the byte-order mark, every line ended by CRLF. */
export function toCsv(rows: readonly (readonly CsvCell[])[]): string {
  return `\uFEFF${rows.map((r) => r.map(csvField).join(',')).join('\r\n')}\r\n`;
}

export interface RecordHead {
  /** Label and value pairs above the steps (request, incident, state, when exported). */
  readonly lines: readonly (readonly [string, string])[];
  /** Column headings of the steps. */
  readonly columns: readonly string[];
}

/** The whole record: the head lines, an empty line, then one row per step, oldest first. */
export function recordCsv(
  head: RecordHead,
  events: readonly SupportEvent[],
  words: (e: SupportEvent) => StepWords,
  dateTime: (ms: number) => string,
): string {
  const rows: CsvCell[][] = head.lines.map(([k, v]) => [k, v]);
  rows.push([], [...head.columns]);
  for (const e of events) {
    const w = words(e);
    rows.push([
      e.seq,
      dateTime(e.tsMs),
      new Date(e.tsMs).toISOString(),
      w.kind,
      w.change,
      w.unit,
      w.text,
      w.operator,
    ]);
  }
  return toCsv(rows);
}
