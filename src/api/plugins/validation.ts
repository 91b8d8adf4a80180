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
  // NaN and ±Infinity are not numbers to any schema (a query `?page=Infinity` is a 400).
  strictNumbers: true,
};

function newAjv(coerceTypes: boolean, externalSchemas: Record<string, unknown>): Ajv {
  const ajv = new Ajv({ ...BASE, coerceTypes });
  (formatsPlugin as unknown as (a: Ajv) => Ajv)(ajv);
  for (const schema of Object.values(externalSchemas)) ajv.addSchema(schema as object);
  return ajv;
}

/**
 * Two validators (Fastify `schemaController.compilersFactory.buildValidator`): the query string,
 * route params and headers are text on the wire, so they are coerced to the numbers and booleans
 * their schemas ask for; a JSON body is validated as sent, so `{"description": 42}` is a 400,
 * never silently stored as the text "42".
 */
function validatorFactory(
  externalSchemas: Record<string, unknown> | undefined,
): FastifySchemaCompiler<unknown> {
  const external = externalSchemas ?? {};
  const coercing = newAjv(true, external);
  const exact = newAjv(false, external);
  return ({ schema, httpPart }) => {
    const ajv = httpPart === 'body' ? exact : coercing;
    const id = (schema as { $id?: unknown }).$id;
    if (typeof id === 'string') {
      const stored = ajv.getSchema(id);
      if (stored) return stored as ValidateFunction;
    }
    return ajv.compile(schema as object);
  };
}

/** For `schemaController.compilersFactory.buildValidator` (its declared type is ajv-compiler's). */
export const buildValidator = validatorFactory as unknown as ValidatorFactory;
