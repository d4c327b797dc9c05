import { describe, expect, it } from 'vitest';
import { excelNumber, excelText, isOneOf } from '../../../src/report/spreadsheet/excelSyntax.js';
import {
  describeTerms,
  modelValueFormula,
  splineFormula,
  termFormula,
  type FormulaCells,
} from '../../../src/report/spreadsheet/termFormulas.js';
import { restrictedCubicSplineTerms } from '../../../src/model/encoding/splineBasis.js';
import { allTermsModel, bundledModel } from './testModel.js';

const cells: FormulaCells = { value: (f, o) => `V_${f}${o ?? ''}`, input: (f) => `I_${f}`, term: (j) => `T${j}` };

/** Evaluates the small subset of Excel the spline formula uses, to check it against splineBasis.ts without a spreadsheet. */
function evaluateSpline(formula: string, x: number): number {
  const js = formula.replace(/Q9/g, `(${x})`).replace(/MAX/g, 'Math.max').replace(/\^/g, '**');
  return Function(`return ${js}`)() as number;
}

describe('term formulas', () => {
  it('writes texts and numbers as Excel reads them', () => {
    expect(excelText('a"b')).toBe('"a""b"');
    expect(excelNumber(-5)).toBe('(-5)');
    expect(excelNumber(1e-7)).toBe('1E-7');
    expect(excelNumber(0.1)).toBe('0.1');
    expect(isOneOf('X', ['a', 'B'])).toBe('SUMPRODUCT(--EXACT(X,{"a","B"}))>0');
  });

  it("describes every term of both models in the encoding's order", async () => {
    for (const a of [await bundledModel(), await allTermsModel()])
      expect(describeTerms(a.encoding).map((d) => d.term)).toEqual(a.encoding.terms);
  });

  it('writes bands lower-inclusive, from the breaks', async () => {
    const a = await bundledModel();
    const terms = describeTerms(a.encoding);
    const f = (term: string) => termFormula(terms.find((d) => d.term === term)!, cells);
    expect(f('age=18-24')).toBe('IF(V_age<25,1,0)');
    expect(f('age=40-49')).toBe('IF(AND(V_age>=40,V_age<50),1,0)');
    expect(f('age=60+')).toBe('IF(V_age>=60,1,0)');
    expect(f('prior_dagpenge_hours')).toBe('V_prior_dagpenge_hours/100');
    expect(f('education=grundskole')).toBe('IF(EXACT(V_education,"grundskole"),1,0)');
    expect(f('education=(missing)')).toBe('IF(EXACT(V_education,"(missing)"),1,0)');
    expect(f('q10_barriers=sprog')).toBe('V_q10_barriers7');
  });

  it('writes the rms restricted cubic spline out, equal to splineBasis.ts', () => {
    const knots = [-1, 2.5, 4, 10];
    const basis = [0, 0];
    for (const x of [-3, -1, 0, 2.5, 3, 4, 7.7, 10, 12]) {
      restrictedCubicSplineTerms(x, knots, basis);
      for (const j of [0, 1]) expect(evaluateSpline(splineFormula('Q9', knots, j), x)).toBeCloseTo(basis[j], 12);
    }
    expect(splineFormula('Q9', knots, 0)).toContain('MAX(Q9-(-1),0)^3');
  });

  it('pools any value that is not a modelled level into (other) only when the model pools, and reads only the prefix of a code', async () => {
    const a = await allTermsModel();
    const ff = (name: string) => a.encoding.features.find((f) => f.spec.name === name)!;
    expect(modelValueFormula(ff('cat'), 'B1')).toContain('"(other)"');
    expect(modelValueFormula(ff('code'), 'B1')).toContain('LEFT(TRIM(B1&""),1)');
    const b = await bundledModel();
    expect(modelValueFormula(b.encoding.features.find((f) => f.spec.name === 'region')!, 'B1')).not.toContain('(other)');
  });
});
