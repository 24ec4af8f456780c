import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it, vi } from 'vitest';
import { QUARANTINE_LIST_MAX, REJECT_REASONS, type RejectReason } from '../../shared/domain/status';
import { DEVICE_KIND_OF, DEVICE_KINDS, type RosterUnit } from '../../shared/domain/units';
import { MAX_PAYLOAD_BYTES } from '../../shared/telemetry/schemas';
import { telemetryTopic } from '../../shared/telemetry/topics';
import { useCoreAndPublisher, waitFor } from '../support/coreHarness';
import { prng } from '../support/oracles';
import { payloadFor } from '../support/payloads';

// Fuzz of the ingest edge through the real broker: malformed traffic interleaved with valid
// samples. Every generated message carries the reason the generator expects, so the counters can
// be compared whole. Bad topics reach the console only through the `+` segment of the
// subscription (an id the contract does not allow); other topic shapes never arrive.

/** Malformed payloads to send; messages on a forbidden topic come on top of these. */
const BAD_PAYLOADS = 10_000;
const GOOD_EVERY = 4; // one valid sample after every 4 bad ones
const HEAP_BOUND_BYTES = 100 * 1024 * 1024;

type Expect = RejectReason | 'ok';

interface Msg {
  readonly topic: string;
  readonly body: string | Buffer;
  readonly expect: Expect;
  /** For a valid sample: what must be persisted. */
  readonly sample?: { readonly unitId: string; tsMs: number; lon: number; lat: number };
}

/** A forced collection when V8 lets us have one, so heap figures are comparable. */
function gcIfPossible(): boolean {
  try {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as (() => void) | undefined;
    if (typeof gc !== 'function') return false;
    gc();
    gc();
    return true;
  } catch {
    return false;
  }
}

