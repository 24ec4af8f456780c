// The MILP solver behind a small interface: HiGHS (WebAssembly) in production, fakes in tests.
import type { Highs } from 'highs';

export type MilpStatus = 'optimal' | 'infeasible' | 'time-limit' | 'error';

export interface MilpResult {
  readonly status: MilpStatus;
  /** The solver's own status text, for the fallback reason. */
  readonly detail: string;
  readonly objective: number;
  /** Primal values by column name (empty unless a solution exists). */
  readonly values: Readonly<Record<string, number>>;
}

export interface MilpSolver {
  readonly name: string;
  /** Solves a CPLEX-LP model. Synchronous; may throw when the solver itself fails. */
  solve(lp: string, timeLimitS: number): MilpResult;
}

export type HighsLoader = () => Promise<Pick<Highs, 'solve'>>;

const loadHighs: HighsLoader = async () => {
  const mod = await import('highs');
  return mod.default();
};

function statusOf(text: string): MilpStatus {
  if (text === 'Optimal') return 'optimal';
  if (text === 'Infeasible') return 'infeasible';
  if (text === 'Time limit reached') return 'time-limit';
  return 'error';
}

/**
 * Loads HiGHS once. After a solve throws, the WebAssembly instance may be left unusable (an
 * aborted Emscripten module stays aborted), so the wrapper drops it and loads a fresh one in the
 * background; until that finishes, solve() throws and the caller falls back to greedy.
 */
export async function loadHighsSolver(load: HighsLoader = loadHighs): Promise<MilpSolver> {
  let instance: Pick<Highs, 'solve'> | undefined = await load();
  let reloading: Promise<void> | undefined;
  const reload = (): void => {
    instance = undefined;
    reloading ??= load().then(
      (fresh) => {
        instance = fresh;
        reloading = undefined;
      },
      () => {
        // Stay unloaded; the next failure-free call will try again.
        reloading = undefined;
      },
    );
  };
  return {
    name: 'highs',
    solve(lp, timeLimitS) {
      if (!instance) {
        if (!reloading) reload();
        throw new Error('solver is reloading after a failure');
      }
      try {
        const r = instance.solve(lp, {
          time_limit: Math.max(0, timeLimitS),
          output_flag: false,
          // Near-exact optimum (1 ms of arrival on a 1,000 s objective): packages are compared by
          // score with greedy and with each other. A zero gap cost noticeably more branching.
          mip_rel_gap: 1e-6,
          mip_abs_gap: 1e-3,
        });
        const status = statusOf(r.Status);
        const values: Record<string, number> = {};
        if (status === 'optimal' || status === 'time-limit') {
          for (const [name, col] of Object.entries(r.Columns)) {
            if ('Primal' in col) values[name] = col.Primal;
          }
        }
        return { status, detail: r.Status, objective: r.ObjectiveValue, values };
      } catch (err) {
        reload();
        throw err;
      }
    },
  };
}
