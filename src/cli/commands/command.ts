/** A CLI command: returns the process exit code. */
export type Command = { summary: string; run(args: string[]): Promise<number> };
