import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The web tsconfig carries browser types only; read the API port without pulling Node's types in.
const env = (globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env ?? {};
const api = `http://127.0.0.1:${env.API_PORT ?? '3000'}`;

/**
 * `npm run build:web` → apps/web/dist, served by the API on the same origin (no CORS, one deployable).
 * Hashed file names under assets/ let the API cache them for a year; index.html is never cached.
 * `npx vite apps/web` is a development server that proxies /api to the API on API_PORT.
 */
export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', sourcemap: true },
  server: { proxy: { '/api': api, '/health': api } },
});
