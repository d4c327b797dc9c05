/**
 * The fast validation and serialisation paths (src/service/validation) against zod itself, on seeded
 * random inputs near the schemas' edges: whatever the fast path accepts, zod accepts with the same
 * value (defaults, key order), whatever zod accepts the fast path accepts, and the validator Fastify
 * gets answers exactly as zod's, errors included.
 */
import { serializerCompiler as zodSerializerCompiler, validatorCompiler as zodValidatorCompiler } from 'fastify-type-provider-zod';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createRng, type Rng } from '../../../src/data/simulate/rng.js';
import { memberInputSchema } from '../../../src/screening/member/memberSchema.js';
import { probabilityIntervalSchema } from '../../../src/screening/screeningResult.js';
import { cprParamsSchema } from '../../../src/service/schemas/cpr.js';
import { statisticalResultSchema } from '../../../src/service/schemas/screening.js';
import { serializerCompiler, validatorCompiler } from '../../../src/service/validation/compilers.js';
import { compileFastPath } from '../../../src/service/validation/fastValidation.js';
import { compileFastSerializer } from '../../../src/service/validation/fastSerialization.js';
import { zodFinisher } from '../../../src/service/validation/zodFinisher.js';

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  innerType?: z.ZodType;
  entries?: Record<string, string>;
  checks?: { _zod: { def: { check: string } } }[];
}
const defOf = (s: z.ZodType) => (s as unknown as { _zod: { def: Def } })._zod.def;

const ODD = ['x', 1, null, [], {}, true, '', 1.5];
const NUMBERS = [
  -1,
  0,
  -0,
  0.5,
  1,
  3,
  14,
  15,
  15.5,
  22,
  57,
  60,
  60.0001,
  75,
  80,
  100,
  100.5,
  101,
  800,
  3848,
  10_000,
  10_001,
  250_000,
  1e8,
  1e8 + 1,
  2 ** 53,
  1e300,
  '57',
];
const STRINGS = [
  '101',
  '147',
  '851',
  '999',
  '000',
  '1',
  '12',
  '9112',
  '123456',
  '1234567',
  'abc',
  '',
  ' 101',
  '10a',
  '٣٤٥',
  '0707614285',
  '070761-4285',
  '3213854321',
  '0707614285 ',
  '😀😀😀😀😀😀😀😀😀😀😀',
];

/** A value for `schema`, valid more often than not, with the mistakes and corners validation is about. */
function draw(schema: z.ZodType, rng: Rng): unknown {
  if (rng.uniform() < 0.02) return ODD[rng.integer(0, ODD.length - 1)];
  const def = defOf(schema);
  const pick = <T>(xs: readonly T[]) => xs[rng.integer(0, xs.length - 1)];
  switch (def.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [k, child] of Object.entries(def.shape!)) {
        if (rng.uniform() < 0.04) continue;
        const v = draw(child, rng);
        if (v !== undefined) out[k] = v;
      }
      if (rng.uniform() < 0.03) out.unknownField = 1;
      // Keys in another order than the schema's, as clients send them.
      if (rng.uniform() < 0.3) return Object.fromEntries(Object.entries(out).reverse());
      return out;
    }
    case 'array': {
      const n = rng.uniform() < 0.05 ? 10 : rng.integer(0, 3);
      const xs = Array.from({ length: n }, () => draw(def.element!, rng));
      if (xs.length > 0 && rng.uniform() < 0.1) xs.push(xs[0]);
      return xs;
    }
    case 'optional':
      return rng.uniform() < 0.25 ? undefined : draw(def.innerType!, rng);
    case 'nullable':
      return rng.uniform() < 0.2 ? null : draw(def.innerType!, rng);
    case 'default':
      return rng.uniform() < 0.3 ? undefined : draw(def.innerType!, rng);
    case 'enum':
      return rng.uniform() < 0.05 ? 'nope' : pick(Object.values(def.entries!));
    case 'boolean':
      return rng.uniform() < 0.05 ? pick(['true', 0, null]) : rng.uniform() < 0.5;
    case 'number':
      return rng.uniform() < 0.5 ? pick(NUMBERS) : Math.round(rng.uniform() * 1000) / (rng.uniform() < 0.5 ? 1 : 10);
    case 'string':
      return rng.uniform() < 0.8 ? pick(STRINGS) : String(rng.integer(0, 999_999));
    default:
      throw new Error(`no generator for ${def.type}`);
  }
}

/**
 * A valid `base` with a few random changes: each part replaced by a random draw now and then, keys
 * dropped, unknown keys added; about a third of the results stay valid.
 */
