import { qnorm, twoSidedP } from '../stats/normal.js';

/** One row of the coefficient table, with R's and statsmodels' columns. NaN marks an aliased term (R's NA). */
export interface CoefficientRow {
  term: string;
  estimate: number;
  stdError: number;
  z: number;
  pValue: number;
  ciLow: number;
  ciHigh: number;
  oddsRatio: number;
}

/**
 * Wald statistics for each coefficient: z = β/se, p = 2Φ(−|z|), the confidence interval β ± z₁₋α/₂·se
 * (R's confint.default; not the profile-likelihood interval of MASS's confint.glm) and the odds ratio e^β.
 */
export function coefficientTable(
  terms: readonly string[],
  estimates: ArrayLike<number>,
  covariance: ArrayLike<number>,
  level = 0.95,
): CoefficientRow[] {
  const p = terms.length;
  const zq = qnorm(1 - (1 - level) / 2);
  return terms.map((term, j) => {
    const estimate = estimates[j];
    const stdError = Math.sqrt(covariance[j * p + j]);
    const z = estimate / stdError;
    return {
      term,
      estimate,
      stdError,
      z,
      pValue: twoSidedP(z),
      ciLow: estimate - zq * stdError,
      ciHigh: estimate + zq * stdError,
      oddsRatio: Math.exp(estimate),
    };
  });
}

/** The columns of `--coef-csv`, in order. */
export const COEFFICIENT_CSV_COLUMNS = ['term', 'estimate', 'std_error', 'z', 'p_value', 'ci_low', 'ci_high', 'odds_ratio'] as const;

/** A coefficient row as CSV fields: full precision (shortest round-trip form), NA for aliased terms as R writes. */
export function coefficientCsvRecord(r: CoefficientRow): string[] {
  const f = (x: number) => (Number.isFinite(x) ? String(x) : 'NA');
  return [r.term, f(r.estimate), f(r.stdError), f(r.z), f(r.pValue), f(r.ciLow), f(r.ciHigh), f(r.oddsRatio)];
}
