import { describe, expect, it } from 'vitest';
import {
  parseDeviceMessage,
  type DeviceBinding,
  type ParseContext,
} from '../../electron/core/telemetry/parseTelemetry';
import { createFakeApi } from '../../shared/contract/fakeApi';
import { alertState, isOpenAlert, type Alert } from '../../shared/domain/alerts';
import type { RosterUnit } from '../../shared/domain/units';
import {
  deviceEventPayload,
  deviceStatusPayload,
  MAX_PAYLOAD_BYTES,
} from '../../shared/telemetry/schemas';
import {
  CONSOLE_SUBSCRIPTIONS,
  eventTopic,
  parseDeviceTopic,
  statusTopic,
  TELEMETRY_SUBSCRIPTION,
} from '../../shared/telemetry/topics';

const NOW = 1_767_225_600_000;
const unit = (id: string, kind: RosterUnit['kind'], deviceId: string): RosterUnit => ({
  id,
  callsign: id,
  kind,
  stationId: 'st-1',
  deviceId,
  modules: [],
  persons: 1,
});
const CTX: ParseContext = {
  devices: new Map<string, DeviceBinding>([
    ['bc-1', { idx: 0, unit: unit('u-pair-1', 'officer-pair', 'bc-1') }],
    ['car-7', { idx: 1, unit: unit('u-car-7', 'patrol-car', 'car-7') }],
  ]),
  nowMs: NOW,
  maxFutureMs: 5_000,
  maxPastMs: 3_600_000,
};
const json = (o: unknown): Uint8Array => new TextEncoder().encode(JSON.stringify(o));

describe('topics', () => {
  it('subscribes to telemetry, events, status, order acks and orders', () => {
    expect(CONSOLE_SUBSCRIPTIONS).toEqual([
      TELEMETRY_SUBSCRIPTION,
      'muster/v1/devices/+/event',
      'muster/v1/devices/+/status',
      'muster/v1/devices/+/ack',
      'muster/v1/devices/+/order',
    ]);
  });

  it('builds and parses event and status topics', () => {
    expect(eventTopic('bc-1')).toBe('muster/v1/devices/bc-1/event');
    expect(statusTopic('bc-1')).toBe('muster/v1/devices/bc-1/status');
    expect(parseDeviceTopic('muster/v1/devices/bc-1/event')).toEqual({
      deviceId: 'bc-1',
      channel: 'event',
    });
    expect(parseDeviceTopic('muster/v1/devices/bc-1/status')?.channel).toBe('status');
    expect(parseDeviceTopic('muster/v1/devices/bc-1/telemetry')?.channel).toBe('telemetry');
    expect(() => eventTopic('a/b')).toThrow(/invalid device id/);
  });

  it.each([
    'muster/v1/devices/bc-1/events',
    'muster/v1/devices/bc 1/event',
    'muster/v1/devices//status',
    'muster/v2/devices/bc-1/event',
    'muster/v1/devices/bc-1/event/x',
    `muster/v1/devices/${'x'.repeat(65)}/status`,
  ])('refuses %s', (t) => {
    expect(parseDeviceTopic(t)).toBeUndefined();
  });
});

describe('event and status schemas', () => {
  it('accept the documented payloads and ignore extra fields', () => {
    expect(deviceEventPayload.parse({ v: 1, tsMs: NOW, type: 'sos', state: 'on', x: 1 })).toEqual({
      v: 1,
      tsMs: NOW,
      type: 'sos',
      state: 'on',
    });
    expect(
      deviceStatusPayload.parse({
        v: 1,
        tsMs: NOW,
        online: false,
        batteryPct: 50,
        firmware: '2.1',
      }),
    ).toEqual({ v: 1, tsMs: NOW, online: false, batteryPct: 50, firmware: '2.1' });
  });

  it.each([
    { v: 2, tsMs: NOW, type: 'sos', state: 'on' },
    { v: 1, tsMs: NOW, type: 'panic', state: 'on' },
    { v: 1, tsMs: NOW, type: 'sos', state: true },
    { v: 1, tsMs: NOW + 0.5, type: 'sos', state: 'on' },
    { v: 1, type: 'sos', state: 'on' },
  ])('event refuses %j', (p) => {
    expect(deviceEventPayload.safeParse(p).success).toBe(false);
  });

  it.each([
    { v: 1, tsMs: NOW, online: 'no' },
    { v: 1, tsMs: NOW, online: true, batteryPct: 101 },
    { v: 1, tsMs: NOW, online: true, firmware: '' },
    { v: 1, tsMs: NOW, online: true, firmware: 'x'.repeat(65) },
    { v: 1, tsMs: NOW },
  ])('status refuses %j', (p) => {
    expect(deviceStatusPayload.safeParse(p).success).toBe(false);
  });
});

