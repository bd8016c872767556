import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

/**
 * The web console: a React app served by the API itself under /console (same origin, no CORS).
 * `vite build` writes it to dist/console. JSX is compiled by Vite's own transformer (oxc).
 */
export default defineConfig({
  root: here,
  base: '/console/',
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: fileURLToPath(new URL('../../dist/console', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 600,
    reportCompressedSize: false,
    rolldownOptions: {
      // "use client" at the top of React libraries means nothing outside a server-rendering framework.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  server: {
    proxy: { '^/(access|cofinancing|guarantee-|bank-|guarantees|banks|audit|health)': 'http://localhost:3000' },
  },
});
