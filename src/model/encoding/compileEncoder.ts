import { featureColumn } from '../spec/featureSpec.js';
import { OTHER_LEVEL, type Encoding, type FittedFeature } from './encoding.js';
import { parseFeatureValue, ValueProblem, type ParsedValue } from './parseValue.js';
import { restrictedCubicSplineTerms } from './splineBasis.js';

/** A value that could not be encoded, with the input field it came from. */
export interface FieldProblem {
  field: string;
  reason: string;
}

/** Turns parsed or raw values into the sparse design-matrix row of an encoding. */
export interface RowEncoder {
  readonly encoding: Encoding;
  /** Number of terms (columns of the design matrix), the intercept included. */
  readonly p: number;
  /** The most non-zero entries one row can have: the size the `idx`/`val` buffers must be. */
  readonly maxNonZero: number;
  /** Input column of each modelled feature, in the order `encode` expects parsed values. */
  readonly columns: readonly string[];
  /**
   * Writes the row's non-zero entries (the intercept first) to idx/val and returns how many there are.
   * Throws a ValueProblem (whose message is the reason) when a value cannot be encoded, e.g. a level
   * the model never saw.
   */
  encode(parsed: readonly ParsedValue[], idx: Int32Array, val: Float64Array): number;
  /**
   * Parses and encodes a record keyed by column name; problems are collected, not thrown. A caller that
   * needs the parsed values afterwards (to label them) passes `parsed` and gets them there, in `columns` order.
   */
  encodeRecord(
    record: Readonly<Record<string, unknown>>,
    idx: Int32Array,
    val: Float64Array,
    parsed?: ParsedValue[],
  ): { count: number } | { problems: FieldProblem[] };
}

type Emit = (v: ParsedValue, idx: Int32Array, val: Float64Array, at: number) => number;

