/**
 * Response serialisation by fast-json-stringify from the JSON Schema of a zod response schema, instead
 * of zod's encode followed by JSON.stringify. Both write the schema's properties in the schema's order
 * and leave out unknown and undefined ones, so a response the handler builds correctly comes out byte
 * for byte the same (test/service/validation checks it). What the zod serializer added is a check of
 * the handler's own output, a 500 when it breaks the schema; the handlers build it from typed values.
 *
 * Only schemas that map plainly are compiled: objects, arrays and primitives, nullable primitives.
 * Anything else (unions of objects, records, references …) keeps zod's serializer.
 */
import fastJson from 'fast-json-stringify';
import { z } from 'zod';

type JsonSchema = Record<string, unknown>;

/** Keywords that only constrain values: a serializer need not know them. */
const CONSTRAINTS = new Set([
  '$schema',
  'description',
  'title',
  'examples',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'minItems',
  'maxItems',
  'uniqueItems',
  'minLength',
  'maxLength',
  'pattern',
  'format',
  'enum',
  'const',
]);
const PRIMITIVES = new Set(['string', 'number', 'integer', 'boolean', 'null']);

class Unsupported extends Error {}

/** The schema with constraints dropped and nullable primitives as type lists; throws Unsupported otherwise. */
function plain(schema: JsonSchema): JsonSchema {
  const out: JsonSchema = {};
  for (const [k, v] of Object.entries(schema)) {
    if (CONSTRAINTS.has(k)) continue;
    switch (k) {
      case 'type':
        // fast-json-stringify truncates a non-integer written as integer; zod would have refused it.
        // As number, every integer is written exactly as JSON.stringify writes it.
        out.type = Array.isArray(v) ? v.map((t) => (t === 'integer' ? 'number' : t)) : v === 'integer' ? 'number' : v;
        break;
      case 'properties':
        out.properties = Object.fromEntries(Object.entries(v as Record<string, JsonSchema>).map(([p, s]) => [p, plain(s)]));
        break;
      case 'items':
        if (Array.isArray(v)) throw new Unsupported('tuple');
        out.items = plain(v as JsonSchema);
        break;
      case 'required':
        // Left out: fast-json-stringify writes required properties before the others, which would
        // change the order of keys against zod's (the schema's). A missing one is the handler's bug.
        break;
      case 'additionalProperties':
        if (v !== false) throw new Unsupported('additionalProperties');
        out.additionalProperties = false;
        break;
      case 'anyOf': {
        const branches = (v as JsonSchema[]).map(plain);
        const types = branches.map((b) =>
          Object.keys(b).length === 1 && typeof b.type === 'string' && PRIMITIVES.has(b.type) ? b.type : undefined,
        );
        if (types.some((t) => t === undefined)) throw new Unsupported('anyOf');
        out.type = [...new Set(types)];
        break;
      }
      default:
        // default (zod does not apply defaults when encoding), $ref, oneOf, allOf, not …
        throw new Unsupported(k);
    }
  }
  if (Array.isArray(out.type) && out.type.length === 1) out.type = out.type[0];
  return out;
}

/** The JSON Schema a serializer for `schema` is compiled from, or undefined when it does not map plainly. */
export function serializationSchema(schema: z.ZodType): JsonSchema | undefined {
  try {
    // A registry of its own, so that schemas with an id are inlined instead of referenced.
    const json = z.toJSONSchema(schema, { io: 'output', target: 'draft-7', unrepresentable: 'throw', metadata: z.registry() });
    return plain(json as JsonSchema);
  } catch {
    return undefined;
  }
}

/** A fast-json-stringify serializer for `schema`, or undefined when it keeps zod's. */
export function compileFastSerializer(schema: z.ZodType): ((data: unknown) => string) | undefined {
  const json = serializationSchema(schema);
  return json === undefined ? undefined : (fastJson(json) as (data: unknown) => string);
}
