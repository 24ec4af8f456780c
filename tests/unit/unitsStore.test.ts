import { describe, expect, it, vi } from 'vitest';
import { createFakeApi } from '../../shared/contract/fakeApi';
import { decodeFrame, encodeFrame } from '../../shared/contract/frameCodec';
import type { StatusSnapshot } from '../../shared/domain/status';
import {
  LIVENESS,
  type Liveness,
  type UnitKind,
  type UnitSnapshot,
  type UnitsFrame,
} from '../../shared/domain/units';
import { KIND_COLORS, unitColor } from '../../renderer/src/state/unitColors';
import {
  applyFrame,
  applyFrames,
  countByLiveness,
  createUnitsStore,
  initUnits,
  livenessAt,
  type UnitsState,
} from '../../renderer/src/state/unitsStore';

function unit(
  i: number,
  kind: UnitKind,
  liveness: Liveness,
  lonLat: [number, number] | undefined,
): UnitSnapshot {
  return {
    unit: {
      id: `u${i}`,
      callsign: `城关${String(i).padStart(2, '0')}`,
      kind,
      stationId: 'ps-chengguan',
      deviceId: `dev-${i}`,
      modules: ['public-order'],
      persons: 2,
    },
    liveness,
    last: lonLat && {
      tsMs: 1_700_000_000_000 + i,
      lon: lonLat[0],
      lat: lonLat[1],
      headingDeg: 90,
      speedKmh: 30,
      batteryPct: 80,
      altM: undefined,
    },
  };
}

const ROSTER: UnitSnapshot[] = [
  unit(0, 'officer-pair', 'online', [118.4, 29.1]),
  unit(1, 'patrol-car', 'online', [118.41, 29.11]),
  unit(2, 'drone', 'stale', [118.42, 29.12]),
  unit(3, 'traffic-car', 'unknown', undefined),
];

interface Row {
  i: number;
  lon?: number;
  lat?: number;
  liveness?: Liveness;
  headingDeg?: number;
  batteryPct?: number;
}

function frame(seq: number, rows: Row[]): UnitsFrame {
  const n = rows.length;
  const f = {
    seq,
    tsMs: 1_700_000_100_000 + seq,
    idx: new Uint32Array(n),
    sampleTsMs: new Float64Array(n).fill(NaN),
    lon: new Float64Array(n).fill(NaN),
    lat: new Float64Array(n).fill(NaN),
    headingDeg: new Float32Array(n).fill(NaN),
    speedKmh: new Float32Array(n).fill(NaN),
    batteryPct: new Float32Array(n).fill(NaN),
    altM: new Float32Array(n).fill(NaN),
    liveness: new Uint8Array(n),
  };
  rows.forEach((r, k) => {
    f.idx[k] = r.i;
    f.lon[k] = r.lon ?? NaN;
    f.lat[k] = r.lat ?? NaN;
    f.headingDeg[k] = r.headingDeg ?? NaN;
    f.batteryPct[k] = r.batteryPct ?? NaN;
    f.liveness[k] = LIVENESS.indexOf(r.liveness ?? 'online');
    if (r.lon !== undefined) f.sampleTsMs[k] = f.tsMs;
  });
  return f;
}

const rgba = (s: UnitsState, i: number): number[] => [...s.fillColors.subarray(4 * i, 4 * i + 4)];
const lonLat = (s: UnitsState, i: number): number[] => [...s.positions.subarray(2 * i, 2 * i + 2)];

function copyColumns(s: UnitsState): Record<string, number[]> {
  return {
    positions: [...s.positions],
    fillColors: [...s.fillColors],
    liveness: [...s.liveness],
    hasFix: [...s.hasFix],
    headingDeg: [...s.headingDeg],
    batteryPct: [...s.batteryPct],
  };
}

