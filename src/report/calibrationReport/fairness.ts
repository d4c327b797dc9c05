import { valProb, type ValProbMetrics } from '../../stats/valProb.js';
import { cutoffFigures, type CutoffFigures } from './cutoffTable.js';
import type { Grouping, GroupingKind } from './groups.js';

/** A group too small for its figures to be compared: fewer rows, events or non-events than these. */
export const MIN_GROUP_ROWS = 100;
export const MIN_GROUP_EVENTS = 10;

/** The figures of one group: val.prob's (calibrate's keys) and the cut-off's, on the group's rows only. */
export type GroupFigures = {
  group: string;
  observed_rate: number;
  mean_predicted: number;
  /** Wald standard error of calibration-in-the-large, 1/√(Σ πᵢ(1 − πᵢ)) at the estimate; null when it is undefined. */
  calibration_in_the_large_se: number | null;
  small: boolean;
} & ValProbMetrics &
  Omit<CutoffFigures, 'n' | 'events' | 'cutoff'>;

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

/** One attribute's audit. */
export interface AttributeAudit {
  attribute: string;
  kind: GroupingKind;
  in_model: boolean;
  groups: GroupFigures[];
  gaps: Gap[];
  /** The gaps in plain English, one sentence per figure. */
  statements: string[];
}

/** The whole audit: per attribute, and the largest gap of each figure across attributes in words. */
export interface FairnessAudit {
  cutoff: number;
  min_group_rows: number;
  min_group_events: number;
  attributes: AttributeAudit[];
  summary: string[];
  skipped: string[];
}

/**
 * The figures of every group of a grouping: valProb and cutoffFigures applied to the group's rows
 * (those i with codes[rows[i]] = group), so each number is exactly what the metrics give on that subset.
 * `rows[i]` maps prediction i to its table row.
 */
export function groupFigures(p: Float64Array, y: ArrayLike<number>, rows: Int32Array, grouping: Grouping, cutoff: number): GroupFigures[] {
  const k = grouping.levels.length;
  const sizes = new Int32Array(k);
  for (let i = 0; i < p.length; i++) {
    const c = grouping.codes[rows[i]];
    if (c >= 0) sizes[c]++;
  }
  const members = Array.from(sizes, (s) => new Int32Array(s));
  const fill = new Int32Array(k);
  for (let i = 0; i < p.length; i++) {
    const c = grouping.codes[rows[i]];
    if (c >= 0) members[c][fill[c]++] = i;
  }
  const out: GroupFigures[] = [];
  grouping.levels.forEach((group, g) => {
    const idx = members[g];
    if (idx.length === 0) return;
    const gp = new Float64Array(idx.length);
    const gy = new Uint8Array(idx.length);
    let sumP = 0;
    for (let j = 0; j < idx.length; j++) {
      gp[j] = p[idx[j]];
      gy[j] = y[idx[j]];
      sumP += gp[j];
    }
    const metrics = valProb(gp, gy).metrics;
    const { n: _n, events: _e, cutoff: _c, ...atCutoff } = cutoffFigures(gp, gy, cutoff);
    const small = metrics.n < MIN_GROUP_ROWS || metrics.events < MIN_GROUP_EVENTS || metrics.n - metrics.events < MIN_GROUP_EVENTS;
    const citlSe = metrics.calibration_in_the_large === null ? null : offsetInterceptSe(gp, metrics.calibration_in_the_large);
    out.push({ group, observed_rate: metrics.events / metrics.n, mean_predicted: sumP / metrics.n, calibration_in_the_large_se: citlSe, small, ...metrics, ...atCutoff });
  });
  return out;
}

/** For each compared figure, the groups with the lowest and highest value, among groups that are not small. */
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
    gaps.push({ metric, low: { group: low.group, value: low[metric]! }, high: { group: high.group, value: high[metric]! }, gap, z: se > 0 ? gap / se : null });
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

/** 1/√(observed information) of the intercept a in logit P = a + logit(p), over predictions inside (0, 1). */
function offsetInterceptSe(p: Float64Array, a: number): number | null {
  let information = 0;
  for (let i = 0; i < p.length; i++) {
    if (!(p[i] > 0 && p[i] < 1)) continue;
    const pi = 1 / (1 + Math.exp(-(a + Math.log(p[i] / (1 - p[i])))));
    information += pi * (1 - pi);
  }
  return information > 0 ? 1 / Math.sqrt(information) : null;
}

/**
 * Whether a gap is larger than chance would explain, as a clause ("" without a z). The z treats the two
 * groups as independent samples and does not allow for the pair having been picked as the extreme one.
 */
export function chanceClause(z: number | null): string {
  if (z === null) return '';
  return Math.abs(z) >= 1.96 ? `more than chance alone explains, z = ${Math.abs(z).toFixed(1)}` : `within what chance alone could produce, z = ${Math.abs(z).toFixed(1)}`;
}

