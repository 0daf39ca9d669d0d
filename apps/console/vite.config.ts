import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const API_ORIGIN = 'http://127.0.0.1:4000';

// Paths the API server answers itself. In production it serves the console
// from the same origin, so only the dev server needs to forward them.
const apiProxy = {
  '/graphql': API_ORIGIN,
  '/healthz': API_ORIGIN,
  '/readyz': API_ORIGIN,
  '/oauth': API_ORIGIN,
  '/sandbox': API_ORIGIN,
  // Only the public key files: `/environments` itself is a console page.
  '^/environments/[^/]+/(public-key\\.pem|jwks\\.json)$': API_ORIGIN,
};

export default defineConfig({
  plugins: [react()],
  server: {
    host: '127.0.0.1',
    port: 5173,
    strictPort: true,
    proxy: apiProxy,
  },
  preview: {
    host: '127.0.0.1',
    port: 4173,
    proxy: apiProxy,
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    // The largest chunk is the Monaco editor of the lazily loaded Playground,
    // about 2.8 MB minified. The e2e script budgets guard what a signed-in page
    // loads first, so this limit only has to stay above that chunk.
    chunkSizeWarningLimit: 3000,
    rolldownOptions: {
      onwarn(warning, defaultHandler) {
        // GraphiQL modules start with "use no memo" for the React Compiler. Rolldown drops the directive, which is harmless because this build does not run the compiler.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        defaultHandler(warning);
      },
    },
  },
});
