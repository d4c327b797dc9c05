import { qnorm } from './normal.js';

/**
 * Wilson's (1927) score interval for a binomial proportion k/n:
 * (k + z²/2 ± z √(k(n−k)/n + z²/4)) / (n + z²). Unlike the Wald interval it stays inside [0, 1]
 * and is not degenerate at k = 0 or k = n, which matters for the sparse top decile of a subgroup.
 */
export function wilsonInterval(k: number, n: number, level = 0.95): { low: number; high: number } {
  if (n === 0) return { low: 0, high: 1 };
  const z = qnorm(1 - (1 - level) / 2);
  const z2 = z * z;
  const centre = k + z2 / 2;
  const half = z * Math.sqrt((k * (n - k)) / n + z2 / 4);
  return { low: Math.max(0, (centre - half) / (n + z2)), high: Math.min(1, (centre + half) / (n + z2)) };
}
