import { describe, expect, it } from 'vitest';
import {
  BATTERY_HYSTERESIS_PCT,
  evaluate,
  HEART_RATE,
  initialRuleState,
  LOW_BATTERY_PCT,
  type RuleInput,
  type UnitRuleState,
} from '../../electron/core/alerts/rules';
import type { TelemetrySample } from '../../electron/core/telemetry/sample';
import type { AlertKind } from '../../shared/domain/alerts';
import type { DeviceKind } from '../../shared/domain/units';
import { makeSample } from '../support/samples';

const T0 = 1_767_225_600_000;

function sample(tsMs: number, extra: Partial<TelemetrySample> = {}): RuleInput {
  return { type: 'sample', sample: makeSample('u1', tsMs, extra) };
}

const sosEvent = (tsMs: number, state: 'on' | 'off'): RuleInput => ({
  type: 'event',
  payload: { v: 1, tsMs, type: 'sos', state },
});

/** Runs inputs in order; returns the final state and every edge as "+kind" / "-kind". */
function run(
  inputs: readonly RuleInput[],
  kind: DeviceKind = 'bodycam',
  start?: UnitRuleState,
): { state: UnitRuleState; edges: string[] } {
  let state = start ?? initialRuleState(kind);
  const edges: string[] = [];
  for (const input of inputs) {
    const r = evaluate(state, input);
    state = r.next;
    for (const c of r.changes) edges.push(`${c.on ? '+' : '-'}${c.kind}`);
  }
  return { state, edges };
}

describe('SOS', () => {
  it('is raised by an event and cleared by its off event', () => {
    expect(run([sosEvent(T0, 'on'), sosEvent(T0 + 5_000, 'off')]).edges).toEqual(['+sos', '-sos']);
  });

  it('is raised by telemetry sos:true and not cleared by telemetry without the field', () => {
    const r = run([sample(T0, { sos: true }), sample(T0 + 1_000), sample(T0 + 2_000)]);
    expect(r.edges).toEqual(['+sos']);
    expect(r.state.active.has('sos')).toBe(true);
    expect(run([sample(T0, { sos: true }), sample(T0 + 1_000, { sos: false })]).edges).toEqual([
      '+sos',
      '-sos',
    ]);
  });

  it('a repeated on is one alert; an off older than the on is ignored', () => {
    expect(
      run([sosEvent(T0, 'on'), sosEvent(T0 + 1, 'on'), sosEvent(T0 - 10_000, 'off')]).edges,
    ).toEqual(['+sos']);
  });

  it('telemetry older than the SOS event does not clear it', () => {
    expect(run([sosEvent(T0, 'on'), sample(T0 - 500, { sos: false })]).edges).toEqual(['+sos']);
  });

  it('a late SOS (older than a newer reading) is still raised, cleared at once, with its press time', () => {
    const late = evaluate(run([sample(T0, { sos: false })]).state, sosEvent(T0 - 30_000, 'on'));
    expect(late.changes.map((c) => [c.on, c.kind, c.value, c.detail])).toEqual([
      [true, 'sos', T0 - 30_000, 'event-late'],
      [false, 'sos', T0 - 30_000, 'event-late'],
    ]);
    // A late release, or a late press while an SOS is open, changes nothing.
    expect(run([sample(T0, { sos: false }), sosEvent(T0 - 30_000, 'off')]).edges).toEqual([]);
    expect(run([sosEvent(T0, 'on'), sosEvent(T0 - 30_000, 'on')]).edges).toEqual(['+sos']);
  });

  it('a press buffered in late telemetry is raised once per press', () => {
    const r = run([
      sample(T0, { sos: false }),
      sample(T0 - 3_000, { sos: true }),
      sample(T0 - 2_000, { sos: true }),
      sample(T0 - 1_500, { sos: false }),
      sample(T0 - 1_000, { sos: true }),
    ]);
    expect(r.edges).toEqual(['+sos', '-sos', '+sos', '-sos']);
    // Late samples still drive nothing else.
    expect(r.state.lastSampleTsMs).toBe(T0);
  });

  it('a recording event raises nothing', () => {
    const r = run([{ type: 'event', payload: { v: 1, tsMs: T0, type: 'recording', state: 'on' } }]);
    expect(r.edges).toEqual([]);
  });
});

describe('low battery with hysteresis', () => {
  const battery = (pcts: number[], kind: DeviceKind = 'bodycam'): string[] =>
    run(
      pcts.map((p, i) => sample(T0 + i * 1_000, { batteryPct: p })),
      kind,
    ).edges;

  it('uses 20 % for body-cams and 25 % for drones', () => {
    expect(LOW_BATTERY_PCT).toEqual({ bodycam: 20, vehicle: undefined, drone: 25 });
    expect(battery([21, 20])).toEqual(['+low-battery']);
    expect(battery([26, 25.5])).toEqual([]);
    expect(battery([26, 25.5], 'drone')).toEqual([]);
    expect(battery([26, 25], 'drone')).toEqual(['+low-battery']);
    expect(battery([50, 3], 'vehicle')).toEqual([]);
  });

  it('does not flap on a reading wobbling around the threshold', () => {
    expect(battery([21, 20, 21, 19, 22, 20, 24.9, 20])).toEqual(['+low-battery']);
  });

  it(`clears only at threshold + ${BATTERY_HYSTERESIS_PCT} %, and can be raised again`, () => {
    expect(battery([19, 24, 25, 22, 20])).toEqual(['+low-battery', '-low-battery', '+low-battery']);
  });

  it('a status report carries battery too', () => {
    const r = run([
      { type: 'status', payload: { v: 1, tsMs: T0, online: true, batteryPct: 12 }, receivedMs: T0 },
    ]);
    expect(r.edges).toEqual(['+low-battery']);
  });

  it('a late sample (older than the newest applied) drives nothing', () => {
    expect(
      run([sample(T0, { batteryPct: 80 }), sample(T0 - 1_000, { batteryPct: 5 })]).edges,
    ).toEqual([]);
  });
});

