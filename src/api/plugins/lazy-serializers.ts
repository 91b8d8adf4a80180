// Fastify's own serializer compiler (a dependency of fastify), wrapped so it compiles lazily.
import SerializerSelector from '@fastify/fast-json-stringify-compiler';

/**
 * Response serializers compiled on a route's first answer with a status, not at start-up.
 * Fastify compiles one fast-json-stringify function per route and status when the app is built;
 * for this API that was the largest part of building it (half a second or more of a restart).
 * Same serializers, same output (fields outside the schema still dropped), later.
 */
export function lazySerializers(): SerializerSelector.SerializerFactory {
  const factory = SerializerSelector();
  return (externalSchemas, options) => {
    const compile = factory(externalSchemas, options);
    return (route) => {
      let serialize: SerializerSelector.Serializer | undefined;
      return (doc) => (serialize ??= compile(route))(doc);
    };
  };
}
