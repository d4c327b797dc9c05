/**
 * The hand-written checks of an outcome batch (src/service/schemas/outcomeCheck.ts) against the zod
 * schemas themselves, on seeded random records near every field's edges: whatever a check accepts, zod
 * accepts with the same output (checkedBatchItem: fresh objects, key order, optional keys as given;
 * acceptsBatchItem and checkedBatchBody: the value itself, equal to zod's output), and whatever zod
 * accepts, the checks accept.
 */
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createRng, type Rng } from '../../../src/data/simulate/rng.js';
import { ODD_VALUES, pick } from '../../support/seeded.js';
import { outcomeBatchBodySchema, outcomeBatchItemSchema } from '../../../src/service/schemas/outcome.js';
import { acceptsBatchItem, checkedBatchBody, checkedBatchItem } from '../../../src/service/schemas/outcomeCheck.js';

const FIELD_VALUES: Record<string, unknown[]> = {
  cpr: [
    '0101701234',
    '010170-1234',
    ' 0101701234 ',
    '3201701234',
    '0101991234',
    '010170123',
    '01017012345',
    '0101701234'.padEnd(21, ' '),
    '０１０１７０１２３４',
    101701234,
  ],
  benefitPeriodStart: [
    '2025-01-06',
    '2000-01-01',
    '1999-12-31',
    '2024-02-29',
    '2025-02-29',
    '2025-1-06',
    ' 2025-01-06',
    '2025-01-06T00:00:00Z',
  ],
  statusWeek13: ['in_work', 'on_dagpenge', null, undefined, 'IN_WORK', 'sick'],
  statusWeek26: ['left_fund', 'unknown', null, undefined, 'in work'],
  longTerm: [true, false, null, undefined, 0, 'true'],
  hoursThroughWeek: [
    '202601',
    '2026011234',
    '20260112345',
    202601,
    0,
    999_999,
    1_000_000,
    -1,
    1.5,
    2 ** 53,
    '',
    undefined,
    null,
    Number.NaN,
  ],
  correction: [true, false, undefined, null, 0, 'true'],
  correctionReason: [
    'late register',
    '',
    ' ',
    '\t',
    undefined,
    null,
    'x'.repeat(2000),
    'x'.repeat(2001),
    '😀'.repeat(2000),
    '😀'.repeat(2001),
  ],
};

const WEEK_VALUES: unknown[] = [
  '202502',
  202502,
  '2025021234',
  '20250212345',
  '😀'.repeat(10),
  '😀'.repeat(11),
  0,
  999_999,
  1_000_000,
  -1,
  1.5,
  2 ** 53,
  Number.NaN,
  '',
  null,
  undefined,
  true,
];
const HOURS_VALUES: unknown[] = [
  '37',
  37,
  18.5,
  '',
  'x'.repeat(40),
  'x'.repeat(41),
  '😀'.repeat(40),
  '😀'.repeat(41),
  -1,
  1e300,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  null,
  undefined,
  true,
];

function goodItem(rng: Rng): Record<string, unknown> {
  const r: Record<string, unknown> = { cpr: pick(rng, ['0101701234', '010170-1234']), benefitPeriodStart: '2025-01-06' };
  if (rng.bernoulli(0.7)) r.statusWeek13 = pick(rng, ['in_work', 'on_dagpenge', null]);
  if (rng.bernoulli(0.3)) r.statusWeek26 = pick(rng, ['in_work', null]);
  if (rng.bernoulli(0.7))
    r.weeklyHours = Array.from({ length: rng.integer(0, 60) }, (_, i) =>
      rng.bernoulli(0.5) ? { week: String(202502 + i), hours: pick(rng, ['37', '0']) } : { hours: 37, week: 202502 + i },
    );
  else if (rng.bernoulli(0.5)) r.longTerm = pick(rng, [true, false, null]);
  if (rng.bernoulli(0.3)) r.hoursThroughWeek = '202601';
  if (rng.bernoulli(0.2)) {
    r.correction = true;
    r.correctionReason = 'late register';
  }
  // Keys in another order than the schema's: the output takes the schema's.
  if (rng.bernoulli(0.3)) return Object.fromEntries(Object.entries(r).reverse());
  return r;
}