describe('abnormal heart rate, sustained', () => {
  /** One reading every `stepMs` from T0. */
  const hr = (bpms: number[], stepMs = 5_000): string[] =>
    run(bpms.map((b, i) => sample(T0 + i * stepMs, { heartRateBpm: b }))).edges;

  it(`needs ${HEART_RATE.sustainMs / 1000} s out of range before raising`, () => {
    // 6 readings 5 s apart span 25 s: not yet; the 7th reaches 30 s.
    expect(hr([160, 160, 160, 160, 160, 160])).toEqual([]);
    expect(hr([160, 160, 160, 160, 160, 160, 160])).toEqual(['+heart-rate']);
    expect(hr([35, 35, 35, 35, 35, 35, 35])).toEqual(['+heart-rate']);
  });

  it('a brief sprint above 150 does not raise', () => {
    expect(hr([120, 165, 170, 160, 130, 165, 168, 170, 120])).toEqual([]);
  });

  it('the boundary values themselves are normal', () => {
    expect(hr([150, 150, 150, 150, 150, 150, 150, 150])).toEqual([]);
    expect(hr([40, 40, 40, 40, 40, 40, 40, 40])).toEqual([]);
  });

  it('a gap in readings restarts the run', () => {
    const inputs = [
      sample(T0, { heartRateBpm: 170 }),
      sample(T0 + 10_000, { heartRateBpm: 170 }),
      sample(T0 + 40_000, { heartRateBpm: 170 }), // 30 s gap > maxGapMs
    ];
    expect(run(inputs).edges).toEqual([]);
  });

  it('samples without a reading neither break nor extend the run', () => {
    const inputs = [
      sample(T0, { heartRateBpm: 170 }),
      sample(T0 + 5_000),
      sample(T0 + 10_000, { heartRateBpm: 170 }),
      sample(T0 + 20_000, { heartRateBpm: 170 }),
      sample(T0 + 30_000, { heartRateBpm: 170 }),
    ];
    expect(run(inputs).edges).toEqual(['+heart-rate']);
  });

  it('clears only back inside 45–140 bpm', () => {
    const raised = Array.from({ length: 7 }, () => 170);
    expect(hr([...raised, 145, 148, 141])).toEqual(['+heart-rate']);
    expect(hr([...raised, 145, 140])).toEqual(['+heart-rate', '-heart-rate']);
  });
});

describe('offline while assigned', () => {
  const live = (liveness: 'online' | 'stale' | 'offline' | 'unknown', assigned: boolean) =>
    ({ type: 'liveness', liveness, assigned }) as const;

  it('raises only for an assigned unit', () => {
    expect(run([live('offline', false)]).edges).toEqual([]);
    expect(run([live('offline', true)]).edges).toEqual(['+offline']);
    expect(run([live('stale', true), live('unknown', true)]).edges).toEqual([]);
  });

  it('clears when the device is back, or when the unit is released', () => {
    expect(run([live('offline', true), live('online', true)]).edges).toEqual([
      '+offline',
      '-offline',
    ]);
    expect(run([live('offline', true), live('offline', false)]).edges).toEqual([
      '+offline',
      '-offline',
    ]);
  });

  it('a Last Will (status online:false) counts as offline until telemetry arrives after it', () => {
    // The will carries its registration time, older than the telemetry sent since: arrival order counts.
    const will: RuleInput = {
      type: 'status',
      payload: { v: 1, tsMs: T0 - 60_000, online: false },
      receivedMs: T0 + 500,
    };
    expect(run([sample(T0), will, live('online', true)]).edges).toEqual(['+offline']);
    expect(
      run([sample(T0), will, live('online', true), sample(T0 + 2_000), live('online', true)]).edges,
    ).toEqual(['+offline', '-offline']);
    const back: RuleInput = {
      type: 'status',
      payload: { v: 1, tsMs: T0 + 5_000, online: true },
      receivedMs: T0 + 5_000,
    };
    expect(run([will, live('online', true), back, live('online', true)]).edges).toEqual([
      '+offline',
      '-offline',
    ]);
    // A sample received before the will but evaluated after it (at the next tick) does not clear it.
    const earlier = sample(T0 + 1_000, { receivedMs: T0 + 400 });
    expect(run([sample(T0), will, earlier, live('online', true)]).edges).toEqual(['+offline']);
    // Unassigned: the will alone raises nothing.
    expect(run([will, live('online', false)]).edges).toEqual([]);
    // The retained status deleted (an empty message) lifts it too.
    const deleted: RuleInput = { type: 'status', payload: undefined, receivedMs: T0 + 6_000 };
    expect(run([will, live('online', true), deleted, live('online', true)]).edges).toEqual([
      '+offline',
      '-offline',
    ]);
  });
});

describe('evaluate is pure', () => {
  it('never mutates the previous state and returns it unchanged when nothing happens', () => {
    const prev = initialRuleState('bodycam', ['sos'] as AlertKind[]);
    const frozen = JSON.stringify({ ...prev, active: [...prev.active] });
    const r = evaluate(prev, sosEvent(T0, 'off'));
    expect(r.changes.map((c) => c.kind)).toEqual(['sos']);
    expect(JSON.stringify({ ...prev, active: [...prev.active] })).toBe(frozen);
    const idle = evaluate(prev, { type: 'liveness', liveness: 'online', assigned: false });
    expect(idle.next).toBe(prev);
    expect(idle.changes).toEqual([]);
  });
});
