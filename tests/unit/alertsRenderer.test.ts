import { Layer } from '@deck.gl/core';
import { describe, expect, it } from 'vitest';
import { ALARM_PATTERN, readMuted, writeMuted } from '../../renderer/src/audio/alarmTone';
import {
  alertRingIndices,
  alertRingsLayerProps,
  buildLayers,
  LAYER_IDS,
} from '../../renderer/src/map/layers';
import {
  applyAlertEvent,
  createAlertsStore,
  EMPTY_ALERTS,
  resetAlerts,
  soundsAlarm,
} from '../../renderer/src/state/alertsStore';
import { initUnits } from '../../renderer/src/state/unitsStore';
import type { Alert, AlertKind } from '../../shared/domain/alerts';
import type { UnitSnapshot } from '../../shared/domain/units';

const T0 = 1_767_225_600_000;
const alert = (id: number, kind: AlertKind, unitId: string, extra: Partial<Alert> = {}): Alert => ({
  id,
  kind,
  unitId,
  raisedMs: T0 + id * 1_000,
  value: undefined,
  detail: undefined,
  clearedMs: undefined,
  ackedMs: undefined,
  ackedBy: undefined,
  ...extra,
});

describe('alerts state', () => {
  it('orders newest first and counts open alerts and their units', () => {
    const s = resetAlerts(EMPTY_ALERTS, [
      alert(1, 'low-battery', 'u0'),
      alert(3, 'sos', 'u2'),
      alert(2, 'heart-rate', 'u1', { ackedMs: T0, ackedBy: 'op' }),
    ]);
    expect(s.list.map((a) => a.id)).toEqual([3, 2, 1]);
    expect(s.openCount).toBe(2);
    expect([...s.openUnits].sort()).toEqual(['u0', 'u2']);
    expect([...s.sosUnits]).toEqual(['u2']);
  });

  it('a pushed change replaces the record with the same id and goes on top when new', () => {
    let s = resetAlerts(EMPTY_ALERTS, [alert(1, 'sos', 'u0')]);
    s = applyAlertEvent(s, { change: 'raised', alert: alert(2, 'offline', 'u1') });
    expect(s.list.map((a) => a.id)).toEqual([2, 1]);
    s = applyAlertEvent(s, {
      change: 'acked',
      alert: alert(1, 'sos', 'u0', { ackedMs: T0 + 9, ackedBy: 'op' }),
    });
    expect(s.list.map((a) => [a.id, a.ackedBy])).toEqual([
      [2, undefined],
      [1, 'op'],
    ]);
    expect(s.sosUnits.size).toBe(0);
    expect(s.openCount).toBe(1);
  });

  it('a late, older record does not undo an acknowledgement', () => {
    const acked = alert(1, 'sos', 'u0', { ackedMs: T0, ackedBy: 'op' });
    const s = resetAlerts(EMPTY_ALERTS, [acked]);
    const after = applyAlertEvent(s, { change: 'raised', alert: alert(1, 'sos', 'u0') });
    expect(after).toBe(s);
  });

  it('sounds for a new SOS or heart-rate alert only', () => {
    const s = resetAlerts(EMPTY_ALERTS, [alert(1, 'sos', 'u0')]);
    expect(soundsAlarm(s, { change: 'raised', alert: alert(2, 'sos', 'u1') })).toBe(true);
    expect(soundsAlarm(s, { change: 'raised', alert: alert(2, 'heart-rate', 'u1') })).toBe(true);
    expect(soundsAlarm(s, { change: 'raised', alert: alert(2, 'low-battery', 'u1') })).toBe(false);
    expect(soundsAlarm(s, { change: 'raised', alert: alert(1, 'sos', 'u0') })).toBe(false);
    expect(
      soundsAlarm(s, { change: 'cleared', alert: alert(3, 'sos', 'u0', { clearedMs: T0 }) }),
    ).toBe(false);
    // An SOS pressed again after it was released (reopened) sounds again.
    const released = resetAlerts(EMPTY_ALERTS, [alert(1, 'sos', 'u0', { clearedMs: T0 })]);
    expect(soundsAlarm(released, { change: 'raised', alert: alert(1, 'sos', 'u0') })).toBe(true);
  });

  it('the store notifies on change and reports whether to sound', () => {
    const store = createAlertsStore();
    let calls = 0;
    const off = store.subscribe(() => calls++);
    expect(store.push({ change: 'raised', alert: alert(1, 'sos', 'u0') })).toBe(true);
    expect(store.getSnapshot().openCount).toBe(1);
    store.reset([]);
    expect(calls).toBe(2);
    off();
    store.reset([alert(2, 'offline', 'u1')]);
    expect(calls).toBe(2);
  });
});