/** `text` with the chance clause appended after a separator, or `text` alone when there is none. */
function withChance(text: string, z: number | null, separator = '; '): string {
  const clause = chanceClause(z);
  return clause ? `${text}${separator}${clause}` : text;
}

/** Audits every grouping at the cut-off: group figures, largest gaps and the sentences that state them. */
export function fairnessAudit(p: Float64Array, y: ArrayLike<number>, rows: Int32Array, groupings: readonly Grouping[], cutoff: number, skipped: string[] = []): FairnessAudit {
  const attributes: AttributeAudit[] = groupings.map((grouping) => {
    const groups = groupFigures(p, y, rows, grouping, cutoff);
    const gaps = largestGaps(groups);
    return { attribute: grouping.attribute, kind: grouping.kind, in_model: grouping.inModel, groups, gaps, statements: gaps.map((g) => gapSentence(g, groups)) };
  });
  return { cutoff, min_group_rows: MIN_GROUP_ROWS, min_group_events: MIN_GROUP_EVENTS, attributes, summary: summarySentences(attributes), skipped };
}

/** How an attribute is named in a sentence. */
export function attributeName(a: Pick<AttributeAudit, 'attribute' | 'kind'>): string {
  if (a.kind === 'age_band') return 'age band';
  return a.attribute.replace(/_/g, ' ');
}

const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
const signed = (x: number) => (x > 0 ? '+' : x < 0 ? '−' : '') + Math.abs(x).toFixed(2);

/** One gap in words. */
export function gapSentence(gap: Gap, groups: readonly GroupFigures[]): string {
  const find = (name: string) => groups.find((g) => g.group === name)!;
  const lo = find(gap.low.group);
  const hi = find(gap.high.group);
  const pp = (100 * gap.gap).toFixed(1);
  switch (gap.metric) {
    case 'calibration_in_the_large':
      return (
        `Calibration-in-the-large ranges from ${signed(gap.low.value)} for ${lo.group} (observed ${pct(lo.observed_rate)}, predicted ${pct(lo.mean_predicted)}) ` +
        `to ${signed(gap.high.value)} for ${hi.group} (observed ${pct(hi.observed_rate)}, predicted ${pct(hi.mean_predicted)})` +
        `${gap.z === null ? '' : `; the gap is ${chanceClause(gap.z)}`}. A positive value means the model underestimates the group's risk, a negative one that it overestimates it.`
      );
    case 'auc':
      return `The AUC ranges from ${gap.low.value.toFixed(3)} for ${lo.group} to ${gap.high.value.toFixed(3)} for ${hi.group}${gap.z === null ? '' : ` (${chanceClause(gap.z)})`}.`;
    case 'false_positive_rate':
      return (
        `Of the members who do not become long-term unemployed, ${pct(gap.high.value)} of ${hi.group} are put in målgruppe 2, ` +
        `against ${pct(gap.low.value)} of ${lo.group} (${withChance(`${pp} percentage points apart`, gap.z)}).`
      );
    case 'false_negative_rate':
      return (
        `Of the members who become long-term unemployed, ${pct(gap.high.value)} of ${hi.group} are missed (left in målgruppe 1), ` +
        `against ${pct(gap.low.value)} of ${lo.group} (${withChance(`${pp} percentage points apart`, gap.z)}).`
      );
  }
}

const METRIC_NAMES: Record<GapMetric, string> = {
  calibration_in_the_large: 'calibration-in-the-large',
  auc: 'AUC',
  false_positive_rate: 'false-positive rate at the cut-off',
  false_negative_rate: 'false-negative rate at the cut-off',
};

/**
 * For each compared figure, the attribute whose groups are furthest apart, in one sentence naming both
 * groups. Rates are compared in percentage points, the AUC in its own units and calibration-in-the-large
 * on the logit scale, so sizes are compared within a figure, never across figures.
 */
function summarySentences(attributes: readonly AttributeAudit[]): string[] {
  const out: string[] = [];
  for (const metric of GAP_METRICS) {
    let best: { a: AttributeAudit; gap: Gap } | undefined;
    for (const a of attributes) {
      const gap = a.gaps.find((g) => g.metric === metric);
      if (gap && (!best || gap.gap > best.gap.gap)) best = { a, gap };
    }
    if (!best) continue;
    const { a, gap } = best;
    const where = `by ${attributeName(a)}${a.in_model ? '' : ' (not in the model)'}`;
    const value = (v: number) => (metric === 'auc' ? v.toFixed(3) : metric === 'calibration_in_the_large' ? signed(v) : pct(v));
    const size = metric === 'auc' || metric === 'calibration_in_the_large' ? gap.gap.toFixed(3) : `${(100 * gap.gap).toFixed(1)} percentage points`;
    out.push(`The largest gap in ${METRIC_NAMES[metric]} is ${where}: ${value(gap.high.value)} for ${gap.high.group} against ${value(gap.low.value)} for ${gap.low.group} (${withChance(size, gap.z)}).`);
  }
  return out;
}
