// Region support configuration (support.json), the order/ack edge, and the QoS 1 publish guard.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { MqttLink } from '../../electron/core/mqtt/MqttLink';
import { loadRegionPack } from '../../electron/core/region/loadRegion';
import { reserveBook } from '../../electron/core/support/recommend';
import {
  parseDeviceMessage,
  type DeviceBinding,
  type ParseContext,
} from '../../electron/core/telemetry/parseTelemetry';
import { GRADES, INCIDENT_TYPES } from '../../shared/domain/incidents';
import { ackTopic, orderTopic } from '../../shared/telemetry/topics';

function must<T>(v: T | undefined, what: string): T {
  if (v === undefined) throw new Error(`missing: ${what}`);
  return v;
}

const REGIONS = fileURLToPath(new URL('../../resources/regions/', import.meta.url));
const pack = loadRegionPack(REGIONS, 'kaihua');
const cfg = pack.support;

describe('kaihua support.json', () => {
  it('has a run card for every incident type × grade, using only modules the roster carries', () => {
    const carried = new Set(pack.roster.flatMap((u) => u.modules));
    for (const type of INCIDENT_TYPES) {
      for (const grade of GRADES) {
        const cards = cfg.runCards.filter((c) => c.type === type && c.grade === grade);
        expect(cards, `${type} ${grade}`).toHaveLength(1);
        for (const n of must(cards[0], `${type} ${grade}`).needs)
          expect(carried.has(n.module), n.module).toBe(true);
      }
    }
    const hostageI = cfg.runCards.find((c) => c.type === 'hostage' && c.grade === 'I');
    expect(hostageI?.needs).toEqual(
      expect.arrayContaining([
        { module: 'swat', count: 2 },
        { module: 'negotiation', count: 1 },
      ]),
    );
  });

  it('sets the county rules the issue names', () => {
    expect(cfg.rules.maxDutyHours).toBe(12);
    expect(cfg.approvalRole).toEqual({
      I: 'supervisor',
      II: 'supervisor',
      III: 'commander',
      IV: 'commander',
    });
    expect(cfg.gradeTargets.I).toEqual({ startMin: 15, onSceneMin: 30 });
    expect(cfg.rules.batteryFloorPct).toMatchObject({ drone: 30, 'officer-pair': 25 });
    expect(cfg.travel.detourFactor).toBeGreaterThan(1);
    expect(cfg.shifts.startHours.length).toBeGreaterThan(0);
  });

  it('keeps reserves every station can hold with its whole roster available', () => {
    const pool = pack.roster.map((u) => ({
      id: u.id,
      callsign: u.callsign,
      kind: u.kind,
      stationId: u.stationId,
      jurisdictionId: u.stationId,
      modules: u.modules,
      lonLat: [0, 0] as const,
      status: 'available' as const,
      dutyHours: 0,
      batteryPct: undefined,
    }));
    const book = reserveBook(pool, cfg.rules.reserves);
    // Every group (of a kind or a reserved module) of every unit can hold its minimum.
    for (const u of pool) {
      for (const g of book.groupsOf(u)) {
        expect(g.available, `${u.stationId} ${g.kind ?? g.module ?? ''}`).toBeGreaterThanOrEqual(
          g.min,
        );
      }
    }
  });

  it('names a need for every police station area', () => {
    const police = pack.snapshot.stations.filter((s) => s.kind === 'police-station');
    expect(Object.keys(cfg.jurisdictionNeeds).sort()).toEqual(police.map((s) => s.id).sort());
  });
});

