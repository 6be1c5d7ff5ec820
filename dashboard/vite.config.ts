// The dashboard build: a static bundle in dashboard/dist that `opflow serve` (createApp's staticDir)
// serves at `/`. Preact through the JSX transform alone (no plugin); no CDN, no web fonts.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const api = process.env.OPFLOW_API ?? 'http://127.0.0.1:3000';

export default defineConfig({
  root,
  base: '/',
  publicDir: false,
  // Vite 8 transforms with oxc (its `esbuild` option is deprecated); same settings as jsx: automatic.
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    reportCompressedSize: false,
    chunkSizeWarningLimit: 200,
  },
  // `vite --config dashboard/vite.config.ts` during development, against a running `opflow serve`.
  server: {
    proxy: {
      '/api': api,
      '/socket.io': { target: api, ws: true },
    },
  },
});