function mutate(schema: z.ZodType, base: unknown, rng: Rng, rate: number): unknown {
  if (rng.uniform() < rate) return draw(schema, rng);
  const def = defOf(schema);
  switch (def.type) {
    case 'object': {
      const b = base as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      for (const [k, child] of Object.entries(def.shape!)) {
        if (!(k in b) && rng.uniform() >= rate) continue;
        if (rng.uniform() < rate / 2) continue;
        const v = mutate(child, b[k], rng, rate);
        if (v !== undefined) out[k] = v;
      }
      if (rng.uniform() < rate / 2) out.unknownField = 1;
      return rng.uniform() < 0.3 ? Object.fromEntries(Object.entries(out).reverse()) : out;
    }
    case 'array': {
      const xs = (base as unknown[]).map((x) => mutate(def.element!, x, rng, rate));
      if (xs.length > 0 && rng.uniform() < rate) xs.push(xs[0]);
      return xs;
    }
    case 'optional':
    case 'nullable':
    case 'default':
      return base === undefined || base === null ? base : mutate(def.innerType!, base, rng, rate);
    default:
      return base;
  }
}

/** The member, as the score route takes a list of them. */
const scoreBodySchema = z.object({ members: z.array(memberInputSchema).min(1).max(3) }).strict();
const scoreQuerySchema = z.object({ explain: z.enum(['true', 'false']).default('false') }).strict();

function compare(schema: z.ZodType, bases: unknown[], n: number, seed: number, rate = 0.03) {
  const rng = createRng(seed, 1);
  const fast = compileFastPath(schema);
  expect(fast).toBeDefined();
  const route = { schema, method: 'POST', url: '/test', httpPart: 'body' } as Parameters<typeof validatorCompiler>[0];
  const fastValidator = validatorCompiler(route) as (data: unknown) => unknown;
  const zodValidator = zodValidatorCompiler(route) as (data: unknown) => unknown;
  let accepted = 0;
  for (let i = 0; i < n; i++) {
    const input = i % 10 === 0 ? draw(schema, rng) : mutate(schema, bases[i % bases.length], rng, rate);
    const untouched = structuredClone(input);
    const zodResult = schema.safeParse(structuredClone(input));
    const issues: unknown[] = [];
    const structurallyValid = fast!.validate(input);
    if (structurallyValid) fast!.finish(input, issues);
    const fastAccepts = structurallyValid && issues.length === 0;
    expect(fastAccepts, JSON.stringify(input)).toBe(zodResult.success);
    if (zodResult.success) {
      accepted++;
      const value = fast!.finish(input, []);
      expect(value).toStrictEqual(zodResult.data);
      // Key order too: what a handler echoes must come out as before.
      expect(JSON.stringify(value)).toBe(JSON.stringify(zodResult.data));
    }
    // What Fastify gets: the same value, or the same error, as from zod's own validator.
    expect(fastValidator(structuredClone(input))).toStrictEqual(zodValidator(structuredClone(input)));
    expect(input).toStrictEqual(untouched);
  }
  return accepted / n;
}

describe('the fast validation path', () => {
  it('accepts exactly what zod accepts, with the same values, on 4,000 random score bodies', () => {
    const m = validInput();
    const other = {
      member: { ...m.member, municipality: null, region: 'nordjylland', education: null, gender: 'mand', jobGoalWithinTradeAreas: false },
      questionnaire: { q2JobExpectation: 'har_job', q10HasBarriers: false },
    };
    const share = compare(scoreBodySchema, [{ members: [m] }, { members: [other, m] }], 4000, 20261201);
    // Both outcomes occur often, or the comparison would prove little.
    expect(share).toBeGreaterThan(0.1);
    expect(share).toBeLessThan(0.9);
  });

  it('does so for single members, the score query and CPR path parameters', () => {
    expect(compare(memberInputSchema, [validInput()], 3000, 7)).toBeGreaterThan(0.2);
    expect(compare(scoreQuerySchema, [{}, { explain: 'true' }], 500, 8, 0.3)).toBeGreaterThan(0.3);
    expect(compare(cprParamsSchema, [{ cpr: '0707614285' }, { cpr: '070761-4286' }], 1000, 9, 0.3)).toBeGreaterThan(0.1);
  });

  it('fills in defaults as zod does, each time a fresh value', () => {
    const fast = compileFastPath(memberInputSchema)!;
    const input = structuredClone(validInput());
    delete (input.questionnaire as { q10Barriers?: unknown }).q10Barriers;
    (input.questionnaire as { q10HasBarriers: boolean }).q10HasBarriers = false;
    expect(fast.validate(input)).toBe(true);
    const a = fast.finish(input, []) as { questionnaire: { q10Barriers: unknown[] } };
    const b = fast.finish(input, []) as { questionnaire: { q10Barriers: unknown[] } };
    expect(a.questionnaire.q10Barriers).toEqual([]);
    expect(a.questionnaire.q10Barriers).not.toBe(b.questionnaire.q10Barriers);
  });

  it('runs the cross-field rules (superRefine), so zod gives the error', () => {
    const route = { schema: memberInputSchema, method: 'POST', url: '/test', httpPart: 'body' } as Parameters<typeof validatorCompiler>[0];
    const input = structuredClone(validInput());
    (input.member as { region?: string }).region = 'sjaelland';
    const r = (validatorCompiler(route) as (d: unknown) => { error?: { message: string }[] })(input);
    expect(r.error?.map((e) => e.message)).toEqual(['does not match the municipality (which is in hovedstaden)']);
  });

  it('leaves schemas it cannot mirror to zod alone', () => {
    expect(zodFinisher(z.looseObject({ a: z.string() }))).toBeUndefined();
    expect(zodFinisher(z.string().transform((s) => s.length))).toBeUndefined();
    expect(zodFinisher(z.union([z.string(), z.number()]))).toBeUndefined();
    expect(zodFinisher(z.object({ n: z.coerce.number() }))).toBeUndefined();
  });
});

