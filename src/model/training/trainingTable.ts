import { featureColumn, type Feature, type FeatureSpec } from '../spec/featureSpec.js';
import { parseFeatureValue, parseNumber, ValueProblem, type ParsedValue } from '../encoding/parseValue.js';
import type { FeatureSummary } from '../encoding/learnEncoding.js';
import { readCsv, type CsvHeader } from '../../data/csvRecords.js';
import { InputError, InputErrors } from '../../data/inputError.js';
import { growTypedArray } from '../design/growTypedArray.js';

/** One feature's parsed values for all rows, stored compactly by type. */
export type FeatureColumn =
  | { kind: 'numeric'; values: Float64Array } // NaN = missing
  | { kind: 'boolean'; values: Int8Array } // −1 = missing
  | { kind: 'multiselect'; values: Uint32Array } // bit mask over the options
  | { kind: 'categorical'; codes: Int32Array; dictionary: string[] }; // −1 = missing

/**
 * The rows of a training or validation file, parsed and validated against a feature specification and
 * held column by column in typed arrays (about 8 bytes per value), so a million spells fit easily and the
 * file is read once.
 */
export interface TrainingTable {
  file: string;
  n: number;
  features: Feature[];
  columns: FeatureColumn[];
  /** The 0/1 outcome. */
  y: Float64Array;
  /** Case weights, when the specification names a weight column. */
  weights?: Float64Array;
  /** The 1-based line of each row in the file, for messages. */
  lines: Int32Array;
  /** Raw text of extra columns asked for (e.g. the split or date column), by name. */
  extra: Map<string, string[]>;
}

/** Options of {@link readTrainingTable}. */
export interface ReadTableOptions {
  /** Extra columns to keep as text (a date column for the split or the date range). Missing ones are ignored unless required. */
  keep?: string[];
  requireKeep?: boolean;
  /** Most problems listed in the error before the rest are only counted. */
  maxProblems?: number;
  onBytes?: (bytes: number) => void;
}

/** Reads and validates a CSV file for training; throws InputErrors listing every bad value (file, line, column). */
export async function readTrainingTable(file: string, spec: FeatureSpec, options: ReadTableOptions = {}): Promise<TrainingTable> {
  const features = spec.features;
  const maxProblems = options.maxProblems ?? 20;
  const keep = options.keep ?? [];
  const required = [
    spec.outcome,
    ...features.map(featureColumn),
    ...(spec.weight ? [spec.weight] : []),
    ...(options.requireKeep ? keep : []),
  ];
  const builders = features.map(columnBuilder);
  let y = new Float64Array(1 << 16);
  let weights = spec.weight ? new Float64Array(1 << 16) : undefined;
  let lines = new Int32Array(1 << 16);
  const extra = new Map<string, string[]>();
  let header: CsvHeader | undefined;
  const problems: InputError[] = [];
  let problemCount = 0;
  let n = 0;
  const report = (line: number, column: string, reason: string) => {
    problemCount++;
    if (problems.length < maxProblems)
      problems.push(new InputError({ file, line, column: header?.position.get(column), field: column }, reason));
  };

  let positions: { outcome: number; weight: number; features: number[]; keep: [string, number][] } | undefined;
  for await (const record of readCsv(file, { required, onHeader: (h) => (header = h), onBytes: options.onBytes })) {
    const { line, fields } = record;
    if (!positions) {
      // Column positions once, so the hot loop indexes arrays instead of building an object per row.
      const pos = (c: string) => header!.position.get(c)! - 1;
      positions = {
        outcome: pos(spec.outcome),
        weight: spec.weight ? pos(spec.weight) : -1,
        features: features.map((f) => pos(featureColumn(f))),
        keep: keep.filter((c) => header!.position.has(c)).map((c) => [c, pos(c)]),
      };
      for (const [c] of positions.keep) extra.set(c, []);
    }
    if (n === y.length) {
      y = growTypedArray(y);
      lines = growTypedArray(lines);
      if (weights) weights = growTypedArray(weights);
    }
    let ok = true;
    const outcome = fields[positions.outcome].trim();
    if (outcome !== '0' && outcome !== '1') {
      report(line, spec.outcome, `the outcome must be 0 or 1, got "${outcome}"`);
      ok = false;
    }
    if (weights && spec.weight) {
      try {
        const wt = parseNumber(fields[positions.weight]);
        if (wt < 0) throw new ValueProblem(`a case weight must not be negative, got ${wt}`);
        weights[n] = wt;
      } catch (err) {
        if (!(err instanceof ValueProblem)) throw err;
        report(line, spec.weight, err.message);
        ok = false;
      }
    }
    for (let k = 0; k < features.length; k++) {
      const column = featureColumn(features[k]);
      try {
        builders[k].set(n, parseFeatureValue(features[k], fields[positions.features[k]]));
      } catch (err) {
        if (!(err instanceof ValueProblem)) throw err;
        report(line, column, err.message);
        ok = false;
      }
    }
    if (!ok) continue;
    y[n] = outcome === '1' ? 1 : 0;
    lines[n] = line;
    for (const [name, p] of positions.keep) extra.get(name)!.push(fields[p]);
    n++;
  }
  if (problemCount > 0) throw new InputErrors(problems, problemCount);
  if (n === 0) throw new InputError({ file }, 'no data rows');
  return {
    file,
    n,
    features,
    columns: builders.map((b) => b.finish(n)),
    y: y.slice(0, n),
    weights: weights?.slice(0, n),
    lines: lines.slice(0, n),
    extra,
  };
}

