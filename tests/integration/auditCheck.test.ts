// The support audit log is verified by a real core: at start, on request, and again after someone
// edits a stored step behind the append-only triggers (as a tamperer with the file would).
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { LonLat } from '../../shared/domain/region';
import { tempDir } from '../support/coreHarness';
import { FakeClock, must, startAt } from './supportHarness';

/** 1.5 km north of the Chengguan police station. */
const SCENE: LonLat = [118.40903, 29.15936];

describe('the support audit chain on a real core', () => {
  const cleanup: (() => Promise<unknown> | unknown)[] = [];
  afterEach(async () => {
    for (const fn of cleanup.splice(0).reverse()) await fn();
  });

  it('is verified at start and on request, finds an edited step, and says so after a restart', async () => {
    const tmp = tempDir('muster-audit-');
    cleanup.push(tmp.remove);
    const clock = new FakeClock();
    let core = await startAt(tmp.dir, clock);
    cleanup.push(() => core.stop());
    expect((await core.api.getStatus()).audit).toMatchObject({ ok: true, events: 0 });

    const inc = await core.api.createIncident({
      type: 'public-disorder',
      grade: 'IV',
      lonLat: SCENE,
      description: '',
      reporter: '',
    });
    const req = await core.api.requestSupport(inc.id);
    await core.api.rejectSupport(req.id, 'drill: not needed');
    const steps = await core.api.getSupportTimeline(req.id);
    expect(steps.length).toBeGreaterThanOrEqual(3);

    clock.advance(1_000);
    const intact = await core.api.verifyAudit();
    // Every event of the session's log: the incident, the request's changes and its steps.
    const logged = [...core.live.log.all()];
    expect(logged.length).toBeGreaterThan(steps.length);
    expect(intact).toMatchObject({ ok: true, events: logged.length, checkedMs: clock.now() });
    const head = intact.ok ? intact.headHash : '';
    expect(head).toMatch(/^[0-9a-f]{64}$/);
    expect((await core.api.getStatus()).audit).toEqual(intact);

    // A second connection drops the guard and rewrites the rejection's reason.
    const last = must(steps[steps.length - 1], 'last step');
    const raw = new Database(join(tmp.dir, 'muster.db'));
    raw.exec('DROP TRIGGER event_log_no_update');
    raw.prepare("UPDATE event_log SET reason = 'approved' WHERE seq = ?").run(last.seq);
    raw.close();
    expect(await core.api.verifyAudit()).toMatchObject({
      ok: false,
      badSeq: last.seq,
      fault: 'content',
      reason: 'hash does not match the event content',
    });

    // A console started on the edited store reports it from the start.
    await core.stop();
    core = await startAt(tmp.dir, clock);
    expect((await core.api.getStatus()).audit).toMatchObject({ ok: false, badSeq: last.seq });
  });
});
