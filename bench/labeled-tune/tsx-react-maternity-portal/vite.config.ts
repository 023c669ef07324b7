import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    proxy: { '/assistant': 'http://localhost:8787' }, // SAFE(transmission): dev proxy to localhost
  },
  build: { sourcemap: true },
});
