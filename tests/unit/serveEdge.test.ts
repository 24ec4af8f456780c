import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { offeredToken, WS_PATH, WS_PROTOCOL, wsProtocols } from '../../shared/contract/wsProtocol';
import { resolveInside } from '../../electron/serve/staticFiles';
import { checkUpgrade, tokenMatches } from '../../electron/serve/wsAdapter';

// The host runs on POSIX in CI; paths below are POSIX paths.
const ROOT = '/srv/muster/renderer';

describe('resolveInside', () => {
  it.each([
    ['/index.html', `${ROOT}/index.html`],
    ['/assets/app-3f9a.js', `${ROOT}/assets/app-3f9a.js`],
    ['/', ROOT],
    ['', ROOT],
    ['/tiles/%E5%BC%80%E5%8C%96.pmtiles', `${ROOT}/tiles/开化.pmtiles`],
    ['/a%20b.css', `${ROOT}/a b.css`],
    ['//assets//x.js', `${ROOT}/assets/x.js`],
    ['/./assets/./x.js', `${ROOT}/assets/x.js`],
    ['/assets/../index.html', `${ROOT}/index.html`],
    // A leading '/' anchors '..' at the root, so these stay inside.
    ['/../etc/passwd', `${ROOT}/etc/passwd`],
    ['/%2e%2e/%2e%2e/etc/passwd', `${ROOT}/etc/passwd`],
    ['/a/../../../x', `${ROOT}/x`],
    ['/..%2f..%2fsecret', `${ROOT}/secret`],
  ])('%j → %s', (urlPath, expected) => {
    expect(resolveInside(ROOT, urlPath)).toBe(expected);
  });

  it.each([
    ['a relative parent', '../secret'],
    ['an encoded relative parent', '%2e%2e/secret'],
    ['a relative climb through a folder', 'assets/../../secret'],
    ['a sibling folder sharing the root prefix', '../renderer-private/key.pem'],
    ['a bare ..', '..'],
    ['a NUL byte', '/index.html%00.png'],
    ['a raw NUL byte', '/index.html\u0000'],
    ['malformed percent-encoding', '/%E0%A4%A'],
    ['a lone percent', '/100%'],
  ])('refuses %s (%j)', (_label, urlPath) => {
    expect(resolveInside(ROOT, urlPath)).toBeUndefined();
  });

  it('accepts a root given with a trailing separator', () => {
    expect(resolveInside(`${ROOT}/`, '/index.html')).toBe(`${ROOT}/index.html`);
    expect(resolveInside(`${ROOT}/`, '../x')).toBeUndefined();
  });

  it('never returns a path outside the root for any combination of tricky segments', () => {
    const parts = ['..', '.', '%2e%2e', '%2E%2E', 'a', '', '%2f', '..%2f', '%5c..', 'b%2f..'];
    for (const a of parts) {
      for (const b of parts) {
        for (const c of parts) {
          for (const lead of ['', '/']) {
            const got = resolveInside(ROOT, `${lead}${a}/${b}/${c}`);
            if (got !== undefined) {
              expect(
                got === ROOT || got.startsWith(`${ROOT}/`),
                `${lead}${a}/${b}/${c} → ${got}`,
              ).toBe(true);
            }
          }
        }
      }
    }
  });
});

describe('tokenMatches', () => {
  const TOKEN = 'Zm9vYmFyLXRva2VuLTEyMzQ1Njc4';

  it('accepts the exact token', () => {
    expect(tokenMatches(TOKEN, TOKEN)).toBe(true);
  });

  it.each([
    ['null (no token)', null],
    ['empty', ''],
    ['one character short', TOKEN.slice(0, -1)],
    ['one character long', `${TOKEN}x`],
    ['different case', TOKEN.toLowerCase()],
    ['last character changed', `${TOKEN.slice(0, -1)}9`],
    ['same byte length, different text', 'é'.repeat(TOKEN.length / 2)],
    ['a prefix of the right length padded with spaces', `${TOKEN.slice(0, 20)}        `],
  ])('refuses %s', (_label, given) => {
    expect(tokenMatches(TOKEN, given)).toBe(false);
  });

  it('compares bytes, not UTF-16 units', () => {
    expect(tokenMatches('ab', 'é')).toBe(false); // both 2 bytes in UTF-8
    expect(tokenMatches('警察-token-0001', '警察-token-0001')).toBe(true);
  });
});

