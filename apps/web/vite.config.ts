import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import tailwindcss from '@tailwindcss/vite';

// In development the API runs on its own port; the browser still talks to one
// origin (cookies stay first-party), so Vite forwards the API paths to it.
// RSM_API_ORIGIN points elsewhere when port 3000 is taken.
const apiTarget = process.env.RSM_API_ORIGIN ?? 'http://localhost:3000';

export default defineConfig({
  plugins: [react(), tailwindcss()],
  resolve: { tsconfigPaths: true },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true },
  server: {
    proxy: {
      '/trpc': { target: apiTarget, changeOrigin: false },
      '^/s/[^/]+/trpc': { target: apiTarget, changeOrigin: false },
      '/healthz': { target: apiTarget, changeOrigin: false },
    },
  },
});
