import { featureColumn, type Feature } from './spec/featureSpec.js';
import { isMissing, parseFeatureValue, ValueProblem, type ParsedValue } from './encoding/parseValue.js';
import { compileEncoder } from './encoding/compileEncoder.js';
import { buildDesign } from './design/buildDesign.js';
import { createScorer } from './scorer.js';
import type { ModelArtifact } from './artifact/artifactSchema.js';
import type { InputDistribution, TrainingDistribution } from './artifact/trainingDistributionSchema.js';
import { tableValue, type TrainingTable } from './training/trainingTable.js';
import { populationStabilityIndex, PSI_MIN_ROWS, psiReading, type PsiReading } from '../stats/populationStabilityIndex.js';
import { binOf } from '../stats/quantileBins.js';
import { MISSING_LEVEL } from './encoding/encoding.js';

/** A value level the training rows never had, counted in a bin of its own (training share 0). */
export const UNSEEN_LEVEL = '(unseen)';

/** One bin of a drift comparison: its share in training and in the rows compared. */
export interface DriftBin {
  label: string;
  expected: number;
  actual: number;
}

/** The population stability index of one input (or the score) against training. */
export interface DriftEntry {
  psi: number | null;
  /** Null when there is no index, or fewer rows than PSI_MIN_ROWS: too few for the index to say drift. */
  reading: PsiReading | null;
  /** Rows whose value entered the comparison. */
  rows: number;
  bins: DriftBin[];
}

/** An input's drift, with its PSI per option for a multi-select input (whose PSI is the largest of them). */
export interface InputDriftEntry extends DriftEntry {
  feature: string;
  column: string;
  inModel: boolean;
  kind: InputDistribution['kind'];
  /** Rows whose value could not be read (counted nowhere). */
  invalid: number;
  options?: { option: string; psi: number; reading: PsiReading | null }[];
}

/** Drift of every input and of the score, or why it cannot be computed. */
export type InputDrift =
  | {
      available: true;
      modelVersion: string;
      rows: number;
      /** Rows an index needs before it is read (PSI_MIN_ROWS); below it `reading` is null. */
      minRowsForReading: number;
      inputs: InputDriftEntry[];
      score: DriftEntry & { unscorable: number };
    }
  | { available: false; modelVersion: string; reason: string };

/**
 * The population stability index of each input and of the predicted probability of `rows` (records
 * keyed by input column, as CSV strings or JSON values) against the training distribution the artifact
 * records. Numeric inputs and the score use the artifact's decile bins plus a bin for missing values;
 * levels add a bin for levels training never saw; a multi-select input is compared option by option
 * (ticked or not) and reports the largest option's index. An artifact without a training distribution
 * (written before it was recorded) gives `available: false`.
 */
export function inputDrift(artifact: ModelArtifact, rows: Iterable<Readonly<Record<string, unknown>>>): InputDrift {
  const acc = driftAccumulator(artifact);
  for (const record of rows) acc.add(record);
  return acc.finish();
}

/** {@link inputDrift} fed one record at a time, for rows streamed from a database rather than held in memory. */
export interface DriftAccumulator {
  /** Counts one record; `probability`, when given, is its score as stored (else the record is scored). */
  add(record: Readonly<Record<string, unknown>>, probability?: number): void;
  /** The drift of the records added so far. */
  finish(): InputDrift;
}

/** An accumulator computing exactly what {@link inputDrift} computes on the records added to it. */
export function driftAccumulator(artifact: ModelArtifact): DriftAccumulator {
  const dist = artifact.trainingDistribution;
  if (!dist) return { add: () => {}, finish: () => unavailable(artifact) };
  const features = featuresOf(artifact, dist);
  const acc = dist.inputs.map((d) => accumulator(d.distribution));
  const invalid = new Array<number>(dist.inputs.length).fill(0);
  const scorer = createScorer(artifact);
  const score = accumulator(dist.score);
  let n = 0;
  let unscorable = 0;
  return {
    add(record, probability) {
      n++;
      dist.inputs.forEach((d, k) => {
        const raw = record[d.column];
        const f = features[k];
        // A value the specification requires but the record lacks is invalid; said without throwing, as
        // building a ValueProblem (its stack) for an input a fund never sends cost a tenth of a monitoring pass.
        if (f.type !== 'multiselect' && f.missing === 'error' && isMissing(raw)) {
          invalid[k]++;
          return;
        }
        let v: ParsedValue;
        try {
          v = parseFeatureValue(f, raw);
        } catch (err) {
          if (!(err instanceof ValueProblem)) throw err;
          invalid[k]++;
          return;
        }
        acc[k].add(v);
      });
      if (probability !== undefined) {
        score.add(probability);
        return;
      }
      const s = scorer.score(record);
      if (s.ok) score.add(s.probability);
      else unscorable++;
    },
    finish: () => finish(artifact, dist, n, acc, invalid, score, unscorable),
  };
}

