// The renderer's Content-Security-Policy, in one place: the build writes it into index.html's meta
// tag (Electron loads the page from file://, so the meta tag is all it gets) and the headless host
// sends it as a header.

const DIRECTIVES = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "worker-src 'self' blob:",
  // muster-basemap: the Electron host's scheme for the local PMTiles basemap (byte-range fetches).
  "connect-src 'self' muster-basemap:",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
] as const;

/** For the meta tag: frame-ancestors is not allowed there (Chromium logs an error for it). */
export const CSP_META = DIRECTIVES.join('; ');

/** For HTTP responses, which can also forbid framing. */
export const CSP_HEADER = [...DIRECTIVES, "frame-ancestors 'none'"].join('; ');

/** Placeholder in renderer/index.html replaced at build time. */
export const CSP_PLACEHOLDER = '%MUSTER_CSP%';
