// The web UI: citizen pages in the entry chunk (React + own CSS only), admin pages (Ant Design)
// in a lazily loaded chunk. The server serves dist/web with precompressed .br/.gz files.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const here = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  root: here,
  base: '/',
  plugins: [react()],
  // the contract shared with the server (src/contract): types for every page, zod at runtime only in
  // the admin chunk; nothing else of the server can be imported
  resolve: { alias: { '@contract': path.join(here, '../src/contract') } },
  build: {
    outDir: path.join(here, '../dist/web'),
    emptyOutDir: true,
    target: 'es2022',
    // the admin chunk is large (Ant Design) but only catalog admins load it
    chunkSizeWarningLimit: 1500,
  },
  server: {
    proxy: { '/api': 'http://localhost:3000' },
  },
});
