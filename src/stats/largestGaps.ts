import type { GroupFigures } from './groupFigures.js';

/** The two groups furthest apart on one figure. */
export interface Gap {
  metric: GapMetric;
  low: { group: string; value: number };
  high: { group: string; value: number };
  gap: number;
  /**
   * The gap over its standard error, treating the two groups as independent samples: DeLong standard
   * errors for the AUC, binomial ones for the rates, Wald ones for calibration-in-the-large. Null when a
   * standard error is missing. |z| < 1.96 is a gap chance alone could well produce.
   */
  z: number | null;
}

/** The figures compared across groups. */
export type GapMetric = 'calibration_in_the_large' | 'auc' | 'false_positive_rate' | 'false_negative_rate';
export const GAP_METRICS: readonly GapMetric[] = ['calibration_in_the_large', 'auc', 'false_positive_rate', 'false_negative_rate'];

/**
 * For each compared figure, the groups with the lowest and highest value among groups that are not small,
 * and the two-sample z statistic of their difference, z = (θ_high − θ_low)/√(SE_high² + SE_low²), the
 * groups taken as independent samples (a Wald test of equal values; e.g. Altman, Practical Statistics for
 * Medical Research, §9.7, for two proportions with unpooled variances). Standard errors: DeLong's for the
 * AUC, the Wald one of calibration-in-the-large, and √(r(1 − r)/m) for a rate r over its m non-events
 * (false-positive rate) or events (false-negative rate). z is null when either standard error is missing.
 */
export function largestGaps(groups: readonly GroupFigures[]): Gap[] {
  const gaps: Gap[] = [];
  for (const metric of GAP_METRICS) {
    const usable = groups.filter((g) => !g.small && g[metric] !== null);
    if (usable.length < 2) continue;
    let low = usable[0];
    let high = usable[0];
    for (const g of usable) {
      if (g[metric]! < low[metric]!) low = g;
      if (g[metric]! > high[metric]!) high = g;
    }
    const gap = high[metric]! - low[metric]!;
    const se = Math.hypot(...[low, high].map((g) => standardError(g, metric) ?? NaN));
    gaps.push({
      metric,
      low: { group: low.group, value: low[metric]! },
      high: { group: high.group, value: high[metric]! },
      gap,
      z: se > 0 ? gap / se : null,
    });
  }
  return gaps;
}

/** The standard error of one group's figure (see {@link Gap.z}). */
function standardError(g: GroupFigures, metric: GapMetric): number | null {
  switch (metric) {
    case 'auc':
      return g.auc_se;
    case 'calibration_in_the_large':
      return g.calibration_in_the_large_se;
    case 'false_positive_rate': {
      const r = g.false_positive_rate;
      return r === null ? null : Math.sqrt((r * (1 - r)) / (g.n - g.events));
    }
    case 'false_negative_rate': {
      const r = g.false_negative_rate;
      return r === null ? null : Math.sqrt((r * (1 - r)) / g.events);
    }
  }
}
