import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { restrictedCubicSplineTerms } from '../../../src/model/encoding/splineBasis.js';
import { learnEncoding, EncodingError, type FeatureSummary } from '../../../src/model/encoding/learnEncoding.js';
import { compileEncoder } from '../../../src/model/encoding/compileEncoder.js';
import { fixture, spec } from '../helpers.js';

const extra = JSON.parse(readFileSync(fixture('r', 'glm-extra.json'), 'utf8'));

/** Encodes a record and returns term → value for the non-zero terms. */
function encodeToMap(encoder: ReturnType<typeof compileEncoder>, record: Record<string, unknown>) {
  const idx = new Int32Array(encoder.maxNonZero);
  const val = new Float64Array(encoder.maxNonZero);
  const r = encoder.encodeRecord(record, idx, val);
  if ('problems' in r) return r.problems;
  const out: Record<string, number> = {};
  for (let k = 0; k < r.count; k++) out[encoder.encoding.terms[idx[k]]] = val[k];
  return out;
}

const summaries = (entries: Record<string, FeatureSummary>) => new Map(Object.entries(entries));

describe('restricted cubic spline basis', () => {
  it("equals rms::rcspline.eval(x, knots, inclx = TRUE) (R's default normalisation)", () => {
    const { x, knots, basis } = extra.spline_basis as { x: number[]; knots: number[]; basis: number[][] };
    x.forEach((xi, i) => {
      const out = new Float64Array(knots.length - 2);
      restrictedCubicSplineTerms(xi, knots, out);
      expect(xi).toBe(basis[i][0]);
      for (let j = 0; j < out.length; j++) expect(out[j]).toBeCloseTo(basis[i][j + 1], 12);
    });
  });
});

