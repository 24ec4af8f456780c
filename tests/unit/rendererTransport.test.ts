import { describe, expect, it } from 'vitest';
import { createFakeApi } from '../../shared/contract/fakeApi';
import type { TransportState, WebSocketLike } from '../../shared/contract/wsClient';
import type { RegionSnapshot } from '../../shared/domain/region';
import type { StatusSnapshot } from '../../shared/domain/status';
import { REJECT_REASONS } from '../../shared/domain/status';
import { createDebug } from '../../renderer/src/map/debug';
import {
  brokerRefusedBreakdown,
  newerStatus,
  rejectedBreakdown,
  rejectedTotal,
} from '../../renderer/src/state/statusView';
import { createUnitsStore } from '../../renderer/src/state/unitsStore';
import { localLinkStore, wsLinkStore } from '../../renderer/src/transport/linkStore';
import {
  TOKEN_STORAGE_KEY,
  isConsoleApi,
  pickApi,
  takeToken,
  type PickEnv,
  type StorageLike,
} from '../../renderer/src/transport/pickApi';

function memoryStorage(
  initial: Record<string, string> = {},
): StorageLike & { data: Record<string, string> } {
  const data = { ...initial };
  return {
    data,
    getItem: (k) => data[k] ?? null,
    setItem: (k, v) => {
      data[k] = v;
    },
    removeItem: (k) => {
      data[k] = '';
    },
  };
}

class FakeSocket implements WebSocketLike {
  static urls: string[] = [];
  static protocols: string[][] = [];
  binaryType = 'blob';
  readyState = 0;
  onopen: ((ev: unknown) => void) | null = null;
  onclose: ((ev: unknown) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  constructor(url: string, protocols: string[]) {
    FakeSocket.urls.push(url);
    FakeSocket.protocols.push(protocols);
  }
  send(): void {}
  close(): void {
    this.readyState = 3;
  }
}

function env(href: string, over: Partial<PickEnv> = {}): PickEnv & { replaced: string[] } {
  const replaced: string[] = [];
  return {
    href,
    origin: new URL(href).origin,
    storage: memoryStorage(),
    replaceUrl: (u) => replaced.push(u),
    muster: undefined,
    WebSocket: FakeSocket,
    replaced,
    ...over,
  };
}

const status = (
  tsMs: number,
  rejected: Partial<StatusSnapshot['rejected']> = {},
): StatusSnapshot => ({
  tsMs,
  broker: {
    url: 'mqtt://127.0.0.1:1883',
    embedded: true,
    state: 'connected',
    lastError: undefined,
  },
  msgsPerSec: 0,
  accepted: 0,
  rejected: {
    ...(Object.fromEntries(REJECT_REASONS.map((r) => [r, 0])) as StatusSnapshot['rejected']),
    ...rejected,
  },
  unitsOnline: 0,
  unitsTotal: 0,
  simulator: true,
  storeError: undefined,
});

describe('takeToken', () => {
  it('takes the token from the URL, keeps it for reloads and clears it from the address bar', () => {
    const e = env('http://wall:8080/?role=map&token=s3cret-token-value#top');
    expect(takeToken(e)).toBe('s3cret-token-value');
    expect((e.storage as ReturnType<typeof memoryStorage>).data[TOKEN_STORAGE_KEY]).toBe(
      's3cret-token-value',
    );
    expect(e.replaced).toEqual(['http://wall:8080/?role=map#top']);
  });

  it('falls back to the session copy on reload', () => {
    const e = env('http://wall:8080/', { storage: memoryStorage({ [TOKEN_STORAGE_KEY]: 'kept' }) });
    expect(takeToken(e)).toBe('kept');
    expect(e.replaced).toEqual([]);
  });

  it('has no token when neither the URL nor the session has one', () => {
    expect(takeToken(env('http://wall:8080/'))).toBeUndefined();
    const empty = env('http://wall:8080/?token=');
    expect(takeToken(empty)).toBeUndefined();
    expect(empty.replaced).toEqual(['http://wall:8080/']);
  });

  it('still works when storage refuses', () => {
    const refusing: StorageLike = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('denied');
      },
      removeItem: () => {
        throw new Error('denied');
      },
    };
    expect(takeToken(env('http://w/?token=abc', { storage: refusing }))).toBe('abc');
    expect(takeToken(env('http://w/', { storage: refusing }))).toBeUndefined();
    expect(takeToken(env('http://w/', { storage: undefined }))).toBeUndefined();
  });
});

describe('pickApi', () => {
  const fake = createFakeApi({ region: {} as RegionSnapshot, units: [], status: status(1) });

  it('uses the Electron preload bridge when present, without touching the URL', () => {
    const e = env('file:///app/index.html?token=zzz', { muster: fake });
    const picked = pickApi(e);
    expect(picked.kind).toBe('ipc');
    expect(picked.kind === 'ipc' && picked.api).toBe(fake);
    expect(e.replaced).toEqual([]);
  });

  it('refuses a window.muster that is not a ConsoleApi', () => {
    expect(isConsoleApi({ on: () => undefined })).toBe(false);
    expect(isConsoleApi(fake)).toBe(true);
    expect(() => pickApi(env('http://w/', { muster: { getRegion: 1 } }))).toThrow(
      /not a ConsoleApi/,
    );
  });

  it('reports a missing token instead of connecting', () => {
    FakeSocket.urls = [];
    expect(pickApi(env('http://w/')).kind).toBe('no-token');
    expect(FakeSocket.urls).toEqual([]);
  });

  it('connects over WebSocket to the page origin with the token', () => {
    FakeSocket.urls = [];
    FakeSocket.protocols = [];
    const picked = pickApi(env('https://console.local:8443/?token=t0k3n'));
    expect(picked.kind).toBe('ws');
    expect(FakeSocket.urls).toEqual(['wss://console.local:8443/api']);
    expect(FakeSocket.protocols).toEqual([['muster.v1', 'muster.token.t0k3n']]);
    if (picked.kind === 'ws') picked.api.close();
  });
});

