import { Ajv, type Options, type ValidateFunction } from 'ajv';
import formatsPlugin from 'ajv-formats';
import type { FastifySchemaCompiler, FastifyServerOptions } from 'fastify';

type ValidatorFactory = NonNullable<
  NonNullable<
    NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']
  >['buildValidator']
>;

const BASE: Options = {
  removeAdditional: false,
  allErrors: true,
  useDefaults: true,
  addUsedSchema: false,
  // NaN and ±Infinity are not numbers to any schema (for coerced text see finiteAfterCoercion).
  strictNumbers: true,
};

function newAjv(coerceTypes: boolean): Ajv {
  const ajv = new Ajv({ ...BASE, coerceTypes });
  (formatsPlugin as unknown as (a: Ajv) => Ajv)(ajv);
  return ajv;
}

/**
 * Two validators (Fastify `schemaController.compilersFactory.buildValidator`): the query string,
 * route params and headers are text on the wire, so they are coerced to the numbers and booleans
 * their schemas ask for; a JSON body is validated as sent, so `{"description": 42}` is a 400,
 * never silently stored as the text "42".
 *
 * Fastify asks for a validator once per plugin context (about 90 here); each app builds its two
 * ajv instances once and shares them with every context, adding each shared schema ($id) once.
 * A new instance per context (with ajv-formats and every shared schema compiled again) cost
 * ~6 s of CPU at every start. Two contexts that gave one $id different schemas would validate
 * against the wrong one, so that is refused at start.
 */
function validatorFactory(): (
  externalSchemas: Record<string, unknown> | undefined,
) => FastifySchemaCompiler<unknown> {
  const coercing = newAjv(true);
  const exact = newAjv(false);
  const added = new Map<string, unknown>();
  const share = (externalSchemas: Record<string, unknown>) => {
    for (const schema of Object.values(externalSchemas)) {
      const id = (schema as { $id?: unknown }).$id;
      if (typeof id !== 'string') continue;
      const known = added.get(id);
      if (known === undefined) {
        coercing.addSchema(schema as object);
        exact.addSchema(schema as object);
        added.set(id, schema);
      } else if (known !== schema && JSON.stringify(known) !== JSON.stringify(schema)) {
        throw new Error(`two different shared schemas have the $id ${id}`);
      }
    }
  };
  return (externalSchemas) => {
    share(externalSchemas ?? {});
    return ({ schema, httpPart }) => {
      const ajv = httpPart === 'body' ? exact : coercing;
      const id = (schema as { $id?: unknown }).$id;
      if (typeof id === 'string') {
        const stored = ajv.getSchema(id);
        if (stored) return stored as ValidateFunction;
      }
      const validate = ajv.compile(schema as object);
      return httpPart === 'body' ? validate : finiteAfterCoercion(validate);
    };
  };
}

/**
 * ajv's coercion turns the text `Infinity` or `1e309` into a number and then skips the checks
 * (type and maximum) on it; strictNumbers only holds for numbers that came as numbers. So a
 * coerced part (query, params, headers: flat records of text) is walked once more, and a
 * non-finite number in it is a validation error like any other.
 */
function finiteAfterCoercion(validate: ValidateFunction): ValidateFunction {
  const checked = function (this: unknown, data: unknown, ctx?: unknown): boolean {
    const ok: boolean = validate.call(this, data, ctx as never);
    if (!ok) {
      checked.errors = validate.errors ?? null;
      return false;
    }
    const at = nonFiniteAt(data);
    checked.errors =
      at === null
        ? null
        : [
            {
              instancePath: at,
              schemaPath: '#/type',
              keyword: 'type',
              params: { type: 'number' },
              message: 'must be a finite number',
            },
          ];
    return at === null;
  } as ValidateFunction;
  Object.assign(checked, { schema: validate.schema, schemaEnv: validate.schemaEnv });
  return checked;
}

/** The JSON pointer of a non-finite number in a flat record (or its arrays), or null. */
function nonFiniteAt(data: unknown): string | null {
  if (data === null || typeof data !== 'object') return null;
  for (const [k, v] of Object.entries(data)) {
    const values: unknown[] = Array.isArray(v) ? v : [v];
    for (const [i, x] of values.entries()) {
      if (typeof x === 'number' && !Number.isFinite(x)) {
        return Array.isArray(v) ? `/${k}/${i}` : `/${k}`;
      }
    }
  }
  return null;
}

/**
 * For `schemaController.compilersFactory.buildValidator` (its declared type is ajv-compiler's):
 * one per app.
 */
export const buildValidators = (): ValidatorFactory =>
  validatorFactory() as unknown as ValidatorFactory;
