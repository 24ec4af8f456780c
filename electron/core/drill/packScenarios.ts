// The scenarios a region pack ships in drills/*.json: { id, name, description, injects: [...] },
// each inject with the CSV's column names (docs/scenario-csv.md) as keys.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ScenarioSummary } from '../../../shared/domain/drill';
import type { RegionPack } from '../region/loadRegion';
import {
  checkScenario,
  scenarioErrorText,
  type RawInject,
  type ScenarioCheck,
  type ScenarioRegion,
} from './scenarioCheck';

export function scenarioRegionOf(pack: RegionPack): ScenarioRegion {
  return {
    unitIds: new Set(pack.roster.map((u) => u.id)),
    outline: pack.snapshot.layers.outline,
    places: pack.snapshot.layers.places,
  };
}

interface PackFile {
  readonly file: string;
  readonly check: ScenarioCheck;
}

/** Reads and checks every scenario of the pack; a file that fails is reported, not run. */
export function readPackScenarios(pack: RegionPack): PackFile[] {
  const dir = join(pack.dir, 'drills');
  if (!existsSync(dir)) return [];
  const region = scenarioRegionOf(pack);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => ({ file, check: checkFile(join(dir, file), region) }));
}

function checkFile(path: string, region: ScenarioRegion): ScenarioCheck {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    return { ok: false, errors: [{ line: 0, field: 'file', code: 'unreadable', value: why }] };
  }
  const o = (json ?? {}) as Record<string, unknown>;
  const text = (k: string): string => (typeof o[k] === 'string' ? o[k] : '');
  const injects = Array.isArray(o['injects']) ? (o['injects'] as RawInject[]) : [];
  const head = { id: text('id'), name: text('name'), description: text('description') };
  if (head.id === '' || head.name === '') {
    return {
      ok: false,
      errors: [{ line: 0, field: head.id === '' ? 'id' : 'name', code: 'missing' }],
    };
  }
  // A JSON inject's "line" is its position in the list, from 1.
  return checkScenario(head, injects, region, (i) => i + 1);
}

/** The pack's runnable scenarios; the broken ones are named on the console's error output. */
export function packScenarioList(pack: RegionPack): ScenarioSummary[] {
  const out: ScenarioSummary[] = [];
  for (const f of readPackScenarios(pack)) {
    if (f.check.ok) {
      const s = f.check.scenario;
      out.push({ id: s.id, name: s.name, description: s.description, injects: s.injects.length });
    } else {
      console.error(`scenario drills/${f.file} refused:\n${scenarioErrorText(f.check.errors)}`);
    }
  }
  return out;
}
