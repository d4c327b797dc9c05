import { wilsonInterval } from '../../stats/wilsonInterval.js';

/** A proportion k/n with its 95 % Wilson interval; value null when n is 0. */
export interface Proportion {
  k: number;
  n: number;
  value: number | null;
  ci_low: number | null;
  ci_high: number | null;
}

/** k/n with Wilson's 95 % score interval (src/stats/wilsonInterval), or nulls when there is no denominator. */
export function proportion(k: number, n: number): Proportion {
  if (n === 0) return { k, n, value: null, ci_low: null, ci_high: null };
  const ci = wilsonInterval(k, n);
  return { k, n, value: k / n, ci_low: ci.low, ci_high: ci.high };
}

/** A value with a symmetric 95 % Wald interval from its standard error; nulls where either is missing. */
export function waldInterval(
  value: number | null,
  se: number | null,
): { value: number | null; ci_low: number | null; ci_high: number | null } {
  if (value === null || se === null) return { value, ci_low: null, ci_high: null };
  return { value, ci_low: value - 1.959963984540054 * se, ci_high: value + 1.959963984540054 * se };
}
