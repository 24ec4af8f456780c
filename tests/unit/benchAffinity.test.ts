import { spawn, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { canIsolate, pin, placement } from '../../bench/affinity';

/** The CPUs of a taskset list ("0,1", "0-3", "0-1,4"). */
function cpuSet(list: string): number[] {
  return list.split(',').flatMap((part) => {
    const [lo, hi = lo] = part.split('-').map(Number) as [number, number?];
    return Array.from({ length: (hi as number) - lo + 1 }, (_, i) => lo + i);
  });
}

/** The CPUs a process may run on now, as taskset reports them. */
function affinityOf(pid: number): number[] {
  const out = spawnSync('taskset', ['-c', '-p', String(pid)], { encoding: 'utf8' }).stdout;
  return cpuSet(out.trim().split(': ').pop() as string);
}

describe('bench:ingest CPU placement', () => {
  it('isolated gives the measured subscriber the upper half of the CPUs, the world the rest', () => {
    expect(placement('isolated', 2)).toEqual({ topology: 'isolated', world: '0', subscriber: '1' });
    expect(placement('isolated', 3)).toEqual({
      topology: 'isolated',
      world: '0',
      subscriber: '1-2',
    });
    expect(placement('isolated', 8)).toEqual({
      topology: 'isolated',
      world: '0-3',
      subscriber: '4-7',
    });
  });

  it('shared puts everything on every CPU', () => {
    expect(placement('shared', 2)).toEqual({ topology: 'shared', world: '0-1', subscriber: '0-1' });
    expect(placement('shared', 1)).toEqual({ topology: 'shared', world: '0', subscriber: '0' });
  });

  it.runIf(canIsolate())('pin moves a running process onto the given CPUs', async () => {
    const child = spawn('sleep', ['10'], { stdio: 'ignore' });
    try {
      const pid = child.pid as number;
      const isolated = placement('isolated');
      pin(pid, isolated.subscriber);
      expect(affinityOf(pid)).toEqual(cpuSet(isolated.subscriber));
      pin(pid, isolated.world);
      expect(affinityOf(pid)).toEqual(cpuSet(isolated.world));
      pin(pid, placement('shared').world);
      expect(affinityOf(pid)).toEqual(cpuSet(placement('shared').world));
    } finally {
      child.kill();
    }
  });
});
