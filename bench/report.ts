// The printed summary of an ingest benchmark run.
import { cpus } from 'node:os';
import type { Topology } from './affinity';
import type { BurstResult, PublisherDone, Qos, SoakResult, SubscriberRole } from './protocol';

export interface BurstPhase {
  /** Where it ran (bench/affinity.ts). */
  readonly topology: Topology;
  readonly role: SubscriberRole;
  readonly qos: Qos;
  /** Which interleaved repeat (1-based): a, b and c of one repeat run back to back. */
  readonly repeat: number;
  readonly messages: number;
  readonly publisher: PublisherDone & { readonly ratePerSec: number };
  readonly subscriber: BurstResult;
  /** Received (bare) or persisted (console, naive) per second, from the first publish. */
  readonly ratePerSec: number;
  readonly cpuUsPerMsg: number;
}

export interface SoakPhase {
  readonly topology: Topology;
  readonly units: number;
  readonly rateHz: number;
  readonly durationS: number;
  readonly publisher: PublisherDone & { readonly ratePerSec: number };
  readonly result: SoakResult;
  readonly rssStartMb: number;
  readonly rssEndMb: number;
  readonly rssMaxMb: number;
  readonly rssSlopeMbPerMin: number;
  readonly rssSlopeSecondHalfMbPerMin: number;
}

export const f0 = (v: number): string =>
  Number.isFinite(v) ? Math.round(v).toLocaleString('en-US') : '–';
const f1 = (v: number): string => (Number.isFinite(v) ? v.toFixed(1) : '–');
const f2 = (v: number): string => (Number.isFinite(v) ? v.toFixed(2) : '–');

function table(rows: readonly (readonly string[])[]): string {
  const widths = (rows[0] ?? []).map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows
    .map((r, i) => {
      const line = r.map((cell, c) =>
        c === 0 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0),
      );
      return i === 0
        ? `${line.join('  ')}\n${widths.map((w) => '-'.repeat(w)).join('  ')}`
        : line.join('  ');
    })
    .join('\n');
}

export const ROLE_LABEL: Record<SubscriberRole, string> = {
  bare: '(a) bare mqtt.js subscriber',
  console: '(b) console full ingest',
  'console-receipt': '(b0) console, PUBACK on receipt',
  naive: '(c) naive, 1 INSERT/message',
  soak: 'soak',
};

