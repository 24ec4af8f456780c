import { join } from 'node:path';
import { asCaller, operatorCaller } from '../support/caller';
import type Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { AlertBook, AlertEngine } from '../../electron/core/alerts/AlertEngine';
import { openStore } from '../../electron/core/store/openStore';
import type { DeviceEvent } from '../../electron/core/telemetry/parseTelemetry';
import type { TelemetrySample } from '../../electron/core/telemetry/sample';
import { LIVENESS_THRESHOLDS_MS } from '../../electron/core/telemetry/UnitTable';
import {
  ALERT_ACKED_WINDOW_MS,
  ALERT_LIST_MAX,
  alertState,
  type Alert,
  type AlertEvent,
} from '../../shared/domain/alerts';
import type { RosterUnit } from '../../shared/domain/units';
import { tempDir } from '../support/coreHarness';
import { makeSample } from '../support/samples';
import { alertRepoOf } from '../support/repos';

const T0 = 1_767_225_600_000;

const unit = (id: string, kind: RosterUnit['kind']): RosterUnit => ({
  id,
  callsign: id,
  kind,
  stationId: 'st-1',
  deviceId: `dev-${id}`,
  modules: [],
  persons: 1,
});
const ROSTER = [
  unit('pair-1', 'officer-pair'),
  unit('car-1', 'patrol-car'),
  unit('uav-1', 'drone'),
];

function sample(
  unitId: string,
  tsMs: number,
  extra: Partial<TelemetrySample> = {},
): TelemetrySample {
  return makeSample(unitId, tsMs, {
    unitIdx: ROSTER.findIndex((u) => u.id === unitId),
    ...extra,
  });
}

const sos = (unitId: string, tsMs: number, state: 'on' | 'off'): DeviceEvent => ({
  unitIdx: ROSTER.findIndex((u) => u.id === unitId),
  unitId,
  receivedMs: tsMs,
  payload: { v: 1, tsMs, type: 'sos', state },
});

const dbs: Database.Database[] = [];
const dirs: { remove: () => void }[] = [];
afterEach(() => {
  for (const db of dbs.splice(0)) if (db.open) db.close();
  for (const d of dirs.splice(0)) d.remove();
});

function engine(file = ':memory:', assigned: ReadonlySet<string> = new Set()) {
  const db = openStore({ file });
  dbs.push(db);
  const repo = alertRepoOf(db);
  const events: AlertEvent[] = [];
  const e = asCaller(
    new AlertEngine({
      repo,
      roster: ROSTER,
      assignedUnits: () => assigned,
      emit: (ev) => events.push(ev),
    }),
    operatorCaller('值班员 张三', 'commander'),
  );
  return { db, repo, engine: e, events };
}

