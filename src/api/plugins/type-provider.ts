import type { Static, TSchema } from '@sinclair/typebox';
import type { FastifyTypeProvider } from 'fastify';

/**
 * The TypeBox type provider for the route schemas: with `app.withTypeProvider<TypeBoxTypeProvider>()`
 * a route's `req.body`, `req.query`, `req.params` and `req.headers` have the types of its schemas,
 * and what it answers is checked against its response schemas, so handlers need no casts.
 *
 * Defined here over `@sinclair/typebox` 0.34, the TypeBox the schemas are written in (this is the
 * provider of @fastify/type-provider-typebox 5). Version 6 of that package reads schemas with the
 * `Static` of TypeBox 1.x (package `typebox`), which types a union built from an array of
 * literals as `never` and a `Type.Unsafe<T>` as unknown.
 */
export interface TypeBoxTypeProvider extends FastifyTypeProvider {
  validator: this['schema'] extends TSchema ? Static<this['schema']> : unknown;
  serializer: this['schema'] extends TSchema ? Readable<Static<this['schema']>> : unknown;
}

/**
 * What an answer may be given as: the schema's type with its arrays and objects read-only, since
 * the serializer only reads them (the domain's values are read-only).
 */
export type Readable<T> = T extends readonly (infer U)[]
  ? readonly Readable<U>[]
  : T extends Date
    ? T
    : T extends object
      ? { readonly [K in keyof T]: Readable<T[K]> }
      : T;
