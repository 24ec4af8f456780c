import { describe, expect, it } from 'vitest';
import { parseAcl } from '../../electron/core/mqtt/acl';
import { exerciseTopics, LIVE_TOPICS } from '../../shared/telemetry/topics';
import { shippedAcl } from '../support/gatedBroker';

// The shipped muster.acl, as the embedded broker reads it: the same rules mosquitto enforces in
// tests/integration/mosquittoCounty.test.ts.
const acl = shippedAcl();
const as = (username: string) => ({ username, clientId: `${username}-client` });
const ex = exerciseTopics('ex-0123456789');

describe('the shipped ACL', () => {
  it('lets a device publish its own reports and nothing else', () => {
    const me = as('bc-chengguan-01');
    for (const c of ['telemetry', 'event', 'status', 'ack'] as const) {
      expect(acl.mayPublish(me, LIVE_TOPICS.topic('bc-chengguan-01', c))).toBe(true);
      expect(acl.mayPublish(me, LIVE_TOPICS.topic('bc-chengguan-02', c))).toBe(false);
      expect(acl.mayPublish(me, ex.topic('bc-chengguan-01', c))).toBe(false);
    }
    expect(acl.mayPublish(me, LIVE_TOPICS.topic('bc-chengguan-01', 'order'))).toBe(false);
    expect(acl.mayPublish(me, 'muster/v1/devices/bc-chengguan-01/telemetry/x')).toBe(false);
  });

  it('lets a device read only its own orders, and refuses filters wider than that', () => {
    const me = as('bc-chengguan-01');
    expect(acl.maySubscribe(me, LIVE_TOPICS.topic('bc-chengguan-01', 'order'))).toBe(true);
    expect(acl.maySubscribe(me, LIVE_TOPICS.topic('bc-chengguan-02', 'order'))).toBe(false);
    expect(acl.maySubscribe(me, 'muster/v1/devices/+/order')).toBe(false);
    expect(acl.maySubscribe(me, 'muster/v1/devices/bc-chengguan-01/#')).toBe(false);
    expect(acl.maySubscribe(me, '#')).toBe(false);
    expect(acl.maySubscribe(me, LIVE_TOPICS.topic('bc-chengguan-01', 'telemetry'))).toBe(false);
  });

  it('lets the console read every report and write orders, live and in exercises', () => {
    const console_ = as('muster-console');
    for (const f of LIVE_TOPICS.subscriptions) expect(acl.maySubscribe(console_, f)).toBe(true);
    for (const f of ex.subscriptions) expect(acl.maySubscribe(console_, f)).toBe(true);
    expect(acl.mayPublish(console_, LIVE_TOPICS.topic('bc-chengguan-01', 'order'))).toBe(true);
    expect(acl.mayPublish(console_, LIVE_TOPICS.topic('bc-chengguan-01', 'telemetry'))).toBe(false);
    expect(acl.maySubscribe(console_, '#')).toBe(false);
    expect(acl.maySubscribe(console_, '$SYS/#')).toBe(false);
  });

  it("lets the simulator play every device's reports and take their orders", () => {
    const sim = as('muster-sim');
    expect(acl.mayPublish(sim, LIVE_TOPICS.topic('dr-huabu-01', 'telemetry'))).toBe(true);
    expect(acl.mayPublish(sim, ex.topic('dr-huabu-01', 'ack'))).toBe(true);
    expect(acl.maySubscribe(sim, LIVE_TOPICS.orderSubscription)).toBe(true);
    expect(acl.maySubscribe(sim, ex.orderSubscription)).toBe(true);
    expect(acl.mayPublish(sim, LIVE_TOPICS.topic('dr-huabu-01', 'order'))).toBe(false);
    expect(acl.maySubscribe(sim, LIVE_TOPICS.topic('dr-huabu-01', 'telemetry'))).toBe(false);
  });

  it('gives a username holding a wildcard or a slash no pattern rules', () => {
    expect(acl.mayPublish(as('+'), 'muster/v1/devices/+/telemetry')).toBe(false);
    expect(acl.maySubscribe(as('#'), 'muster/v1/devices/#/order')).toBe(false);
    expect(acl.mayPublish(as('a/b'), 'muster/v1/devices/a/b/telemetry')).toBe(false);
  });
});

describe('parseAcl', () => {
  it('names the line of what it does not understand', () => {
    expect(() => parseAcl('user a\ntopic read x\nallow everything')).toThrow(
      /line 3: unknown keyword "allow"/,
    );
    expect(() => parseAcl('user a\ntopic deny x')).toThrow(
      /line 2: "deny" rules are not supported/,
    );
    expect(() => parseAcl('user a\ntopic read')).toThrow(/line 2: no topic after "read"/);
  });

  it('gives anonymous rules (before any user line) to nobody, and reads readwrite by default', () => {
    const a = parseAcl('topic #\nuser op\ntopic ops/+\n');
    expect(a.mayPublish(as('someone'), 'anything')).toBe(false);
    expect(a.mayPublish(as('op'), 'ops/x')).toBe(true);
    expect(a.maySubscribe(as('op'), 'ops/+')).toBe(true);
    expect(a.maySubscribe(as('op'), 'ops/#')).toBe(false);
  });

  it('substitutes %c with the client id', () => {
    const a = parseAcl('pattern write clients/%c/hello\n');
    expect(a.mayPublish({ username: 'u', clientId: 'c1' }, 'clients/c1/hello')).toBe(true);
    expect(a.mayPublish({ username: 'u', clientId: 'c1' }, 'clients/c2/hello')).toBe(false);
  });
});
