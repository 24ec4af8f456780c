import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { BrokerSessionBook } from '../../electron/core/mqtt/BrokerSessionBook';
import { migrate } from '../../electron/core/store/migrate';
import { MIGRATIONS } from '../../electron/core/store/migrations';

const HOUR = 3_600_000;

function book(): BrokerSessionBook {
  const db = new Database(':memory:');
  migrate(db, MIGRATIONS);
  return new BrokerSessionBook(db, 'console-1', 24 * HOUR);
}

describe('BrokerSessionBook', () => {
  it('finds no gap at a first connect, nor when the broker kept the session', () => {
    const b = book();
    expect(b.connected('mqtt://a:1883', false, 1000)).toBeUndefined();
    expect(b.connected('mqtt://a:1883', true, 5000)).toBeUndefined();
  });

  it('a lost session is a gap from the last time the console knew it alive', () => {
    const b = book();
    b.connected('mqtt://a:1883', false, 1000);
    b.alive('mqtt://a:1883', 60_000);
    expect(b.connected('mqtt://a:1883', false, 90_000)).toEqual({
      brokerUrl: 'mqtt://a:1883',
      fromMs: 60_000,
      toMs: 90_000,
      expired: false,
    });
    // Noted: the next gap starts at this connect.
    expect(b.connected('mqtt://a:1883', false, 95_000)?.fromMs).toBe(90_000);
  });

  it('says when the console was away longer than the session expiry', () => {
    const b = book();
    b.connected('mqtt://a:1883', false, 0);
    expect(b.connected('mqtt://a:1883', false, 25 * HOUR)?.expired).toBe(true);
  });

  it('another broker never held this session', () => {
    const b = book();
    b.connected('mqtt://a:1883', false, 0);
    expect(b.connected('mqtt://b:1883', false, 1000)).toBeUndefined();
  });
});
