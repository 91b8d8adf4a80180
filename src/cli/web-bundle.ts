import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * `npm install` builds the console (the `prepare` script); a checkout that skipped it (or ran
 * `npm install --ignore-scripts`) gets it built once here, from the packages already installed:
 * nothing is downloaded. Without Vite (a production-only install) the API serves alone.
 */
export function ensureWebBundle(webDir: string): void {
  if (existsSync(join(webDir, 'index.html'))) return;
  const root = join(webDir, '..', '..');
  const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  if (!existsSync(vite)) {
    console.warn('控制台未构建 web console not built (no vite): serving the API only');
    return;
  }
  console.log('构建控制台 building the web console (first start only) …');
  const r = spawnSync(
    process.execPath,
    [vite, 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  if (r.status !== 0) console.warn('控制台构建失败 web console build failed: serving the API only');
}
