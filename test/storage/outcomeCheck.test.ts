/**
 * The hand-written outcome check (src/storage/outcomeCheck.ts) against newOutcomeSchema itself, on
 * seeded random records near every field's edges: whatever the check accepts, zod accepts with the same
 * output (defaults, key order), and whatever zod accepts, the check accepts.
 */
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createRng, type Rng } from '../../src/data/simulate/rng.js';
import { ODD_VALUES, pick } from '../support/seeded.js';
import { checkedOutcome } from '../../src/storage/outcomeCheck.js';
import { newOutcomeSchema } from '../../src/storage/records.js';

const KEY = 'a'.repeat(64);

/** Values near each field's edges, good and bad. */
const FIELD_VALUES: Record<string, unknown[]> = {
  citizenKey: [
    KEY,
    'f'.repeat(64),
    '0123456789abcdef'.repeat(4),
    'A'.repeat(64),
    'a'.repeat(63),
    'a'.repeat(65),
    `${'a'.repeat(63)}g`,
    `${KEY}\n`,
  ],
  benefitPeriodStart: [
    '2025-01-06',
    '2000-01-01',
    '1999-12-31',
    '2024-02-29',
    '2025-02-29',
    '2100-02-29',
    '2000-02-29',
    '2025-13-01',
    '2025-1-06',
    '2025-01-06T00:00:00Z',
    ' 2025-01-06',
    '2025-04-31',
    '9999-12-31',
  ],
  statusWeek13: ['in_work', 'on_dagpenge', 'unknown', 'left_fund', null, 'IN_WORK', 'sick'],
  statusWeek26: ['in_education', 'on_sickness_benefit', null, 'in work'],
  longTermState: ['known', 'pending', 'not_given', 'Known', null],
  longTerm: [true, false, null, 0, 1, 'true'],
  longTermSource: ['given', 'hours', null, 'HOURS'],
  labelCode: [
    'dur-52w-80pct-1539.2h-v1',
    null,
    '',
    'x'.repeat(100),
    'x'.repeat(101),
    'a\u0007b',
    'tab\there',
    'æøå',
    '😀'.repeat(50),
    '😀'.repeat(51),
    '😀'.repeat(100),
    '😀'.repeat(101),
  ],
  benefitHours: [0, -0, 1539.2, 1924, -1, -0.0001, 1e300, Number.NaN, Number.POSITIVE_INFINITY, null, '12', 2 ** 53],
  weeksReported: [0, -0, 1, 52, 520, -1, 1.5, 2 ** 53 - 1, 2 ** 53, 1e21, Number.NaN, null, '3'],
  hoursThroughWeek: ['202601', '000000', '999999', null, '20261', '2026011', 202601, '２０２６０１', '202601\n'],
  correction: [true, false, undefined, 0, 'true', null],
  correctionReason: [
    'wrong period',
    null,
    undefined,
    '',
    'x'.repeat(2000),
    'x'.repeat(2001),
    'a\u0000b',
    '😀'.repeat(2000),
    '😀'.repeat(2001),
    '\ud800'.repeat(2000),
    '\ud800'.repeat(2001),
    '\udc00\ud800',
  ],
};

/** Single weeks as stored text (`YYYYWW:hours`), good and bad; a record's weeks join them with ";". */
const GOOD_WEEKS: string[] = ['000000:00', '999999:9.9', '202502:12.123456', '202502:37', '202503:0', '202504:12.5', '202505:99.123456'];
const BAD_WEEKS: string[] = [
  '202502:',
  '202502:123',
  '202502:12.',
  '202502:12.1234567',
  '202502:1.2.3',
  '202502:1a',
  '202502: 1',
  '202502:1\n',
  '2025021:1',
  '20250a:1',
  '202502\n:1',
  '20250:37',
  '202502:37.1234567',
  '202502:100',
  '202502:1.',
  '202502:.5',
  '202502',
  '202502:37:1',
  '202502;37',
  '٢٠٢٥٠٢:37',
  ' 202502:37',
  ';',
  '',
];
/** Week lists that are not text at all, the list form among them (which the stored form replaced). */
const NOT_TEXT: unknown[] = [[{ week: '202502', hours: '37' }], [], ['202502:37'], 202502, { week: '202502', hours: '37' }];

/** The record outcomeFromHours gives, or one given or not given: a good starting point to bend. */
function goodRecord(rng: Rng): Record<string, unknown> {
  const base = { citizenKey: KEY, benefitPeriodStart: '2025-01-06', statusWeek13: pick(rng, ['in_work', null]), statusWeek26: null };
  const kind = rng.integer(0, 2);
  const tail = rng.bernoulli(0.5) ? { correction: true, correctionReason: 'the register was late' } : {};
  if (kind === 0) {
    const weeks = Array.from({ length: rng.integer(0, 60) }, (_, i) => `${202502 + i}:${pick(rng, ['0', '37', '18.5'])}`);
    return {
      ...base,
      longTermState: pick(rng, ['known', 'pending']),
      longTerm: null,
      longTermSource: 'hours',
      labelCode: 'dur-52w-80pct-1539.2h-v1',
      benefitHours: 1200.5,
      weeksReported: weeks.length,
      weeklyHours: weeks.join(';'),
      hoursThroughWeek: '202601',
      ...tail,
    };
  }
  if (kind === 1)
    return {
      ...base,
      longTermState: 'known',
      longTerm: rng.bernoulli(0.5) === 1,
      longTermSource: 'given',
      labelCode: null,
      benefitHours: null,
      weeksReported: null,
      weeklyHours: null,
      hoursThroughWeek: null,
      ...tail,
    };
  return {
    ...base,
    longTermState: 'not_given',
    longTerm: null,
    longTermSource: null,
    labelCode: null,
    benefitHours: null,
    weeksReported: null,
    weeklyHours: null,
    hoursThroughWeek: null,
    ...tail,
  };
}