describe('link stores', () => {
  it('counts reconnects only after a lost link comes back', () => {
    let emit: (s: TransportState) => void = () => undefined;
    const store = wsLinkStore({
      onTransport: (fn) => {
        emit = fn;
        return () => undefined;
      },
    });
    const seen: string[] = [];
    store.subscribe(() =>
      seen.push(`${store.getSnapshot().state}:${store.getSnapshot().reconnects}`),
    );
    expect(store.getSnapshot()).toEqual({ state: 'connecting', reconnects: 0, failures: 0 });
    for (const s of [
      'connecting',
      'open',
      'closed',
      'connecting',
      'closed',
      'connecting',
      'open',
    ] as const)
      emit(s);
    // Retries after a loss stay "lost" until one succeeds: no flicker back to "connecting".
    expect(seen).toEqual(['open:0', 'closed:0', 'closed:0', 'open:1']);
    expect(store.getSnapshot().failures).toBe(0);
  });

  it('keeps a refused token refused across retries, and counts each failed attempt', () => {
    let emit: (s: TransportState) => void = () => undefined;
    const store = wsLinkStore({
      onTransport: (fn) => {
        emit = fn;
        return () => undefined;
      },
    });
    for (const s of [
      'connecting',
      'open',
      'refused',
      'connecting',
      'refused',
      'connecting',
    ] as const)
      emit(s);
    expect(store.getSnapshot()).toEqual({ state: 'refused', reconnects: 0, failures: 2 });
    emit('open');
    expect(store.getSnapshot()).toEqual({ state: 'open', reconnects: 1, failures: 0 });
  });

  it('reports the IPC bridge as local', () => {
    expect(localLinkStore().getSnapshot()).toEqual({ state: 'local', reconnects: 0, failures: 0 });
  });
});

describe('status view', () => {
  it('totals and ranks rejected messages by reason', () => {
    const s = status(1, { schema: 3, 'unknown-device': 5, 'too-large': 1 });
    expect(rejectedTotal(s.rejected)).toBe(9);
    expect(rejectedBreakdown(s.rejected)).toEqual([
      { reason: 'unknown-device', count: 5 },
      { reason: 'schema', count: 3 },
      { reason: 'too-large', count: 1 },
    ]);
    expect(rejectedBreakdown(status(1).rejected)).toEqual([]);
  });

  it("ranks the embedded broker's refusals apart, and has none for an external broker", () => {
    const s = status(1);
    const refused = {
      'no-credentials': 2,
      'bad-credentials': 0,
      'unknown-device': 0,
      'bad-certificate': 0,
      'publish-denied': 7,
      'subscribe-denied': 0,
    };
    expect(brokerRefusedBreakdown({ ...s, broker: { ...s.broker, refused } })).toEqual([
      { reason: 'publish-denied', count: 7 },
      { reason: 'no-credentials', count: 2 },
    ]);
    expect(brokerRefusedBreakdown(s)).toEqual([]);
  });

  it('keeps the newer snapshot whatever the arrival order', () => {
    const older = status(100);
    const newer = status(200);
    expect(newerStatus(newer, older)).toBe(newer);
    expect(newerStatus(older, newer)).toBe(newer);
    expect(newerStatus(undefined, older)).toBe(older);
  });
});

describe('__musterDebug', () => {
  it('reports drawn units, the store version and positions, read-only', () => {
    let flush = (): void => undefined;
    const store = createUnitsStore((fn) => (flush = fn));
    const debug = createDebug(store);
    expect(debug.unitCount()).toBe(0);
    store.reset([
      {
        unit: {
          id: 'a',
          callsign: 'A',
          kind: 'drone',
          stationId: 's',
          deviceId: 'd',
          modules: [],
          persons: 0,
        },
        liveness: 'online',
        last: {
          tsMs: 1,
          lon: 118.1,
          lat: 29.1,
          headingDeg: undefined,
          speedKmh: undefined,
          batteryPct: undefined,
          altM: undefined,
        },
      },
      {
        unit: {
          id: 'b',
          callsign: 'B',
          kind: 'drone',
          stationId: 's',
          deviceId: 'e',
          modules: [],
          persons: 0,
        },
        liveness: 'unknown',
        last: undefined,
      },
    ]);
    expect(debug.unitCount()).toBe(1);
    expect(debug.samplePositions(5)).toEqual([
      [118.1, 29.1],
      [0, 0],
    ]);
    expect(debug.samplePositions(1)).toHaveLength(1);
    const v = debug.positionsVersion();
    store.push({
      seq: 1,
      tsMs: 2,
      idx: Uint32Array.of(1),
      sampleTsMs: Float64Array.of(2),
      lon: Float64Array.of(118.2),
      lat: Float64Array.of(29.2),
      headingDeg: Float32Array.of(NaN),
      speedKmh: Float32Array.of(NaN),
      batteryPct: Float32Array.of(NaN),
      altM: Float32Array.of(NaN),
      liveness: Uint8Array.of(1),
    });
    flush();
    expect(debug.positionsVersion()).toBe(v + 1);
    expect(debug.unitCount()).toBe(2);
    expect(Object.isFrozen(debug)).toBe(true);
    // Returned arrays are copies: writing to them cannot move a unit.
    const copy = debug.samplePositions(1);
    copy[0]?.fill(0);
    expect(copy).toEqual([[0, 0]]);
    expect(debug.samplePositions(1)).toEqual([[118.1, 29.1]]);
  });
});
