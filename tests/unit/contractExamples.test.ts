import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRegionPack } from '../../electron/core/region/loadRegion';
import { MAX_PAST_MS } from '../../electron/core/session/TelemetryIngest';
import {
  parseDeviceMessage,
  type DeviceBinding,
} from '../../electron/core/telemetry/parseTelemetry';
import { DEVICE_KIND_OF, UNIT_KINDS } from '../../shared/domain/units';
import { RESOURCES_DIR } from '../support/coreHarness';

// The device contract is right when every example in it passes the parser (issue 14, item 5): the
// examples are read out of docs/device-contract-v1.md, as an integrator would copy them, with $NOW
// the current time, against the Kaihua roster the doc names its devices from.
const DOC = readFileSync(join(__dirname, '../../docs/device-contract-v1.md'), 'utf8');

interface Example {
  readonly topic: string;
  readonly payload: Uint8Array;
  readonly line: string;
}

function examples(nowMs: number): Example[] {
  const blocks = [...DOC.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');
  const commands = blocks.flatMap((b) => b.replace(/\\\n\s*/g, ' ').split('\n'));
  return commands
    .filter((c) => c.startsWith('mosquitto_pub '))
    .map((c) => {
      const topic = /-t '?([^ ']+)'?/.exec(c)?.[1];
      if (topic === undefined) throw new Error(`no topic in: ${c}`);
      if (/ -n( |$)/.test(c)) return { topic, payload: new Uint8Array(0), line: c };
      const body = /-m '(.*)'\s*$/.exec(c)?.[1];
      if (body === undefined) throw new Error(`no message in: ${c}`);
      const json = body.replaceAll("'$NOW'", String(nowMs));
      return { topic, payload: new TextEncoder().encode(json), line: c };
    });
}

describe('the device contract', () => {
  const pack = loadRegionPack(join(RESOURCES_DIR, 'regions'), 'kaihua');
  const devices = new Map<string, DeviceBinding>(
    pack.roster.map((unit, idx) => [unit.deviceId, { idx, unit }]),
  );

  it('has examples for every device channel, and every one passes the parser', () => {
    const nowMs = Date.now();
    const all = examples(nowMs);
    const channels = new Set(all.map((e) => e.topic.split('/').at(-1)));
    expect([...channels].sort()).toEqual(['ack', 'event', 'status', 'telemetry']);
    for (const e of all) {
      const r = parseDeviceMessage(e.topic, e.payload, {
        devices,
        nowMs,
        maxFutureMs: 5 * 60_000,
        maxPastMs: MAX_PAST_MS,
      });
      expect(r, e.line).toMatchObject({ ok: true });
    }
  });

  it('names, for every roster kind, the device kind its reports must carry', () => {
    const rows = new Map(
      [...DOC.matchAll(/^\| `([a-z-]+)`\s+\| `([a-z]+)`\s+\|/gm)].map((m) => [m[1], m[2]]),
    );
    for (const kind of UNIT_KINDS) expect(rows.get(kind), kind).toBe(DEVICE_KIND_OF[kind]);
  });
});