describe('support.json problems are named', () => {
  let dir = '';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const copy = (): string => {
    dir = mkdtempSync(join(tmpdir(), 'muster-support-pack-'));
    cpSync(join(REGIONS, 'kaihua'), join(dir, 'kaihua'), { recursive: true });
    return join(dir, 'kaihua', 'support.json');
  };
  const edit = (change: (j: Record<string, unknown>) => void): void => {
    const file = copy();
    const json = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    change(json);
    writeFileSync(file, JSON.stringify(json));
  };

  it('refuses a missing run card and an unknown station', () => {
    edit((j) => {
      j['runCards'] = (j['runCards'] as { type: string; grade: string }[]).filter(
        (c) => !(c.type === 'hostage' && c.grade === 'II'),
      );
    });
    expect(() => loadRegionPack(dir, 'kaihua')).toThrow(
      /support\.json: runCards: no run card for hostage II/,
    );
    edit((j) => {
      (j['reserves'] as unknown[]).push({ stationId: 'ps-atlantis', kind: 'drone', min: 1 });
    });
    expect(() => loadRegionPack(dir, 'kaihua')).toThrow(
      /support\.json: reserves\[\d+\]: unknown stationId "ps-atlantis"/,
    );
    edit((j) => {
      j['approvalRole'] = { I: 'mayor', II: 'supervisor', III: 'commander', IV: 'commander' };
    });
    expect(() => loadRegionPack(dir, 'kaihua')).toThrow(/support\.json: approvalRole\.I/);
  });

  it('takes a reserve of units carrying a module, and refuses a rule of both a kind and a module', () => {
    edit((j) => {
      (j['reserves'] as unknown[]).push({ stationId: 'ps-huabu', module: 'investigation', min: 1 });
    });
    expect(loadRegionPack(dir, 'kaihua').support.rules.reserves).toContainEqual({
      stationId: 'ps-huabu',
      module: 'investigation',
      min: 1,
    });
    edit((j) => {
      (j['reserves'] as unknown[]).push({
        stationId: 'ps-huabu',
        kind: 'patrol-car',
        module: 'investigation',
        min: 1,
      });
    });
    expect(() => loadRegionPack(dir, 'kaihua')).toThrow(
      /support\.json: reserves\[\d+\]: a reserve keeps units of a kind or units with a module: name exactly one of the two/,
    );
    edit((j) => {
      (j['reserves'] as unknown[]).push({ stationId: 'ps-huabu', module: 'juggling', min: 1 });
    });
    expect(() => loadRegionPack(dir, 'kaihua')).toThrow(/support\.json: reserves\[\d+\]\.module/);
  });

  it('carries the coverage term and bounded burden weights into the engine rules', () => {
    expect(cfg.coverage?.thresholdS).toBeGreaterThan(0);
    expect(cfg.coverage?.busyFraction).toBeGreaterThan(0);
    expect(cfg.coverage?.busyFraction).toBeLessThan(1);
    expect(cfg.rules.weights.coverageS).toBeGreaterThan(0);
    expect(cfg.rules.weights.etaWeight).toBeGreaterThan(0);
    // Minutes in the file, seconds in the engine.
    const file = JSON.parse(readFileSync(join(REGIONS, 'kaihua', 'support.json'), 'utf8')) as {
      coverage: { thresholdMin: number };
    };
    expect(cfg.coverage?.thresholdS).toBe(file.coverage.thresholdMin * 60);
    edit((j) => {
      j['coverage'] = { thresholdMin: 30, busyFraction: 1.5 };
    });
    expect(() => loadRegionPack(dir, 'kaihua')).toThrow(/support\.json: coverage\.busyFraction/);
    edit((j) => {
      delete j['coverage'];
    });
    expect(loadRegionPack(dir, 'kaihua').support.coverage).toBeUndefined();
  });

  it('falls back to generic defaults when a pack has no support.json', () => {
    rmSync(copy());
    const p = loadRegionPack(dir, 'kaihua');
    expect(p.support.runCards).toHaveLength(INCIDENT_TYPES.length * GRADES.length);
    expect(p.support.approvalRole.I).toBe('supervisor');
  });
});

describe('order and ack messages at the edge', () => {
  const unit = must(pack.roster[0], 'unit 0');
  const ctx: ParseContext = {
    devices: new Map<string, DeviceBinding>([[unit.deviceId, { idx: 0, unit }]]),
    nowMs: 1_800_000_000_000,
    maxFutureMs: 300_000,
    maxPastMs: 86_400_000,
  };
  const bytes = (v: unknown): Uint8Array => new TextEncoder().encode(JSON.stringify(v));
  const ack = { v: 1, orderId: 'sup-1:dispatch:x', tsMs: ctx.nowMs, state: 'accepted' };
  const order = {
    v: 1,
    orderId: 'o-1',
    tsMs: ctx.nowMs,
    type: 'dispatch',
    incidentId: 'inc-1',
    lonLat: [118.4, 29.1],
    issuer: { console: 'c', operator: 'op' },
    commander: 'cmd',
    expiresMs: ctx.nowMs + 15_000,
  };

  it('routes valid acks and orders, bound to the roster unit', () => {
    const a = parseDeviceMessage(ackTopic(unit.deviceId), bytes(ack), ctx);
    expect(a).toMatchObject({ ok: true, channel: 'ack', ack: { unitId: unit.id, payload: ack } });
    const o = parseDeviceMessage(orderTopic(unit.deviceId), bytes(order), ctx);
    expect(o).toMatchObject({ ok: true, channel: 'order', order: { unitId: unit.id } });
  });

  it('refuses bad ones with the telemetry reasons', () => {
    const reason = (topic: string, body: unknown): string | undefined => {
      const r = parseDeviceMessage(
        topic,
        typeof body === 'string' ? new TextEncoder().encode(body) : bytes(body),
        ctx,
      );
      return r.ok ? undefined : r.reason;
    };
    expect(reason(ackTopic(unit.deviceId), '{nope')).toBe('malformed-json');
    expect(reason(ackTopic(unit.deviceId), { ...ack, state: 'maybe' })).toBe('schema');
    expect(reason(orderTopic(unit.deviceId), { ...order, orderId: 'a/b' })).toBe('schema');
    expect(reason(ackTopic('not-in-roster'), ack)).toBe('unknown-device');
    expect(reason(ackTopic(unit.deviceId), { ...ack, tsMs: ctx.nowMs + 3_600_000 })).toBe(
      'timestamp-out-of-range',
    );
  });
});

describe('QoS 1 publish', () => {
  it('rejects at once when the link is not connected', async () => {
    const link = new MqttLink({
      url: 'mqtt://127.0.0.1:1',
      clientId: 't',
      onMessage: () => undefined,
    });
    await expect(link.publishQos1('a/b', 'x')).rejects.toThrow(/MQTT link offline: cannot publish/);
  });
});
