// Bundles bench/ingestMicro.ts (and the baseline tree it imports) for plain Node, apart from
// bench/vite.config.mts: that build must not depend on the baseline copy existing.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: resolve(here, '..'),
  logLevel: 'warn',
  build: {
    ssr: true,
    target: 'node20',
    outDir: resolve(here, '../bench-results/.micro'),
    emptyOutDir: true,
    minify: false,
    rollupOptions: {
      input: { ingestMicro: resolve(here, 'ingestMicro.ts') },
      output: { format: 'es', entryFileNames: '[name].mjs' },
    },
  },
});
