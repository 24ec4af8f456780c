// Layer fences are enforced here, not in review: the renderer and shared/ are browser code, the
// core and the headless host are plain Node without electron.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const NODE_MODULES = [
  'assert',
  'buffer',
  'child_process',
  'cluster',
  'crypto',
  'dgram',
  'dns',
  'events',
  'fs',
  'fs/promises',
  'http',
  'https',
  'net',
  'os',
  'path',
  'perf_hooks',
  'process',
  'readline',
  'stream',
  'tls',
  'url',
  'util',
  'worker_threads',
  'zlib',
];
const browserOnly = (what) => ({
  'no-restricted-imports': [
    'error',
    {
      paths: [
        ...['electron', 'better-sqlite3', 'mqtt', 'aedes', 'ws', ...NODE_MODULES].map((name) => ({
          name,
          message: `${what} runs in the browser: no Node, electron, database or broker imports.`,
        })),
      ],
      patterns: [
        { group: ['node:*'], message: `${what} runs in the browser: no Node built-ins.` },
        { group: ['**/electron/**'], message: `${what} must not reach into the Node side.` },
      ],
    },
  ],
  // deck.gl's typings pull in @types/node, so the type checker alone would let these through.
  'no-restricted-globals': [
    'error',
    'process',
    'Buffer',
    'require',
    '__dirname',
    '__filename',
    'global',
    'module',
    'setImmediate',
  ],
});

const NODE_GLOBALS = Object.fromEntries(
  [
    'process',
    'console',
    'Buffer',
    'URL',
    'setTimeout',
    'clearTimeout',
    'setInterval',
    'clearInterval',
    'fetch',
  ].map((g) => [g, 'readonly']),
);

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      'bench-results/**',
      'native/**',
      '.electron-native/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  { files: ['**/*.mjs', '**/*.js'], languageOptions: { globals: NODE_GLOBALS } },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      ...browserOnly('The renderer'),
      // Domain time on screen is the session's (renderer/src/state/sessionClock.ts).
      'no-restricted-properties': [
        'error',
        {
          object: 'Date',
          property: 'now',
          message: 'Domain time comes from the session clock: use sessionNow() or useNow().',
        },
      ],
    },
  },
  { files: ['shared/**/*.ts'], rules: browserOnly('shared/ (used by the renderer)') },
  {
    // The support engine is pure: recommend, travel, workflow rules, reach. Nothing with state, a
    // store, a broker or a clock; the stateful desk (electron/core/desk) composes it.
    files: ['electron/core/support/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['electron', 'better-sqlite3', 'mqtt', 'aedes', 'ws', ...NODE_MODULES].map(
            (name) => ({
              name,
              message: 'The support engine is pure: no store, broker or Node I/O.',
            }),
          ),
          patterns: [
            { group: ['node:*'], message: 'The support engine is pure: no Node built-ins.' },
            {
              regex: '^(\\.\\./)+(?!(\\.\\./)*shared/|recommend|travel|workflow|reach|types)',
              message: 'The support engine imports shared/ and its own folders only.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/core/**/*.ts', 'electron/serve/**/*.ts'],
    ignores: ['electron/core/support/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'The core and the headless host never import electron.' },
          ],
          patterns: [
            {
              regex: '^(\\.\\./)+(electron/)?(main|preload)(/|$)',
              message: 'No reaching into the Electron host.',
            },
            { group: ['**/renderer/**'], message: 'The core does not import renderer code.' },
          ],
        },
      ],
    },
  },
);
