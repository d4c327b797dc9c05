/**
 * Request validation with zod as the one source of truth, fast on the common path: the zod schema is
 * turned into JSON Schema (`z.toJSONSchema`) and compiled by ajv, the validator Fastify itself uses;
 * a value ajv accepts is finished the way zod would (key order, defaults, refine and superRefine, see
 * zodFinisher.ts). Whatever ajv or a check refuses goes to zod, so every error message is zod's, as
 * before: errors are the slow path. A schema that cannot be mirrored exactly is validated by zod alone.
 */
import { Ajv, type ValidateFunction } from 'ajv';
import { z } from 'zod';
import { zodFinisher, type Finisher } from './zodFinisher.js';

/** A validator as Fastify's validator compiler returns it. */
export type FastifyValidator = (data: unknown) => { value: unknown } | { error: unknown };

// No coercion, no defaults, no removal: ajv only answers "is this structurally valid", and leaves
// the value untouched; formats are zod's checks (run by the finisher), not ajv's.
const ajv = new Ajv({
  allErrors: false,
  coerceTypes: false,
  useDefaults: false,
  removeAdditional: false,
  strict: false,
  validateFormats: false,
});

/** The ajv validator and the finisher of a zod schema, or undefined when either cannot be built. */
export function compileFastPath(schema: z.ZodType): { validate: ValidateFunction; finish: Finisher } | undefined {
  const finish = zodFinisher(schema);
  if (finish === undefined) return undefined;
  let validate: ValidateFunction;
  try {
    validate = ajv.compile(z.toJSONSchema(schema, { io: 'input', target: 'draft-7', unrepresentable: 'throw' }));
  } catch {
    return undefined;
  }
  return { validate, finish };
}

/**
 * `slow` (zod's validator, which also builds the error Fastify's error handler expects) with the fast
 * path in front of it when `schema` has one: only what the fast path accepts skips zod.
 */
export function withFastPath(schema: z.ZodType, slow: FastifyValidator): FastifyValidator {
  const fast = compileFastPath(schema);
  if (fast === undefined) return slow;
  const { validate, finish } = fast;
  return (data) => {
    if (!validate(data)) return slow(data);
    const issues: unknown[] = [];
    const value = finish(data, issues);
    return issues.length === 0 ? { value } : slow(data);
  };
}
