import type { RowEncoder } from '../encoding/compileEncoder.js';
import { ValueProblem, type ParsedValue } from '../encoding/parseValue.js';
import { tableValue, type TrainingTable } from '../training/trainingTable.js';
import { SparseDesignBuilder, type SparseDesign } from './sparseDesign.js';

/** A design matrix with the outcome and weights of the same rows. */
export interface ModelData {
  x: SparseDesign;
  y: Float64Array;
  weights?: Float64Array;
  /** Index into the table of each design row. */
  rows: Int32Array;
  /** Rows that could not be encoded (e.g. a level unseen in training), with the reason. */
  unencodable: { row: number; field: string; reason: string }[];
}

/** Encodes the selected rows of a table (all when `select` is absent) with the given encoder. */
export function buildDesign(encoder: RowEncoder, table: TrainingTable, select?: Uint8Array): ModelData {
  const tableIndex = new Map(table.features.map((f, k) => [f.name, k]));
  const source = encoder.encoding.features.map((ff) => {
    const k = tableIndex.get(ff.spec.name);
    if (k === undefined) throw new Error(`the table has no feature "${ff.spec.name}"`);
    return k;
  });
  const selected = select ? select.reduce((s, v) => s + (v ? 1 : 0), 0) : table.n;
  const builder = new SparseDesignBuilder(encoder.p, selected, Math.min(encoder.maxNonZero, 24));
  const idx = new Int32Array(encoder.maxNonZero);
  const val = new Float64Array(encoder.maxNonZero);
  const parsed: ParsedValue[] = new Array(source.length);
  const y = new Float64Array(selected);
  const weights = table.weights ? new Float64Array(selected) : undefined;
  const rows = new Int32Array(selected);
  const unencodable: ModelData['unencodable'] = [];
  let m = 0;
  for (let i = 0; i < table.n; i++) {
    if (select && !select[i]) continue;
    for (let k = 0; k < source.length; k++) parsed[k] = tableValue(table, source[k], i);
    let count: number;
    try {
      count = encoder.encode(parsed, idx, val);
    } catch (err) {
      if (!(err instanceof ValueProblem)) throw err;
      const feature = (err as { feature?: number }).feature;
      unencodable.push({ row: i, field: feature === undefined ? '' : encoder.columns[feature], reason: err.message });
      continue;
    }
    builder.addRow(idx, val, count);
    y[m] = table.y[i];
    if (weights) weights[m] = table.weights![i];
    rows[m] = i;
    m++;
  }
  return {
    x: builder.build(),
    y: y.slice(0, m),
    weights: weights?.slice(0, m),
    rows: rows.slice(0, m),
    unencodable,
  };
}
