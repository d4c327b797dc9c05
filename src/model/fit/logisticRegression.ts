import { cholesky, choleskyInverse, choleskySolve } from '../linalg/cholesky.js';
import type { SparseDesign } from '../design/sparseDesign.js';

/** Options of {@link fitLogisticRegression}. */
export interface FitOptions {
  /** Outcome 0/1 per row. */
  y: Float64Array;
  /** Case (prior) weights, as R glm's `weights`; all 1 when absent. */
  weights?: Float64Array;
  /** Ridge penalty λ: maximises ℓ(β) − λ/2 Σ_{j≥1} β_j² (the intercept, column 0, is not penalised). */
  l2?: number;
  maxIterations?: number;
  /** Convergence when |D_k − D_{k−1}| / (|D_k| + 0.1) < tolerance, D the (penalised) deviance. */
  tolerance?: number;
  /** Term names, for warnings. */
  terms?: readonly string[];
  /** Called after each iteration with the iteration number and deviance (progress reporting). */
  onIteration?: (iteration: number, deviance: number) => void;
}

/** The fitted model and everything an analyst's summary needs. */
export interface FitResult {
  coefficients: Float64Array;
  /** Covariance of the estimates, p × p row-major: the inverse of the (penalised) information. NaN for aliased terms. */
  covariance: Float64Array;
  /** Terms dropped as linear combinations of earlier ones (coefficient NaN, as R's NA). */
  aliased: boolean[];
  iterations: number;
  converged: boolean;
  /** −2 ℓ(β̂) (without the penalty). */
  deviance: number;
  /** −2 ℓ of the intercept-only model. */
  nullDeviance: number;
  logLik: number;
  nullLogLik: number;
  /** Number of rows, Σ weights, and Σ weights × y. */
  n: number;
  weightSum: number;
  events: number;
  /** Estimated parameters (non-aliased terms). */
  rank: number;
  warnings: string[];
}

/** R's threshold for "fitted probabilities numerically 0 or 1" (10 × machine epsilon). */
const FITTED_EPS = 10 * Number.EPSILON;

/**
 * Maximum-likelihood logistic regression by iteratively reweighted least squares (McCullagh & Nelder
 * 1989, §2.5; for the canonical logit link this is Newton–Raphson), following the conventions of R's
 * glm.fit so that estimates and standard errors agree with R's: start from μ = (w y + ½)/(w + 1); each
 * iteration solves the weighted least-squares problem
 *   β ← (XᵀVX + λI₋₀)⁻¹ Xᵀ(V η + w∘(y − μ)),  V = diag(w μ (1 − μ)),
 * and stops when |D − D_old| / (|D| + 0.1) < tolerance (R's epsilon, 1e-8). As in R's summary.glm, the
 * covariance is the inverse of XᵀVX with the weights of the last iteration. The step is halved while the
 * deviance is not finite or rises. The information matrix is accumulated over each row's non-zero
 * entries only. Aliased columns are dropped (see cholesky.ts).
 */
