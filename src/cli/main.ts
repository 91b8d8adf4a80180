import { COMMANDS } from './commands/index.ts';

/** `gridloop <command> [options]`: one file per command under ./commands. */
async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const cmd = name === undefined ? undefined : COMMANDS[name];
  if (!cmd) {
    console.log('用法 usage: gridloop <command> [options]\n');
    for (const [n, c] of Object.entries(COMMANDS)) console.log(`  ${n.padEnd(10)} ${c.summary}`);
    return name === undefined || name === 'help' ? 0 : 2;
  }
  return cmd.run(rest);
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== 0) process.exitCode = code;
  },
  (e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  },
);
