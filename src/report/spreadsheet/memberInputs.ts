/**
 * A member's record (as the scorer takes it, keyed by input column) turned into what a person would
 * type into the workbook's input cells, and the typical member the workbook opens with.
 */
import { DISCO_CODE_COLUMN, exampleDiscoCode } from '../../data/discoCode.js';
import { featureColumn } from '../../model/spec/featureSpec.js';
import type { FittedFeature } from '../../model/encoding/encoding.js';
import type { ModelArtifact } from '../../model/artifact/artifactSchema.js';
import { isMissing, parseBoolean, ValueProblem } from '../../model/encoding/parseValue.js';
import { NO_DA, YES_DA } from '../../i18n/daSpreadsheet.js';

/** What an input cell holds: a number, a text, or nothing (an empty cell). */
export type InputValue = number | string | null;

/** The words the workbook uses for booleans and multi-select options (src/i18n/daSpreadsheet.ts). */
export const YES = YES_DA;
export const NO = NO_DA;

/**
 * The input cell values of one feature for a raw value: one cell, or one per option of a multi-select
 * feature. Values the scorer would reject are written as they are, so that the workbook shows the
 * error too.
 */
export function inputValues(ff: FittedFeature, raw: unknown): InputValue[] {
  const f = ff.spec;
  if (f.type === 'multiselect') {
    const items = isMissing(raw) ? [] : Array.isArray(raw) ? raw.map(String) : String(raw).split(f.separator);
    const ticked = new Set(items.map((s) => s.trim()));
    return f.options.map((o) => (ticked.has(o) ? YES : NO));
  }
  if (raw === undefined || raw === null) return [null];
  switch (f.type) {
    case 'boolean':
      if (isMissing(raw)) return [null];
      try {
        return [parseBoolean(raw) === 1 ? YES : NO];
      } catch (err) {
        if (!(err instanceof ValueProblem)) throw err;
        return [String(raw)];
      }
    case 'numeric':
      if (typeof raw === 'string' && raw.trim() !== '' && Number.isFinite(Number(raw.trim()))) return [Number(raw.trim())];
      return [typeof raw === 'number' ? raw : String(raw)];
    case 'categorical':
      return [typeof raw === 'number' ? raw : String(raw)];
  }
}

/**
 * A typical member to pre-fill the workbook with: the reference level of every categorical and banded
 * feature (a value in the middle of the reference band), no for booleans and options, and the training
 * mean of numeric features, rounded to three significant digits, and to a whole number when the
 * feature's limits are whole numbers (years, counts).
 */
export function typicalMember(artifact: ModelArtifact): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  const termIndex = new Map(artifact.encoding.terms.map((t, j) => [t, j]));
  for (const ff of artifact.encoding.features) {
    const f = ff.spec;
    const column = featureColumn(f);
    switch (f.type) {
      case 'categorical':
        // The DISCO-08 column takes whole codes: the reference major group's first unit group ("5" → "5111").
        record[column] = column === DISCO_CODE_COLUMN ? (exampleDiscoCode(ff.reference ?? '') ?? ff.reference) : ff.reference;
        break;
      case 'boolean':
        record[column] = 0;
        break;
      case 'multiselect':
        record[column] = '';
        break;
      case 'numeric': {
        let x: number;
        const t = f.transform;
        if (t.kind === 'bands') {
          const b = (ff.levels ?? []).indexOf(ff.reference ?? '');
          const lower = b > 0 ? t.breaks[b - 1] : undefined;
          const upper = b < t.breaks.length ? t.breaks[b] : undefined;
          const middle = lower !== undefined && upper !== undefined ? (lower + upper) / 2 : (lower ?? upper! - 1);
          // A whole number reads as a typical age or count, as long as it stays inside the band.
          x = lower === undefined || Math.floor(middle) >= lower ? Math.floor(middle) : middle;
        } else {
          // The first term's training mean is the mean of x (splines) or of x / scale.
          const mean = artifact.termMeans[termIndex.get(ff.terms[0])!];
          x = Number((t.kind === 'spline' ? mean : mean * f.scale).toPrecision(3));
          if ([f.min, f.max].every((b) => b === undefined || Number.isInteger(b))) x = Math.round(x);
        }
        if (f.min !== undefined) x = Math.max(x, f.min);
        if (f.max !== undefined) x = Math.min(x, f.max);
        record[column] = x;
        break;
      }
    }
  }
  return record;
}
