import { readFileSync } from 'node:fs';
import {
  hotlineTypesOf,
  parseHotlineParameters,
  type HotlineParameters,
  type HotlineType,
} from '../../domain/hotline/index.ts';
import { parseVocabulary } from '../../domain/intake/index.ts';
import type { Deps } from '../deps.ts';
import { runtimeKey } from '../runtime.ts';

const file = (name: string) =>
  readFileSync(new URL(`../../../reference/channels/${name}`, import.meta.url), 'utf8');

export type HotlineReference = {
  readonly types: ReadonlyMap<string, HotlineType>;
  readonly parameters: HotlineParameters;
};

/** Reads and checks the shipped files; a broken shipped file is a bug, so it throws. */
export function loadHotlineReference(): HotlineReference {
  const v = parseVocabulary('hotline', file('hotline-types.csv'));
  if (!v.ok) throw new Error(`hotline-types.csv line ${v.error.line}: ${v.error.reason}`);
  const { types, problems } = hotlineTypesOf(v.value);
  if (problems.length > 0) throw new Error(`hotline-types.csv: ${problems.join('; ')}`);
  const p = parseHotlineParameters(JSON.parse(file('hotline-parameters.json')));
  if (!p.ok) throw new Error(`hotline-parameters.json: ${p.error}`);
  return { types: new Map(types.map((t) => [t.code, t])), parameters: p.value };
}

// Read once per service copy (the files ship with the code; a change is a deploy).
const REFERENCE = runtimeKey('hotline.reference', () => loadHotlineReference());

/** The hotline's types and parameters (reference/channels/hotline-*.{csv,json}). */
export const hotlineReference = (deps: Deps): HotlineReference => deps.runtime.get(REFERENCE, deps);