/** The parsed value of feature k in row i (the form the encoder takes). */
export function tableValue(table: TrainingTable, k: number, i: number): ParsedValue {
  const c = table.columns[k];
  switch (c.kind) {
    case 'numeric':
      return Number.isNaN(c.values[i]) ? null : c.values[i];
    case 'boolean':
      return c.values[i] < 0 ? null : c.values[i];
    case 'multiselect':
      return c.values[i];
    case 'categorical':
      return c.codes[i] < 0 ? null : c.dictionary[c.codes[i]];
  }
}

/** Summaries of each feature over the selected rows (all when `rows` is absent), for learning the encoding. */
export function summariseFeatures(table: TrainingTable, rows?: Uint8Array): Map<string, FeatureSummary> {
  const out = new Map<string, FeatureSummary>();
  table.features.forEach((f, k) => {
    const c = table.columns[k];
    let missing = 0;
    const summary: FeatureSummary = { missing: 0 };
    if (c.kind === 'categorical') {
      const counts = new Float64Array(c.dictionary.length);
      for (let i = 0; i < table.n; i++) {
        if (rows && !rows[i]) continue;
        if (c.codes[i] < 0) missing++;
        else counts[c.codes[i]]++;
      }
      summary.levelCounts = new Map(
        c.dictionary.map((level, code) => [level, counts[code]] as [string, number]).filter(([, count]) => count > 0),
      );
    } else if (c.kind === 'numeric') {
      const present: number[] = [];
      for (let i = 0; i < table.n; i++) {
        if (rows && !rows[i]) continue;
        if (Number.isNaN(c.values[i])) missing++;
        else present.push(c.values[i]);
      }
      summary.median = median(present);
    } else if (c.kind === 'boolean') {
      for (let i = 0; i < table.n; i++) if ((!rows || rows[i]) && c.values[i] < 0) missing++;
    }
    summary.missing = missing;
    out.set(f.name, summary);
  });
  return out;
}

function median(xs: number[]): number {
  if (xs.length === 0) return NaN;
  const s = Float64Array.from(xs).sort();
  const h = s.length >> 1;
  return s.length % 2 ? s[h] : (s[h - 1] + s[h]) / 2;
}

interface ColumnBuilder {
  set(i: number, v: ParsedValue): void;
  finish(n: number): FeatureColumn;
}

function columnBuilder(f: Feature): ColumnBuilder {
  switch (f.type) {
    case 'numeric': {
      let a = new Float64Array(1 << 16);
      return {
        set(i, v) {
          if (i >= a.length) a = growTypedArray(a);
          a[i] = v === null ? NaN : (v as number);
        },
        finish: (n) => ({ kind: 'numeric', values: a.slice(0, n) }),
      };
    }
    case 'boolean': {
      let a = new Int8Array(1 << 16);
      return {
        set(i, v) {
          if (i >= a.length) a = growTypedArray(a);
          a[i] = v === null ? -1 : (v as number);
        },
        finish: (n) => ({ kind: 'boolean', values: a.slice(0, n) }),
      };
    }
    case 'multiselect': {
      let a = new Uint32Array(1 << 16);
      return {
        set(i, v) {
          if (i >= a.length) a = growTypedArray(a);
          a[i] = v as number;
        },
        finish: (n) => ({ kind: 'multiselect', values: a.slice(0, n) }),
      };
    }
    case 'categorical': {
      let a = new Int32Array(1 << 16);
      const codes = new Map<string, number>();
      const dictionary: string[] = [];
      return {
        set(i, v) {
          if (i >= a.length) a = growTypedArray(a);
          if (v === null) {
            a[i] = -1;
            return;
          }
          let code = codes.get(v as string);
          if (code === undefined) {
            code = dictionary.length;
            codes.set(v as string, code);
            dictionary.push(v as string);
          }
          a[i] = code;
        },
        finish: (n) => ({ kind: 'categorical', codes: a.slice(0, n), dictionary }),
      };
    }
  }
}