/** Compiles an encoding into a fast row encoder (the same one training and scoring use). */
export function compileEncoder(encoding: Encoding): RowEncoder {
  const offsets: number[] = [];
  let offset = 1;
  for (const ff of encoding.features) {
    offsets.push(offset);
    offset += ff.terms.length;
  }
  const emitters = encoding.features.map((ff, k) => compileFeature(ff, offsets[k]));
  const featureIndex = new Map(encoding.features.map((ff, k) => [ff.spec.name, k]));
  const interactions = encoding.interactions.map((it) => {
    const a = featureIndex.get(it.features[0])!;
    const b = featureIndex.get(it.features[1])!;
    const start = offset;
    offset += it.terms.length;
    return { a, b, start, nb: encoding.features[b].terms.length };
  });
  const p = offset;
  if (p !== encoding.terms.length) throw new Error(`encoding is inconsistent: ${p} columns but ${encoding.terms.length} term names`);
  const maxNonZero =
    1 +
    encoding.features.reduce((s, f) => s + f.terms.length, 0) +
    interactions.reduce((s, it) => s + it.nb * encoding.features[it.a].terms.length, 0);
  const starts = new Int32Array(encoding.features.length + 1);
  const columns = encoding.features.map((ff) => featureColumn(ff.spec));

  const encode = (parsed: readonly ParsedValue[], idx: Int32Array, val: Float64Array): number => {
    idx[0] = 0;
    val[0] = 1;
    let n = 1;
    for (let k = 0; k < emitters.length; k++) {
      starts[k] = n;
      n = emitters[k](parsed[k], idx, val, n);
    }
    starts[emitters.length] = n;
    for (const it of interactions) {
      const aEnd = starts[it.a + 1];
      const bEnd = starts[it.b + 1];
      const aOff = offsets[it.a];
      const bOff = offsets[it.b];
      for (let i = starts[it.a]; i < aEnd; i++) {
        for (let j = starts[it.b]; j < bEnd; j++) {
          idx[n] = it.start + (idx[i] - aOff) * it.nb + (idx[j] - bOff);
          val[n++] = val[i] * val[j];
        }
      }
    }
    return n;
  };

  const parsedBuffer: ParsedValue[] = new Array(encoding.features.length);
  return {
    encoding,
    p,
    maxNonZero,
    columns,
    encode,
    encodeRecord(record, idx, val, parsed = parsedBuffer) {
      const problems: FieldProblem[] = [];
      encoding.features.forEach((ff, k) => {
        try {
          parsed[k] = parseFeatureValue(ff.spec, record[columns[k]]);
        } catch (err) {
          if (!(err instanceof ValueProblem)) throw err;
          problems.push({ field: columns[k], reason: err.message });
        }
      });
      if (problems.length > 0) return { problems };
      try {
        return { count: encode(parsed, idx, val) };
      } catch (err) {
        if (!(err instanceof EncodeProblem)) throw err;
        return { problems: [{ field: columns[err.feature], reason: err.message }] };
      }
    },
  };

  function compileFeature(ff: FittedFeature, off: number): Emit {
    const k = encoding.features.indexOf(ff);
    const fail = (reason: string): never => {
      throw new EncodeProblem(k, reason);
    };
    const missingIdx = ff.missingTerm ? off + ff.terms.length - 1 : -1;
    const noMissing = () => fail('value is missing, and no training row had it missing, so the model has no estimate for it');
    /** Writes an indicator (value 1) for `column` at position `at`. */
    const one = (idx: Int32Array, val: Float64Array, at: number, column: number) => {
      idx[at] = column;
      val[at] = 1;
      return at + 1;
    };
    const missing = (idx: Int32Array, val: Float64Array, at: number) => {
      if (missingIdx < 0) noMissing();
      return one(idx, val, at, missingIdx);
    };
    const f = ff.spec;
    switch (f.type) {
      case 'boolean':
        return (v, idx, val, at) => (v === null ? missing(idx, val, at) : v === 1 ? one(idx, val, at, off) : at);
      case 'multiselect':
        return (v, idx, val, at) => {
          let mask = v as number;
          for (let bit = 0; mask !== 0; bit++, mask >>>= 1) {
            if (mask & 1) at = one(idx, val, at, off + bit);
          }
          return at;
        };
      case 'categorical': {
        const local = new Map<string, number>();
        let term = 0;
        for (const level of ff.levels ?? []) local.set(level, level === ff.reference ? -1 : term++);
        const other = local.get(OTHER_LEVEL);
        const pooled = new Set(ff.pooled ?? []);
        const poolUnseen = f.poolRare !== undefined && other !== undefined;
        return (v, idx, val, at) => {
          if (v === null) return missing(idx, val, at);
          let t = local.get(v as string);
          if (t === undefined && (pooled.has(v as string) || poolUnseen)) t = other;
          if (t === undefined) fail(`level "${v}" did not occur in the training data, so the model has no estimate for it`);
          return t! < 0 ? at : one(idx, val, at, off + t!);
        };
      }
      case 'numeric': {
        const t = f.transform;
        const scale = f.scale;
        if (t.kind === 'bands') {
          const local: number[] = (ff.levels ?? []).map((l) => (l === ff.reference ? -1 : 0));
          let term = 0;
          for (let b = 0; b < local.length; b++) if (local[b] === 0) local[b] = term++;
          return (v, idx, val, at) => {
            if (v === null) return missing(idx, val, at);
            let band = 0;
            while (band < t.breaks.length && (v as number) >= t.breaks[band]) band++;
            return local[band] < 0 ? at : one(idx, val, at, off + local[band]);
          };
        }
        const basis = t.kind === 'spline' ? new Float64Array(t.knots.length - 2) : undefined;
        return (v, idx, val, at) => {
          let x = v as number;
          if (v === null) {
            if (ff.fill === undefined) noMissing();
            x = ff.fill!;
            at = missing(idx, val, at);
          }
          if (t.kind === 'spline') {
            if (x !== 0) {
              idx[at] = off;
              val[at++] = x;
            }
            restrictedCubicSplineTerms(x, t.knots, basis!);
            for (let j = 0; j < basis!.length; j++) {
              if (basis![j] !== 0) {
                idx[at] = off + 1 + j;
                val[at++] = basis![j];
              }
            }
            return at;
          }
          const xs = x / scale;
          if (xs === 0) return at;
          const degree = t.kind === 'polynomial' ? t.degree : 1;
          let power = xs;
          for (let d = 0; d < degree; d++) {
            idx[at] = off + d;
            val[at++] = power;
            power *= xs;
          }
          return at;
        };
      }
    }
  }
}

/** A value that parsed but cannot be encoded by this model; `feature` is its index in the encoding. */
export class EncodeProblem extends ValueProblem {
  constructor(
    readonly feature: number,
    reason: string,
  ) {
    super(reason);
  }
}
