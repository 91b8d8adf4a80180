import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The console is built into web/dist and served by the platform itself at `/` (src/api/web.ts),
// the public portal at `/portal/` and the cockpit wall at `/cockpit/`, one entry each, sharing
// the hashed chunks in dist/assets. Relative asset paths, no CDN, nothing fetched at run time.
export default defineConfig({
  root: import.meta.dirname,
  base: './',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2500,
    rollupOptions: {
      input: {
        console: `${import.meta.dirname}/index.html`,
        portal: `${import.meta.dirname}/portal/index.html`,
        cockpit: `${import.meta.dirname}/cockpit/index.html`,
      },
      output: {
        // The map library is large: its own chunk, loaded only on the map page.
        manualChunks: (id) => {
          if (id.includes('node_modules/maplibre-gl')) return 'maplibre';
          if (id.includes('node_modules/echarts') || id.includes('node_modules/zrender'))
            return 'echarts';
          if (
            id.includes('node_modules/antd') ||
            id.includes('node_modules/@ant-design') ||
            id.includes('node_modules/rc-')
          )
            return 'antd';
          return undefined;
        },
      },
    },
  },
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
});
