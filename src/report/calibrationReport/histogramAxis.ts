/**
 * The score histogram's right end: the largest prediction rounded up to a step of 5 %, at least 10 %.
 * The axis reaches every prediction, so no bar holds predictions from beyond its own range (an axis cut
 * at the 99.5th percentile put 0.73–0.97 into one spike at 75 %). A few extreme members then make a thin
 * tail rather than a misleading last bar.
 */
export function histogramUpper(sortedP: ArrayLike<number>): number {
  const largest = sortedP.length > 0 ? sortedP[sortedP.length - 1] : 0;
  return Math.min(1, Math.max(0.1, Math.ceil(largest * 20) / 20));
}
