import { describe, expect, it } from 'vitest';
import { denseToSparse } from '../../../src/model/design/sparseDesign.js';
import { fitLogisticRegression } from '../../../src/model/fit/logisticRegression.js';
import { predictProbabilities } from '../../../src/model/scorer.js';
import { refitOnResample } from '../../../src/model/validation/refitOnResample.js';

const x = [-1.2, -0.4, 0.1, 0.3, 0.8, 1.5, -0.9, 0.6];
const y = Float64Array.from([0, 0, 1, 0, 1, 1, 1, 0]);
const design = denseToSparse(x.map((v) => [1, v]));

describe('refitOnResample', () => {
  it('fits frequency weights as if the drawn rows were duplicated, and predicts on the original rows', () => {
    const frequencies = Float64Array.from([2, 0, 1, 3, 1, 0, 1, 0]);
    const onOriginal = refitOnResample({ x: design, y, l2: 0 })(frequencies)!;
    const rows: number[][] = [];
    const ys: number[] = [];
    frequencies.forEach((f, i) => {
      for (let c = 0; c < f; c++) {
        rows.push([1, x[i]]);
        ys.push(y[i]);
      }
    });
    const duplicated = fitLogisticRegression(denseToSparse(rows), { y: Float64Array.from(ys) });
    const expected = predictProbabilities(design, duplicated.coefficients);
    expect(onOriginal).toHaveLength(8);
    for (let i = 0; i < 8; i++) expect(onOriginal[i]).toBeCloseTo(expected[i], 10);
  });

  it('multiplies the frequencies by the case weights', () => {
    const weights = Float64Array.from([1, 2, 1, 2, 1, 2, 1, 2]);
    const viaWeights = refitOnResample({ x: design, y, weights, l2: 0 })(new Float64Array(8).fill(1))!;
    const viaFrequencies = refitOnResample({ x: design, y, l2: 0 })(weights)!;
    for (let i = 0; i < 8; i++) expect(viaWeights[i]).toBeCloseTo(viaFrequencies[i], 12);
  });
});