function validInput(): Record<string, Record<string, unknown>> {
  return {
    member: {
      age: 57,
      experienceYears: 20,
      education: 'grundskole',
      fromSicknessBenefit: true,
      priorDagpengeHours: 800,
      earlierSpells: 3,
      municipality: '101',
      discoCode: '9112',
      industry: 'handel_transport',
      dimittend: false,
      previousIncome: 250000,
      childrenAtHome: false,
    },
    questionnaire: { q2JobExpectation: 'over_6_maaneder', q10HasBarriers: true, q10Barriers: ['fysisk_helbred', 'it'] },
  };
}

describe('the fast serializer', () => {
  // The response schema of POST /v1/score (routes/v1/score/index.ts).
  const resultSchema = statisticalResultSchema
    .partial({
      baselineLinearPredictor: true,
      factors: true,
      activities: true,
      memberSummary: true,
    })
    .extend({ probabilityInterval: probabilityIntervalSchema });
  const responseSchema = z.object({ results: z.array(resultSchema) });
  const route = { schema: responseSchema, method: 'POST', url: '/v1/score', httpStatus: '200' } as Parameters<typeof serializerCompiler>[0];
  const fast = serializerCompiler(route);
  const slow = zodSerializerCompiler(route);

  const result = (rng: Rng) => ({
    // Keys in another order than the schema's and undefined optional ones: both must come out as zod
    // writes them. (Unknown keys are not drawn: zod refuses them with a 500, fast-json-stringify drops them.)
    cutoff: 0.25,
    probability: rng.uniform(),
    modelVersion: 'sim-2026.12-1',
    simulatedData: rng.uniform() < 0.5,
    policyVersion: 'standard-2026.11',
    linearPredictor: (rng.uniform() - 0.5) * 10,
    targetGroup: rng.uniform() < 0.5 ? 1 : 2,
    subgroup: [null, '2a', '2b'][rng.integer(0, 2)],
    jobCentreReferral: rng.uniform() < 0.5,
    referralReasons:
      rng.uniform() < 0.5 ? [] : [{ reason: 'Psykiske helbredsproblemer (spørgsmål 10) "citat" \\ \u2028', rule: 'psykisk_helbred' }],
    memberSummary: rng.uniform() < 0.5 ? undefined : 'Tak for samtalen.\n• Jobformidling',
    baselineLinearPredictor: rng.uniform() < 0.5 ? undefined : -2.0115192923410645,
    probabilityInterval: { lower: rng.uniform() / 2, upper: 0.5 + rng.uniform() / 2, level: 0.95 },
    factors:
      rng.uniform() < 0.5
        ? undefined
        : [
            {
              feature: 'age',
              terms: ['age=55-59'],
              contribution: 0.88,
              oddsRatio: 2.4,
              direction: 'raises',
              label: 'Alder 55-59 år',
              comparedWith: '30-39 år',
              sensitive: false,
            },
          ],
  });

  it('writes what zod writes, byte for byte, on 2,000 random results', () => {
    expect(compileFastSerializer(responseSchema)).toBeDefined();
    const rng = createRng(11, 1);
    for (let i = 0; i < 2000; i++) {
      const data = { results: Array.from({ length: rng.integer(1, 3) }, () => result(rng)) };
      expect(fast(data)).toBe(slow(data));
    }
  });

  it('keeps zod for schemas that do not map plainly', () => {
    expect(compileFastSerializer(z.object({ a: z.union([z.object({ b: z.string() }), z.number()]) }))).toBeUndefined();
    expect(compileFastSerializer(z.record(z.string(), z.number()))).toBeUndefined();
    expect(compileFastSerializer(z.object({ a: z.string().default('x') }))).toBeUndefined();
  });
});
