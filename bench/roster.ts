// A synthetic region pack for the benchmark: the kaihua pack with a roster of `n` units, so the
// console is measured at county scale (10,000 devices) rather than the 71 units kaihua ships with.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEVICE_KIND_OF, type RosterUnit, type UnitKind } from '../shared/domain/units';
import { telemetryTopic } from '../shared/telemetry/topics';
import { payloadFor } from '../tests/support/payloads';

export const BENCH_REGION_ID = 'bench10k';

const KINDS: readonly UnitKind[] = [
  'officer-pair',
  'officer-pair',
  'patrol-car',
  'motorbike',
  'drone',
];

interface StationRef {
  readonly id: string;
  readonly lonLat: readonly [number, number];
}

/** Deterministic: the publisher rebuilds the same roster from `n` and the station list. */
export function benchRoster(n: number, stations: readonly StationRef[]): RosterUnit[] {
  return Array.from({ length: n }, (_, i) => {
    const kind = KINDS[i % KINDS.length] as UnitKind;
    const num = String(i).padStart(5, '0');
    return {
      id: `bench-${num}`,
      callsign: `B${num}`,
      kind,
      stationId: (stations[i % stations.length] as StationRef).id,
      deviceId: `bench-dev-${num}`,
      modules: [kind === 'drone' ? 'drone' : 'public-order'],
      persons: kind === 'drone' ? 0 : 2,
    };
  });
}

export function readStations(regionDir: string): StationRef[] {
  return JSON.parse(readFileSync(join(regionDir, 'stations.json'), 'utf8')) as StationRef[];
}

/**
 * Copies the kaihua pack into `<resourcesDir>/regions/bench10k` with an `n`-unit roster, and the
 * broker's ACL beside it (the embedded broker reads `<resourcesDir>/broker/muster.acl`).
 * Returns the roster so the caller need not reload it.
 */
export function writeBenchPack(
  sourceRegionDir: string,
  resourcesDir: string,
  n: number,
): RosterUnit[] {
  const dir = join(resourcesDir, 'regions', BENCH_REGION_ID);
  cpSync(sourceRegionDir, dir, { recursive: true });
  cpSync(join(sourceRegionDir, '../../broker'), join(resourcesDir, 'broker'), { recursive: true });
  const region = JSON.parse(readFileSync(join(dir, 'region.json'), 'utf8')) as { id: string };
  writeFileSync(join(dir, 'region.json'), JSON.stringify({ ...region, id: BENCH_REGION_ID }));
  const roster = benchRoster(n, readStations(dir));
  writeFileSync(join(dir, 'roster.json'), JSON.stringify(roster));
  return roster;
}

/**
 * One documented v1 payload per unit, split around tsMs so the publisher stamps each message
 * with a string concatenation instead of a JSON.stringify per message.
 */
export interface PayloadTemplate {
  readonly topic: string;
  readonly head: string;
  readonly tail: string;
}

export function payloadTemplates(
  roster: readonly RosterUnit[],
  stations: readonly StationRef[],
): PayloadTemplate[] {
  const byId = new Map(stations.map((s) => [s.id, s.lonLat]));
  return roster.map((u, i) => {
    const [lon, lat] = byId.get(u.stationId) ?? [118.345, 29.18];
    // Spread units a few hundred metres around their station.
    const p = payloadFor(u, 1, lon + ((i % 97) - 48) * 1e-4, lat + ((i % 89) - 44) * 1e-4);
    const json = JSON.stringify(p);
    const mark = '"tsMs":1,';
    const at = json.indexOf(mark);
    if (at < 0 || DEVICE_KIND_OF[u.kind] !== p.kind) throw new Error('unexpected payload shape');
    return {
      topic: telemetryTopic(u.deviceId),
      head: json.slice(0, at + '"tsMs":'.length),
      tail: json.slice(at + mark.length - 1),
    };
  });
}