describe('initUnits', () => {
  it('lays the roster out as typed columns sized for deck.gl', () => {
    const s = initUnits(ROSTER);
    expect(s.count).toBe(4);
    expect(s.positions).toBeInstanceOf(Float64Array);
    expect(s.positions).toHaveLength(8);
    expect(s.fillColors).toBeInstanceOf(Uint8Array);
    expect(s.fillColors).toHaveLength(16);
    expect(s.headingDeg).toHaveLength(4);
    expect(s.version).toBe(0);
    expect(s.order).toEqual([0, 1, 2, 3]);
    expect(lonLat(s, 1)).toEqual([118.41, 29.11]);
    expect(s.callsigns[2]).toBe('城关02');
  });

  it('colours by kind, dims by liveness and hides units without a fix', () => {
    const s = initUnits(ROSTER);
    expect(rgba(s, 0)).toEqual([...KIND_COLORS['officer-pair']]);
    expect(rgba(s, 1)).toEqual([...KIND_COLORS['patrol-car']]);
    expect(rgba(s, 2)).toEqual([...unitColor('drone', 'stale')]);
    expect(rgba(s, 2)).not.toEqual([...KIND_COLORS.drone]);
    expect(s.hasFix[3]).toBe(0);
    expect(rgba(s, 3)[3]).toBe(0);
  });
});

describe('applyFrame', () => {
  it('changes only the units listed in frame.idx', () => {
    const s0 = initUnits(ROSTER);
    const s1 = applyFrame(s0, frame(1, [{ i: 1, lon: 118.5, lat: 29.2, headingDeg: 180 }]));
    expect(lonLat(s1, 1)).toEqual([118.5, 29.2]);
    expect(s1.headingDeg[1]).toBe(180);
    for (const i of [0, 2, 3]) {
      expect(lonLat(s1, i)).toEqual(lonLat(s0, i));
      expect(rgba(s1, i)).toEqual(rgba(s0, i));
    }
    expect(s1.lastSeq).toBe(1);
  });

  it('increments the version and leaves the input state untouched', () => {
    const s0 = initUnits(ROSTER);
    const before = copyColumns(s0);
    const s1 = applyFrame(s0, frame(7, [{ i: 0, lon: 118.0, lat: 29.0, liveness: 'offline' }]));
    expect(s1.version).toBe(s0.version + 1);
    expect(s1).not.toBe(s0);
    expect(s1.positions).not.toBe(s0.positions);
    expect(s1.fillColors).not.toBe(s0.fillColors);
    expect(copyColumns(s0)).toEqual(before);
    expect(s0.version).toBe(0);
  });

  it('greys out a unit that goes offline and restores its colour when it is back', () => {
    const s0 = initUnits(ROSTER);
    const off = applyFrame(s0, frame(1, [{ i: 1, liveness: 'offline' }]));
    expect(livenessAt(off, 1)).toBe('offline');
    const [r, g, b, a] = rgba(off, 1) as [number, number, number, number];
    expect(a).toBeLessThan(255);
    // Grey: channels close to each other, unlike the saturated patrol-car blue.
    expect(Math.max(r, g, b) - Math.min(r, g, b)).toBeLessThan(30);
    expect(lonLat(off, 1)).toEqual(lonLat(s0, 1)); // last known position stays
    const back = applyFrame(off, frame(2, [{ i: 1, liveness: 'online' }]));
    expect(rgba(back, 1)).toEqual([...KIND_COLORS['patrol-car']]);
  });

  it('treats NaN as "not reported": earlier values stand', () => {
    const s0 = initUnits(ROSTER);
    const s1 = applyFrame(s0, frame(1, [{ i: 0, liveness: 'stale' }]));
    expect(lonLat(s1, 0)).toEqual([118.4, 29.1]);
    expect(s1.headingDeg[0]).toBe(90);
    expect(s1.batteryPct[0]).toBe(80);
    expect(livenessAt(s1, 0)).toBe('stale');
  });

  it('makes a unit visible on its first fix', () => {
    const s1 = applyFrame(initUnits(ROSTER), frame(1, [{ i: 3, lon: 118.3, lat: 29.0 }]));
    expect(s1.hasFix[3]).toBe(1);
    expect(rgba(s1, 3)).toEqual([...KIND_COLORS['traffic-car']]);
  });

  it('ignores indices beyond the loaded roster and unknown liveness codes', () => {
    const s0 = initUnits(ROSTER);
    const f = frame(1, [
      { i: 9, lon: 1, lat: 1 },
      { i: 0, lon: 118.45, lat: 29.15 },
    ]);
    f.liveness[1] = 200;
    const s1 = applyFrame(s0, f);
    expect(s1.positions).toHaveLength(8);
    expect(lonLat(s1, 0)).toEqual([118.45, 29.15]);
    expect(livenessAt(s1, 0)).toBe('online');
  });

  it('accepts frames decoded from the wire format', () => {
    const wire = decodeFrame(
      encodeFrame(frame(3, [{ i: 2, lon: 118.33, lat: 29.05, liveness: 'online' }])),
    );
    const s1 = applyFrame(initUnits(ROSTER), wire);
    expect(lonLat(s1, 2)).toEqual([118.33, 29.05]);
    expect(rgba(s1, 2)).toEqual([...KIND_COLORS.drone]);
  });

  it('applies a batch in order with a single version bump', () => {
    const s0 = initUnits(ROSTER);
    const s1 = applyFrames(s0, [
      frame(1, [{ i: 0, lon: 118.1, lat: 29.1 }]),
      frame(2, [{ i: 0, lon: 118.2, lat: 29.2 }]),
    ]);
    expect(s1.version).toBe(1);
    expect(lonLat(s1, 0)).toEqual([118.2, 29.2]);
    expect(applyFrames(s1, [])).toBe(s1);
  });

  it('writes each reported column of a unit and keeps the unreported ones, per column', () => {
    const s0 = initUnits(ROSTER);
    const f = frame(1, [
      { i: 0, lon: 118.5, lat: 29.2 },
      { i: 3, headingDeg: 45, liveness: 'unknown' },
    ]);
    f.speedKmh[0] = 42;
    f.altM[1] = 150;
    f.sampleTsMs[1] = 1_700_000_200_000;
    const s1 = applyFrame(s0, f);
    // Unit 0: position, speed and sample time reported; battery and heading not.
    expect(lonLat(s1, 0)).toEqual([118.5, 29.2]);
    expect(s1.speedKmh[0]).toBe(42);
    expect(s1.sampleTsMs[0]).toBe(f.tsMs);
    expect(s1.batteryPct[0]).toBe(80);
    expect(s1.headingDeg[0]).toBe(90);
    // Unit 3 (no fix yet): heading, altitude and sample time land, its position does not appear.
    expect(s1.headingDeg[3]).toBe(45);
    expect(s1.altM[3]).toBe(150);
    expect(s1.sampleTsMs[3]).toBe(1_700_000_200_000);
    expect(s1.hasFix[3]).toBe(0);
    expect(s1.knownHeadings).toBe(s0.knownHeadings + 1);
    expect(s1.headingVersion).not.toBe(s0.headingVersion);
    expect(s1.colorVersion).toBe(s0.colorVersion);
  });

  it('counts units by liveness', () => {
    expect(countByLiveness(initUnits(ROSTER))).toEqual({
      unknown: 1,
      online: 2,
      stale: 1,
      offline: 0,
    });
  });
});

