import { featureColumn } from '../spec/featureSpec.js';
import type { TrainingTable } from './trainingTable.js';
import type { Encoding } from '../encoding/encoding.js';
import type { InputDistribution, TrainingDistribution } from '../artifact/trainingDistributionSchema.js';
import { binOf, quantileEdges } from '../../stats/quantileBins.js';

/** Bins for numeric inputs and the score: deciles of the training values. */
export const DRIFT_BINS = 10;

/**
 * The training distribution of every input of the specification over the selected rows, and of the
 * training predictions `scores` (one per fitted row), as the artifact records it for drift checks.
 */
export function trainingDistribution(
  table: TrainingTable,
  rows: Uint8Array,
  encoding: Encoding,
  scores: ArrayLike<number>,
): TrainingDistribution {
  const modelled = new Set(encoding.features.map((f) => f.spec.name));
  let n = 0;
  for (let i = 0; i < table.n; i++) if (rows[i]) n++;
  const inputs = table.features.map((f, k) => ({
    feature: f.name,
    column: featureColumn(f),
    inModel: modelled.has(f.name),
    distribution: columnDistribution(table, k, rows, n),
  }));
  const score = numericDistribution(Float64Array.from(scores), 0);
  return { rows: n, inputs, score };
}

function columnDistribution(table: TrainingTable, k: number, rows: Uint8Array, n: number): InputDistribution {
  const c = table.columns[k];
  const f = table.features[k];
  switch (c.kind) {
    case 'numeric': {
      const present: number[] = [];
      for (let i = 0; i < table.n; i++) if (rows[i] && !Number.isNaN(c.values[i])) present.push(c.values[i]);
      return numericDistribution(Float64Array.from(present), n - present.length, n);
    }
    case 'boolean': {
      const counts = [0, 0];
      let missing = 0;
      for (let i = 0; i < table.n; i++) {
        if (!rows[i]) continue;
        if (c.values[i] < 0) missing++;
        else counts[c.values[i]]++;
      }
      return { kind: 'levels', levels: ['0', '1'], shares: counts.map((x) => x / n), missing: missing / n };
    }
    case 'categorical': {
      const counts = new Float64Array(c.dictionary.length);
      let missing = 0;
      for (let i = 0; i < table.n; i++) {
        if (!rows[i]) continue;
        if (c.codes[i] < 0) missing++;
        else counts[c.codes[i]]++;
      }
      const seen = c.dictionary.map((level, code) => ({ level, share: counts[code] / n })).filter((x) => x.share > 0);
      seen.sort((a, b) => (a.level < b.level ? -1 : a.level > b.level ? 1 : 0));
      return { kind: 'levels', levels: seen.map((x) => x.level), shares: seen.map((x) => x.share), missing: missing / n };
    }
    case 'multiselect': {
      const options = f.type === 'multiselect' ? f.options : [];
      const counts = new Float64Array(options.length);
      for (let i = 0; i < table.n; i++) {
        if (!rows[i]) continue;
        for (let o = 0; o < options.length; o++) if (c.values[i] & (1 << o)) counts[o]++;
      }
      return { kind: 'options', options: [...options], shares: Array.from(counts, (x) => x / n) };
    }
  }
}

/** Decile bins of present values; shares are of all `total` rows, so that they and the missing share sum to 1. */
function numericDistribution(
  values: Float64Array,
  missing: number,
  total = values.length + missing,
): InputDistribution & { kind: 'numeric' } {
  values.sort();
  const edges = quantileEdges(values, DRIFT_BINS);
  const counts = new Float64Array(edges.length + 1);
  for (let i = 0; i < values.length; i++) counts[binOf(edges, values[i])]++;
  return {
    kind: 'numeric',
    edges,
    shares: Array.from(counts, (x) => (total === 0 ? 0 : x / total)),
    missing: total === 0 ? 0 : missing / total,
  };
}
