// The dashboard build: a static bundle in dashboard/dist that `opflow serve` (createApp's staticDir)
// serves at `/`. Preact through the JSX transform alone (no plugin); no CDN, no web fonts.
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { coastline } from './coastline.ts';

const root = fileURLToPath(new URL('.', import.meta.url));
const api = process.env.OPFLOW_API ?? 'http://127.0.0.1:3000';

/**
 * The map's coastline as one static file, `/coastline.json`, made from world-atlas at build time
 * (dashboard/coastline.ts): emitted into dist by the build, served from memory by the dev server.
 */
function coastlinePlugin(): Plugin {
  let json: string | undefined;
  const get = (): string => (json ??= JSON.stringify(coastline()));
  return {
    name: 'opflow-coastline',
    configureServer(server) {
      server.middlewares.use('/coastline.json', (_req, res) => {
        res.setHeader('content-type', 'application/json');
        res.end(get());
      });
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: 'coastline.json', source: get() });
    },
  };
}

export default defineConfig({
  plugins: [coastlinePlugin()],
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
