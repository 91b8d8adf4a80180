import { buildSeed } from '../../store/pglite-seed.ts';
import type { Command } from './command.ts';

/** `gridloop seed`: the embedded database's first-start seed (run by `npm install`). */
export const seedCommand: Command = {
  summary:
    '内嵌数据库初始种子（npm install 时生成） build the embedded database seed (run by npm install)',
  async run() {
    const t0 = performance.now();
    const { path, built } = await buildSeed();
    const s = ((performance.now() - t0) / 1000).toFixed(1);
    console.log(built ? `已生成 seed built in ${s} s: ${path}` : `已存在 seed up to date: ${path}`);
    return 0;
  },
};