describe('AlertEngine lifecycle', () => {
  it('raises, persists and announces an SOS; clearing keeps it open until acknowledged', () => {
    const { repo, engine: e, events } = engine();
    e.onEvent(sos('pair-1', T0, 'on'), T0 + 10);
    expect(events.map((x) => x.change)).toEqual(['raised']);
    const raised = events[0]?.alert as Alert;
    expect(raised).toMatchObject({ kind: 'sos', unitId: 'pair-1', raisedMs: T0 + 10 });
    expect(repo.get(raised.id)).toEqual(raised);

    e.onEvent(sos('pair-1', T0 + 2_000, 'off'), T0 + 2_010);
    expect(events.map((x) => x.change)).toEqual(['raised', 'cleared']);
    const listed = e.list(T0 + 3_000);
    expect(listed).toHaveLength(1);
    expect(alertState(listed[0] as Alert)).toBe('cleared');
    expect(listed[0]?.clearedMs).toBe(T0 + 2_010);

    const acked = e.ack(raised.id, T0 + 5_000);
    expect(acked).toMatchObject({ id: raised.id, ackedMs: T0 + 5_000, ackedBy: '值班员 张三' });
    expect(events.at(-1)).toEqual({ change: 'acked', alert: acked });
    expect(repo.get(raised.id)).toEqual(acked);
  });

  it('refuses a second acknowledgement and an unknown id with clear errors', () => {
    const { engine: e } = engine();
    e.onEvent(sos('pair-1', T0, 'on'), T0);
    const id = e.list(T0)[0]?.id as number;
    e.ack(id, T0 + 1_000);
    expect(() => e.ack(id, T0 + 2_000)).toThrow(
      `alert ${id} was already acknowledged by 值班员 张三 at ${new Date(T0 + 1_000).toISOString()}`,
    );
    expect(() => e.ack(9_999, T0)).toThrow('unknown alert id 9999');
  });

  it('a cleared, unacknowledged alert is reopened rather than duplicated', () => {
    const { engine: e, events } = engine();
    for (let i = 0; i < 5; i++) {
      e.onEvent(sos('pair-1', T0 + i * 2_000, 'on'), T0 + i * 2_000);
      e.onEvent(sos('pair-1', T0 + i * 2_000 + 1_000, 'off'), T0 + i * 2_000 + 1_000);
    }
    expect(new Set(events.map((x) => x.alert.id)).size).toBe(1);
    expect(e.list(T0 + 20_000)).toHaveLength(1);
  });

  it('a drone hovering around 25 % battery for 40 minutes yields one alert, not one per dip', () => {
    const { engine: e, repo, events } = engine();
    // One report a second, the reading wandering between 21 % and 31 %: it crosses the threshold
    // and the hysteresis band again and again.
    for (let s = 0; s < 40 * 60; s++) {
      const pct = 26 + Math.round(5 * Math.sin(s / 37));
      e.onSamples([sample('uav-1', T0 + s * 1000, { batteryPct: pct })], T0 + s * 1000);
    }
    const shown = e.list(T0 + 40 * 60_000).filter((a) => a.kind === 'low-battery');
    expect(shown).toHaveLength(1);
    expect(shown[0]?.unitId).toBe('uav-1');
    // It did dip many times: each dip reopened the same alert.
    const raised = events.filter((x) => x.change === 'raised' && x.alert.kind === 'low-battery');
    expect(raised.length).toBeGreaterThan(5);
    expect(new Set(raised.map((x) => x.alert.id)).size).toBe(1);
    // The store holds that one too, not a row per crossing.
    expect(repo.list(T0 - 1, 1000).filter((a) => a.kind === 'low-battery')).toHaveLength(1);
  });

  it('after acknowledgement, a new occurrence is a new alert', () => {
    const { engine: e } = engine();
    e.onEvent(sos('pair-1', T0, 'on'), T0);
    const first = e.list(T0)[0] as Alert;
    e.ack(first.id, T0 + 100);
    e.onEvent(sos('pair-1', T0 + 200, 'off'), T0 + 200);
    e.onEvent(sos('pair-1', T0 + 300, 'on'), T0 + 300);
    const list = e.list(T0 + 400);
    expect(list.map((a) => [a.id, alertState(a)])).toEqual([
      [first.id + 1, 'active'],
      [first.id, 'acked'],
    ]);
  });

  it('an acknowledged alert whose condition holds is not re-raised by more readings', () => {
    const { engine: e, events } = engine();
    e.onSamples([sample('uav-1', T0, { batteryPct: 22 })], T0);
    const id = events[0]?.alert.id as number;
    e.ack(id, T0 + 1);
    e.onSamples([sample('uav-1', T0 + 1_000, { batteryPct: 21 })], T0 + 1_000);
    e.onSamples([sample('uav-1', T0 + 2_000, { batteryPct: 30 })], T0 + 2_000);
    expect(events.map((x) => `${x.change}:${x.alert.id}`)).toEqual([
      `raised:${id}`,
      `acked:${id}`,
      `cleared:${id}`,
    ]);
  });

  it('offline alerts follow liveness for assigned units only', () => {
    const { engine: e, events } = engine(':memory:', new Set(['car-1']));
    e.onSamples([sample('car-1', T0), sample('pair-1', T0)], T0);
    const offlineAt = T0 + LIVENESS_THRESHOLDS_MS.vehicle.offline;
    e.checkLiveness(offlineAt - 1);
    expect(events).toEqual([]);
    e.checkLiveness(offlineAt + 1_000);
    expect(events.map((x) => [x.change, x.alert.kind, x.alert.unitId])).toEqual([
      ['raised', 'offline', 'car-1'],
    ]);
    e.onSamples([sample('car-1', offlineAt + 2_000)], offlineAt + 2_000);
    e.checkLiveness(offlineAt + 2_000);
    expect(events.at(-1)?.change).toBe('cleared');
  });
  it('clears an offline alert when the unit is released, also after a restart', () => {
    const tmp = tempDir();
    dirs.push(tmp);
    const file = join(tmp.dir, 'muster.db');
    const assigned = new Set(['car-1']);
    const first = engine(file, assigned);
    first.engine.onSamples([sample('car-1', T0)], T0);
    const offlineAt = T0 + LIVENESS_THRESHOLDS_MS.vehicle.offline;
    first.engine.checkLiveness(offlineAt + 1_000);
    expect(first.events.map((x) => [x.change, x.alert.unitId])).toEqual([['raised', 'car-1']]);
    // Released while still silent: the condition no longer holds.
    assigned.delete('car-1');
    first.engine.checkLiveness(offlineAt + 2_000);
    expect(first.events.at(-1)?.change).toBe('cleared');
    // Raised again, then the console restarts with nobody assigned: the restored alert clears.
    assigned.add('car-1');
    first.engine.checkLiveness(offlineAt + 3_000);
    expect(first.events.at(-1)?.change).toBe('raised');
    first.db.close();
    const second = engine(file);
    second.engine.checkLiveness(offlineAt + 4_000);
    expect(second.events.map((x) => [x.change, x.alert.kind, x.alert.unitId])).toEqual([
      ['cleared', 'offline', 'car-1'],
    ]);
  });
});

