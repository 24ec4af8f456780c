import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { ExerciseDraft, SessionSummary } from '../../../shared/domain/session';
import type { OperatorBook } from '../auth/OperatorBook';
import { openStore } from '../store/openStore';
import type { MilpSolver } from '../support/recommend';
import { Session } from './Session';
import { SessionClock } from './SessionClock';
import { newSessionId, sessionOfStore } from './sessionMeta';
import { connectSources, type SourceDeps } from './sources';

/** Where a console keeps its exercises' stores: one file per exercise, named by its session id. */
export function exercisesDir(dataDir: string): string {
  return join(dataDir, 'exercises');
}

export interface ExerciseDeps extends SourceDeps {
  readonly solver: MilpSolver | undefined;
  readonly operators: OperatorBook;
  /** The machine's clock: an exercise's time starts from it and runs against it. */
  readonly realNow: () => number;
}

/**
 * Opens a new exercise (演练): its own store file, its own MQTT namespace, its simulated units, and
 * a virtual clock that starts now, paused, at the draft's speed. Live is never touched: nothing of
 * the exercise is written to the live store or published on a live topic.
 */
export async function openExercise(deps: ExerciseDeps, draft: ExerciseDraft): Promise<Session> {
  const { config } = deps;
  const id = newSessionId('exercise');
  const db = openStore({
    file: join(exercisesDir(config.dataDir), `${id}.db`),
    nativeBinding: config.sqliteNativeBinding,
  });
  let session: Session | undefined;
  try {
    const startMs = deps.realNow();
    const info = sessionOfStore(db, { kind: 'exercise', name: draft.name, id }, startMs);
    const clock = SessionClock.virtual(startMs, deps.realNow);
    if (draft.speed !== undefined) clock.setSpeed(draft.speed);
    session = new Session({
      info: { id: info.id, kind: info.kind, name: info.name },
      clock,
      pack: deps.pack,
      travel: deps.travel,
      solver: deps.solver,
      db,
      nativeBinding: config.sqliteNativeBinding,
      operators: deps.operators,
      clientId: `${config.clientId}-${id}`,
      tickMs: config.tickMs,
      retentionHours: config.retentionHours,
      downsampleSec: config.downsampleSec,
      realNow: deps.realNow,
    });
    session.start();
    session.record('session-started', `exercise "${draft.name}" opened`, {
      name: draft.name,
      speed: clock.speed,
    });
    await connectSources(session, deps, { clientId: `${config.clientId}-${id}`, simulate: true });
    return session;
  } catch (err) {
    if (session) await session.stop();
    else db.close();
    throw err;
  }
}

/** A session as listed: live, an exercise, or a replay. */
export function summaryOf(
  session: {
    readonly info: Session['info'];
    readonly createdMs: number;
    readonly clock: Session['clock'];
  },
  state: SessionSummary['state'],
): SessionSummary {
  return {
    ...session.info,
    state,
    createdMs: session.createdMs,
    ...(state === 'running' ? { clock: session.clock.snapshot() } : {}),
  };
}

/**
 * Exercises stored on this console, read from their files (a file that cannot be read, e.g. one
 * written by a newer build, is left out and named on the console's error output).
 */
export function storedExercises(dataDir: string): SessionSummary[] {
  const dir = exercisesDir(dataDir);
  if (!existsSync(dir)) return [];
  const out: SessionSummary[] = [];
  for (const f of readdirSync(dir)
    .filter((n) => n.endsWith('.db'))
    .sort()) {
    let db: Database.Database | undefined;
    try {
      db = new Database(join(dir, f), { readonly: true, fileMustExist: true });
      const r = db
        .prepare<[], { session_id: string; kind: string; name: string; created_ms: number }>(
          "SELECT session_id, kind, name, created_ms FROM session_meta WHERE id = 1 AND kind = 'exercise'",
        )
        .get();
      if (r) {
        out.push({
          id: r.session_id,
          kind: 'exercise',
          name: r.name,
          state: 'ended',
          createdMs: r.created_ms,
        });
      }
    } catch (err) {
      console.error(`exercise store ${f} not readable:`, err instanceof Error ? err.message : err);
    } finally {
      db?.close();
    }
  }
  return out;
}
