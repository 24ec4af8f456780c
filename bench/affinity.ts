// CPU placement for the ingest benchmark. A county console does not host the broker or the
// devices: they run on other machines. On one build machine the benchmark can still keep them
// apart by pinning — the broker, the publisher and the bench driver ("the world") to one half of
// the CPUs, each measured subscriber to the other half — so (a) measures what the broker delivers
// and (b) whether the console keeps up with it, instead of how much CPU each subscriber takes
// from the publisher. The shared placement (everything on every CPU) is measured too.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpus } from 'node:os';

export type Topology = 'isolated' | 'shared';

export interface Placement {
  readonly topology: Topology;
  /** taskset CPU list for the broker, the publisher and the driver. */
  readonly world: string;
  /** taskset CPU list for the measured subscriber. */
  readonly subscriber: string;
}

/** The CPU list `lo-hi`, or one CPU. */
const range = (lo: number, hi: number): string => (lo === hi ? String(lo) : `${lo}-${hi}`);

/** Whether this machine can run the isolated placement: two CPUs or more and util-linux taskset. */
export function canIsolate(): boolean {
  return cpus().length >= 2 && spawnSync('taskset', ['-p', String(process.pid)]).status === 0;
}

/** Where each side runs with `n` CPUs: halves for isolated (the subscriber gets the upper half). */
export function placement(topology: Topology, n = cpus().length): Placement {
  if (topology === 'shared')
    return { topology, world: range(0, n - 1), subscriber: range(0, n - 1) };
  const half = Math.floor(n / 2);
  return { topology, world: range(0, half - 1), subscriber: range(half, n - 1) };
}

/** Moves every thread of a running process to `cpuList`; throws when taskset refuses. */
export function pin(pid: number, cpuList: string): void {
  execFileSync('taskset', ['-a', '-p', '-c', cpuList, String(pid)], { stdio: 'ignore' });
}

/** One line for the report: where everything ran. */
export function describe(p: Placement): string {
  return p.topology === 'isolated'
    ? `isolated: broker, publisher and driver on CPU ${p.world}; the measured subscriber alone on CPU ${p.subscriber}`
    : `shared: broker, publisher, driver and subscriber all on CPU ${p.world}`;
}
