// Two builds from one file: the default mode bundles the bench page for the browser
// (bench-results/.build/map/), `--mode runner` bundles the Node runner (bench-results/.build/map-runner/).
// Separate from bench/vite.config.mts so the ingest/store/support benchmarks are left alone.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));
const repo = resolve(here, '../..');

export default defineConfig(({ mode }) =>
  mode === 'runner'
    ? {
        root: repo,
        logLevel: 'warn',
        build: {
          ssr: true,
          target: 'node20',
          outDir: resolve(repo, 'bench-results/.build/map-runner'),
          emptyOutDir: true,
          minify: false,
          rollupOptions: {
            input: { run: resolve(here, 'run.ts') },
            output: { format: 'es', entryFileNames: '[name].mjs' },
          },
        },
      }
    : {
        root: here,
        base: './',
        logLevel: 'warn',
        build: {
          target: 'es2022',
          outDir: resolve(repo, 'bench-results/.build/map'),
          emptyOutDir: true,
          // Large chunks are expected (maplibre + deck.gl in one page) and not worth a warning.
          chunkSizeWarningLimit: 8_000,
          rollupOptions: { input: resolve(here, 'index.html') },
        },
      },
);