function bentItem(rng: Rng): unknown {
  const r = goodItem(rng);
  const bends = rng.integer(0, 3);
  const fields = Object.keys(FIELD_VALUES);
  for (let b = 0; b < bends; b++) {
    const what = rng.integer(0, 9);
    if (what <= 3) {
      const f = pick(rng, fields);
      r[f] = pick(rng, FIELD_VALUES[f]);
    } else if (what === 4) delete r[pick(rng, [...fields, 'weeklyHours'])];
    else if (what === 5) r[pick(rng, [...fields, 'weeklyHours'])] = pick(rng, ODD_VALUES);
    else if (what === 6) r[pick(rng, ['extra', 'citizenKey', 'toString', 'fundId'])] = 1;
    else if (what === 7 || what === 8) {
      const weeks = Array.isArray(r.weeklyHours) ? [...(r.weeklyHours as unknown[])] : [];
      const w = pick(rng, [
        { week: pick(rng, WEEK_VALUES), hours: '37' },
        { week: '202502', hours: pick(rng, HOURS_VALUES) },
        { week: '202502' },
        { week: '202502', hours: '1', extra: 1 },
        { week: '202502', hours: '1', extra: undefined },
        null,
        [],
        'x',
      ]);
      weeks.splice(rng.integer(0, weeks.length), rng.integer(0, 1), w);
      r.weeklyHours = weeks;
    } else r.weeklyHours = Array.from({ length: pick(rng, [519, 520, 521]) }, () => ({ week: '202502', hours: '1' }));
  }
  return r;
}

/** Checks one value both ways; `exact` false for a value the checks leave to zod (a null-prototype object). */
function agree(value: unknown, exact = true): boolean {
  const z = outcomeBatchItemSchema.safeParse(value);
  const fast = checkedBatchItem(value);
  if (fast !== undefined) {
    expect(z.success).toBe(true);
    expect(fast).toStrictEqual(z.data);
    expect(Object.keys(fast)).toEqual(Object.keys(z.data!));
  }
  if (!exact) {
    expect(fast).toBeUndefined();
    expect(acceptsBatchItem(value)).toBe(false);
    return z.success;
  }
  expect(fast !== undefined, inspect(value, { depth: 2, maxArrayLength: 4 })).toBe(z.success);
  expect(acceptsBatchItem(value)).toBe(z.success);
  // What it accepts, zod outputs unchanged but for key order and identity.
  if (z.success) expect(value).toStrictEqual(z.data);
  return z.success;
}

describe('checkedBatchItem', () => {
  it('accepts exactly what outcomeBatchItemSchema accepts, with the same output, on generated records', () => {
    const rng = createRng(21, 7);
    let accepted = 0;
    const n = 20_000;
    for (let i = 0; i < n; i++) if (agree(i % 5 === 0 ? goodItem(rng) : bentItem(rng))) accepted++;
    expect(accepted).toBeGreaterThan(n * 0.2);
    expect(accepted).toBeLessThan(n * 0.8);
  });

  it('agrees on every edge value of every field, one at a time, and on values that are not records', () => {
    const rng = createRng(22, 7);
    for (const [field, values] of Object.entries(FIELD_VALUES)) {
      for (const v of [...values, ...ODD_VALUES]) for (let k = 0; k < 3; k++) agree({ ...goodItem(rng), [field]: v });
    }
    for (const w of WEEK_VALUES) agree({ cpr: '0101701234', benefitPeriodStart: '2025-01-06', weeklyHours: [{ week: w, hours: '1' }] });
    for (const h of HOURS_VALUES)
      agree({ cpr: '0101701234', benefitPeriodStart: '2025-01-06', weeklyHours: [{ week: '202502', hours: h }] });
    for (const v of [null, undefined, 1, 'x', [], new Date()]) agree(v);
    agree(Object.assign(Object.create(null), goodItem(rng)), false);
    agree(JSON.parse('{"__proto__":{"x":1},"cpr":"0101701234","benefitPeriodStart":"2025-01-06"}'));
    agree(JSON.parse('{"cpr":"0101701234","benefitPeriodStart":"2025-01-06","weeklyHours":[{"__proto__":1,"week":"202502","hours":"1"}]}'));
  });
});

describe('checkedBatchBody', () => {
  it('accepts exactly what outcomeBatchBodySchema accepts, with the same output', () => {
    const rng = createRng(23, 7);
    const bodies: unknown[] = [
      [],
      {},
      null,
      'x',
      Array.from({ length: 10_001 }, () => ({ cpr: '0101701234', benefitPeriodStart: '2025-01-06' })),
    ];
    bodies.push(Array.from({ length: 10_000 }, () => ({ cpr: '0101701234', benefitPeriodStart: '2025-01-06' })));
    for (let i = 0; i < 300; i++)
      bodies.push(Array.from({ length: rng.integer(1, 6) }, () => (rng.bernoulli(0.8) ? goodItem(rng) : bentItem(rng))));
    let accepted = 0;
    for (const b of bodies) {
      const z = outcomeBatchBodySchema.safeParse(b);
      const fast = checkedBatchBody(b);
      if (fast !== undefined) {
        // The body itself, which zod outputs unchanged but for key order and identity.
        expect(fast).toBe(b);
        expect(fast).toStrictEqual(z.data);
      }
      expect(fast !== undefined).toBe(z.success);
      if (z.success) accepted++;
    }
    expect(accepted).toBeGreaterThan(50);
  });
});
