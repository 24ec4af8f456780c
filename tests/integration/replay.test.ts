// A replay of a recorded session: 10 minutes of an exercise recorded at 60x with its simulator,
// then opened read-only; at random instants the map's units are the recorded samples.
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConsoleCore } from '../../electron/core/ConsoleCore';
import type { ConsoleApi } from '../../shared/contract/ConsoleApi';
import type { UnitsFrame } from '../../shared/domain/units';
import { startCore, tempDir, waitFor } from '../support/coreHarness';

const MIN = 60_000;

describe('replay of a recorded exercise', () => {
  const tmp = tempDir('muster-replay-');
  let core: ConsoleCore;
  let exerciseId = '';

  beforeAll(async () => {
    core = await startCore(tmp.dir, { tickMs: 100 });
    const ex = await core.api.startExercise({ name: '回放测试', speed: 60 });
    exerciseId = ex.id;
    const api = core.apiFor(ex.id) as ConsoleApi;
    await api.controlClock({ type: 'resume' });
    const start = ex.clock?.sessionMs ?? 0;
    // An incident two minutes in, then ten minutes of exercise time in all (ten seconds at 60x).
    await waitFor(
      async () => (await api.getStatus()).tsMs - start,
      (ms) => ms >= 2 * MIN,
      20_000,
    );
    const inc = await api.createIncident({
      type: 'public-disorder',
      grade: 'IV',
      lonLat: [118.41, 29.14],
      description: 'recorded',
      reporter: '110',
    });
    expect(inc.drill).toBe(true);
    await waitFor(
      async () => (await api.getStatus()).tsMs - start,
      (ms) => ms >= 10 * MIN,
      20_000,
    );
    await api.controlClock({ type: 'pause' });
    await core.api.endExercise(ex.id);
  }, 60_000);
  afterAll(async () => {
    await core?.stop();
    tmp.remove();
  });

  it('shows every unit at its recorded sample, at 20 random instants of each of three seeds', async () => {
    const rp = await core.api.openReplay(exerciseId);
    expect(rp).toMatchObject({ kind: 'replay', state: 'running', name: '回放测试' });
    const api = core.apiFor(rp.id) as ConsoleApi;
    const status = await api.getStatus();
    expect(status.replay?.of).toMatchObject({ id: exerciseId, kind: 'exercise' });
    const { fromMs, toMs } = status.replay ?? { fromMs: 0, toMs: 0 };
    expect(toMs - fromMs).toBeGreaterThanOrEqual(10 * MIN);
    const frames: UnitsFrame[] = [];
    api.on('unitsFrame', (f) => frames.push(f));

    // The oracle: the recording itself, read with its own connection.
    const db = new Database(join(tmp.dir, 'exercises', `${exerciseId}.db`), { readonly: true });
    const at = db.prepare<[string, number], { ts_ms: number; lon: number; lat: number }>(
      `SELECT ts_ms, lon, lat FROM telemetry_sample WHERE unit_id = ? AND ts_ms <= ?
       ORDER BY ts_ms DESC LIMIT 1`,
    );
    const samples = db.prepare('SELECT count(*) AS n FROM telemetry_sample').get() as { n: number };
    expect(samples.n).toBeGreaterThan(500);
    try {
      // 20 random instants from each of three seeds: no one draw of instants decides it.
      const instants = [20261207, 7, 424242].flatMap((start) => {
        let seed = start;
        const random = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
        return Array.from({ length: 20 }, () => Math.round(fromMs + random() * (toMs - fromMs)));
      });
      for (const t of instants) {
        await api.controlClock({ type: 'seek', sessionMs: t });
        const units = await api.getUnits();
        const frame = frames[frames.length - 1];
        expect(frame?.tsMs).toBe(t);
        units.forEach((u, i) => {
          const want = at.get(u.unit.id, t);
          expect(u.last?.tsMs, `${u.unit.id} at ${t}`).toBe(want?.ts_ms);
          expect(u.last?.lon).toBe(want?.lon);
          expect(u.last?.lat).toBe(want?.lat);
          expect(frame?.idx[i]).toBe(i);
          expect(frame?.sampleTsMs[i]).toBe(want?.ts_ms ?? NaN);
        });
      }
    } finally {
      db.close();
    }
    // The incident exists from its creation on, not before.
    const marks = await api.listMarks();
    const created = marks.find((m) => m.kind === 'incident');
    expect(created).toBeDefined();
    await api.controlClock({ type: 'seek', sessionMs: (created?.tsMs ?? 0) - 1 });
    expect(await api.listIncidents()).toEqual([]);
    await api.controlClock({ type: 'seek', sessionMs: created?.tsMs ?? 0 });
    expect((await api.listIncidents()).map((i) => i.description)).toEqual(['recorded']);
    // Read-only: nothing a replay shows can be changed from it.
    await expect(
      api.createIncident({
        type: 'hostage',
        grade: 'I',
        lonLat: [118.41, 29.14],
        description: '',
        reporter: '',
      }),
    ).rejects.toThrow('a replay is read-only');
    await core.api.closeReplay(rp.id);
    expect(core.apiFor(rp.id)).toBeUndefined();
  });

  it('plays forward at its speed and stops at the end of the recording', async () => {
    const rp = await core.api.openReplay(exerciseId);
    const api = core.apiFor(rp.id) as ConsoleApi;
    const { toMs } = (await api.getStatus()).replay ?? { toMs: 0 };
    await api.controlClock({ type: 'seek', sessionMs: toMs - 30_000 });
    await api.controlClock({ type: 'speed', speed: 60 });
    await api.controlClock({ type: 'resume' });
    const end = await waitFor(
      async () => (await api.getStatus()).clock,
      (c) => c?.paused === true,
      5000,
    );
    expect(end?.sessionMs).toBe(toMs);
    await core.api.closeReplay(rp.id);
  });

  it('says so for an empty recording, a newer one, or an unknown session; live keeps running', async () => {
    const other = tempDir('muster-replay-empty-');
    const fresh = await startCore(other.dir);
    try {
      await expect(fresh.api.openReplay(fresh.live.info.id)).rejects.toThrow(
        /is empty: there is nothing to replay/,
      );
      await expect(fresh.api.openReplay('ex-nothinghere')).rejects.toThrow(
        'unknown session ex-nothinghere: nothing to replay',
      );
      // An exercise file from a newer build of the console.
      mkdirSync(join(other.dir, 'exercises'), { recursive: true });
      const newer = join(other.dir, 'exercises', 'ex-fromfuture1.db');
      copyFileSync(join(tmp.dir, 'exercises', `${exerciseId}.db`), newer);
      const db = new Database(newer);
      db.prepare("UPDATE session_meta SET session_id = 'ex-fromfuture1'").run();
      db.pragma('user_version = 99');
      db.close();
      await expect(fresh.api.openReplay('ex-fromfuture1')).rejects.toThrow(
        /made by a newer Muster \(schema 99/,
      );
      expect((await fresh.api.getStatus()).session?.kind).toBe('live');
    } finally {
      await fresh.stop();
      other.remove();
    }
  });
});
