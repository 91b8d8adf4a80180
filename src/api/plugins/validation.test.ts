import { describe, expect, it } from 'vitest';
import { buildValidators } from './validation.ts';

type Compile = (x: { schema: object; httpPart?: string }) => (data: unknown) => boolean;
const factory = () =>
  buildValidators() as unknown as (external: Record<string, unknown>) => Compile;

describe('the validators shared by every plugin context of an app', () => {
  it('coerce query text to numbers but take a JSON body as sent', () => {
    const compile = factory()({});
    const schema = { type: 'object', properties: { n: { type: 'integer' } } };
    expect(compile({ schema, httpPart: 'querystring' })({ n: '42' })).toBe(true);
    expect(compile({ schema, httpPart: 'body' })({ n: '42' })).toBe(false);
  });

  it('resolve a shared schema ($ref) given by any context, once', () => {
    const build = factory();
    const Point = {
      $id: 'Point',
      type: 'object',
      required: ['lng'],
      properties: { lng: { type: 'number' } },
    };
    build({ Point });
    const compile = build({ Point });
    const v = compile({ schema: { $ref: 'Point#' }, httpPart: 'body' });
    expect(v({ lng: 1 })).toBe(true);
    expect(v({})).toBe(false);
  });

  it('refuse two different shared schemas under one $id', () => {
    const build = factory();
    build({ A: { $id: 'A', type: 'string' } });
    expect(() => build({ A: { $id: 'A', type: 'number' } })).toThrow(/\$id A/);
    expect(() => build({ A: { $id: 'A', type: 'string' } })).not.toThrow();
  });
});
