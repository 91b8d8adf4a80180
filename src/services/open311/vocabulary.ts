import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseVocabulary, type ChannelVocabulary } from '../../domain/intake/index.ts';
import type { Deps } from '../deps.ts';
import { runtimeKey } from '../runtime.ts';

/** The service codes of the Open311 channel, kept as data beside the catalogue. */
export const OPEN311_SERVICES_FILE = fileURLToPath(
  new URL('../../../reference/channels/open311-services.csv', import.meta.url),
);

/** Reads and checks a vocabulary file; a broken shipped file is a bug, so it throws. */
export function loadVocabularyFile(path: string): ChannelVocabulary {
  const r = parseVocabulary('open311', readFileSync(path, 'utf8'));
  if (!r.ok) throw new Error(`${path}: line ${r.error.line}: ${r.error.reason}`);
  return r.value;
}

// Read once per service copy (the file ships with the code; a change is a deploy).
const VOCABULARY = runtimeKey('open311.vocabulary', () =>
  loadVocabularyFile(OPEN311_SERVICES_FILE),
);

/** The Open311 service codes and the catalogue categories they stand for. */
export const open311Vocabulary = (deps: Deps): ChannelVocabulary =>
  deps.runtime.get(VOCABULARY, deps);