describe('checkUpgrade', () => {
  const TOKEN = 'tok_0123456789abcdef';
  const HOST = '127.0.0.1:5199';
  const OFFER = wsProtocols(TOKEN).join(', ');

  function req(url: string | undefined, headers: Record<string, string | undefined> = {}) {
    return {
      url,
      headers: { host: HOST, 'sec-websocket-protocol': OFFER, ...headers },
    } as unknown as IncomingMessage;
  }

  it('uses /api as the WebSocket path', () => {
    expect(WS_PATH).toBe('/api');
  });

  it('allows the right path and token without an Origin (non-browser client)', () => {
    expect(checkUpgrade(req('/api'), TOKEN)).toEqual({ kind: 'host', token: TOKEN });
  });

  it('allows a same-origin page', () => {
    expect(checkUpgrade(req('/api', { origin: `http://${HOST}` }), TOKEN)).toMatchObject({
      kind: 'host',
    });
  });

  it.each([
    ['/', 'unknown path'],
    ['/api/', 'unknown path'],
    ['/API', 'unknown path'],
    ['/apix', 'unknown path'],
    ['/index.html', 'unknown path'],
  ])('refuses path %s even with the token', (path, reason) => {
    expect(checkUpgrade(req(path), TOKEN)).toBe(reason);
  });

  it('treats a missing url as / (unknown path)', () => {
    expect(checkUpgrade(req(undefined), TOKEN)).toBe('unknown path');
  });

  it.each([
    ['no subprotocol header', undefined],
    ['an empty header', ''],
    ['the token without the protocol name', `muster.token.${TOKEN}`],
    ['the protocol name without a token', WS_PROTOCOL],
    ['an empty token', `${WS_PROTOCOL}, muster.token.`],
    ['a wrong token', wsProtocols('tok_0123456789abcdeF').join(', ')],
    ['a truncated token', wsProtocols(TOKEN.slice(0, -1)).join(',')],
    ['another version of the protocol', `muster.v2, muster.token.${TOKEN}`],
  ])('refuses %s', (_label, header) => {
    expect(checkUpgrade(req('/api', { 'sec-websocket-protocol': header }), TOKEN)).toBe(
      'missing or wrong token',
    );
  });

  it('ignores a token in the URL: it would end up in logs', () => {
    expect(
      checkUpgrade(req(`/api?token=${TOKEN}`, { 'sec-websocket-protocol': undefined }), TOKEN),
    ).toBe('missing or wrong token');
  });

  it.each([
    'http://evil.example',
    `https://${HOST}`,
    `http://${HOST}.evil.example`,
    'http://127.0.0.1:5200',
    'http://localhost:5199',
    'null',
    '',
  ])('refuses a cross-origin page %j', (origin) => {
    expect(checkUpgrade(req('/api', { origin }), TOKEN)).toBe(`origin ${origin} not allowed`);
  });

  it('compares the Origin with the Host the request was sent to (LAN address)', () => {
    const lan = req('/api', { host: '192.168.1.20:8080', origin: 'http://192.168.1.20:8080' });
    expect(checkUpgrade(lan, TOKEN)).toMatchObject({ kind: 'host' });
    const other = req('/api', { host: '192.168.1.20:8080', origin: `http://${HOST}` });
    expect(checkUpgrade(other, TOKEN)).toBe(`origin http://${HOST} not allowed`);
  });

  it('checks the token before the origin (a wrong token is never told about origins)', () => {
    const wrong = req('/api', {
      origin: 'http://evil.example',
      'sec-websocket-protocol': wsProtocols('nope_nope_nope_nope').join(', '),
    });
    expect(checkUpgrade(wrong, TOKEN)).toBe('missing or wrong token');
  });
});

describe('offeredToken', () => {
  it('reads the token next to the protocol name, whatever the order and spacing', () => {
    expect(offeredToken(`muster.token.abc , ${WS_PROTOCOL}`)).toBe('abc');
    expect(offeredToken(`${WS_PROTOCOL},muster.token.abc`)).toBe('abc');
  });
});
