import { describe, expect, it } from 'vitest';
import { Coalescer } from '../../electron/core/telemetry/Coalescer';
import { IngestCounters } from '../../electron/core/telemetry/IngestCounters';
import { Quarantine } from '../../electron/core/telemetry/Quarantine';
import type { TelemetrySample } from '../../electron/core/telemetry/sample';
import {
  LIVENESS_THRESHOLDS_MS,
  livenessOf,
  UnitTable,
} from '../../electron/core/telemetry/UnitTable';
import { REJECT_REASONS } from '../../shared/domain/status';
import { LIVENESS, type Liveness, type RosterUnit } from '../../shared/domain/units';

const T0 = 1_767_225_600_000;
const code = (l: Liveness): number => LIVENESS.indexOf(l);

function sample(
  unitIdx: number,
  tsMs: number,
  extra: Partial<TelemetrySample> = {},
): TelemetrySample {
  return {
    unitIdx,
    unitId: `u-${unitIdx}`,
    tsMs,
    receivedMs: tsMs + 100,
    lon: 118 + unitIdx / 100,
    lat: 29 + tsMs / 1e13,
    headingDeg: 45,
    speedKmh: 30,
    batteryPct: 75,
    altM: undefined,
    ...extra,
  };
}

function unit(i: number, kind: RosterUnit['kind']): RosterUnit {
  return {
    id: `u-${i}`,
    callsign: `C${i}`,
    kind,
    stationId: 'st',
    deviceId: `d-${i}`,
    modules: [],
    persons: 2,
  };
}

// idx 0 officer-pair (bodycam), 1 patrol-car (vehicle), 2 drone, 3 motorbike (vehicle)
const ROSTER = [
  unit(0, 'officer-pair'),
  unit(1, 'patrol-car'),
  unit(2, 'drone'),
  unit(3, 'motorbike'),
];

describe('Coalescer', () => {
  it('keeps every sample in arrival order and the newest per unit', () => {
    const c = new Coalescer();
    const a1 = sample(0, 1_000);
    const b1 = sample(1, 1_000);
    const a3 = sample(0, 3_000);
    const a2 = sample(0, 2_000); // late: arrives after a newer one
    for (const s of [a1, b1, a3, a2]) c.push(s);
    expect(c.pending).toBe(4);
    const batch = c.drain();
    expect(batch.samples).toEqual([a1, b1, a3, a2]);
    expect(batch.latest).toHaveLength(2);
    expect(batch.latest.find((s) => s.unitIdx === 0)).toBe(a3);
    expect(batch.latest.find((s) => s.unitIdx === 1)).toBe(b1);
  });

  it('keeps the first of two samples with the same timestamp', () => {
    const c = new Coalescer();
    const first = sample(0, 1_000, { lon: 118.1 });
    c.push(first);
    c.push(sample(0, 1_000, { lon: 118.9 }));
    expect(c.drain().latest).toEqual([first]);
  });

  it('starts empty after a drain and does not share arrays with the old batch', () => {
    const c = new Coalescer();
    c.push(sample(0, 1_000));
    const first = c.drain();
    expect(c.pending).toBe(0);
    expect(c.drain()).toEqual({ samples: [], latest: [] });
    c.push(sample(1, 2_000));
    expect(first.samples).toHaveLength(1);
    expect(first.samples[0]?.unitIdx).toBe(0);
    expect(c.drain().latest.map((s) => s.unitIdx)).toEqual([1]);
  });

  it('an older sample in a later tick is still reported as that tick’s latest (UnitTable filters it)', () => {
    const c = new Coalescer();
    c.push(sample(0, 5_000));
    c.drain();
    const old = sample(0, 1_000);
    c.push(old);
    expect(c.drain().latest).toEqual([old]);
  });
});

describe('livenessOf', () => {
  it('has the documented thresholds', () => {
    expect(LIVENESS_THRESHOLDS_MS).toEqual({
      bodycam: { stale: 30_000, offline: 120_000 },
      vehicle: { stale: 30_000, offline: 120_000 },
      drone: { stale: 10_000, offline: 30_000 },
    });
  });

  it.each([
    ['bodycam', 0, 'online'],
    ['bodycam', 29_999, 'online'],
    ['bodycam', 30_000, 'stale'],
    ['bodycam', 119_999, 'stale'],
    ['bodycam', 120_000, 'offline'],
    ['vehicle', 29_999, 'online'],
    ['vehicle', 30_000, 'stale'],
    ['vehicle', 120_000, 'offline'],
    ['drone', 9_999, 'online'],
    ['drone', 10_000, 'stale'],
    ['drone', 29_999, 'stale'],
    ['drone', 30_000, 'offline'],
    ['drone', -5_000, 'online'], // console clock behind the receive stamp (clock step)
  ] as const)('%s heard %d ms ago is %s', (kind, age, liveness) => {
    expect(livenessOf(kind, T0 - age, T0)).toBe(liveness);
  });

  it.each(['bodycam', 'vehicle', 'drone'] as const)('%s never heard is unknown', (kind) => {
    expect(livenessOf(kind, undefined, T0)).toBe('unknown');
  });
});