describe('AlertEngine across a restart', () => {
  it('keeps open alerts and their condition state', () => {
    const tmp = tempDir();
    dirs.push(tmp);
    const file = join(tmp.dir, 'muster.db');
    const first = engine(file);
    first.engine.onEvent(sos('pair-1', T0, 'on'), T0);
    first.engine.onSamples([sample('uav-1', T0, { batteryPct: 10 })], T0);
    first.db.close();

    const second = engine(file);
    expect(second.engine.list(T0 + 1).map((a) => a.kind)).toEqual(['low-battery', 'sos']);
    // Still low: no duplicate. Recovered past the hysteresis: the restored alert clears.
    second.engine.onSamples([sample('uav-1', T0 + 1_000, { batteryPct: 12 })], T0 + 1_000);
    expect(second.events).toEqual([]);
    second.engine.onSamples([sample('uav-1', T0 + 2_000, { batteryPct: 90 })], T0 + 2_000);
    expect(second.events.map((x) => [x.change, x.alert.kind])).toEqual([
      ['cleared', 'low-battery'],
    ]);
    // New ids continue after the stored ones.
    second.engine.onEvent(sos('pair-1', T0 + 3_000, 'off'), T0 + 3_000);
    second.engine.onSamples([sample('pair-1', T0 + 4_000, { batteryPct: 5 })], T0 + 4_000);
    const ids = second.engine.list(T0 + 5_000).map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('AlertRepo.list', () => {
  const mk = (id: number, raisedMs: number, ackedMs?: number): Alert => ({
    id,
    kind: 'sos',
    unitId: `u${id}`,
    raisedMs,
    value: undefined,
    detail: undefined,
    clearedMs: undefined,
    ackedMs,
    ackedBy: ackedMs === undefined ? undefined : 'op',
  });

  it('returns open plus acknowledged in the window, newest first', () => {
    const { repo } = engine();
    const now = T0 + ALERT_ACKED_WINDOW_MS * 3;
    repo.save(
      [
        mk(1, T0, undefined), // open, very old: still listed
        mk(2, T0 + 10, T0 + 20), // acknowledged long ago: gone
        mk(3, now - 5_000, now - 1_000), // acknowledged recently
        mk(4, now - 3_000, undefined),
        mk(5, now - ALERT_ACKED_WINDOW_MS - 10, now - ALERT_ACKED_WINDOW_MS), // exactly at the edge
      ].map((alert) => ({ change: 'raised' as const, alert })),
      now,
    );
    expect(repo.list(now - ALERT_ACKED_WINDOW_MS, ALERT_LIST_MAX).map((a) => a.id)).toEqual([
      4, 3, 5, 1,
    ]);
    expect(repo.list(now - ALERT_ACKED_WINDOW_MS, 2).map((a) => a.id)).toEqual([4, 3]);
  });

  it('round-trips every field, undefined as NULL', () => {
    const { repo, db } = engine();
    const a: Alert = {
      ...mk(7, T0),
      kind: 'heart-rate',
      value: 171,
      detail: 'telemetry',
      clearedMs: T0 + 5,
    };
    repo.save([{ change: 'raised', alert: a }], T0);
    expect(repo.get(7)).toEqual(a);
    expect(db.prepare('SELECT acked_ms, acked_by FROM alert WHERE id = 7').get()).toEqual({
      acked_ms: null,
      acked_by: null,
    });
    expect(repo.maxId()).toBe(7);
  });

  it('serves both halves of the list from indexes', () => {
    const { db } = engine();
    const plan = db
      .prepare(
        `EXPLAIN QUERY PLAN SELECT * FROM (
           SELECT * FROM alert WHERE acked_ms IS NULL
           UNION ALL
           SELECT * FROM alert WHERE acked_ms IS NOT NULL AND acked_ms >= ?
         ) ORDER BY raised_ms DESC, id DESC LIMIT ?`,
      )
      .all(T0, 10) as { detail: string }[];
    const text = plan.map((r) => r.detail).join('\n');
    expect(text).toContain('alert_open');
    expect(text).toContain('alert_acked');
  });
});

describe('AlertBook', () => {
  it('keeps at most one live alert per unit and kind', () => {
    const book = new AlertBook(1);
    const on = { kind: 'sos', on: true, value: undefined, detail: 'event' } as const;
    const off = { ...on, on: false } as const;
    for (let i = 0; i < 100; i++) {
      const a = book.apply('u1', on, T0 + i);
      if (a) book.commit(a);
      const b = book.apply('u1', off, T0 + i);
      if (b) book.commit(b);
    }
    expect(book.size).toBe(1);
    expect(book.apply('u1', off, T0)).toBeUndefined();
  });
});