function makeGenerator(seed: number, roster: readonly RosterUnit[], nowMs: number) {
  const rnd = prng(seed);
  const int = (n: number): number => Math.floor(rnd() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)] as T;
  const nextTs = new Map<string, number>();
  const lon = (): number => 118.2 + rnd() * 0.5;
  const lat = (): number => 28.9 + rnd() * 0.5;
  // Timestamps inside the accepted window, unique per unit (the store keys on (unit, ts)).
  const tsFor = (u: RosterUnit): number => {
    const t = nextTs.get(u.id) ?? nowMs - 2 * 3_600_000 + int(1000);
    nextTs.set(u.id, t + 1000 + int(500));
    return t;
  };
  const doc = (u: RosterUnit, tsMs = nowMs - 60_000): Record<string, unknown> =>
    payloadFor(u, tsMs, lon(), lat());
  const topicOf = (u: RosterUnit): string => telemetryTopic(u.deviceId);
  const nest = (depth: number, open: string, close: string, inner = '1'): string =>
    open.repeat(depth) + inner + close.repeat(depth);
  const printable = (n: number): string =>
    Array.from({ length: n }, () => String.fromCharCode(32 + int(95))).join('');

  const good = (): Msg => {
    const u = pick(roster);
    const tsMs = tsFor(u);
    const sample = { unitId: u.id, tsMs, lon: lon(), lat: lat() };
    const body = payloadFor(u, tsMs, sample.lon, sample.lat);
    const variant = int(10);
    let text = JSON.stringify(body);
    // Unknown fields are ignored by contract, however deep or long they are.
    if (variant === 0) text = `${text.slice(0, -1)},"extra":${nest(10_000, '[', ']')}}`;
    if (variant === 1) text = `${text.slice(0, -1)},"note":"${'z'.repeat(60_000)}"}`;
    return { topic: topicOf(u), body: text, expect: 'ok', sample };
  };

  const kinds: (() => Msg)[] = [
    // too-large: padded valid JSON, garbage, and the first byte past the limit.
    () => {
      const u = pick(roster);
      const n = MAX_PAYLOAD_BYTES + 1 + (int(4) === 0 ? 0 : int(40_000));
      const body =
        int(2) === 0
          ? Buffer.alloc(n, int(256))
          : `${JSON.stringify(doc(u)).slice(0, -1)},"pad":"${'p'.repeat(n)}"}`;
      return { topic: topicOf(u), body, expect: 'too-large' };
    },
    // malformed-json
    () => {
      const u = pick(roster);
      const base = JSON.stringify(doc(u));
      const lit = pick(['NaN', 'Infinity', '-Infinity', 'undefined', '0x1F', '.5', '01']);
      const bodies: (() => string | Buffer)[] = [
        () => base.replace(/"lon":[^,]+/, `"lon":${lit}`),
        () => base.slice(0, 1 + int(base.length - 1)),
        () =>
          Buffer.concat([
            Buffer.from([0xff]),
            Buffer.from(Array.from({ length: int(300) }, () => int(256))),
          ]),
        () => Buffer.from([0x7b, 0xed, 0xa0, 0x80, 0x7d]), // UTF-8 encoded lone surrogate
        () => `}${printable(int(200))}`,
        () => '',
        () => `${base}${base}`,
        () => nest(10_000, '[', ']').slice(0, -1),
        () => `{"v":1,"kind":"bodycam","tsMs":${nowMs},'lon':118}`,
      ];
      return { topic: topicOf(u), body: pick(bodies)(), expect: 'malformed-json' };
    },
    // schema: wrong types, overflow to Infinity, the wrong root, deep nesting, huge strings.
    () => {
      const u = pick(roster);
      const d = doc(u);
      const wrong: (() => string)[] = [
        () => JSON.stringify({ ...d, lat: 'north' }),
        () => JSON.stringify({ ...d, tsMs: String(d.tsMs) }),
        () => JSON.stringify({ ...d, v: pick([2, '1', 0, null, true]) }),
        () => JSON.stringify({ ...d, kind: pick(['tank', 5, null, 'BODYCAM', '']) }),
        () => JSON.stringify({ ...d, batteryPct: pick([101, -1, '80', true]) }),
        () => JSON.stringify({ ...d, tsMs: pick([0, -5, 1.5]) }),
        () => JSON.stringify({ ...d, lon: undefined }),
        () => JSON.stringify(d).replace(/"lon":[^,]+/, '"lon":1e999'),
        () => JSON.stringify(d).replace(/"tsMs":[^,]+/, '"tsMs":-1e999'),
        () => pick(['null', '42', '"telemetry"', 'true', '[]', '[1,2,3]', '{}']),
        () => JSON.stringify([d]),
        () => nest(10_000, '[', ']'),
        () => nest(10_000, '{"a":', '}'),
        () => JSON.stringify(d).replace(/"lat":[^,]+/, `"lat":${nest(10_000, '[', ']')}`),
        () => JSON.stringify({ ...d, lat: 'x'.repeat(60_000 + int(4000)) }),
        () => JSON.stringify({ ...d, headingDeg: pick([361, -0.1, 'east']) }),
      ];
      return { topic: topicOf(u), body: pick(wrong)(), expect: 'schema' };
    },
    // out-of-range
    () => {
      const u = pick(roster);
      const p = pick([
        [180.0001, 29],
        [-181, 29],
        [118, 90.5],
        [118, -1e6],
      ] as const);
      return {
        topic: topicOf(u),
        body: JSON.stringify({ ...doc(u), lon: p[0], lat: p[1] }),
        expect: 'out-of-range',
      };
    },
    // timestamp-out-of-range: far past and far future.
    () => {
      const u = pick(roster);
      const tsMs = pick([1, 1_000_000, nowMs - 3 * 86_400_000, nowMs + 10 * 86_400_000, 8.64e15]);
      return {
        topic: topicOf(u),
        body: JSON.stringify(doc(u, tsMs)),
        expect: 'timestamp-out-of-range',
      };
    },
    // unknown-device: a well-formed id nobody on the roster carries.
    () => {
      const u = pick(roster);
      const id = `ghost-${int(1e9).toString(36)}`;
      return { topic: telemetryTopic(id), body: JSON.stringify(doc(u)), expect: 'unknown-device' };
    },
    // kind-mismatch: valid JSON for another device kind.
    () => {
      const u = pick(roster);
      const kind = DEVICE_KIND_OF[u.kind];
      const other = pick(DEVICE_KINDS.filter((k) => k !== kind));
      const impostor = roster.find((r) => DEVICE_KIND_OF[r.kind] === other) ?? u;
      return { topic: topicOf(u), body: JSON.stringify(doc(impostor)), expect: 'kind-mismatch' };
    },
    // bad-topic: an id segment the contract forbids still matches the subscription's `+`.
    () => {
      const u = pick(roster);
      const id = pick(['has space', 'pct%41', 'x'.repeat(65), 'emoji-🚓', 'dollar$', 'semi;colon']);
      return {
        topic: `muster/v1/devices/${id}/telemetry`,
        body: JSON.stringify(doc(u)),
        expect: 'bad-topic',
      };
    },
  ];

  return { good, bad: (): Msg => pick(kinds)() };
}

