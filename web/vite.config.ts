// Builds the client into the directory the server serves (CHANCERY_WEB_OUT, set by CMake).
// The server caches /assets/* as immutable and its CSP forbids inline scripts: Vite's
// production build emits only hashed files under assets/ and a script-free index.html.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  build: {
    outDir: process.env.CHANCERY_WEB_OUT ?? fileURLToPath(new URL('../build/web', import.meta.url)),
    emptyOutDir: true,
    assetsDir: 'assets',
  },
  server: {
    // `npm run dev` talks to a server started with `chancery serve --port 8080`.
    proxy: { '/api': 'http://127.0.0.1:8080' },
  },
});
