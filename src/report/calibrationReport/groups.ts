import type { TrainingTable } from '../../model/training/trainingTable.js';
import type { Encoding } from '../../model/encoding/encoding.js';
import { defaultBandLabels, type Feature } from '../../model/spec/featureSpec.js';

/** Why a grouping is audited: a protected attribute, or one of the two groupings the issue names. */
export type GroupingKind = 'sensitive' | 'age_band' | 'region';

/** Members divided into groups by one attribute, for the fairness audit. */
export interface Grouping {
  attribute: string;
  kind: GroupingKind;
  /** Whether the model uses the attribute (fairness is audited either way). */
  inModel: boolean;
  /** Group names; a row's code indexes this. */
  levels: string[];
  /** Group of each table row; −1 when the row belongs to none (an unparsable value in an extra column). */
  codes: Int32Array;
}

/** The age bands used when the specification does not band age itself. */
export const DEFAULT_AGE_BREAKS = [25, 30, 40, 50, 55, 60];
export const DEFAULT_AGE_LABELS = ['18-24', '25-29', '30-39', '40-49', '50-54', '55-59', '60+'];
const MISSING = '(missing)';

/** Columns the report must keep as text so that age and region can be audited when they are not model features. */
export function auditColumnsToKeep(spec: Encoding['spec']): string[] {
  const names = new Set(spec.features.map((f) => f.name));
  return ['age', 'region'].filter((c) => !names.has(c));
}

/**
 * The groupings of the fairness audit: every feature marked sensitive in the specification (whether
 * the model uses it or not), age bands (the specification's own bands when it bands age, otherwise
 * {@link DEFAULT_AGE_LABELS}) and region. Age and region are taken from the features of that name or,
 * failing that, from columns of that name kept as text. Sensitive numeric or multi-select features
 * have no natural groups and are reported in `skipped`.
 */
export function auditGroupings(table: TrainingTable, encoding: Encoding): { groupings: Grouping[]; skipped: string[] } {
  const inModel = new Set(encoding.features.map((f) => f.spec.name));
  const groupings: Grouping[] = [];
  const skipped: string[] = [];
  table.features.forEach((f, k) => {
    if (!f.sensitive) return;
    const g = featureGrouping(table, f, k);
    if (g) groupings.push({ attribute: f.name, kind: 'sensitive', inModel: inModel.has(f.name), ...g });
    else skipped.push(`${f.name} (a ${f.type} attribute has no groups to compare)`);
  });

  const ageIndex = table.features.findIndex((f) => f.name === 'age' && f.type === 'numeric');
  let breaks = DEFAULT_AGE_BREAKS;
  let labels = DEFAULT_AGE_LABELS;
  let ages: ArrayLike<number> | undefined;
  if (ageIndex >= 0) {
    const f = table.features[ageIndex];
    if (f.type === 'numeric' && f.transform.kind === 'bands') {
      breaks = f.transform.breaks;
      labels = f.transform.labels ?? defaultBandLabels(f.transform.breaks);
    }
    const column = table.columns[ageIndex];
    if (column.kind === 'numeric') ages = column.values;
  } else if (table.extra.has('age')) {
    ages = Float64Array.from(table.extra.get('age')!, (v) => (v.trim() === '' ? NaN : Number(v)));
  }
  if (ages) groupings.push({ attribute: 'age', kind: 'age_band', inModel: inModel.has('age'), ...bandGrouping(ages, breaks, labels) });

  const regionIndex = table.features.findIndex((f) => f.name === 'region');
  if (regionIndex >= 0) {
    const g = featureGrouping(table, table.features[regionIndex], regionIndex);
    if (g && !groupings.some((x) => x.attribute === 'region'))
      groupings.push({ attribute: 'region', kind: 'region', inModel: inModel.has('region'), ...g });
  } else if (table.extra.has('region')) {
    groupings.push({ attribute: 'region', kind: 'region', inModel: false, ...textGrouping(table.extra.get('region')!) });
  }
  return { groupings, skipped };
}

function featureGrouping(table: TrainingTable, f: Feature, k: number): { levels: string[]; codes: Int32Array } | undefined {
  const column = table.columns[k];
  if (column.kind === 'categorical') {
    // The specification's order when it lists levels (so tables read as the analyst defined them), then any others.
    const declared = f.type === 'categorical' && f.levels ? f.levels : [];
    const present = new Set<number>();
    let missing = false;
    for (let i = 0; i < table.n; i++) {
      if (column.codes[i] < 0) missing = true;
      else present.add(column.codes[i]);
    }
    const seen = [...present].map((c) => column.dictionary[c]);
    const levels = [...declared.filter((l) => seen.includes(l)), ...seen.filter((l) => !declared.includes(l)).sort()];
    if (missing) levels.push(MISSING);
    const index = new Map(levels.map((l, j) => [l, j]));
    const remap = Int32Array.from(column.dictionary, (l) => index.get(l) ?? -1);
    const codes = new Int32Array(table.n);
    for (let i = 0; i < table.n; i++) codes[i] = column.codes[i] < 0 ? index.get(MISSING)! : remap[column.codes[i]];
    return { levels, codes };
  }
  if (column.kind === 'boolean') {
    const levels = ['no', 'yes', MISSING];
    const codes = Int32Array.from(column.values, (v) => (v < 0 ? 2 : v));
    return dropEmpty(levels, codes);
  }
  return undefined;
}

function bandGrouping(
  values: ArrayLike<number>,
  breaks: readonly number[],
  labels: readonly string[],
): { levels: string[]; codes: Int32Array } {
  const levels = [...labels, MISSING];
  const codes = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isNaN(v)) {
      codes[i] = labels.length;
      continue;
    }
    let b = 0;
    while (b < breaks.length && v >= breaks[b]) b++;
    codes[i] = b;
  }
  return dropEmpty(levels, codes);
}

function textGrouping(values: readonly string[]): { levels: string[]; codes: Int32Array } {
  const levels = [...new Set(values.map((v) => v.trim() || MISSING))].sort();
  const index = new Map(levels.map((l, j) => [l, j]));
  return { levels, codes: Int32Array.from(values, (v) => index.get(v.trim() || MISSING)!) };
}

/** Leaves out levels no row has (an age band nobody is in, "(missing)" when nothing is missing). */
function dropEmpty(levels: string[], codes: Int32Array): { levels: string[]; codes: Int32Array } {
  const used = new Uint8Array(levels.length);
  for (let i = 0; i < codes.length; i++) if (codes[i] >= 0) used[codes[i]] = 1;
  const remap = new Int32Array(levels.length).fill(-1);
  const kept: string[] = [];
  levels.forEach((l, j) => {
    if (used[j]) remap[j] = kept.push(l) - 1;
  });
  return { levels: kept, codes: codes.map((c) => (c >= 0 ? remap[c] : -1)) };
}