describe('UnitTable', () => {
  it('starts with every unit unknown and nothing to send', () => {
    const t = new UnitTable(ROSTER);
    expect(t.n).toBe(4);
    expect(t.takeFrame(T0)).toBeUndefined();
    t.refreshLiveness(T0);
    expect(t.takeFrame(T0)).toBeUndefined();
    expect(t.countOnline()).toBe(0);
    expect(t.snapshot()).toEqual(
      ROSTER.map((u) => ({ unit: u, liveness: 'unknown', last: undefined })),
    );
  });

  it('frames only the units that changed, with the sample values', () => {
    const t = new UnitTable(ROSTER);
    const s1 = sample(1, T0 - 500, {
      receivedMs: T0,
      headingDeg: 90.5,
      speedKmh: 61.25,
      batteryPct: 40,
    });
    const s2 = sample(2, T0 - 200, { receivedMs: T0, headingDeg: undefined, altM: 120 });
    t.applyLatest([s1, s2]);
    t.refreshLiveness(T0);
    const f = t.takeFrame(T0 + 1);
    expect(f).toBeDefined();
    if (!f) return;
    expect(f.seq).toBe(1);
    expect(f.tsMs).toBe(T0 + 1);
    expect(Array.from(f.idx)).toEqual([1, 2]);
    expect(Array.from(f.sampleTsMs)).toEqual([T0 - 500, T0 - 200]);
    expect(Array.from(f.lon)).toEqual([s1.lon, s2.lon]);
    expect(Array.from(f.lat)).toEqual([s1.lat, s2.lat]);
    expect(Array.from(f.headingDeg)).toEqual([90.5, NaN]); // undefined travels as NaN
    expect(Array.from(f.speedKmh)).toEqual([61.25, 30]);
    expect(Array.from(f.batteryPct)).toEqual([40, 75]);
    expect(Array.from(f.liveness)).toEqual([code('online'), code('online')]);
    expect(t.countOnline()).toBe(2);
    // Nothing changed since.
    expect(t.takeFrame(T0 + 2)).toBeUndefined();
  });

  it('moves each device kind through stale and offline at its own thresholds, framing only changes', () => {
    const t = new UnitTable(ROSTER);
    t.applyLatest([0, 1, 2].map((i) => sample(i, T0 - 100, { receivedMs: T0 })));
    t.refreshLiveness(T0);
    expect(Array.from(t.takeFrame(T0)?.idx ?? [])).toEqual([0, 1, 2]);

    const step = (nowMs: number) => {
      t.refreshLiveness(nowMs);
      const f = t.takeFrame(nowMs);
      return f && { idx: Array.from(f.idx), liveness: Array.from(f.liveness, (c) => LIVENESS[c]) };
    };
    expect(step(T0 + 9_999)).toBeUndefined();
    expect(step(T0 + 10_000)).toEqual({ idx: [2], liveness: ['stale'] });
    expect(step(T0 + 29_999)).toBeUndefined();
    expect(step(T0 + 30_000)).toEqual({
      idx: [0, 1, 2],
      liveness: ['stale', 'stale', 'offline'],
    });
    expect(step(T0 + 119_999)).toBeUndefined();
    expect(step(T0 + 120_000)).toEqual({ idx: [0, 1], liveness: ['offline', 'offline'] });
    expect(t.countOnline()).toBe(0);
    // The never-heard motorbike (idx 3) stayed unknown and was never framed.
    expect(t.snapshot()[3]?.liveness).toBe('unknown');
  });

  it('marks a unit offline the moment its Last Will arrives, until a report received after it', () => {
    const t = new UnitTable(ROSTER);
    t.applyLatest([sample(0, T0 - 100, { receivedMs: T0 })]);
    t.refreshLiveness(T0);
    t.takeFrame(T0);
    t.reportStatus(0, false, T0 + 1_000, T0 + 1_000);
    expect(t.snapshot()[0]?.liveness).toBe('offline');
    expect(Array.from(t.takeFrame(T0 + 1_000)?.idx ?? [])).toEqual([0]);
    // A sample received before the will, applied after it (the next tick), keeps it offline.
    t.applyLatest([sample(0, T0 + 500, { receivedMs: T0 + 900 })]);
    t.refreshLiveness(T0 + 1_100);
    expect(t.snapshot()[0]?.liveness).toBe('offline');
    // One received after it brings the unit back.
    t.applyLatest([sample(0, T0 + 1_500, { receivedMs: T0 + 1_600 })]);
    t.refreshLiveness(T0 + 1_600);
    expect(t.snapshot()[0]?.liveness).toBe('online');
    // online:true or a deleted status lifts the mark as well.
    t.reportStatus(1, false, T0, T0);
    expect(t.snapshot()[1]?.liveness).toBe('offline');
    t.reportStatus(1, undefined, T0 + 10, T0 + 10);
    expect(t.snapshot()[1]?.liveness).toBe('unknown');
  });

  it('numbers frames consecutively', () => {
    const t = new UnitTable(ROSTER);
    const seqs: number[] = [];
    for (let k = 1; k <= 3; k++) {
      t.applyLatest([sample(0, T0 + k)]);
      seqs.push(t.takeFrame(T0 + k)?.seq ?? -1);
      expect(t.takeFrame(T0 + k)).toBeUndefined();
    }
    expect(seqs).toEqual([1, 2, 3]);
  });

  it('ignores an older or equal sample for position, but counts it as a sign of life', () => {
    const t = new UnitTable(ROSTER);
    const newest = sample(1, T0, { receivedMs: T0, lon: 118.5 });
    t.applyLatest([newest]);
    t.refreshLiveness(T0);
    t.takeFrame(T0);

    t.applyLatest([
      sample(1, T0 - 60_000, { receivedMs: T0 + 25_000, lon: 117 }),
      sample(1, T0, { receivedMs: T0 + 20_000, lon: 119 }),
    ]);
    expect(t.takeFrame(T0 + 25_000)).toBeUndefined();
    // 35 s after the first sample, but only 10 s after the late one arrived: still online.
    t.refreshLiveness(T0 + 35_000);
    expect(t.takeFrame(T0 + 35_000)).toBeUndefined();
    const snap = t.snapshot()[1];
    expect(snap?.liveness).toBe('online');
    expect(snap?.last?.tsMs).toBe(T0);
    expect(snap?.last?.lon).toBe(118.5);
    // It goes stale 30 s after the last receipt (T0 + 25 s), not after the first.
    t.refreshLiveness(T0 + 55_000);
    expect(Array.from(t.takeFrame(T0 + 55_000)?.liveness ?? [])).toEqual([code('stale')]);
  });

  it('a newer sample for an already-online unit is framed even though liveness did not change', () => {
    const t = new UnitTable(ROSTER);
    t.applyLatest([sample(0, T0, { receivedMs: T0 })]);
    t.refreshLiveness(T0);
    t.takeFrame(T0);
    t.applyLatest([sample(0, T0 + 1_000, { receivedMs: T0 + 1_000, lon: 118.77 })]);
    t.refreshLiveness(T0 + 1_000);
    const f = t.takeFrame(T0 + 1_000);
    expect(Array.from(f?.idx ?? [])).toEqual([0]);
    expect(f?.lon[0]).toBe(118.77);
    expect(f?.liveness[0]).toBe(code('online'));
  });

  it('snapshot carries the last position including altitude', () => {
    const t = new UnitTable(ROSTER);
    const s = sample(2, T0, { receivedMs: T0, altM: 87.5, batteryPct: undefined });
    t.applyLatest([s]);
    t.refreshLiveness(T0);
    expect(t.snapshot()[2]).toStrictEqual({
      unit: ROSTER[2],
      liveness: 'online',
      last: {
        tsMs: T0,
        lon: s.lon,
        lat: s.lat,
        headingDeg: 45,
        speedKmh: 30,
        batteryPct: undefined,
        altM: 87.5,
      },
    });
  });

  describe('restore()', () => {
    const stored = (tsMs: number, receivedMs: number) => {
      const { unitIdx: _unitIdx, ...rest } = sample(0, tsMs, { receivedMs });
      return rest;
    };

    it('derives liveness from the console clock without framing anything', () => {
      const t = new UnitTable(ROSTER);
      t.restore(0, stored(T0 - 6_000, T0 - 5_000), T0); // bodycam, 5 s ago
      t.restore(2, stored(T0 - 16_000, T0 - 15_000), T0); // drone, 15 s ago
      t.restore(1, stored(T0 - 500_000, T0 - 500_000), T0); // vehicle, long gone
      expect(t.snapshot().map((u) => u.liveness)).toEqual([
        'online',
        'offline',
        'stale',
        'unknown',
      ]);
      expect(t.snapshot()[0]?.last?.tsMs).toBe(T0 - 6_000);
      expect(t.countOnline()).toBe(1);
      expect(t.takeFrame(T0)).toBeUndefined();
      t.refreshLiveness(T0);
      expect(t.takeFrame(T0)).toBeUndefined();
    });

    it('then ignores samples older than the restored one and takes newer ones', () => {
      const t = new UnitTable(ROSTER);
      t.restore(0, stored(T0, T0), T0);
      t.applyLatest([sample(0, T0 - 1, { receivedMs: T0 + 1 })]);
      expect(t.takeFrame(T0 + 1)).toBeUndefined();
      t.applyLatest([sample(0, T0 + 1, { receivedMs: T0 + 2 })]);
      expect(Array.from(t.takeFrame(T0 + 2)?.sampleTsMs ?? [])).toEqual([T0 + 1]);
    });
  });
});

