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
    // The entry chunk holds React, MUI, Apollo Client and react-router, about
    // 730 kB minified. The e2e script budget guards its gzip size instead.
    chunkSizeWarningLimit: 800,
  },
});