describe('parseDeviceMessage routes by topic with the telemetry reject reasons', () => {
  it('binds an SOS event and a status report to the roster unit', () => {
    const ev = parseDeviceMessage(
      'muster/v1/devices/bc-1/event',
      json({ v: 1, tsMs: NOW, type: 'sos', state: 'on' }),
      CTX,
    );
    expect(ev).toEqual({
      ok: true,
      channel: 'event',
      event: {
        unitIdx: 0,
        unitId: 'u-pair-1',
        receivedMs: NOW,
        payload: { v: 1, tsMs: NOW, type: 'sos', state: 'on' },
      },
    });
    const st = parseDeviceMessage(
      'muster/v1/devices/car-7/status',
      json({ v: 1, tsMs: NOW, online: false }),
      CTX,
    );
    expect(st.ok && st.channel === 'status' && st.status.unitId).toBe('u-car-7');
  });

  it('carries body-cam SOS and heart rate on telemetry samples', () => {
    const r = parseDeviceMessage(
      'muster/v1/devices/bc-1/telemetry',
      json({ v: 1, kind: 'bodycam', tsMs: NOW, lon: 118, lat: 29, sos: true, heartRateBpm: 171 }),
      CTX,
    );
    expect(r.ok && r.channel === 'telemetry' && r.sample).toMatchObject({
      sos: true,
      heartRateBpm: 171,
    });
  });

  it.each([
    ['too-large', 'bc-1/event', new Uint8Array(MAX_PAYLOAD_BYTES + 1)],
    ['bad-topic', 'bc-1/alarm', json({ v: 1, tsMs: NOW, type: 'sos', state: 'on' })],
    ['malformed-json', 'bc-1/event', new Uint8Array([0x7b, 0xff])],
    ['schema', 'bc-1/event', json({ v: 1, tsMs: NOW, type: 'sos', state: 'maybe' })],
    ['schema', 'bc-1/status', json({ v: 1, tsMs: NOW })],
    [
      'timestamp-out-of-range',
      'bc-1/event',
      json({ v: 1, tsMs: NOW + 60_000, type: 'sos', state: 'on' }),
    ],
    ['timestamp-out-of-range', 'bc-1/status', json({ v: 1, tsMs: NOW + 60_000, online: true })],
    ['schema', 'bc-1/telemetry', json({ v: 1, kind: 'bodycam', tsMs: NOW, lon: null, lat: 29 })],
    ['unknown-device', 'nobody/event', json({ v: 1, tsMs: NOW, type: 'sos', state: 'on' })],
    ['kind-mismatch', 'car-7/telemetry', json({ v: 1, kind: 'drone', tsMs: NOW, lon: 1, lat: 1 })],
  ] as const)('%s: %s', (reason, suffix, payload) => {
    const r = parseDeviceMessage(`muster/v1/devices/${suffix}`, payload, CTX);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toBe(reason);
  });
});

describe('the device edge takes what the contract allows', () => {
  it('reads null in an optional field as "no reading" and keeps the report', () => {
    const r = parseDeviceMessage(
      'muster/v1/devices/bc-1/telemetry',
      json({
        v: 1,
        kind: 'bodycam',
        tsMs: NOW,
        lon: 118.4,
        lat: 29.1,
        batteryPct: null,
        sos: null,
      }),
      CTX,
    );
    expect(r).toMatchObject({ ok: true, channel: 'telemetry', sample: { lon: 118.4, lat: 29.1 } });
    expect(r.ok && r.channel === 'telemetry' && r.sample.batteryPct).toBeUndefined();
    const st = parseDeviceMessage(
      'muster/v1/devices/bc-1/status',
      json({ v: 1, tsMs: NOW, online: true, batteryPct: null, firmware: null }),
      CTX,
    );
    expect(st).toMatchObject({
      ok: true,
      channel: 'status',
      status: { payload: { online: true } },
    });
  });

  it('reads an empty retained status as the status deleted', () => {
    const r = parseDeviceMessage('muster/v1/devices/bc-1/status', new Uint8Array(0), CTX);
    expect(r).toEqual({
      ok: true,
      channel: 'status',
      status: { unitIdx: 0, unitId: 'u-pair-1', receivedMs: NOW, payload: undefined },
    });
    // Elsewhere an empty message is still malformed.
    const e = parseDeviceMessage('muster/v1/devices/bc-1/event', new Uint8Array(0), CTX);
    expect(!e.ok && e.reason).toBe('malformed-json');
  });

  it('judges a status (a Last Will registered days ago) by when it arrives', () => {
    const will = json({ v: 1, tsMs: NOW - 3 * 86_400_000, online: false });
    const r = parseDeviceMessage('muster/v1/devices/bc-1/status', will, CTX);
    expect(r).toMatchObject({ ok: true, channel: 'status', status: { receivedMs: NOW } });
  });
});

describe('alert state and the fake API', () => {
  const base: Alert = {
    id: 1,
    kind: 'sos',
    unitId: 'u1',
    raisedMs: NOW,
    value: undefined,
    detail: undefined,
    clearedMs: undefined,
    ackedMs: undefined,
    ackedBy: undefined,
  };

  it('derives the display state; only unacknowledged alerts are open', () => {
    expect(alertState(base)).toBe('active');
    expect(alertState({ ...base, clearedMs: NOW })).toBe('cleared');
    expect(alertState({ ...base, clearedMs: NOW, ackedMs: NOW, ackedBy: 'x' })).toBe('acked');
    expect(isOpenAlert({ ...base, clearedMs: NOW })).toBe(true);
    expect(isOpenAlert({ ...base, ackedMs: NOW })).toBe(false);
  });

  it('the fake API acknowledges once and refuses the second time', async () => {
    const api = createFakeApi({
      region: {} as never,
      units: [],
      status: {} as never,
      alerts: [base],
      operator: 'op',
    });
    await expect(api.ackAlert(1)).resolves.toMatchObject({ id: 1, ackedBy: 'op' });
    await expect(api.ackAlert(1)).rejects.toThrow('alert 1 is already acknowledged');
    await expect(api.ackAlert(2)).rejects.toThrow('unknown alert id 2');
    expect((await api.listAlerts())[0]?.ackedBy).toBe('op');
  });
});