describe('fuzz: malformed telemetry through the real broker', () => {
  const ctx = useCoreAndPublisher('muster-fuzz-');

  it('counts every bad message by reason, keeps every valid one, stays up and bounded', async () => {
    const { core, pub } = ctx;
    const errors = vi.spyOn(console, 'error');
    const roster = (await core.api.getUnits()).map((s) => s.unit);
    const gen = makeGenerator(20_261_124, roster, Date.now());
    const expected = Object.fromEntries(REJECT_REASONS.map((r) => [r, 0])) as Record<
      RejectReason,
      number
    >;
    const kept = new Map<string, { tsMs: number; lon: number; lat: number }[]>();
    const lastBad: RejectReason[] = [];
    let goodCount = 0;
    let bytes = 0;

    const exactGc = gcIfPossible();
    const heapBefore = process.memoryUsage().heapUsed;
    const t0 = performance.now();
    const WINDOW = 64; // QoS 1 publishes in flight
    let inFlight: Promise<unknown>[] = [];
    const send = async (m: Msg): Promise<void> => {
      bytes += typeof m.body === 'string' ? Buffer.byteLength(m.body) : m.body.length;
      inFlight.push(pub.publishAsync(m.topic, m.body, { qos: 1 }));
      if (inFlight.length >= WINDOW) {
        await Promise.all(inFlight);
        inFlight = [];
      }
    };
    let badCount = 0;
    for (let badPayloads = 0; badPayloads < BAD_PAYLOADS; badCount++) {
      const m = gen.bad();
      if (m.expect !== 'bad-topic') badPayloads++;
      expected[m.expect as RejectReason]++;
      lastBad.push(m.expect as RejectReason);
      if (lastBad.length > QUARANTINE_LIST_MAX) lastBad.shift();
      await send(m);
      if (badCount % GOOD_EVERY === GOOD_EVERY - 1) {
        const g = gen.good();
        const s = g.sample;
        if (!s) throw new Error('valid message without its sample');
        kept.set(s.unitId, [
          ...(kept.get(s.unitId) ?? []),
          { tsMs: s.tsMs, lon: s.lon, lat: s.lat },
        ]);
        goodCount++;
        await send(g);
      }
    }
    await Promise.all(inFlight);
    const total = badCount + goodCount;
    await waitFor(
      () => core.live.ingest.counters.received,
      (n) => n >= total,
      30_000,
    );
    core.live.tick();
    const elapsedMs = performance.now() - t0;

    // Zero crashes: the core answers and the link is up.
    const status = await core.api.getStatus();
    expect(status.broker.state).toBe('connected');
    expect(errors).not.toHaveBeenCalled();
    // Every bad message under the reason the generator predicted, and nothing else.
    expect(core.live.ingest.counters.received).toBe(total);
    expect(status.rejected).toEqual(expected);
    expect(status.accepted).toBe(goodCount);
    // The quarantine answers the newest bad messages, newest first, no more than its list size.
    const quarantined = await core.api.listQuarantine();
    expect(quarantined).toHaveLength(QUARANTINE_LIST_MAX);
    expect(quarantined.map((q) => q.reason).reverse()).toEqual(lastBad);
    // Every valid sample persisted with its values.
    expect(core.live.repo.sampleCount()).toBe(goodCount);
    for (const [unitId, samples] of kept) {
      const from = samples[0]?.tsMs ?? 0;
      const to = samples.at(-1)?.tsMs ?? 0;
      const track = await core.api.getTrack(unitId, from, to);
      expect(track.map((p) => ({ tsMs: p.tsMs, lon: p.lon, lat: p.lat }))).toEqual(samples);
    }

    const gcAfter = gcIfPossible();
    const heapGrowth = process.memoryUsage().heapUsed - heapBefore;
    console.info(
      `fuzz: ${badCount} bad (${BAD_PAYLOADS} malformed payloads) + ${goodCount} valid messages, ${(bytes / 1e6).toFixed(1)} MB, ` +
        `${(elapsedMs / 1000).toFixed(1)} s; heap growth ${(heapGrowth / 1e6).toFixed(1)} MB ` +
        `(${exactGc && gcAfter ? 'after forced GC' : 'no forced GC'}); rejected ${JSON.stringify(expected)}`,
    );
    expect(heapGrowth).toBeLessThan(HEAP_BOUND_BYTES);
    errors.mockRestore();
  }, 60_000);
});
