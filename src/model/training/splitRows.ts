import { parseIsoDate } from '../../data/isoWeek.js';
import type { TrainingTable } from './trainingTable.js';
import { InputError } from '../../data/inputError.js';
import { mersenneTwister } from '../../stats/mersenneTwister.js';
import type { SplitRule } from '../artifact/artifactSchema.js';

/** How rows are divided between fitting and validation (the artifact stores it as `training.splitRule`). */
export type { SplitRule };

/** Masks of the rows used for fitting and for validation, and a sentence saying how they were chosen. */
export interface RowSplit {
  train: Uint8Array;
  validation: Uint8Array | null;
  description: string;
}

/**
 * Splits the table's rows. A random hold-out draws one uniform number per row, in file order, from a
 * Mersenne Twister seeded with `seed`, so the same file and seed give the same split on any machine. A
 * temporal split puts rows whose `column` is before `at` in training and the rest in validation (dates
 * `YYYY-MM-DD` or numbers).
 */
export function splitRows(table: TrainingTable, rule: SplitRule): RowSplit {
  const n = table.n;
  const train = new Uint8Array(n);
  if (rule.kind === 'none') {
    train.fill(1);
    return { train, validation: null, description: 'all rows used for fitting; no held-out validation' };
  }
  const validation = new Uint8Array(n);
  if (rule.kind === 'holdout') {
    const rng = mersenneTwister(rule.seed);
    for (let i = 0; i < n; i++) {
      if (rng.uniform() < rule.fraction) validation[i] = 1;
      else train[i] = 1;
    }
    return { train, validation, description: `random hold-out of ${rule.fraction * 100} % of rows (seed ${rule.seed})` };
  }
  const values = table.extra.get(rule.column);
  if (!values) throw new InputError({ file: table.file, line: 1 }, `the split column "${rule.column}" is not in the file`);
  const atDay = parseIsoDate(rule.at);
  const atNum = Number(rule.at);
  const key = (v: string, i: number): number => {
    const d = atDay !== undefined ? parseIsoDate(v.trim()) : Number.isFinite(atNum) && v.trim() !== '' ? Number(v) : undefined;
    if (d === undefined || Number.isNaN(d)) {
      throw new InputError(
        { file: table.file, line: table.lines[i], field: rule.column },
        `"${v}" is not ${atDay !== undefined ? 'a date YYYY-MM-DD' : 'a number'}, so the row cannot be placed before or after ${rule.at}`,
      );
    }
    return d;
  };
  const cut = atDay ?? atNum;
  if (cut === undefined || Number.isNaN(cut))
    throw new InputError({ file: '--split-at' }, `"${rule.at}" is neither a date YYYY-MM-DD nor a number`);
  for (let i = 0; i < n; i++) {
    if (key(values[i], i) < cut) train[i] = 1;
    else validation[i] = 1;
  }
  return {
    train,
    validation,
    description: `temporal split: ${rule.column} before ${rule.at} for fitting, from ${rule.at} on for validation`,
  };
}