/** {@link inputDrift} for rows already read into a table with the artifact's specification (e.g. by `readTrainingTable`). */
export function inputDriftOfTable(artifact: ModelArtifact, table: TrainingTable): InputDrift {
  const dist = artifact.trainingDistribution;
  if (!dist) return unavailable(artifact);
  const index = new Map(table.features.map((f, k) => [f.name, k]));
  const acc = dist.inputs.map((d) => accumulator(d.distribution));
  const invalid = new Array<number>(dist.inputs.length).fill(0);
  dist.inputs.forEach((d, k) => {
    const t = index.get(d.feature);
    if (t === undefined) {
      invalid[k] = table.n;
      return;
    }
    for (let i = 0; i < table.n; i++) acc[k].add(tableValue(table, t, i));
  });
  const scorer = createScorer(artifact);
  const design = buildDesign(compileEncoder(artifact.encoding), table);
  const p = scorer.scoreDesign(design.x);
  const score = accumulator(dist.score);
  for (let i = 0; i < p.length; i++) score.add(p[i]);
  return finish(artifact, dist, table.n, acc, invalid, score, design.unencodable.length);
}

function unavailable(artifact: ModelArtifact): InputDrift {
  return {
    available: false,
    modelVersion: artifact.version,
    reason: `model ${artifact.version} was written before training distributions were recorded in the artifact; retrain it to check drift`,
  };
}

function featuresOf(artifact: ModelArtifact, dist: TrainingDistribution): Feature[] {
  const byName = new Map(artifact.encoding.spec.features.map((f) => [f.name, f]));
  return dist.inputs.map((d) => {
    const f = byName.get(d.feature);
    if (!f || featureColumn(f) !== d.column)
      throw new Error(`artifact ${artifact.version}: the training distribution names an unknown input "${d.feature}"`);
    return f;
  });
}

interface Accumulator {
  add(v: ParsedValue): void;
  result(): Omit<DriftEntry, 'reading'> & { options?: InputDriftEntry['options'] };
}

function accumulator(d: InputDistribution): Accumulator {
  switch (d.kind) {
    case 'numeric': {
      const counts = new Float64Array(d.edges.length + 2); // the bins, then missing
      const missingBin = d.edges.length + 1;
      return {
        add: (v) => void counts[v === null ? missingBin : binOf(d.edges, v as number)]++,
        result: () => entry([...d.shares, d.missing], counts, numericLabels(d.edges)),
      };
    }
    case 'levels': {
      const at = new Map(d.levels.map((level, i) => [level, i]));
      const counts = new Float64Array(d.levels.length + 2); // the levels, missing, unseen
      return {
        add: (v) => void counts[v === null ? d.levels.length : (at.get(String(v)) ?? d.levels.length + 1)]++,
        result: () => entry([...d.shares, d.missing, 0], counts, [...d.levels, MISSING_LEVEL, UNSEEN_LEVEL]),
      };
    }
    case 'options': {
      const counts = new Float64Array(d.options.length);
      let n = 0;
      return {
        add: (v) => {
          n++;
          for (let o = 0; o < d.options.length; o++) if ((v as number) & (1 << o)) counts[o]++;
        },
        result: () => {
          const bins = d.options.map((label, o) => ({ label, expected: d.shares[o], actual: n === 0 ? 0 : counts[o] / n }));
          if (n === 0) return { psi: null, rows: 0, bins };
          const options = d.options.map((option, o) => {
            const psi = populationStabilityIndex([d.shares[o], 1 - d.shares[o]], [counts[o], n - counts[o]]);
            return { option, psi, reading: readingOf(psi, n) };
          });
          return { psi: options.reduce((m, x) => Math.max(m, x.psi), 0), rows: n, bins, options };
        },
      };
    }
  }
}

function entry(expected: number[], counts: Float64Array, labels: string[]): Omit<DriftEntry, 'reading'> {
  const rows = counts.reduce((s, x) => s + x, 0);
  const bins = labels.map((label, i) => ({ label, expected: expected[i], actual: rows === 0 ? 0 : counts[i] / rows }));
  return { psi: rows === 0 ? null : populationStabilityIndex(expected, counts), rows, bins };
}

function numericLabels(edges: number[]): string[] {
  if (edges.length === 0) return ['all', MISSING_LEVEL];
  const labels = [`<${edges[0]}`];
  for (let i = 1; i < edges.length; i++) labels.push(`[${edges[i - 1]},${edges[i]})`);
  labels.push(`>=${edges[edges.length - 1]}`, MISSING_LEVEL);
  return labels;
}

function finish(
  artifact: ModelArtifact,
  dist: TrainingDistribution,
  n: number,
  acc: Accumulator[],
  invalid: number[],
  score: Accumulator,
  unscorable: number,
): InputDrift {
  if (n === 0) return { available: false, modelVersion: artifact.version, reason: 'no rows to compare with the training distribution' };
  const inputs = dist.inputs.map((d, k): InputDriftEntry => {
    const r = acc[k].result();
    return {
      feature: d.feature,
      column: d.column,
      inModel: d.inModel,
      kind: d.distribution.kind,
      invalid: invalid[k],
      ...r,
      reading: readingOf(r.psi, r.rows),
    };
  });
  const s = score.result();
  return {
    available: true,
    modelVersion: artifact.version,
    rows: n,
    minRowsForReading: PSI_MIN_ROWS,
    inputs,
    score: { ...s, reading: readingOf(s.psi, s.rows), unscorable },
  };
}

/** The index's reading, or null without an index or with fewer rows than PSI_MIN_ROWS (chance, not drift). */
function readingOf(psi: number | null, rows: number): PsiReading | null {
  return psi === null || rows < PSI_MIN_ROWS ? null : psiReading(psi);
}
