/**
 * The validator and serializer compilers the app gives Fastify: those of fastify-type-provider-zod,
 * each with a fast path in front where the zod schema allows one (fastValidation.ts,
 * fastSerialization.ts). Routes keep declaring plain zod schemas.
 */
import type { FastifySchemaCompiler } from 'fastify';
import { serializerCompiler as zodSerializerCompiler, validatorCompiler as zodValidatorCompiler } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { outcomeBatchBodySchema } from '../schemas/outcome.js';
import { checkedBatchBody } from '../schemas/outcomeCheck.js';
import { compileFastSerializer } from './fastSerialization.js';
import { withFastPath, type FastifyValidator } from './fastValidation.js';

/**
 * Schemas with a hand-written check in front of zod (accepting exactly what the schema accepts, with
 * the same output; see outcomeCheck.ts): the outcome batch's unions per week keep it off the ajv path.
 */
const HAND_WRITTEN = new Map<z.ZodType, (data: unknown) => unknown>([[outcomeBatchBodySchema, checkedBatchBody]]);

/** Fastify validator compiler: a hand-written check, or ajv and the zod finisher, first; zod for whatever they do not accept. */
export const validatorCompiler: FastifySchemaCompiler<z.ZodType> = (route) => {
  const slow = zodValidatorCompiler(route) as FastifyValidator;
  const hand = HAND_WRITTEN.get(route.schema);
  if (hand !== undefined) {
    return ((data: unknown) => {
      const value = hand(data);
      return value === undefined ? slow(data) : { value };
    }) as ReturnType<FastifySchemaCompiler<z.ZodType>>;
  }
  return withFastPath(route.schema, slow) as ReturnType<FastifySchemaCompiler<z.ZodType>>;
};

type SerializerCompiler = typeof zodSerializerCompiler;

/** Fastify serializer compiler: fast-json-stringify where the response schema maps plainly, zod's otherwise. */
export const serializerCompiler: SerializerCompiler = (route) => {
  const schema = route.schema as unknown;
  const fast = schema instanceof Object && '_zod' in schema ? compileFastSerializer(schema as z.ZodType) : undefined;
  return fast ?? zodSerializerCompiler(route);
};
