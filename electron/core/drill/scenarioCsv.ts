// Scenario import from CSV (the facilitator's MSEL spreadsheet saved as CSV, UTF-8). The columns are
// documented in docs/scenario-csv.md; the file is checked whole and refused whole.
import Papa from 'papaparse';
import { SCENARIO_COLUMNS } from '../../../shared/domain/drill';
import type { ScenarioRegion, ScenarioCheck, RawInject } from './scenarioCheck';
import { checkScenario } from './scenarioCheck';

const REQUIRED = ['id', 'time', 'kind', 'description', 'player', 'expected', 'objective'];
/** An MSEL of a day's exercise fits in far less; a bigger file is not a scenario. */
const MAX_BYTES = 1024 * 1024;

export function scenarioFromCsv(
  head: { readonly id: string; readonly name: string; readonly description: string },
  csv: string,
  region: ScenarioRegion,
): ScenarioCheck {
  if (csv.length > MAX_BYTES) {
    return {
      ok: false,
      errors: [{ line: 1, field: 'file', code: 'too-long', value: `${csv.length} bytes` }],
    };
  }
  const parsed = Papa.parse<Record<string, string>>(csv.replace(/^\uFEFF/, ''), {
    header: true,
    skipEmptyLines: 'greedy',
    transformHeader: (h) => h.trim().toLowerCase(),
  });
  const fields = parsed.meta.fields ?? [];
  const headerErrors = [
    ...REQUIRED.filter((c) => !fields.includes(c)).map((c) => ({
      line: 1,
      field: c,
      code: 'missing' as const,
    })),
    ...fields
      .filter((f) => !(SCENARIO_COLUMNS as readonly string[]).includes(f))
      .map((f) => ({ line: 1, field: f, code: 'unreadable' as const, value: 'unknown column' })),
  ];
  const broken = parsed.errors.map((e) => ({
    line: (e.row ?? 0) + 2,
    field: 'row',
    code: 'unreadable' as const,
    value: e.message,
  }));
  if (headerErrors.length > 0 || broken.length > 0) {
    return { ok: false, errors: [...headerErrors, ...broken] };
  }
  const rows: RawInject[] = parsed.data;
  return checkScenario(head, rows, region, (i) => i + 2);
}
