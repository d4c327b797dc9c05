/**
 * The validator and serializer compilers the app gives Fastify: those of fastify-type-provider-zod,
 * each with a fast path in front where the zod schema allows one (fastValidation.ts,
 * fastSerialization.ts). Routes keep declaring plain zod schemas.
 */
import type { FastifySchemaCompiler } from 'fastify';
import { serializerCompiler as zodSerializerCompiler, validatorCompiler as zodValidatorCompiler } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { compileFastSerializer } from './fastSerialization.js';
import { withFastPath, type FastifyValidator } from './fastValidation.js';

/** Fastify validator compiler: ajv and the zod finisher first, zod for whatever they do not accept. */
export const validatorCompiler: FastifySchemaCompiler<z.ZodType> = (route) =>
  withFastPath(route.schema, zodValidatorCompiler(route) as FastifyValidator) as ReturnType<FastifySchemaCompiler<z.ZodType>>;

type SerializerCompiler = typeof zodSerializerCompiler;

/** Fastify serializer compiler: fast-json-stringify where the response schema maps plainly, zod's otherwise. */
export const serializerCompiler: SerializerCompiler = (route) => {
  const schema = route.schema as unknown;
  const fast = schema instanceof Object && '_zod' in schema ? compileFastSerializer(schema as z.ZodType) : undefined;
  return fast ?? zodSerializerCompiler(route);
};
