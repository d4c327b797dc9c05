/**
 * The components of the generated OpenAPI document, each schema once. fastify-type-provider-zod (7.0)
 * writes every schema with an id twice, `X` as the serializer sees it and `XInput` as the validator
 * sees it, whether or not a route uses it in that direction and whether or not the two differ
 * (turkerdev/fastify-type-provider-zod#214 asks for an option; there is none yet). A client generated
 * from the document would then carry two types for one thing. So, after the library's transform:
 * an `XInput` equal to its `X` is merged into it, schemas no operation reaches are dropped, and an
 * `XInput` left without its `X` takes the plain name. An `XInput` that truly differs (a field with a
 * default is optional on the way in, always present on the way out) stays, since a client needs both.
 */
import { isDeepStrictEqual } from 'node:util';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const REF_PREFIX = '#/components/schemas/';
const INPUT_SUFFIX = 'Input';

/** The value with every `$ref` to a renamed schema pointing at its new name. */
function renamed(value: Json, names: ReadonlyMap<string, string>): Json {
  if (Array.isArray(value)) return value.map((v) => renamed(v, names));
  if (value === null || typeof value !== 'object') return value;
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(value)) {
    if (k === '$ref' && typeof v === 'string' && v.startsWith(REF_PREFIX)) {
      const name = v.slice(REF_PREFIX.length);
      out[k] = REF_PREFIX + (names.get(name) ?? name);
    } else out[k] = renamed(v, names);
  }
  return out;
}

/** The names of the schemas `value` refers to directly. */
function refsIn(value: Json, into: Set<string>): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => refsIn(v, into));
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === '$ref' && typeof v === 'string' && v.startsWith(REF_PREFIX)) into.add(v.slice(REF_PREFIX.length));
      else refsIn(v, into);
    }
  }
  return into;
}

/**
 * The input schemas equal to their output twin once references are merged too. Starts by supposing
 * every pair equal and drops the pairs that differ until none does (the largest consistent merge, which
 * also settles schemas that refer to each other).
 */
function mergeableInputs(schemas: JsonObject): Map<string, string> {
  const merge = new Map<string, string>();
  for (const name of Object.keys(schemas)) {
    const base = name.slice(0, -INPUT_SUFFIX.length);
    if (name.endsWith(INPUT_SUFFIX) && base !== '' && base in schemas) merge.set(name, base);
  }
  for (let changed = true; changed; ) {
    changed = false;
    for (const [input, base] of merge) {
      if (!isDeepStrictEqual(renamed(schemas[input], merge), renamed(schemas[base], merge))) {
        merge.delete(input);
        changed = true;
      }
    }
  }
  return merge;
}

/** The schemas reachable from the document outside `components.schemas` (its operations). */
function reachableSchemas(doc: JsonObject, schemas: JsonObject): Set<string> {
  const { components, ...rest } = doc;
  const { schemas: _schemas, ...otherComponents } = (components ?? {}) as JsonObject;
  const seen = new Set<string>();
  const queue = [...refsIn(rest, new Set()), ...refsIn(otherComponents, new Set())];
  while (queue.length > 0) {
    const name = queue.pop()!;
    if (seen.has(name) || !(name in schemas)) continue;
    seen.add(name);
    queue.push(...refsIn(schemas[name], new Set()));
  }
  return seen;
}

/** The document with each schema in `components.schemas` once (see the module comment). */
export function withSchemasOnce<T extends object>(document: T): T {
  const doc = document as unknown as JsonObject;
  const components = doc.components as JsonObject | undefined;
  const schemas = components?.schemas as JsonObject | undefined;
  if (!components || !schemas) return document;

  const merge = mergeableInputs(schemas);
  let merged = renamed(doc, merge) as JsonObject;
  let mergedSchemas = (merged.components as JsonObject).schemas as JsonObject;
  for (const input of merge.keys()) delete mergedSchemas[input];

  const reachable = reachableSchemas(merged, mergedSchemas);
  for (const name of Object.keys(mergedSchemas)) if (!reachable.has(name)) delete mergedSchemas[name];

  const plain = new Map<string, string>();
  for (const name of Object.keys(mergedSchemas)) {
    const base = name.slice(0, -INPUT_SUFFIX.length);
    if (name.endsWith(INPUT_SUFFIX) && base !== '' && !(base in mergedSchemas)) plain.set(name, base);
  }
  merged = renamed(merged, plain) as JsonObject;
  mergedSchemas = (merged.components as JsonObject).schemas as JsonObject;
  // Sorted by name, so the committed document does not depend on the order schemas were registered in.
  const out = Object.fromEntries(
    Object.entries(mergedSchemas)
      .map(([name, schema]): [string, Json] => [plain.get(name) ?? name, schema])
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  );
  (merged.components as JsonObject).schemas = out;
  return merged as unknown as T;
}
