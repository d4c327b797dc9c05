/**
 * The cut-offs a report tabulates: steps of 0.025 from 0.025 up to the first step above the 99th
 * percentile of the predictions (the range where members actually are, at most 0.975), plus the
 * model's own cut-off, sorted and without repeats.
 */
export function defaultCutoffs(sortedP: ArrayLike<number>, chosen: number): number[] {
  const n = sortedP.length;
  const p99 = n > 0 ? sortedP[Math.min(n - 1, Math.floor(0.99 * n))] : 0.5;
  const top = Math.min(0.975, Math.max(0.25, Math.ceil(p99 / 0.025) * 0.025));
  const out: number[] = [];
  // Whole steps counted in integers so that 0.1 comes out as 0.1, not 0.30000000000000004-style sums.
  for (let k = 1; k * 0.025 <= top + 1e-12; k++) out.push(Math.round(k * 25) / 1000);
  if (!out.some((c) => Math.abs(c - chosen) < 1e-12)) out.push(chosen);
  return out.sort((a, b) => a - b);
}