describe('createUnitsStore', () => {
  function manualScheduler(): {
    schedule: (fn: () => void) => void;
    run: () => void;
    count: () => number;
  } {
    let pending: (() => void)[] = [];
    let scheduled = 0;
    return {
      schedule: (fn) => {
        scheduled++;
        pending.push(fn);
      },
      run: () => {
        const fns = pending;
        pending = [];
        for (const fn of fns) fn();
      },
      count: () => scheduled,
    };
  }

  it('coalesces frames into one update per scheduled flush', () => {
    const clock = manualScheduler();
    const store = createUnitsStore(clock.schedule);
    store.reset(ROSTER);
    const listener = vi.fn();
    store.subscribe(listener);
    const v0 = store.getSnapshot().version;

    store.push(frame(1, [{ i: 0, lon: 118.1, lat: 29.1 }]));
    store.push(frame(2, [{ i: 0, lon: 118.2, lat: 29.2 }]));
    store.push(frame(3, [{ i: 1, lon: 118.3, lat: 29.3 }]));
    expect(clock.count()).toBe(1);
    expect(listener).not.toHaveBeenCalled();
    expect(store.getSnapshot().version).toBe(v0);

    clock.run();
    expect(listener).toHaveBeenCalledTimes(1);
    const s = store.getSnapshot();
    expect(s.version).toBe(v0 + 1);
    expect(lonLat(s, 0)).toEqual([118.2, 29.2]);
    expect(lonLat(s, 1)).toEqual([118.3, 29.3]);
    // The snapshot is stable between changes, as useSyncExternalStore requires.
    expect(store.getSnapshot()).toBe(s);
  });

  it('writes batches into the same columns, versioning positions, colours and headings', () => {
    const clock = manualScheduler();
    const store = createUnitsStore(clock.schedule);
    store.reset(ROSTER);
    const s0 = store.getSnapshot();
    store.push(frame(1, [{ i: 0, lon: 118.5, lat: 29.2, headingDeg: 45 }]));
    clock.run();
    const s1 = store.getSnapshot();
    expect(s1).not.toBe(s0);
    expect(s1.positions).toBe(s0.positions);
    expect(s1.positions[0]).toBe(118.5);
    expect(s1.positions32[0]).toBe(Math.fround(118.5));
    expect(s1.version).toBe(s0.version + 1);
    expect(s1.colorVersion).toBe(s0.colorVersion); // moved, same colour
    expect(s1.headingVersion).not.toBe(s0.headingVersion);
    expect(s1.knownHeadings).toBe(s0.knownHeadings + (Number.isNaN(s0.headingDeg[0]) ? 1 : 0));
    store.push(frame(2, [{ i: 0, liveness: 'offline' }]));
    clock.run();
    const s2 = store.getSnapshot();
    expect(s2.colorVersion).not.toBe(s1.colorVersion);
    expect(s2.headingVersion).toBe(s1.headingVersion);
  });

  it('folds a backlog when no flush comes (hidden page) and still notifies once', () => {
    const clock = manualScheduler();
    const store = createUnitsStore(clock.schedule);
    store.reset(ROSTER);
    const listener = vi.fn();
    store.subscribe(listener);
    for (let k = 1; k <= 40; k++) store.push(frame(k, [{ i: 0, lon: 118 + k / 100, lat: 29 }]));
    expect(clock.count()).toBe(1);
    expect(store.getSnapshot().lastSeq).toBeGreaterThanOrEqual(32); // memory stays bounded
    clock.run();
    expect(listener).toHaveBeenCalledTimes(1);
    expect(lonLat(store.getSnapshot(), 0)).toEqual([118.4, 29]);
  });

  it('drops frames queued against the old roster on reset and bumps the version', () => {
    const clock = manualScheduler();
    const store = createUnitsStore(clock.schedule);
    store.reset(ROSTER);
    const v = store.getSnapshot().version;
    store.push(frame(1, [{ i: 0, lon: 1, lat: 1 }]));
    store.reset(ROSTER.slice(0, 2));
    clock.run();
    const s = store.getSnapshot();
    expect(s.count).toBe(2);
    expect(s.version).toBe(v + 1);
    expect(lonLat(s, 0)).toEqual([118.4, 29.1]);
  });

  it('is fed by ConsoleApi unitsFrame events and stops when unsubscribed', async () => {
    const status = {} as StatusSnapshot;
    const api = createFakeApi({ region: {} as never, units: ROSTER, status });
    const clock = manualScheduler();
    const store = createUnitsStore(clock.schedule);
    store.reset(await api.getUnits());
    const off = api.on('unitsFrame', (f) => store.push(f));
    api.emit('unitsFrame', frame(1, [{ i: 2, lon: 118.9, lat: 29.9 }]));
    clock.run();
    expect(lonLat(store.getSnapshot(), 2)).toEqual([118.9, 29.9]);
    off();
    expect(api.listenerCount('unitsFrame')).toBe(0);
    api.emit('unitsFrame', frame(2, [{ i: 2, lon: 1, lat: 1 }]));
    clock.run();
    expect(lonLat(store.getSnapshot(), 2)).toEqual([118.9, 29.9]);
  });
});
