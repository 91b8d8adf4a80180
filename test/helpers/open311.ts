import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import formatsPlugin from 'ajv-formats';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { expect } from 'vitest';

/** The GeoReport v2 answers, each with its JSON Schema in test/fixtures/open311/. */
export type Open311Schema =
  | 'discovery'
  | 'services'
  | 'service-definition'
  | 'service-requests'
  | 'post-request'
  | 'tokens'
  | 'errors';

const ajv = new Ajv({ allErrors: true, strict: false });
(formatsPlugin as unknown as (a: Ajv) => Ajv)(ajv);
const compiled = new Map<Open311Schema, ValidateFunction>();

/** Asserts the body is valid against the spec's schema (errors listed on failure). */
export function expectSpecValid(schema: Open311Schema, body: unknown): void {
  let v = compiled.get(schema);
  if (!v) {
    const url = new URL(`../fixtures/open311/${schema}.schema.json`, import.meta.url);
    v = ajv.compile(JSON.parse(readFileSync(url, 'utf8')) as object);
    compiled.set(schema, v);
  }
  const ok = v(body);
  expect(ok ? [] : v.errors, `${schema}: ${JSON.stringify(body).slice(0, 300)}`).toEqual([]);
}

// Elements that repeat (the items of the spec's lists) are always read back as arrays.
const LISTS = new Set([
  'service',
  'attribute',
  'value',
  'request',
  'error',
  'endpoint',
  'format',
  'note',
  'media_url',
]);
const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: false,
  isArray: (name) => LISTS.has(name),
});

/** Parses an XML answer (after checking it is well-formed) into plain objects of strings. */
export function parseXml(text: string): Record<string, unknown> {
  // The validator still ships in fast-xml-parser 5 (its own package is not needed for a test).
  // eslint-disable-next-line @typescript-eslint/no-deprecated
  const valid = XMLValidator.validate(text);
  expect(valid, `not well-formed XML: ${text.slice(0, 300)}`).toBe(true);
  return parser.parse(text) as Record<string, unknown>;
}
