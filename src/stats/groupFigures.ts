import { cutoffFigures, type CutoffFigures } from './cutoffFigures.js';
import { valProb, type ValProbMetrics } from './valProb.js';

/** A group too small for its figures to be compared: fewer rows, events or non-events than these. */
export const MIN_GROUP_ROWS = 100;
export const MIN_GROUP_EVENTS = 10;

/** The figures of one group: val.prob's (calibrate's keys) and the cut-off's, on the group's rows only. */
export type GroupFigures = {
  group: string;
  observed_rate: number;
  mean_predicted: number;
  small: boolean;
} & ValProbMetrics &
  Omit<CutoffFigures, 'n' | 'events' | 'cutoff'>;

/** Rows divided into named groups: `codes[row]` indexes `levels`, −1 for a row in no group. */
export interface GroupCodes {
  levels: readonly string[];
  codes: Int32Array;
}

/**
 * The figures of every group of a grouping: valProb and cutoffFigures applied to the group's rows
 * (those i with codes[rows[i]] = group), so each number is exactly what the metrics give on that subset.
 * `rows[i]` maps prediction i to its table row.
 */
export function groupFigures(
  p: Float64Array,
  y: ArrayLike<number>,
  rows: Int32Array,
  grouping: GroupCodes,
  cutoff: number,
): GroupFigures[] {
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
    out.push({
      group,
      observed_rate: metrics.events / metrics.n,
      mean_predicted: sumP / metrics.n,
      small,
      ...metrics,
      ...atCutoff,
    });
  });
  return out;
}
