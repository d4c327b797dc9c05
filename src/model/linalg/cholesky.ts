/**
 * Cholesky factorisation of a symmetric positive (semi-)definite matrix stored densely row-major in a
 * Float64Array, with detection of aliased columns: a column whose pivot is negligible relative to its
 * diagonal is linearly dependent on the columns before it. Like R's glm (which pivots in its QR), such a
 * column is dropped — its row and column are treated as absent — rather than failing the whole fit.
 * Written by hand because the matrices are small (p ≈ 60) and the fitter needs this aliasing rule, which
 * general-purpose libraries do not expose.
 */
export interface CholeskyFactor {
  /** Lower-triangular factor L (row-major, p × p) with A = L Lᵀ on the non-aliased columns. */
  l: Float64Array;
  p: number;
  /** aliased[j] is true when column j was found to be a linear combination of earlier columns. */
  aliased: boolean[];
}

/** Relative pivot size below which a column counts as aliased (R's glm.fit uses 1e-11 on its QR). */
export const ALIAS_TOLERANCE = 1e-10;

/** Factors A = L Lᵀ, marking aliased columns instead of failing on them. */
export function cholesky(a: Float64Array, p: number, tolerance = ALIAS_TOLERANCE): CholeskyFactor {
  const l = new Float64Array(p * p);
  const aliased = new Array<boolean>(p).fill(false);
  for (let j = 0; j < p; j++) {
    let d = a[j * p + j];
    for (let k = 0; k < j; k++) d -= l[j * p + k] * l[j * p + k];
    if (!(d > tolerance * Math.abs(a[j * p + j])) || a[j * p + j] === 0) {
      aliased[j] = true;
      continue; // row j of L stays zero
    }
    const ljj = Math.sqrt(d);
    l[j * p + j] = ljj;
    for (let i = j + 1; i < p; i++) {
      let s = a[i * p + j];
      for (let k = 0; k < j; k++) s -= l[i * p + k] * l[j * p + k];
      l[i * p + j] = s / ljj;
    }
  }
  return { l, p, aliased };
}

/** Solves A x = b with a factor from {@link cholesky}; aliased components of x are set to 0. */
export function choleskySolve(f: CholeskyFactor, b: Float64Array): Float64Array {
  const { l, p, aliased } = f;
  const y = new Float64Array(p);
  for (let i = 0; i < p; i++) {
    if (aliased[i]) continue;
    let s = b[i];
    for (let k = 0; k < i; k++) s -= l[i * p + k] * y[k];
    y[i] = s / l[i * p + i];
  }
  const x = new Float64Array(p);
  for (let i = p - 1; i >= 0; i--) {
    if (aliased[i]) continue;
    let s = y[i];
    for (let k = i + 1; k < p; k++) s -= l[k * p + i] * x[k];
    x[i] = s / l[i * p + i];
  }
  return x;
}

/** The inverse of A from its factor; rows and columns of aliased terms are NaN (R reports NA). */
export function choleskyInverse(f: CholeskyFactor): Float64Array {
  const { p, aliased } = f;
  const inv = new Float64Array(p * p);
  const e = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    if (aliased[j]) continue;
    e.fill(0);
    e[j] = 1;
    const col = choleskySolve(f, e);
    for (let i = 0; i < p; i++) inv[i * p + j] = col[i];
  }
  for (let j = 0; j < p; j++) {
    if (!aliased[j]) continue;
    for (let i = 0; i < p; i++) {
      inv[i * p + j] = NaN;
      inv[j * p + i] = NaN;
    }
  }
  return inv;
}
