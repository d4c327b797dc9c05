import type { SparseDesign } from '../design/sparseDesign.js';
import { fitLogisticRegression } from '../fit/logisticRegression.js';
import { predictProbabilities } from '../scorer.js';

/** What the bootstrap refits need: the design and outcomes of the fitting rows and the fit's settings. */
export interface RefitData {
  x: SparseDesign;
  y: Float64Array;
  /** Case weights of the rows, when the model was fitted with them. */
  weights?: Float64Array;
  l2: number;
  maxIterations?: number;
  tolerance?: number;
}

/**
 * The refit of stats/bootstrapOptimism for a logistic model: the resample's frequencies (times the case
 * weights, if any) become the fit's weights, with the same design, so the encoding's levels, pooling and
 * fill values are not relearned. Coefficients left non-finite by aliasing count as 0 in the predictions.
 */
export function refitOnResample(data: RefitData): (frequencies: Float64Array) => Float64Array | null {
  const weights = new Float64Array(data.x.n);
  return (frequencies) => {
    for (let i = 0; i < weights.length; i++) weights[i] = data.weights ? frequencies[i] * data.weights[i] : frequencies[i];
    const fit = fitLogisticRegression(data.x, {
      y: data.y,
      weights,
      l2: data.l2,
      maxIterations: data.maxIterations,
      tolerance: data.tolerance,
    });
    if (!fit.converged) return null;
    const beta = Float64Array.from(fit.coefficients, (v) => (Number.isFinite(v) ? v : 0));
    return predictProbabilities(data.x, beta);
  };
}
