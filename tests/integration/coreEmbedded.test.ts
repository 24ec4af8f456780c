import { afterEach, describe, expect, it } from 'vitest';
import type { UnitsFrame } from '../../shared/domain/units';
import { telemetryTopic } from '../../shared/telemetry/topics';
import type { ConsoleCore } from '../../electron/core/ConsoleCore';
import { connectPublisher, startCore, tempDir, waitFor } from '../support/coreHarness';
import { payloadFor } from '../support/payloads';

describe('core + embedded broker + SQLite', () => {
  const cleanup: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const fn of cleanup.splice(0).reverse()) await fn();
  });

  it('persists every published sample, keeps the newest state per unit and emits frames', async () => {
    const tmp = tempDir();
    cleanup.push(tmp.remove);
    const core: ConsoleCore = await startCore(tmp.dir);
    cleanup.push(() => core.stop());
    const units = (await core.api.getUnits()).map((s) => s.unit).slice(0, 20);
    const frames: UnitsFrame[] = [];
    cleanup.push(core.api.on('unitsFrame', (f) => frames.push(f)));

    const pub = await connectPublisher(core);
    cleanup.push(() => pub.endAsync());
    const t0 = Date.now() - 60_000;
    const perUnit = 25;
    const expectedLast = new Map<string, { lon: number; lat: number; tsMs: number }>();
    for (let k = 0; k < perUnit; k++) {
      for (const [i, u] of units.entries()) {
        const tsMs = t0 + k * 1000;
        const lon = 118.3 + i * 0.001 + k * 0.0001;
        const lat = 29.1 + k * 0.0001;
        await pub.publishAsync(
          telemetryTopic(u.deviceId),
          JSON.stringify(payloadFor(u, tsMs, lon, lat)),
          { qos: 1 },
        );
        expectedLast.set(u.id, { lon, lat, tsMs });
      }
    }
    const total = units.length * perUnit;
    const accepted = await waitFor(
      () => core.live.ingest.counters.accepted,
      (n) => n >= total,
    );
    expect(accepted).toBe(total);
    core.live.tick();
    expect(core.live.repo.sampleCount()).toBe(total);

    const snap = await core.api.getUnits();
    for (const u of units) {
      const s = snap.find((x) => x.unit.id === u.id);
      expect(s?.liveness).toBe('online');
      expect(s?.last).toMatchObject(expectedLast.get(u.id) ?? {});
    }
    const first = units[0];
    if (!first) throw new Error('empty roster');
    const track = await core.api.getTrack(first.id, t0, t0 + perUnit * 1000);
    expect(track.map((p) => p.tsMs)).toEqual(
      Array.from({ length: perUnit }, (_, k) => t0 + k * 1000),
    );
    expect(track.at(-1)).toMatchObject(expectedLast.get(first.id) ?? {});
    expect(await core.api.getTrack(first.id, t0 + 1000, t0 + 2000)).toHaveLength(2);
    const seen = new Set<number>();
    for (const f of frames) for (const i of f.idx) seen.add(i);
    expect(seen.size).toBe(units.length);
    const status = await core.api.getStatus();
    expect(status.broker).toMatchObject({ embedded: true, state: 'connected' });
    expect(status.accepted).toBe(total);
    expect(status.unitsOnline).toBe(units.length);
  });

  it('keeps the latest state across a restart and ignores redelivered samples', async () => {
    const tmp = tempDir();
    cleanup.push(tmp.remove);
    let core = await startCore(tmp.dir);
    const unit = (await core.api.getUnits())[0]?.unit;
    if (!unit) throw new Error('empty roster');
    const pub = await connectPublisher(core);
    const tsMs = Date.now() - 5_000;
    const body = JSON.stringify(payloadFor(unit, tsMs, 118.41, 29.15));
    // The same sample twice, as a QoS 1 redelivery would bring it.
    await pub.publishAsync(telemetryTopic(unit.deviceId), body, { qos: 1 });
    await pub.publishAsync(telemetryTopic(unit.deviceId), body, { qos: 1 });
    await waitFor(
      () => core.live.ingest.counters.accepted,
      (n) => n >= 2,
    );
    await pub.endAsync();
    await core.stop();

    core = await startCore(tmp.dir);
    cleanup.push(() => core.stop());
    expect(core.live.repo.sampleCount()).toBe(1);
    const s = (await core.api.getUnits()).find((x) => x.unit.id === unit.id);
    expect(s?.last).toMatchObject({
      tsMs,
      lon: 118.41,
      lat: 29.15,
      batteryPct: expect.any(Number) as number,
    });
  });

  it('runs the built-in simulator end to end: every roster unit reports and moves', async () => {
    const tmp = tempDir();
    cleanup.push(tmp.remove);
    const core = await startCore(tmp.dir, { simulate: true, simRateHz: 4 });
    cleanup.push(() => core.stop());
    const total = (await core.api.getUnits()).length;
    expect(total).toBeGreaterThanOrEqual(60);
    const online = await waitFor(
      async () => (await core.api.getStatus()).unitsOnline,
      (n) => n === total,
      15_000,
    );
    expect(online).toBe(total);
    const first = new Map((await core.api.getUnits()).map((s) => [s.unit.id, s.last]));
    await new Promise((r) => setTimeout(r, 1500));
    const moved = (await core.api.getUnits()).filter((s) => {
      const a = first.get(s.unit.id);
      return a && s.last && (a.lon !== s.last.lon || a.lat !== s.last.lat);
    });
    expect(moved.length).toBeGreaterThan(total * 0.9);
    expect(core.live.repo.sampleCount()).toBeGreaterThan(total);
  });
});