export function report(
  units: number,
  bursts: readonly BurstPhase[],
  soak: SoakPhase | undefined,
  payloadBytes: number,
  placements: readonly string[],
) {
  const out: string[] = [];
  const repeats = [...new Set(bursts.map((p) => p.repeat))].sort((x, y) => x - y);
  const topologies = [...new Set(bursts.map((p) => p.topology))];
  out.push(
    `Ingest benchmark — mosquitto, ${units.toLocaleString('en-US')} units, ${payloadBytes}-byte payloads, ` +
      `${cpus().length} CPUs, Node ${process.version}`,
  );
  for (const line of placements) out.push(`  ${line}`);
  out.push('');
  out.push(
    table([
      [
        'phase',
        'CPUs',
        'QoS',
        'messages',
        'pub msg/s',
        'received',
        'persisted',
        'rate msg/s',
        'CPU µs/msg',
        'sub CPU %',
        'stalled',
      ],
      ...bursts.map((p) => [
        repeats.length > 1 ? `${ROLE_LABEL[p.role]} #${p.repeat}` : ROLE_LABEL[p.role],
        p.topology,
        String(p.qos),
        f0(p.messages),
        f0(p.publisher.ratePerSec),
        f0(p.subscriber.received),
        p.role === 'bare' ? '–' : f0(p.subscriber.persisted),
        f0(p.ratePerSec),
        f1(p.cpuUsPerMsg),
        // Of one CPU, while it ran at that rate: under 100 % × its CPUs, the subscriber was not the limit.
        f0((p.cpuUsPerMsg * p.ratePerSec) / 1e4),
        p.subscriber.stalled ? 'yes' : 'no',
      ]),
    ]),
  );
  out.push('');
  const rate = (t: Topology, role: SubscriberRole, qos: Qos, repeat: number): number =>
    bursts.find((p) => p.topology === t && p.role === role && p.qos === qos && p.repeat === repeat)
      ?.ratePerSec ?? NaN;
  // Per repeat, a, b and c ran back to back: their ratios see the same machine. The figure is the
  // median over repeats, so one phase caught by a burst of other work does not decide it.
  const ratios = topologies.flatMap((t) =>
    ([0, 1] as const).map((q) => {
      const bOverA = repeats.map((r) => rate(t, 'console', q, r) / rate(t, 'bare', q, r));
      const bOverC = repeats.map((r) => rate(t, 'console', q, r) / rate(t, 'naive', q, r));
      const b0OverA = repeats.map((r) => rate(t, 'console-receipt', q, r) / rate(t, 'bare', q, r));
      return {
        topology: t,
        qos: q,
        bOverA: median(bOverA),
        bOverC: median(bOverC),
        b0OverA: median(b0OverA),
        perRepeat: { bOverA, bOverC, b0OverA },
      };
    }),
  );
  // The target is judged where the console does not share CPUs with the broker and the devices,
  // as in a command room; with everything on the same CPUs the figure is printed for information.
  const judged: Topology = topologies.includes('isolated') ? 'isolated' : 'shared';
  for (const r of ratios) {
    const verdict =
      r.topology === judged
        ? `target ≥ 0.9: ${r.bOverA >= 0.9 ? 'met' : 'NOT met'}`
        : 'information: the console competes with the publisher for CPU';
    out.push(
      `${r.topology.padEnd(8)} QoS ${r.qos}: b/a = ${f2(r.bOverA)} median of ` +
        `${r.perRepeat.bOverA.map(f2).join(', ')} (${verdict})   ` +
        `b/c = ${f2(r.bOverC)} median of ${r.perRepeat.bOverC.map(f2).join(', ')}`,
    );
    if (Number.isFinite(r.b0OverA)) {
      out.push(
        `${' '.repeat(8)} QoS ${r.qos}: before, PUBACK on receipt: b0/a = ${f2(r.b0OverA)} median of ` +
          `${r.perRepeat.b0OverA.map(f2).join(', ')}`,
      );
    }
  }
  if (soak) {
    const l = soak.result.latency;
    out.push('');
    out.push(
      `Device→frame latency, ${units.toLocaleString('en-US')} units × ${soak.rateHz} Hz, QoS 0, ${soak.topology}, ` +
        `${f0(soak.durationS)} s (publisher ${f0(soak.publisher.ratePerSec)} msg/s, ` +
        `worst lag behind schedule ${f0(soak.publisher.maxLagMs)} ms):`,
    );
    out.push(
      `  samples ${f0(l.count)}  p50 ${l.p50Ms} ms  p90 ${l.p90Ms} ms  p99 ${l.p99Ms} ms  ` +
        `p99.9 ${l.p999Ms} ms  max ${f0(l.maxMs)} ms  ≥250 ms: ${f0(l.over250Ms)}  ` +
        `(target p99 < 250 ms: ${l.p99Ms < 250 ? 'met' : 'NOT met'})`,
    );
    const a = soak.result.arrival;
    out.push(
      `  of which device→console arrival (1 message in 16): p50 ${a.p50Ms} ms  p99 ${a.p99Ms} ms  ` +
        `max ${f0(a.maxMs)} ms; the rest is the ${soak.result.tickMs} ms coalescing tick and the write`,
    );
    const t = soak.result.tickDuration;
    const d = soak.result.loopDelayMs;
    out.push(
      `  tick duration p50 ${t.p50Ms} ms  p99 ${t.p99Ms} ms  max ${f0(t.maxMs)} ms; ` +
        `event-loop delay p50 ${f1(d.p50)} ms  p99 ${f1(d.p99)} ms  max ${f1(d.max)} ms`,
    );
    const worst = Math.max(...soak.result.windows.map((w) => w.p99Ms));
    out.push(`  worst 10-s window p99 ${f0(worst)} ms over ${soak.result.windows.length} windows`);
    out.push(
      `  accepted ${f0(soak.result.accepted)} of ${f0(soak.publisher.sent)} published, ` +
        `persisted ${f0(soak.result.persisted)}, rejected ${f0(soak.result.rejected)}, ` +
        `frames ${f0(soak.result.frames)}, console CPU ${f1((soak.result.cpuMs / 1000 / soak.durationS) * 100)} %`,
    );
    out.push(
      `RSS of the console process: start ${f1(soak.rssStartMb)} MB, end ${f1(soak.rssEndMb)} MB, ` +
        `max ${f1(soak.rssMaxMb)} MB; slope ${f2(soak.rssSlopeMbPerMin)} MB/min over the run, ` +
        `${f2(soak.rssSlopeSecondHalfMbPerMin)} MB/min over its second half`,
    );
  }
  return { text: out.join('\n'), ratios };
}

/** Median of a non-empty list (NaN for none). */
function median(xs: readonly number[]): number {
  const v = [...xs].sort((a, b) => a - b);
  if (v.length === 0) return NaN;
  const mid = Math.floor(v.length / 2);
  return v.length % 2 === 1
    ? (v[mid] as number)
    : ((v[mid - 1] as number) + (v[mid] as number)) / 2;
}