describe('mute setting', () => {
  it('round-trips through storage and survives a broken one', () => {
    const mem = new Map<string, string>();
    const storage = {
      getItem: (k: string) => mem.get(k) ?? null,
      setItem: (k: string, v: string) => void mem.set(k, v),
    };
    expect(readMuted(storage)).toBe(false);
    writeMuted(storage, true);
    expect(readMuted(storage)).toBe(true);
    writeMuted(storage, false);
    expect(readMuted(storage)).toBe(false);
    const broken = {
      getItem: (): string => {
        throw new Error('denied');
      },
      setItem: (): void => {
        throw new Error('denied');
      },
    };
    expect(readMuted(broken)).toBe(false);
    expect(() => writeMuted(broken, true)).not.toThrow();
  });

  it('the tone is short', () => {
    expect(Math.max(...ALARM_PATTERN.map((p) => p.startS))).toBeLessThan(1.5);
  });
});

describe('alert rings on the map', () => {
  const snaps: UnitSnapshot[] = [0, 1, 2, 3].map((i) => ({
    unit: {
      id: `u${i}`,
      callsign: `c${i}`,
      kind: 'patrol-car',
      stationId: 's',
      deviceId: `d${i}`,
      modules: [],
      persons: 2,
    },
    liveness: 'online',
    last:
      i === 3
        ? undefined
        : {
            tsMs: 1,
            lon: 118 + i,
            lat: 29,
            headingDeg: undefined,
            speedKmh: undefined,
            batteryPct: undefined,
            altM: undefined,
          },
  }));
  const units = initUnits(snaps);

  it('rings units with an open alert and a position, SOS last so it draws on top', () => {
    const s = resetAlerts(EMPTY_ALERTS, [
      alert(1, 'sos', 'u0'),
      alert(2, 'low-battery', 'u2'),
      alert(3, 'offline', 'u3'), // no position yet: no ring
      alert(4, 'sos', 'u1', { ackedMs: T0, ackedBy: 'op' }), // acknowledged: no ring
    ]);
    expect(alertRingIndices(units, s)).toEqual([2, 0]);
    const props = alertRingsLayerProps(units, s);
    expect(props.id).toBe(LAYER_IDS.alertRings);
    const color = props.getLineColor as unknown as (i: number) => number[];
    expect(color(0)).not.toEqual(color(2));
    expect((props.getPosition as unknown as (i: number) => number[])(2)).toEqual([120, 29]);
  });

  it('is in the stack, under the units, only while an alert is open', () => {
    const ids = (alerts: Parameters<typeof buildLayers>[0]['alerts']): string[] =>
      (
        buildLayers({ units, alerts, region: undefined, places: [], lang: 'en', zoom: 8 })
          .flat()
          .filter((l) => l instanceof Layer) as Layer[]
      ).map((l) => l.id);
    expect(ids(EMPTY_ALERTS)).not.toContain(LAYER_IDS.alertRings);
    const open = ids(resetAlerts(EMPTY_ALERTS, [alert(1, 'sos', 'u0')]));
    expect(open.indexOf(LAYER_IDS.alertRings)).toBeGreaterThanOrEqual(0);
    expect(open.indexOf(LAYER_IDS.alertRings)).toBeLessThan(open.indexOf(LAYER_IDS.units));
  });
});

describe('reloading the list', () => {
  it('keeps pushed changes that crossed the answer, drops what the answer no longer has', () => {
    let s = resetAlerts(EMPTY_ALERTS, [alert(1, 'sos', 'u0'), alert(2, 'offline', 'u1')]);
    // Pushed while the query was in flight: alert 1 acknowledged, alert 5 raised.
    s = applyAlertEvent(s, {
      change: 'acked',
      alert: alert(1, 'sos', 'u0', { ackedMs: T0, ackedBy: 'op' }),
    });
    s = applyAlertEvent(s, { change: 'raised', alert: alert(5, 'sos', 'u3') });
    const acked2 = alert(2, 'offline', 'u1', { clearedMs: T0, ackedMs: T0, ackedBy: 'x' });
    const answer = [alert(1, 'sos', 'u0'), acked2]; // computed before both changes
    const after = resetAlerts(s, answer);
    expect(after.list.map((a) => [a.id, a.ackedBy])).toEqual([
      [5, undefined],
      [2, 'x'],
      [1, 'op'],
    ]);
    // An acknowledged alert missing from a later answer (older than 24 h) is dropped.
    expect(resetAlerts(after, [alert(5, 'sos', 'u3')]).list.map((a) => a.id)).toEqual([5]);
  });
});
