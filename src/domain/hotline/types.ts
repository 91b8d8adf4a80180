import type { ChannelVocabulary, VocabularyEntry } from '../intake/index.ts';
import type { PreferredUnit } from '../intake/index.ts';

/**
 * The hotline's own list of types (reference/channels/hotline-types.csv, a channel vocabulary
 * with one column of its own, `route`): `street` types — the 48 the sources say 12345 sends
 * straight to the streets — go to the street centre of the street holding the point;
 * `department` types go to the department the district's dispatch rules name for the category.
 */
export type HotlineRoute = 'street' | 'department';

export type HotlineType = VocabularyEntry & { readonly route: HotlineRoute };

/** The types of the vocabulary, each with its route (an unknown route is a problem). */
export function hotlineTypesOf(v: ChannelVocabulary): {
  readonly types: readonly HotlineType[];
  readonly problems: readonly string[];
} {
  const types: HotlineType[] = [];
  const problems: string[] = [];
  for (const e of v.entries) {
    const route = e.extra.route?.trim();
    if (route === 'street' || route === 'department') types.push({ ...e, route });
    else problems.push(`${e.code}: route ${route ?? ''} is not street or department`);
  }
  return { types, problems };
}

/** The intake seam's routing hint for a type: a street type names the street centre. */
export function preferredUnitOf(t: HotlineType): PreferredUnit | undefined {
  return t.route === 'street' ? { unitKind: 'street_centre' } : undefined;
}