describe('Quarantine', () => {
  const bytes = (s: string) => new TextEncoder().encode(s);

  it('hands over what was refused since the last take, with a hex preview, then starts again', () => {
    const q = new Quarantine(3);
    expect(q.take()).toBeUndefined();
    q.add(
      T0,
      'muster/v1/devices/x/telemetry',
      Uint8Array.from([0, 15, 16, 255]),
      'schema',
      'v: bad',
    );
    expect(q.take()).toEqual({
      counts: [['schema', 1]],
      quarantined: [
        {
          receivedMs: T0,
          topic: 'muster/v1/devices/x/telemetry',
          reason: 'schema',
          detail: 'v: bad',
          previewHex: '000f10ff',
        },
      ],
    });
    expect(q.take()).toBeUndefined();
  });

  it('counts every refusal but keeps only the newest messages, oldest first', () => {
    const q = new Quarantine(200);
    for (let i = 0; i < 450; i++) q.add(i, 't', bytes(`${i}`), 'malformed-json', `#${i}`);
    q.add(450, 'u', bytes('x'), 'bad-topic', 'last');
    const batch = q.take();
    expect(batch?.counts).toEqual([
      ['malformed-json', 450],
      ['bad-topic', 1],
    ]);
    expect(batch?.quarantined).toHaveLength(200);
    expect(batch?.quarantined[0]?.detail).toBe('#251');
    expect(batch?.quarantined[199]?.detail).toBe('last');
  });
});

