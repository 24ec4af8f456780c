import { describe, expect, it } from 'vitest';
import { noRejections, type StatusSnapshot } from '../../shared/domain/status';
import { NO_DATA_MS, STATUS_SILENCE_MS, stalenessOf } from '../../renderer/src/state/staleness';
import type { LinkSnapshot } from '../../renderer/src/transport/linkStore';

// "Staleness is impossible to miss" (issue 16): when a screen's picture is not current, and why.
const T = 1_767_225_600_000;
const open: LinkSnapshot = { state: 'open', reconnects: 0, failures: 0 };
const link = (state: LinkSnapshot['state']): LinkSnapshot => ({ ...open, state });
const live = (over: Partial<StatusSnapshot> = {}): StatusSnapshot => ({
  tsMs: T,
  dataMs: T - 1_000,
  broker: {
    url: 'mqtt://10.0.0.5:1883',
    embedded: false,
    state: 'connected',
    lastError: undefined,
  },
  msgsPerSec: 70,
  accepted: 1,
  rejected: noRejections(),
  unitsOnline: 71,
  unitsTotal: 71,
  simulator: false,
  storeError: undefined,
  ...over,
});
const heard = { firstMs: 0, lastMs: 100_000 };
const NOW = 100_500;

describe('stalenessOf', () => {
  it('is quiet while statuses come, the broker is up and data flows', () => {
    expect(stalenessOf(open, live(), heard, NOW)).toBeUndefined();
    expect(stalenessOf(link('local'), live(), heard, NOW)).toBeUndefined();
  });

  it('says the link is lost once it closes, or when statuses stop although it looks open', () => {
    expect(stalenessOf(link('closed'), live(), heard, NOW)).toEqual({
      reason: 'link-lost',
      dataMs: T - 1_000,
    });
    // Reconnecting after it had been heard from: still lost.
    expect(stalenessOf(link('connecting'), live(), heard, NOW)?.reason).toBe('link-lost');
    // A hung core: an open socket, no status for longer than STATUS_SILENCE_MS.
    const silent = heard.lastMs + STATUS_SILENCE_MS + 1;
    expect(stalenessOf(open, live(), heard, silent)?.reason).toBe('link-lost');
    expect(stalenessOf(link('local'), live(), heard, silent)?.reason).toBe('link-lost');
  });

  it('says the token is refused, before anything else', () => {
    expect(stalenessOf(link('refused'), live(), heard, NOW)?.reason).toBe('token-refused');
    expect(stalenessOf(link('refused'), undefined, undefined, NOW)).toEqual({
      reason: 'token-refused',
      dataMs: undefined,
    });
  });

  it('names the broker and its last error when the broker is down', () => {
    const down = live({
      broker: {
        url: 'mqtt://10.0.0.5:1883',
        embedded: false,
        state: 'reconnecting',
        lastError: 'connect ECONNREFUSED 10.0.0.5:1883',
      },
    });
    expect(stalenessOf(open, down, heard, NOW)).toEqual({
      reason: 'broker-down',
      dataMs: T - 1_000,
      brokerUrl: 'mqtt://10.0.0.5:1883',
      lastError: 'connect ECONNREFUSED 10.0.0.5:1883',
    });
  });

  it('says no data came for longer than the liveness threshold, unless the exercise is paused', () => {
    const old = live({ dataMs: T - NO_DATA_MS - 1 });
    expect(stalenessOf(open, old, heard, NOW)).toEqual({
      reason: 'no-data',
      dataMs: T - NO_DATA_MS - 1,
    });
    expect(stalenessOf(open, live({ dataMs: T - NO_DATA_MS }), heard, NOW)).toBeUndefined();
    const paused = live({
      dataMs: T - 10 * NO_DATA_MS,
      clock: { mode: 'virtual', sessionMs: T, atMs: 0, speed: 1, paused: true },
    });
    expect(stalenessOf(open, paused, heard, NOW)).toBeUndefined();
    // Nothing ever received: flagged once the screen has waited that long.
    const never = live({ dataMs: undefined });
    expect(stalenessOf(open, never, { firstMs: NOW - 1_000, lastMs: NOW }, NOW)).toBeUndefined();
    expect(
      stalenessOf(open, never, { firstMs: NOW - NO_DATA_MS - 1, lastMs: NOW }, NOW)?.reason,
    ).toBe('no-data');
  });

  it('takes a replay as old by design: only its link matters', () => {
    const replay = live({
      session: { id: 'rp-1', kind: 'replay', name: 'n' },
      dataMs: T - 3_600_000,
      broker: { url: '', embedded: false, state: 'offline', lastError: undefined },
    });
    expect(stalenessOf(open, replay, heard, NOW)).toBeUndefined();
    expect(stalenessOf(link('closed'), replay, heard, NOW)?.reason).toBe('link-lost');
  });

  it('waits quietly while a screen first connects', () => {
    expect(stalenessOf(link('connecting'), undefined, undefined, NOW)).toBeUndefined();
    expect(stalenessOf(open, undefined, undefined, NOW)).toBeUndefined();
  });
});
