import { createHash } from 'node:crypto';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { serviceWorkerSource } from './src/field/sw-source.ts';

/**
 * Writes `field/sw.js`: the field app's service worker with every file its page loads (the
 * entry's chunks, lazy chunks, CSS, the map worker) so the app starts with the network off.
 */
function fieldServiceWorker(): Plugin {
  return {
    name: 'gridloop-field-sw',
    apply: 'build',
    generateBundle(_opts, bundle) {
      const entry = Object.values(bundle).find(
        (c) => c.type === 'chunk' && c.isEntry && c.facadeModuleId?.endsWith('field/index.html'),
      );
      const files = new Set<string>();
      const visit = (name: string) => {
        if (files.has(name)) return;
        const c = bundle[name];
        if (!c) return;
        files.add(name);
        if (c.type !== 'chunk') return;
        for (const n of [...c.imports, ...c.dynamicImports]) visit(n);
        for (const n of c.viteMetadata?.importedCss ?? []) files.add(n);
        for (const n of c.viteMetadata?.importedAssets ?? []) files.add(n);
      };
      if (entry) visit(entry.fileName);
      // Assets a chunk refers to by URL (the map's worker) are emitted beside the chunks.
      for (const [name, c] of Object.entries(bundle))
        if (c.type === 'asset' && name.includes('maplibre-gl-worker')) files.add(name);
      const precache = [
        './',
        './manifest.webmanifest',
        './icon.svg',
        ...[...files].sort().map((f) => `../${f}`),
      ];
      const version = createHash('sha256').update(precache.join('\n')).digest('hex').slice(0, 12);
      this.emitFile({
        type: 'asset',
        fileName: 'field/sw.js',
        source: serviceWorkerSource(precache, version),
      });
    },
  };
}

// The console is built into web/dist and served by the platform itself at `/` (src/api/web.ts),
// the supervisors' field app (城管通) at `/field/`, the public portal at `/portal/` and the cockpit
// wall at `/cockpit/`, one entry each, sharing the hashed chunks in dist/assets. Relative asset
// paths, no CDN, nothing fetched at run time.
export default defineConfig({
  root: import.meta.dirname,
  base: './',
  plugins: [react(), fieldServiceWorker()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2500,
    rollupOptions: {
      input: {
        console: `${import.meta.dirname}/index.html`,
        portal: `${import.meta.dirname}/portal/index.html`,
        field: `${import.meta.dirname}/field/index.html`,
        cockpit: `${import.meta.dirname}/cockpit/index.html`,
      },
      output: {
        // The map library is large: its own chunk, loaded only on the map page.
        manualChunks: (id) => {
          // React on its own: the field app uses it without the console's UI library.
          if (/node_modules\/(react|react-dom|scheduler)\//.test(id)) return 'react';
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