describe('IngestCounters', () => {
  it('starts at zero with a slot for every reject reason', () => {
    const c = new IngestCounters(T0);
    expect(c.received).toBe(0);
    expect(c.accepted).toBe(0);
    expect(c.rejectedTotal).toBe(0);
    expect(Object.keys(c.rejected).sort()).toEqual([...REJECT_REASONS].sort());
    expect(Object.values(c.rejected).every((v) => v === 0)).toBe(true);
    expect(c.ratePerSec(T0)).toBe(0);
  });

  it('counts rejects per reason and in total', () => {
    const c = new IngestCounters(T0);
    c.reject('schema');
    c.reject('schema');
    c.reject('too-large');
    expect(c.rejected.schema).toBe(2);
    expect(c.rejected['too-large']).toBe(1);
    expect(c.rejected['bad-topic']).toBe(0);
    expect(c.rejectedTotal).toBe(3);
  });

  it('reports the rate of the last whole one-second window', () => {
    const c = new IngestCounters(0);
    for (let i = 0; i < 10; i++) c.countMessage(i * 100); // 0..900
    expect(c.received).toBe(10);
    expect(c.ratePerSec(999)).toBe(0); // the first window is not complete yet
    expect(c.ratePerSec(1_000)).toBe(10);
    expect(c.ratePerSec(1_500)).toBe(10); // stays until the next window closes
    for (let i = 0; i < 5; i++) c.countMessage(1_100 + i * 100);
    expect(c.ratePerSec(2_000)).toBe(5);
    expect(c.received).toBe(15);
  });

  it('scales a window that closed late to per-second', () => {
    const c = new IngestCounters(0);
    for (let i = 0; i < 15; i++) c.countMessage(i * 10);
    expect(c.ratePerSec(1_500)).toBe(10);
  });

  it('a message exactly on the boundary belongs to the next window', () => {
    const c = new IngestCounters(0);
    c.countMessage(500);
    c.countMessage(1_000);
    expect(c.ratePerSec(1_000)).toBe(1);
    expect(c.ratePerSec(2_000)).toBe(1);
  });

  it('drops to 0 after a silent gap of more than a window', () => {
    const c = new IngestCounters(0);
    for (let i = 0; i < 20; i++) c.countMessage(i * 50);
    expect(c.ratePerSec(1_000)).toBe(20);
    expect(c.ratePerSec(3_500)).toBe(0);
    expect(c.ratePerSec(4_000)).toBe(0);
  });

  it('rolls windows from message arrivals alone', () => {
    const c = new IngestCounters(0);
    for (let t = 0; t < 5_000; t += 250) c.countMessage(t); // 4 per second, steadily
    expect(c.ratePerSec(5_000)).toBe(4);
    expect(c.received).toBe(20);
  });
});