describe('encoding', () => {
  const s = spec({
    specVersion: 1,
    name: 'enc',
    outcome: 'y',
    features: [
      { name: 'age', type: 'numeric', transform: { kind: 'bands', breaks: [25, 55], labels: ['u25', '25-54', '55+'], reference: '25-54' } },
      { name: 'income', type: 'numeric', scale: 1000, missing: 'level' },
      { name: 'edu', type: 'categorical', levels: ['a', 'b', 'c', 'd'], reference: 'b', missing: 'level', poolRare: { minCount: 5 } },
      { name: 'disco', column: 'disco_code', type: 'categorical', prefix: 1 },
      { name: 'sick', type: 'boolean' },
      { name: 'q10', type: 'multiselect', options: ['it', 'sprog', 'misbrug'] },
      { name: 'gender', type: 'categorical', levels: ['k', 'm'], reference: 'k', sensitive: true },
    ],
    interactions: [['sick', 'age']],
    excludeSensitive: true,
  });
  const sum = summaries({
    age: { missing: 0 },
    income: { missing: 3, median: 250_000 },
    edu: {
      missing: 2,
      levelCounts: new Map([
        ['a', 10],
        ['b', 20],
        ['c', 2],
      ]),
    },
    disco: {
      missing: 0,
      levelCounts: new Map([
        ['2', 5],
        ['5', 9],
        ['9', 4],
      ]),
    },
    sick: { missing: 0 },
    q10: { missing: 0 },
    gender: {
      missing: 0,
      levelCounts: new Map([
        ['k', 5],
        ['m', 5],
      ]),
    },
  });
  const encoding = learnEncoding(s, sum);
  const encoder = compileEncoder(encoding);

  it('names terms as R would, leaves sensitive features out, pools rare levels and adds (missing) only when seen', () => {
    expect(encoding.auditOnly).toEqual(['gender']);
    expect(encoding.terms).toEqual([
      '(Intercept)',
      'age=u25',
      'age=55+',
      'income',
      'income=(missing)',
      'edu=a',
      'edu=(other)',
      'edu=(missing)',
      'disco=5',
      'disco=9',
      'sick',
      'q10=it',
      'q10=sprog',
      'q10=misbrug',
      'sick:age=u25',
      'sick:age=55+',
    ]);
    expect(encoding.terms).toHaveLength(16);
    expect(encoding.features.find((f) => f.spec.name === 'edu')!.pooled).toEqual(['c']);
    // d was declared but never seen: no term (a level with no data has no estimate).
    expect(encoding.terms.some((t) => t === 'edu=d')).toBe(false);
  });

  it('puts band boundaries in the upper band (lower-inclusive breaks)', () => {
    expect(encodeToMap(encoder, base({ age: '24.999' }))).toMatchObject({ 'age=u25': 1 });
    const at25 = encodeToMap(encoder, base({ age: '25' })) as Record<string, number>;
    expect(at25['age=u25']).toBeUndefined();
    expect(at25['age=55+']).toBeUndefined();
    expect(encodeToMap(encoder, base({ age: 55 }))).toMatchObject({ 'age=55+': 1 });
  });

  it('scales numeric terms, fills a missing number with the training median and flags it', () => {
    expect(encodeToMap(encoder, base({ income: '312500' }))).toMatchObject({ income: 312.5 });
    const missing = encodeToMap(encoder, base({ income: '' })) as Record<string, number>;
    expect(missing['income=(missing)']).toBe(1);
    expect(missing.income).toBe(250);
  });

  it('maps pooled and unseen levels to (other) when pooling is on, and missing to (missing)', () => {
    expect(encodeToMap(encoder, base({ edu: 'c' }))).toMatchObject({ 'edu=(other)': 1 });
    expect(encodeToMap(encoder, base({ edu: 'd' }))).toMatchObject({ 'edu=(other)': 1 });
    expect(encodeToMap(encoder, base({ edu: 'NA' }))).toMatchObject({ 'edu=(missing)': 1 });
    const ref = encodeToMap(encoder, base({ edu: 'b' })) as Record<string, number>;
    expect(Object.keys(ref).filter((t) => t.startsWith('edu'))).toEqual([]);
  });

  it('uses the prefix of a code (DISCO major group) and rejects a level never seen when there is no pooling', () => {
    expect(encodeToMap(encoder, base({ disco_code: '5223' }))).toMatchObject({ 'disco=5': 1 });
    expect(encodeToMap(encoder, base({ disco_code: '7111' }))).toEqual([
      { field: 'disco_code', reason: 'level "7" did not occur in the training data, so the model has no estimate for it' },
    ]);
  });

  it('encodes multi-select answers from a separated string or a JSON list, and multiplies interaction terms', () => {
    expect(encodeToMap(encoder, base({ q10: 'it;misbrug' }))).toMatchObject({ 'q10=it': 1, 'q10=misbrug': 1 });
    expect(encodeToMap(encoder, base({ q10: ['sprog'] }))).toMatchObject({ 'q10=sprog': 1 });
    expect(encodeToMap(encoder, base({ sick: '1', age: '60' }))).toMatchObject({ sick: 1, 'age=55+': 1, 'sick:age=55+': 1 });
    const noSick = encodeToMap(encoder, base({ sick: 'false', age: '60' })) as Record<string, number>;
    expect(noSick['sick:age=55+']).toBeUndefined();
  });

  it('reports every bad field with its reason', () => {
    const problems = encodeToMap(encoder, base({ age: 'abc', sick: 'maybe', q10: 'it;golf', edu: 'z', income: '1,5' }));
    expect(problems).toEqual([
      { field: 'age', reason: 'expected a number, got "abc"' },
      { field: 'income', reason: '"1,5" uses a decimal comma; write a decimal point' },
      { field: 'edu', reason: '"z" is not one of the allowed levels (a, b, c, d)' },
      { field: 'sick', reason: 'expected 0/1 or true/false, got "maybe"' },
      { field: 'q10', reason: '"golf" is not one of the options (it, sprog, misbrug)' },
    ]);
  });

  it('refuses a specification whose reference level never occurs in the data', () => {
    const bad = summaries({ ...Object.fromEntries(sum), edu: { missing: 0, levelCounts: new Map([['a', 10]]) } });
    expect(() => learnEncoding(s, bad)).toThrow(EncodingError);
  });
});

function base(over: Record<string, unknown>): Record<string, unknown> {
  return { age: '30', income: '200000', edu: 'a', disco_code: '2111', sick: '0', q10: '', gender: 'k', ...over };
}
