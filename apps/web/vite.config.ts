import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import tailwindcss from '@tailwindcss/vite';
import { precompress } from './build/precompress.ts';
import { sourceStamp } from './build/source-stamp.ts';

// In development the API runs on its own port; the browser still talks to one
// origin (cookies stay first-party), so Vite forwards the API paths to it.
// RSM_API_ORIGIN points elsewhere when port 3000 is taken.
const apiTarget = process.env.RSM_API_ORIGIN ?? 'http://localhost:3000';

/**
 * Libraries in a few named chunks: they change less often than our code (a release keeps them cached) and
 * download in parallel instead of as one large entry file. Icons are one chunk: as one file per icon a page
 * asked for dozens of tiny files, queued six at a time by the browser.
 */
const vendorGroups = [
  { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/, priority: 10 },
  { name: 'router', test: /node_modules[\\/]react-router[\\/]/, priority: 9 },
  { name: 'data', test: /node_modules[\\/](@tanstack|@trpc)[\\/]/, priority: 8 },
  { name: 'i18n', test: /node_modules[\\/](i18next|react-i18next)[\\/]/, priority: 7 },
  { name: 'zod', test: /node_modules[\\/]zod[\\/]/, priority: 6 },
  { name: 'forms', test: /node_modules[\\/](react-hook-form|@hookform)[\\/]/, priority: 6 },
  { name: 'styling', test: /node_modules[\\/](tailwind-merge|clsx|class-variance-authority)[\\/]/, priority: 6 },
  { name: 'icons', test: /node_modules[\\/]lucide-react[\\/]/, priority: 5 },
  {
    name: 'radix',
    test: /node_modules[\\/](@radix-ui|@floating-ui|react-remove-scroll[^\\/]*|aria-hidden|react-style-singleton|use-callback-ref|use-sidecar)[\\/]/,
    priority: 4,
  },
  // Our own small shared modules (UI components, helpers, the studio's frame): dozens of 1 KB files otherwise.
  { name: 'app-common', test: /apps[\\/]web[\\/]src[\\/](components|lib)[\\/]/, priority: 2 },
  { name: 'studio-shell', test: /apps[\\/]web[\\/]src[\\/]pages[\\/]studio[\\/](shell[\\/]|usage[\\/]|studio-)/, priority: 1 },
];

export default defineConfig({
  plugins: [react(), tailwindcss(), precompress(), sourceStamp()],
  resolve: { tsconfigPaths: true },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    rolldownOptions: { output: { codeSplitting: { groups: vendorGroups } } },
  },
  server: {
    proxy: {
      '/trpc': { target: apiTarget, changeOrigin: false },
      '^/s/[^/]+/trpc': { target: apiTarget, changeOrigin: false },
      '/healthz': { target: apiTarget, changeOrigin: false },
      // The staff PDF download of an issued money document (a plain HTTP route, not tRPC).
      '^(/s/[^/]+)?/money/documents/[^/]+/pdf$': { target: apiTarget, changeOrigin: false },
      // The studio's live notices (Server-Sent Events).
      '^(/s/[^/]+)?/live(\\?.*)?$': { target: apiTarget, changeOrigin: false },
    },
  },
});
