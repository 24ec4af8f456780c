// Bundles the benchmark's TypeScript for plain Node (there is no tsx here): one ESM file per
// process under bench-results/.build; node_modules stay external and resolve from the repo root.
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
    outDir: resolve(here, '../bench-results/.build'),
    emptyOutDir: true,
    minify: false,
    rollupOptions: {
      input: {
        ingest: resolve(here, 'ingest.ts'),
        publisher: resolve(here, 'publisher.ts'),
        subscriber: resolve(here, 'subscriber.ts'),
        store: resolve(here, 'store.ts'),
        support: resolve(here, 'support.ts'),
        afterActionReport: resolve(here, 'afterActionReport.ts'),
      },
      output: { format: 'es', entryFileNames: '[name].mjs' },
    },
  },
});
