import { quantileType7 } from './quantileType7.js';

/**
 * Bin edges at the quantiles k/bins (k = 1 … bins − 1) of sorted values, R's default type-7 quantile,
 * with repeated edges merged: a variable with few distinct values (whole years of age, a 0/1 share)
 * gets fewer bins rather than empty ones. Empty input gives no edges (one bin).
 */
export function quantileEdges(sorted: ArrayLike<number>, bins = 10): number[] {
  const n = sorted.length;
  const edges: number[] = [];
  if (n === 0) return edges;
  for (let k = 1; k < bins; k++) {
    const x = quantileType7(sorted, k / bins);
    if (edges.length === 0 || x > edges[edges.length - 1]) edges.push(x);
  }
  // An edge at the minimum would leave the first bin (below it) empty by construction.
  if (edges[0] === sorted[0]) edges.shift();
  return edges;
}

/** The bin of x among lower-inclusive edges: the number of edges ≤ x (0 … edges.length). */
export function binOf(edges: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (edges[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
