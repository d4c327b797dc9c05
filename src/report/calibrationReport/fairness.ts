import { groupFigures, MIN_GROUP_EVENTS, MIN_GROUP_ROWS, type GroupFigures } from '../../stats/groupFigures.js';
import { GAP_METRICS, largestGaps, type Gap, type GapMetric } from '../../stats/largestGaps.js';
import type { Grouping, GroupingKind } from './groups.js';

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
 * Whether a gap is larger than chance would explain, as a clause ("" without a z). The z treats the two
 * groups as independent samples and does not allow for the pair having been picked as the extreme one.
 */
export function chanceClause(z: number | null): string {
  if (z === null) return '';
  return Math.abs(z) >= 1.96
    ? `more than chance alone explains, z = ${Math.abs(z).toFixed(1)}`
    : `within what chance alone could produce, z = ${Math.abs(z).toFixed(1)}`;
}

/** `text` with the chance clause appended after a separator, or `text` alone when there is none. */
function withChance(text: string, z: number | null, separator = '; '): string {
  const clause = chanceClause(z);
  return clause ? `${text}${separator}${clause}` : text;
}

/** Audits every grouping at the cut-off: group figures, largest gaps and the sentences that state them. */
export function fairnessAudit(
  p: Float64Array,
  y: ArrayLike<number>,
  rows: Int32Array,
  groupings: readonly Grouping[],
  cutoff: number,
  skipped: string[] = [],
): FairnessAudit {
  const attributes: AttributeAudit[] = groupings.map((grouping) => {
    const groups = groupFigures(p, y, rows, grouping, cutoff);
    const gaps = largestGaps(groups);
    return {
      attribute: grouping.attribute,
      kind: grouping.kind,
      in_model: grouping.inModel,
      groups,
      gaps,
      statements: gaps.map((g) => gapSentence(g, groups)),
    };
  });
  return {
    cutoff,
    min_group_rows: MIN_GROUP_ROWS,
    min_group_events: MIN_GROUP_EVENTS,
    attributes,
    summary: summarySentences(attributes),
    skipped,
  };
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
    const size =
      metric === 'auc' || metric === 'calibration_in_the_large' ? gap.gap.toFixed(3) : `${(100 * gap.gap).toFixed(1)} percentage points`;
    out.push(
      `The largest gap in ${METRIC_NAMES[metric]} is ${where}: ${value(gap.high.value)} for ${gap.high.group} against ${value(gap.low.value)} for ${gap.low.group} (${withChance(size, gap.z)}).`,
    );
  }
  return out;
}
