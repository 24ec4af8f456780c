import { describe, expect, it } from 'vitest';
import { dispatchCommand } from '../../shared/contract/commandArgs';
import { createFakeApi } from '../../shared/contract/fakeApi';
import type { RegionSnapshot } from '../../shared/domain/region';
import type { StatusSnapshot } from '../../shared/domain/status';
import type { UnitPosition } from '../../shared/domain/units';

const track: UnitPosition[] = [1000, 2000, 3000].map((tsMs) => ({
  tsMs,
  lon: 118.4,
  lat: 29.1,
  headingDeg: undefined,
  speedKmh: undefined,
  batteryPct: undefined,
  altM: undefined,
}));

function fake() {
  return createFakeApi({
    region: { info: { id: 'kaihua' } } as RegionSnapshot,
    units: [],
    status: {} as StatusSnapshot,
    tracks: { u1: track },
  });
}

// Both host adapters (IPC in electron/main, WebSocket in electron/serve) call the core only here.
describe('dispatchCommand', () => {
  it('calls the named command with the parsed arguments', async () => {
    const api = fake();
    expect(await dispatchCommand(api, 'getTrack', ['u1', 1500, 3000])).toEqual(track.slice(1));
    expect(await dispatchCommand(api, 'getRegion', undefined)).toEqual({ info: { id: 'kaihua' } });
    expect(api.calls).toEqual(['getTrack', 'getRegion']);
  });

  it.each([
    ['__proto__', [], 'unknown command "__proto__"'],
    ['on', [], 'unknown command "on"'],
    [42, [], 'unknown command 42'],
    ['getTrack', ['u1', 3000, 1000], 'fromMs must not be after toMs'],
    ['getRegion', ['extra'], 'invalid arguments for getRegion'],
    ['getTrack', 'u1', 'invalid arguments for getTrack'],
  ])('refuses %j %j without reaching the core', async (name, args, message) => {
    const api = fake();
    await expect(dispatchCommand(api, name, args)).rejects.toThrow(message);
    expect(api.calls).toEqual([]);
  });
});
