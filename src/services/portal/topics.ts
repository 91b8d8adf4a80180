import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parseTopics, searchTopics, type Topic } from '../../domain/portal/index.ts';
import type { Deps } from '../deps.ts';
import { runtimeKey } from '../runtime.ts';

const TOPICS_FILE = fileURLToPath(
  new URL('../../../reference/channels/portal-categories.csv', import.meta.url),
);

// Read once per service copy: the file ships with the code and changes only with a release.
const TOPICS = runtimeKey('portal.topics', async (): Promise<readonly Topic[]> => {
  const r = parseTopics(await readFile(TOPICS_FILE, 'utf8'));
  if (!r.ok) throw new Error(`portal-categories.csv line ${r.error.line}: ${r.error.reason}`);
  return r.value;
});

/** The portal's plain-word topics (reference/channels/portal-categories.csv). */
export function listTopics(deps: Deps): Promise<readonly Topic[]> {
  return deps.runtime.get(TOPICS, deps);
}

/** Topics matching what a citizen typed (Chinese, pinyin initials or English), best first. */
export async function findTopics(deps: Deps, query: string, limit: number): Promise<Topic[]> {
  return searchTopics(await listTopics(deps), query, limit);
}
