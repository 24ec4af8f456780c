// The committed default pack (resources/regions/kaihua) loaded through the real loader.

import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadRegionPack } from '../../electron/core/region/loadRegion';
import { MODULES, UNIT_KINDS } from '../../shared/domain/units';

const REGIONS = fileURLToPath(new URL('../../resources/regions/', import.meta.url));
const { snapshot, roster } = loadRegionPack(REGIONS, 'kaihua');

const count = <T>(xs: readonly T[], f: (x: T) => boolean) => xs.filter(f).length;

describe('kaihua region pack', () => {
  it('ships only the allowed files (no reference-only data)', () => {
    expect(readdirSync(`${REGIONS}kaihua`).sort()).toEqual([
      'drills',
      'places.geojson',
      'region.json',
      'rivers.geojson',
      'roster.json',
      'stations.json',
      'support.json',
    ]);
  });

  it('describes Kaihua as a schematic region with the required credits', () => {
    const { info } = snapshot;
    expect(info).toMatchObject({ id: 'kaihua', name: '开化县', nameEn: 'Kaihua County' });
    expect(info.schematic).toBe(true);
    expect('outline' in info).toBe(false);
    const credits = info.credits.map((c) => c.text);
    expect(credits).toContain('Place data © GeoNames.org, CC BY 4.0');
    expect(credits).toContain('Rivers: GSHHG © the GMT team, LGPL-3+');
    expect(credits.some((t) => /schematic/i.test(t) && /simulated/i.test(t))).toBe(true);
    const [w, s, e, n] = info.bbox;
    expect(info.center[0]).toBeGreaterThan(w);
    expect(info.center[0]).toBeLessThan(e);
    expect(info.center[1]).toBeGreaterThan(s);
    expect(info.center[1]).toBeLessThan(n);
    expect(snapshot.layers.outline.features[0]?.properties).toMatchObject({ schematic: true });
  });

  it('has 9 simulated police stations at real township seats, plus traffic and special units', () => {
    const police = snapshot.stations.filter((s) => s.kind === 'police-station');
    expect(police.map((s) => s.name)).toEqual([
      '城关派出所',
      '华埠派出所',
      '马金派出所',
      '村头派出所',
      '桐村派出所',
      '杨林派出所',
      '苏庄派出所',
      '长虹派出所',
      '何田派出所',
    ]);
    expect(count(snapshot.stations, (s) => s.kind === 'traffic-squad')).toBe(1);
    expect(count(snapshot.stations, (s) => s.kind === 'special-unit')).toBe(1);
    expect(snapshot.stations.every((s) => s.simulated)).toBe(true);
    expect(snapshot.stations.every((s) => /^[A-Z][A-Za-z ]+$/.test(s.nameEn))).toBe(true);

    // Each police station sits exactly on a shipped Kaihua place point that is a township seat.
    const seats = snapshot.layers.places.features.filter(
      (f) => f.properties?.['county_name'] === '开化县' && f.properties['township_name'] !== null,
    );
    for (const s of police) {
      const seat = seats.find((f) => {
        const c = f.geometry.coordinates as number[];
        return c[0] === s.lonLat[0] && c[1] === s.lonLat[1];
      });
      expect(seat, s.id).toBeDefined();
      const short = s.name.replace('派出所', '');
      const seatNames = `${String(seat?.properties?.['township_name'])} ${String(seat?.properties?.['name_zh'])}`;
      expect(seatNames, s.id).toContain(short);
    }
  });

  it('derives one schematic station area per police station', () => {
    const areas = snapshot.layers.jurisdictions.features;
    expect(areas).toHaveLength(9);
    for (const f of areas) {
      expect(f.geometry.type).toBe('Polygon');
      expect(f.properties).toMatchObject({ schematic: true });
    }
    expect(areas.map((f) => f.properties?.['stationId'])).toEqual(
      snapshot.stations.filter((s) => s.kind === 'police-station').map((s) => s.id),
    );
  });

  it('carries the place and river layers', () => {
    expect(snapshot.layers.places.features).toHaveLength(164);
    expect(
      count(snapshot.layers.places.features, (f) => f.properties?.['county_name'] === '开化县'),
    ).toBe(24);
    expect(snapshot.layers.rivers.features.length).toBeGreaterThan(20);
    expect(snapshot.layers.rivers.features.every((f) => f.geometry.type === 'LineString')).toBe(
      true,
    );
  });

  it('has a roster of at least 64 units covering every module', () => {
    expect(roster.length).toBeGreaterThanOrEqual(64);
    expect(count(roster, (u) => u.kind === 'drone')).toBeGreaterThanOrEqual(3);
    for (const kind of UNIT_KINDS)
      expect(
        count(roster, (u) => u.kind === kind),
        kind,
      ).toBeGreaterThan(0);
    for (const m of MODULES)
      expect(
        count(roster, (u) => u.modules.includes(m)),
        m,
      ).toBeGreaterThan(0);

    const stationIds = new Set(snapshot.stations.map((s) => s.id));
    for (const s of snapshot.stations) {
      expect(
        count(roster, (u) => u.stationId === s.id),
        s.id,
      ).toBeGreaterThan(0);
    }
    for (const u of roster) {
      expect(stationIds.has(u.stationId)).toBe(true);
      expect(u.modules.length).toBeGreaterThan(0);
      expect(u.deviceId).toMatch(/^[A-Za-z0-9_.-]{1,64}$/);
    }
    expect(new Set(roster.map((u) => u.id)).size).toBe(roster.length);
    expect(new Set(roster.map((u) => u.deviceId)).size).toBe(roster.length);
    expect(new Set(roster.map((u) => u.callsign)).size).toBe(roster.length);
  });

  it('gives every police station officer pairs with body-cams and a patrol car', () => {
    for (const s of snapshot.stations.filter((st) => st.kind === 'police-station')) {
      const units = roster.filter((u) => u.stationId === s.id);
      const pairs = units.filter((u) => u.kind === 'officer-pair');
      expect(pairs.length, s.id).toBeGreaterThanOrEqual(2);
      for (const p of pairs) {
        expect(p.persons).toBe(2);
        expect(p.deviceId).toMatch(/^bc-/);
        expect(p.callsign).toMatch(/^[\u4e00-\u9fff]{2}\d{2}$/);
      }
      expect(
        count(units, (u) => u.kind === 'patrol-car'),
        s.id,
      ).toBeGreaterThanOrEqual(1);
    }
    const traffic = roster.filter((u) => u.stationId === 'traffic-chengguan');
    expect(traffic.every((u) => u.modules.includes('traffic'))).toBe(true);
    expect(count(traffic, (u) => u.kind === 'traffic-car')).toBeGreaterThanOrEqual(3);
    const special = roster
      .filter((u) => u.stationId === 'special-kaihua')
      .flatMap((u) => u.modules);
    expect(special).toEqual(expect.arrayContaining(['swat', 'eod', 'negotiation']));
    const drones = roster.filter((u) => u.kind === 'drone');
    expect(drones.every((u) => u.modules.includes('drone') && /^无人机\d+$/.test(u.callsign))).toBe(
      true,
    );
  });
});
