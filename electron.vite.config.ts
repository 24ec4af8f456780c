import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { CSP_META, CSP_PLACEHOLDER } from './shared/security/csp';

/** Writes the one Content-Security-Policy into the page (see shared/security/csp.ts). */
function cspMeta(): Plugin {
  return {
    name: 'muster-csp-meta',
    transformIndexHtml(html) {
      if (!html.includes(CSP_PLACEHOLDER)) throw new Error(`index.html lacks ${CSP_PLACEHOLDER}`);
      return html.replace(CSP_PLACEHOLDER, CSP_META);
    },
  };
}

// One build produces: the Electron main process, the headless host (plain Node, no electron), the
// terminal commands (operators, devices, quarantine), the sandboxed preload and the renderer bundle both hosts serve.
export default defineConfig({
  main: {
    build: {
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'electron/main/index.ts'),
          serve: resolve(__dirname, 'electron/serve/index.ts'),
          operators: resolve(__dirname, 'electron/serve/operators.ts'),
          audit: resolve(__dirname, 'electron/serve/audit.ts'),
          devices: resolve(__dirname, 'electron/serve/devices.ts'),
          quarantine: resolve(__dirname, 'electron/serve/quarantine.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      rollupOptions: {
        input: { index: resolve(__dirname, 'electron/preload/index.ts') },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    plugins: [react(), cspMeta()],
    build: {
      rollupOptions: {
        input: { index: resolve(__dirname, 'renderer/index.html') },
      },
    },
  },
});
