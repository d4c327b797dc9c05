import { twoSidedP } from './normal.js';

/** Spiegelhalter's z statistic and its two-sided p-value. */
export interface SpiegelhalterTest {
  z: number;
  p: number;
}

/** Thrown by {@link spiegelhalterZ} when its variance is zero, which happens only when every prediction is 0, ½ or 1. */
export class SpiegelhalterUndefinedError extends RangeError {
  constructor() {
    super('spiegelhalterZ: undefined when every prediction is 0, 0.5 or 1');
    this.name = 'SpiegelhalterUndefinedError';
  }
}

/**
 * Spiegelhalter's (1986, Statistics in Medicine 5, 421–433) test of calibration, as in `val.prob`:
 *
 *   z = Σ (yᵢ − pᵢ)(1 − 2pᵢ) / √(Σ (1 − 2pᵢ)² pᵢ (1 − pᵢ)),   p-value = 2 Φ(−|z|).
 *
 * It compares the Brier score with its expectation under perfect calibration.
 * @throws SpiegelhalterUndefinedError (a RangeError) when the denominator is zero (every prediction is 0, ½ or 1).
 */
export function spiegelhalterZ(p: ArrayLike<number>, y: ArrayLike<number>): SpiegelhalterTest {
  let numerator = 0;
  let variance = 0;
  for (let i = 0; i < p.length; i++) {
    const q = 1 - 2 * p[i];
    numerator += (y[i] - p[i]) * q;
    variance += q * q * p[i] * (1 - p[i]);
  }
  if (!(variance > 0)) throw new SpiegelhalterUndefinedError();
  const z = numerator / Math.sqrt(variance);
  return { z, p: twoSidedP(z) };
}
