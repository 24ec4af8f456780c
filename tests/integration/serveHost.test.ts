import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { ConsoleCore } from '../../electron/core/ConsoleCore';
import { startServeHost, type ServeHost } from '../../electron/serve/serveHost';
import { createWsApi, wsUrl, type WebSocketCtor } from '../../shared/contract/wsClient';
import { CLOSE_TOKEN_REFUSED, WS_PROTOCOL, wsProtocols } from '../../shared/contract/wsProtocol';
import type { UnitsFrame } from '../../shared/domain/units';
import { telemetryTopic } from '../../shared/telemetry/topics';
import {
  connectPublisher,
  enrol,
  startCore,
  tempDir,
  TEST_PASSWORD,
  waitFor,
} from '../support/coreHarness';
import { payloadFor } from '../support/payloads';

describe('headless host: HTTP + token-checked WebSocket ConsoleApi', () => {
  const tmp = tempDir();
  let core: ConsoleCore;
  let host: ServeHost;
  let origin: string;

  beforeAll(async () => {
    writeFileSync(join(tmp.dir, 'index.html'), '<!doctype html><title>t</title>');
    core = await startCore(join(tmp.dir, 'data'));
    enrol(core, '值班 王', 'commander');
    host = await startServeHost({
      gate: core.gate,
      rendererDir: tmp.dir,
      host: '127.0.0.1',
      port: 0,
    });
    origin = new URL(host.url).origin;
  });
  afterAll(async () => {
    await host?.close();
    await core?.stop();
    tmp.remove();
  });

  /**
   * The HTTP status of a refused upgrade; for one that opens, the close code the host sends at once
   * (CLOSE_TOKEN_REFUSED), or 101 when it stays open.
   */
  const upgradeStatus = (
    protocols: string[],
    headers: Record<string, string> = {},
    url = wsUrl(origin),
  ): Promise<number> =>
    new Promise((resolve) => {
      const ws = new WebSocket(url, protocols, { headers });
      ws.on('open', () => {
        const stays = setTimeout(() => {
          ws.close();
          resolve(101);
        }, 300);
        ws.on('close', (code) => {
          clearTimeout(stays);
          resolve(code);
        });
      });
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('error', () => resolve(-1));
    });

  it('binds loopback and prints a URL with a fresh token', () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{32}$/);
  });

  it('refuses WebSocket without the token, with a wrong token, or from another origin', async () => {
    expect(await upgradeStatus([])).toBe(401);
    // A page of ours whose token is wrong (the console restarted with a new one) is told so with a
    // close code it can read; nothing is served on that socket.
    expect(await upgradeStatus([WS_PROTOCOL])).toBe(CLOSE_TOKEN_REFUSED);
    expect(await upgradeStatus(wsProtocols('x'.repeat(32)))).toBe(CLOSE_TOKEN_REFUSED);
    expect(await upgradeStatus(wsProtocols('x'.repeat(32)), { Origin: origin })).toBe(
      CLOSE_TOKEN_REFUSED,
    );
    // The token in the URL, as before this transport carried it, is no longer accepted.
    expect(await upgradeStatus([WS_PROTOCOL], {}, `${wsUrl(origin)}?token=${host.token}`)).toBe(
      CLOSE_TOKEN_REFUSED,
    );
    // Another origin, with or without the token: a plain refusal.
    const good = wsProtocols(host.token);
    expect(await upgradeStatus(good, { Origin: 'http://evil.example' })).toBe(401);
    expect(
      await upgradeStatus(wsProtocols('x'.repeat(32)), { Origin: 'http://evil.example' }),
    ).toBe(401);
    expect(await upgradeStatus(good, { Origin: origin })).toBe(101);
  });

  it('serves the renderer with CSP and refuses paths outside it', async () => {
    const res = await fetch(`${origin}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    const escape = await fetch(`${origin}/..%2f..%2fpackage.json`);
    expect(escape.status).toBe(404);
    expect((await fetch(`${origin}/`, { method: 'POST' })).status).toBe(405);
  });

  it('answers commands and streams binary frames to an authorised client', async () => {
    const api = createWsApi(wsUrl(origin), host.token, WebSocket as unknown as WebSocketCtor);
    try {
      await expect(api.getRegion()).rejects.toThrow('[refused:login-required]');
      await api.login('值班 王', TEST_PASSWORD);
      const region = await api.getRegion();
      expect(region.info.id).toBe('kaihua');
      // An optional argument left out (undefined) reaches the core as left out, not as null.
      await expect(api.approveSupport('sup-none', ['u1'], undefined)).rejects.toThrow(
        /^(?!invalid arguments).*sup-none/,
      );
      const units = await api.getUnits();
      expect(units.length).toBeGreaterThanOrEqual(60);
      // A command that answers nothing (Promise<void>) still answers: a grade III incident raises a
      // suggestion, and dismissing it resolves (it used to time out: JSON drops an undefined value).
      const inc = await api.createIncident({
        type: 'public-disorder',
        grade: 'III',
        lonLat: [118.41, 29.14],
        description: '',
        reporter: '',
      });
      const sug = (await api.listSuggestions()).find((x) => x.incidentId === inc.id);
      if (!sug) throw new Error('no suggestion for a grade III incident');
      await expect(api.dismissSuggestion(sug.id)).resolves.toBeUndefined();
      const frames: UnitsFrame[] = [];
      api.on('unitsFrame', (f) => frames.push(f));
      const u = units[3]?.unit;
      if (!u) throw new Error('roster too small');
      const pub = await connectPublisher(core);
      await pub.publishAsync(
        telemetryTopic(u.deviceId),
        JSON.stringify(payloadFor(u, Date.now() - 1000, 118.33, 29.05)),
        { qos: 1 },
      );
      await pub.endAsync();
      const got = await waitFor(
        () => frames.find((f) => Array.from(f.idx).includes(3)),
        (f) => f !== undefined,
      );
      const k = Array.from(got?.idx ?? []).indexOf(3);
      expect(got?.lon[k]).toBeCloseTo(118.33, 9);
      expect(got?.lat[k]).toBeCloseTo(29.05, 9);
      // An unknown command is refused with a clear error rather than reaching the core.
      const raw = api as unknown as Record<string, unknown>;
      expect(raw.dropDatabase).toBeUndefined();
    } finally {
      api.close();
    }
  });

  it('refuses unknown commands and malformed calls sent by hand', async () => {
    const ws = new WebSocket(wsUrl(origin), wsProtocols(host.token));
    expect(ws.url).not.toContain(host.token);
    await new Promise((r) => ws.once('open', r));
    const replies: unknown[] = [];
    ws.on('message', (d, bin) => {
      if (!bin) replies.push(JSON.parse(d.toString()));
    });
    ws.send(JSON.stringify({ t: 'call', id: 7, name: '__proto__', args: [] }));
    ws.send(JSON.stringify({ t: 'call', id: 8, name: 'getRegion', args: ['extra'] }));
    ws.send('not json');
    const got = await waitFor(
      () => replies.filter((r) => (r as { t: string }).t === 'result'),
      (r) => r.length >= 3,
    );
    ws.close();
    expect(got).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          id: 7,
          ok: false,
          error: expect.stringContaining('unknown command'),
        }),
        expect.objectContaining({
          id: 8,
          ok: false,
          error: expect.stringContaining('invalid arguments for getRegion'),
        }),
        expect.objectContaining({ id: -1, ok: false }),
      ]),
    );
  });

  it('says which port is taken instead of failing obscurely', async () => {
    const port = Number(new URL(origin).port);
    await expect(
      startServeHost({ gate: core.gate, rendererDir: tmp.dir, host: '127.0.0.1', port }),
    ).rejects.toThrow(`port ${port} on 127.0.0.1 is in use: choose another with --port`);
  });

  it.each(['short-token', 'has space 0123456789', 'slash/0123456789abc', 'x'.repeat(257)])(
    'refuses the fixed token %j with the rule it breaks',
    async (token) => {
      await expect(
        startServeHost({
          gate: core.gate,
          rendererDir: tmp.dir,
          host: '127.0.0.1',
          port: 0,
          token,
        }),
      ).rejects.toThrow('the access token must be 16–256 characters of A–Z, a–z, 0–9, - or _');
    },
  );
});