/** A good record bent in one to three places. */
function bentRecord(rng: Rng): unknown {
  const r = goodRecord(rng);
  // A known outcome from hours needs longTerm: make that consistent half of the time before bending.
  if (r.longTermState === 'known' && r.longTermSource === 'hours' && rng.bernoulli(0.5)) r.longTerm = true;
  const bends = rng.integer(0, 3);
  for (let b = 0; b < bends; b++) {
    const what = rng.integer(0, 9);
    const fields = Object.keys(FIELD_VALUES);
    if (what <= 4) {
      const f = pick(rng, fields);
      r[f] = pick(rng, FIELD_VALUES[f]);
    } else if (what === 5) delete r[pick(rng, fields)];
    else if (what === 6) r[pick(rng, fields)] = pick(rng, ODD_VALUES);
    else if (what === 7) r[pick(rng, ['cpr', 'extra', 'fundId', 'id', 'toString'])] = pick(rng, ODD_VALUES);
    else if (what === 8) {
      const weeks = typeof r.weeklyHours === 'string' && r.weeklyHours !== '' ? r.weeklyHours.split(';') : [];
      weeks.splice(rng.integer(0, weeks.length), rng.integer(0, 1), pick(rng, rng.bernoulli(0.5) ? GOOD_WEEKS : BAD_WEEKS));
      r.weeklyHours = rng.bernoulli(0.1) ? pick(rng, NOT_TEXT) : weeks.join(';');
    } else {
      r.weeklyHours = Array.from({ length: pick(rng, [519, 520, 521]) }, () => '202502:1').join(';');
    }
  }
  return r;
}

/** Checks one value both ways; returns whether zod accepted it. */
function agree(value: unknown): boolean {
  const z = newOutcomeSchema.safeParse(value);
  const fast = checkedOutcome(value);
  if (fast !== undefined) {
    expect(z.success).toBe(true);
    expect(fast).toStrictEqual(z.data);
    expect(Object.keys(fast)).toEqual(Object.keys(z.data!));
  }
  expect(fast !== undefined, inspect(value, { depth: 1, maxArrayLength: 3 })).toBe(z.success);
  return z.success;
}

describe('checkedOutcome', () => {
  it('accepts exactly what newOutcomeSchema accepts, with the same output, on generated records', () => {
    const rng = createRng(9, 7);
    let accepted = 0;
    const n = 20_000;
    for (let i = 0; i < n; i++) if (agree(i % 5 === 0 ? goodRecord(rng) : bentRecord(rng))) accepted++;
    // Both sides are exercised: neither almost everything nor almost nothing passes.
    expect(accepted).toBeGreaterThan(n * 0.2);
    expect(accepted).toBeLessThan(n * 0.8);
  });

  it('agrees on every edge value of every field, one at a time', () => {
    const rng = createRng(10, 7);
    for (const [field, values] of Object.entries(FIELD_VALUES)) {
      for (const v of [...values, ...ODD_VALUES]) {
        for (let k = 0; k < 3; k++) agree({ ...goodRecord(rng), [field]: v });
      }
    }
    for (const w of [...GOOD_WEEKS, ...BAD_WEEKS, ...NOT_TEXT])
      agree({ ...goodRecord(rng), longTermState: 'pending', longTerm: null, longTermSource: 'hours', weeklyHours: w });
  });

  it('agrees on short texts of digits, dots, separators and others as a week, as hours and as a whole', () => {
    const rng = createRng(14, 7);
    const chars = '0123456789..a -\n٣:;';
    const base = goodRecord(createRng(5, 1));
    for (let i = 0; i < 3000; i++) {
      const text = Array.from({ length: rng.integer(0, 9) }, () => chars[rng.integer(0, chars.length - 1)]).join('');
      const week = rng.bernoulli(0.5) ? text : '202502';
      const hours = week === text ? '1' : text;
      const weeklyHours = rng.bernoulli(0.2) ? text : `${week}:${hours}`;
      agree({ ...base, longTermState: 'pending', longTerm: null, longTermSource: 'hours', weeklyHours });
    }
  });

  it('agrees on values that are not plain records', () => {
    for (const v of [null, undefined, 1, 'x', [], [goodRecord(createRng(1, 1))], new Date(), () => 1]) agree(v);
    // A null-prototype object is an object to zod too.
    agree(Object.assign(Object.create(null), goodRecord(createRng(2, 1))));
    // `__proto__` as an own key (as JSON.parse makes it) is an unknown key to a strict object.
    agree(JSON.parse(JSON.stringify({ ...goodRecord(createRng(3, 1)) }).replace('{', '{"__proto__":{"x":1},')));
  });

  it('hands back the caller’s weeks text as it is', () => {
    const r = goodRecord(createRng(4, 1));
    r.weeklyHours = '202502:37;202503:12.5';
    r.longTermState = 'pending';
    r.longTerm = null;
    r.longTermSource = 'hours';
    expect(checkedOutcome(r)!.weeklyHours).toBe('202502:37;202503:12.5');
  });
});