export function fitLogisticRegression(x: SparseDesign, options: FitOptions): FitResult {
  const { n, p, rowPtr, colIdx, values } = x;
  const { y } = options;
  const w = options.weights;
  const l2 = options.l2 ?? 0;
  const maxIterations = options.maxIterations ?? 25;
  const tolerance = options.tolerance ?? 1e-8;
  const terms = options.terms ?? Array.from({ length: p }, (_, j) => `x${j}`);
  if (y.length !== n) throw new Error(`y has ${y.length} values for ${n} rows`);
  if (w && w.length !== n) throw new Error(`weights have ${w.length} values for ${n} rows`);

  let weightSum = 0;
  let events = 0;
  for (let i = 0; i < n; i++) {
    const wi = w ? w[i] : 1;
    weightSum += wi;
    events += wi * y[i];
  }
  const ybar = events / weightSum;
  const nullDeviance = ybar <= 0 || ybar >= 1 ? 0 : -2 * (events * Math.log(ybar) + (weightSum - events) * Math.log(1 - ybar));

  // R's binomial()$initialize: μ = (w y + ½)/(w + 1), so η starts finite even for y ∈ {0, 1}.
  let eta: Float64Array = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const wi = w ? w[i] : 1;
    const mu0 = (wi * y[i] + 0.5) / (wi + 1);
    eta[i] = Math.log(mu0 / (1 - mu0));
  }
  let beta: Float64Array = new Float64Array(p);
  let devOld = deviance(eta);
  const hess = new Float64Array(p * p);
  const rhs = new Float64Array(p);
  let factor = cholesky(new Float64Array(p * p), p);
  let iterations = 0;
  let converged = false;
  let dev = devOld;

  for (iterations = 1; iterations <= maxIterations; iterations++) {
    accumulate(eta);
    factor = cholesky(hess, p);
    const betaNew = choleskySolve(factor, rhs);
    let etaNew = linearPredictorOf(betaNew);
    dev = deviance(etaNew) + penalty(betaNew);
    let halvings = 0;
    // Halve towards the previous estimate while the deviance is not finite or rises (never on iteration 1,
    // whose starting point is not a β, as in R).
    while (!Number.isFinite(dev) || (iterations > 1 && dev > devOld * (1 + 1e-12) + 1e-12)) {
      if (++halvings > 30) throw new FitError('the deviance could not be reduced (step halving failed): the data may be degenerate');
      if (iterations === 1)
        throw new FitError('the deviance is not finite at the first iteration: check the predictors for extreme values');
      for (let j = 0; j < p; j++) betaNew[j] = (betaNew[j] + beta[j]) / 2;
      etaNew = linearPredictorOf(betaNew);
      dev = deviance(etaNew) + penalty(betaNew);
    }
    beta = betaNew;
    eta = etaNew;
    options.onIteration?.(iterations, dev);
    if (Math.abs(dev - devOld) / (Math.abs(dev) + 0.1) < tolerance) {
      converged = true;
      break;
    }
    devOld = dev;
  }
  iterations = Math.min(iterations, maxIterations);

  const finalDeviance = dev - penalty(beta);
  const covariance = choleskyInverse(factor);
  const aliased = factor.aliased;
  for (let j = 0; j < p; j++) if (aliased[j]) beta[j] = NaN;

  const warnings: string[] = [];
  if (!converged) warnings.push(`did not converge in ${maxIterations} iterations (relative deviance change still ≥ ${tolerance})`);
  const aliasedTerms = terms.filter((_, j) => aliased[j]);
  if (aliasedTerms.length > 0) {
    warnings.push(
      `${aliasedTerms.length} term(s) not estimable (linear combination of other terms, or never non-zero), dropped as R reports NA: ${aliasedTerms.join(', ')}`,
    );
  }
  warnings.push(...separationWarnings(beta));
  return {
    coefficients: beta,
    covariance,
    aliased,
    iterations,
    converged,
    deviance: finalDeviance,
    nullDeviance,
    logLik: -finalDeviance / 2,
    nullLogLik: -nullDeviance / 2,
    n,
    weightSum,
    events,
    rank: aliased.filter((a) => !a).length,
    warnings,
  };

  function linearPredictorOf(b: Float64Array): Float64Array {
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let e = 0;
      for (let k = rowPtr[i]; k < rowPtr[i + 1]; k++) e += values[k] * b[colIdx[k]];
      out[i] = e;
    }
    return out;
  }

  /** −2 ℓ for linear predictors η; −log μ = softplus(−η) and −log(1 − μ) = softplus(η) avoid overflow. */
  function deviance(e: Float64Array): number {
    let d = 0;
    for (let i = 0; i < n; i++) {
      const wi = w ? w[i] : 1;
      if (wi === 0) continue;
      d += 2 * wi * (y[i] * softplus(-e[i]) + (1 - y[i]) * softplus(e[i]));
    }
    return d;
  }

  function penalty(b: Float64Array): number {
    if (l2 === 0) return 0;
    let s = 0;
    for (let j = 1; j < p; j++) if (Number.isFinite(b[j])) s += b[j] * b[j];
    return l2 * s;
  }

  /** One pass over the rows: fills hess = XᵀVX (+ λI₋₀) and rhs = Xᵀ(Vη + w(y − μ)) at the given η. */
  function accumulate(e: Float64Array): void {
    rhs.fill(0);
    hess.fill(0);
    for (let i = 0; i < n; i++) {
      const wi = w ? w[i] : 1;
      if (wi === 0) continue;
      const start = rowPtr[i];
      const end = rowPtr[i + 1];
      const mu = 1 / (1 + Math.exp(-e[i]));
      const v = wi * mu * (1 - mu);
      const r = v * e[i] + wi * (y[i] - mu);
      for (let a = start; a < end; a++) {
        const ja = colIdx[a];
        const xa = values[a];
        rhs[ja] += r * xa;
        const vxa = v * xa;
        const rowOffset = ja * p;
        for (let c = start; c <= a; c++) hess[rowOffset + colIdx[c]] += vxa * values[c];
      }
    }
    // Entries landed in whichever triangle the row's order put them; fold into a symmetric matrix.
    for (let i = 0; i < p; i++) {
      for (let j = 0; j < i; j++) {
        const s = hess[i * p + j] + hess[j * p + i];
        hess[i * p + j] = s;
        hess[j * p + i] = s;
      }
    }
    if (l2 > 0) for (let j = 1; j < p; j++) hess[j * p + j] += l2;
  }

  /** R-style warnings for (quasi-)complete separation: fitted 0/1, and indicator terms with one outcome only. */
  function separationWarnings(b: Float64Array): string[] {
    const out: string[] = [];
    const count = new Float64Array(p);
    const ev = new Float64Array(p);
    const binary = new Array<boolean>(p).fill(true);
    let extreme = 0;
    for (let i = 0; i < n; i++) {
      const wi = w ? w[i] : 1;
      if (wi === 0) continue;
      let eta = 0;
      for (let k = rowPtr[i]; k < rowPtr[i + 1]; k++) {
        const j = colIdx[k];
        if (!aliased[j]) eta += values[k] * b[j];
        if (values[k] !== 1) binary[j] = false;
        count[j] += wi;
        ev[j] += wi * y[i];
      }
      const mu = 1 / (1 + Math.exp(-eta));
      if (mu < FITTED_EPS || mu > 1 - FITTED_EPS) extreme++;
    }
    if (extreme > 0)
      out.push(`fitted probabilities numerically 0 or 1 occurred in ${extreme} row(s): a sign of (quasi-)complete separation`);
    for (let j = 1; j < p; j++) {
      if (aliased[j] || !binary[j] || count[j] === 0) continue;
      if (ev[j] === 0 || ev[j] === count[j]) {
        out.push(
          `quasi-complete separation: all ${count[j]} row(s) with ${terms[j]} have outcome ${ev[j] === 0 ? 0 : 1}; ` +
            `its estimate (${b[j].toFixed(2)}) and standard error are not meaningful — pool the level or use --l2`,
        );
      }
    }
    return out;
  }
}

/** log(1 + eˣ) without overflow or loss of precision for large |x|. */
export function softplus(x: number): number {
  return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
}

/** The fit could not be carried out (not merely a warning). */
export class FitError extends Error {
  readonly exitCode = 4;
  constructor(message: string) {
    super(message);
    this.name = 'FitError';
  }
}
