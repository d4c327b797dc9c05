/**
 * The sample quantile of R's default `quantile(x, prob)` (type 7, Hyndman & Fan 1996): with x sorted
 * ascending and h = (n − 1)·prob, the value (1 − (h − ⌊h⌋))·x[⌊h⌋] + (h − ⌊h⌋)·x[⌊h⌋ + 1] (0-based).
 * `sorted` must be sorted ascending and non-empty.
 */
export function quantileType7(sorted: ArrayLike<number>, prob: number): number {
  const n = sorted.length;
  if (n === 0) throw new RangeError('quantileType7: no data');
  if (!(prob >= 0 && prob <= 1)) throw new RangeError(`quantileType7: prob must be in [0, 1], got ${prob}`);
  const index = (n - 1) * prob;
  const lo = Math.floor(index);
  const h = index - lo;
  if (h === 0 || sorted[lo + 1] === sorted[lo]) return sorted[lo];
  return (1 - h) * sorted[lo] + h * sorted[lo + 1];
}
