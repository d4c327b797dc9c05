/**
 * The model written as Excel formulas: for each input, a "value in the model" cell that applies the
 * scorer's parsing rules (missing values, `prefix`, pooling into "(other)", min/max), and for each term
 * of the encoding a formula computing the term's value from those cells, as compileEncoder.ts does. A
 * value the scorer would reject becomes #N/A, which then shows in the linear predictor and probability.
 * Nothing here knows where the cells are: the layout passes addresses in.
 */
import { DISCO_CODE_COLUMN } from '../../data/discoCode.js';
import { defaultBandLabels, featureColumn } from '../../model/spec/featureSpec.js';
import { INTERCEPT, MISSING_LEVEL, OTHER_LEVEL, type Encoding, type FittedFeature } from '../../model/encoding/encoding.js';
import { excelNumber, excelText, isDiscoCode, isMissing, isOneOf, trimmedText } from './excelSyntax.js';
import { NO, YES } from './memberInputs.js';

/** What a term measures, in the order of `encoding.terms`. */
export type TermDescription = { term: string } & (
  | { kind: 'intercept' }
  | { kind: 'level'; feature: FittedFeature; level: string }
  | { kind: 'band'; feature: FittedFeature; level: string; lower: number | null; upper: number | null }
  | { kind: 'missing'; feature: FittedFeature }
  | { kind: 'flag'; feature: FittedFeature }
  | { kind: 'option'; feature: FittedFeature; option: string; optionIndex: number }
  | { kind: 'linear'; feature: FittedFeature; scale: number }
  | { kind: 'spline'; feature: FittedFeature; knots: readonly number[]; index: number }
  | { kind: 'power'; feature: FittedFeature; scale: number; power: number }
  | { kind: 'interaction'; left: number; right: number }
);

/** Describes every term of an encoding, following learnEncoding's naming and compileEncoder's column order. */
export function describeTerms(encoding: Encoding): TermDescription[] {
  const out: TermDescription[] = [{ term: INTERCEPT, kind: 'intercept' }];
  const firstTerm = new Map<string, number>();
  for (const ff of encoding.features) {
    firstTerm.set(ff.spec.name, out.length);
    out.push(...featureTerms(ff));
  }
  for (const it of encoding.interactions) {
    const a = encoding.features.find((f) => f.spec.name === it.features[0])!;
    const b = encoding.features.find((f) => f.spec.name === it.features[1])!;
    const a0 = firstTerm.get(a.spec.name)!;
    const b0 = firstTerm.get(b.spec.name)!;
    a.terms.forEach((_, i) =>
      b.terms.forEach((_, j) => out.push({ term: `${a.terms[i]}:${b.terms[j]}`, kind: 'interaction', left: a0 + i, right: b0 + j })),
    );
  }
  out.forEach((d, j) => {
    if (d.term !== encoding.terms[j])
      throw new Error(`term ${j} is "${encoding.terms[j]}" in the encoding but "${d.term}" in the spreadsheet`);
  });
  if (out.length !== encoding.terms.length)
    throw new Error(`${encoding.terms.length} terms in the encoding, ${out.length} in the spreadsheet`);
  return out;
}

function featureTerms(ff: FittedFeature): TermDescription[] {
  const f = ff.spec;
  const missing: TermDescription[] = ff.missingTerm ? [{ term: ff.terms[ff.terms.length - 1], kind: 'missing', feature: ff }] : [];
  switch (f.type) {
    case 'boolean':
      return [{ term: ff.terms[0], kind: 'flag', feature: ff }, ...missing];
    case 'multiselect':
      return f.options.map((option, optionIndex) => ({ term: ff.terms[optionIndex], kind: 'option', feature: ff, option, optionIndex }));
    case 'categorical':
      return [
        ...(ff.levels ?? [])
          .filter((l) => l !== ff.reference)
          .map((level, j) => ({ term: ff.terms[j], kind: 'level' as const, feature: ff, level })),
        ...missing,
      ];
    case 'numeric': {
      const t = f.transform;
      if (t.kind === 'bands') {
        const labels = ff.levels ?? t.labels ?? defaultBandLabels(t.breaks);
        const bands = labels.map((level, b) => ({
          level,
          lower: b === 0 ? null : t.breaks[b - 1],
          upper: b === t.breaks.length ? null : t.breaks[b],
        }));
        return [
          ...bands.filter((b) => b.level !== ff.reference).map((b, j) => ({ term: ff.terms[j], kind: 'band' as const, feature: ff, ...b })),
          ...missing,
        ];
      }
      if (t.kind === 'spline')
        return [
          ...t.knots
            .slice(0, -1)
            .map((_, index) => ({ term: ff.terms[index], kind: 'spline' as const, feature: ff, knots: t.knots, index })),
          ...missing,
        ];
      if (t.kind === 'polynomial')
        return [
          ...Array.from({ length: t.degree }, (_, j) => ({
            term: ff.terms[j],
            kind: 'power' as const,
            feature: ff,
            scale: f.scale,
            power: j + 1,
          })),
          ...missing,
        ];
      return [{ term: ff.terms[0], kind: 'linear', feature: ff, scale: f.scale }, ...missing];
    }
  }
}

/** The formula of the value cell that exposes one input's value as the model uses it. */
export function modelValueFormula(ff: FittedFeature, input: string): string {
  const f = ff.spec;
  const missingAsLevel = ff.missingTerm ? excelText(MISSING_LEVEL) : 'NA()';
  switch (f.type) {
    case 'multiselect':
      // An unanswered option is an option not ticked, as parseValue reads an empty multi-select.
      return `IF(${trimmedText(input)}="",0,${yesNo(input)})`;
    case 'boolean':
      return `IF(${isMissing(input)},${missingAsLevel},${yesNo(input)})`;
    case 'numeric': {
      const whenMissing =
        f.transform.kind === 'bands' ? missingAsLevel : ff.missingTerm && ff.fill !== undefined ? excelNumber(ff.fill) : 'NA()';
      const limits = [
        f.min !== undefined ? `${input}>=${excelNumber(f.min)}` : null,
        f.max !== undefined ? `${input}<=${excelNumber(f.max)}` : null,
      ].filter((c) => c !== null);
      const checked = limits.length === 0 ? input : `IF(AND(${limits.join(',')}),${input},NA())`;
      return `IF(${isMissing(input)},${whenMissing},IF(ISNUMBER(${input}),${checked},NA()))`;
    }
    case 'categorical': {
      const text = trimmedText(input);
      const level = f.prefix !== undefined ? `LEFT(${text},${f.prefix})` : text;
      const levels = ff.levels ?? [];
      // Pooling sends every value that is not a modelled level to "(other)", as the scorer does for
      // pooled and unseen levels, unless the specification's list of allowed levels rules it out.
      const pooling = levels.includes(OTHER_LEVEL);
      const notModelled = !pooling
        ? 'NA()'
        : f.levels
          ? `IF(${isOneOf(level, f.levels)},${excelText(OTHER_LEVEL)},NA())`
          : excelText(OTHER_LEVEL);
      let formula = `IF(${isOneOf(level, levels)},${level},${notModelled})`;
      if (f.prefix !== undefined) formula = `IF(LEN(${text})<${f.prefix},NA(),${formula})`;
      // As the scorer: the DISCO-08 column takes whole codes only, so "210" is not read as major group 2.
      if (featureColumn(f) === DISCO_CODE_COLUMN) formula = `IF(${isDiscoCode(input)},${formula},NA())`;
      return `IF(${isMissing(input)},${missingAsLevel},${formula})`;
    }
  }
}

/** Ja → 1, Nej → 0, anything else #N/A. */
function yesNo(input: string): string {
  return `IF(${trimmedText(input)}=${excelText(YES)},1,IF(${trimmedText(input)}=${excelText(NO)},0,NA()))`;
}

/** Where the layout put things: a feature's value cells (one per option for multi-select) and each term's value cell. */
export interface FormulaCells {
  /** The value cell (see modelValueFormula) of a feature, or of one of its options. */
  value(feature: string, optionIndex?: number): string;
  /** The input cell of a feature. */
  input(feature: string): string;
  /** The cell holding the value of term j. */
  term(j: number): string;
}

/** The formula computing a term's value (without the leading "="). */
export function termFormula(d: TermDescription, cells: FormulaCells): string {
  if (d.kind === 'intercept') return '1';
  if (d.kind === 'interaction') return `${cells.term(d.left)}*${cells.term(d.right)}`;
  const name = d.feature.spec.name;
  const v = d.kind === 'option' ? cells.value(name, d.optionIndex) : cells.value(name);
  const isMissingLevel = `EXACT(${v},${excelText(MISSING_LEVEL)})`;
  switch (d.kind) {
    case 'option':
      return v;
    case 'flag':
      return d.feature.missingTerm ? `IF(${isMissingLevel},0,${v})` : v;
    case 'level':
      return `IF(EXACT(${v},${excelText(d.level)}),1,0)`;
    case 'missing':
      // A numeric feature with a missing-term holds the training median in its value cell; whether it was
      // missing is read from the input itself.
      return d.feature.spec.type === 'numeric' && d.feature.spec.transform.kind !== 'bands'
        ? `IF(${isMissing(cells.input(name))},1,0)`
        : `IF(${isMissingLevel},1,0)`;
    case 'band': {
      // Bands are lower-inclusive: [lower, upper).
      const tests = [
        d.lower !== null ? `${v}>=${excelNumber(d.lower)}` : null,
        d.upper !== null ? `${v}<${excelNumber(d.upper)}` : null,
      ].filter((t) => t !== null);
      const inBand = `IF(${tests.length === 1 ? tests[0] : `AND(${tests.join(',')})`},1,0)`;
      return d.feature.missingTerm ? `IF(${isMissingLevel},0,${inBand})` : inBand;
    }
    case 'linear':
      return d.scale === 1 ? v : `${v}/${excelNumber(d.scale)}`;
    case 'power': {
      const scaled = d.scale === 1 ? v : `${v}/${excelNumber(d.scale)}`;
      return d.power === 1 ? scaled : `(${scaled})^${d.power}`;
    }
    case 'spline':
      return d.index === 0 ? v : splineFormula(v, d.knots, d.index - 1);
  }
}

/**
 * Term j (0-based) of a restricted cubic spline in rms::rcs's normalisation, written out as in
 * splineBasis.ts: [(x−t_j)₊³ − (x−t_{k−1})₊³ (t_k−t_j)/(t_k−t_{k−1}) + (x−t_k)₊³ (t_{k−1}−t_j)/(t_k−t_{k−1})] / (t_k−t₁)².
 * The knots stay visible in the formula rather than folded into constants, so that it can be checked.
 */
export function splineFormula(x: string, knots: readonly number[], j: number): string {
  const n = excelNumber;
  const k = knots.length;
  const [t1, tj, tk1, tk] = [knots[0], knots[j], knots[k - 2], knots[k - 1]];
  const cube = (t: number) => `MAX(${x}-${n(t)},0)^3`;
  return `(${cube(tj)}-${cube(tk1)}*(${n(tk)}-${n(tj)})/(${n(tk)}-${n(tk1)})+${cube(tk)}*(${n(tk1)}-${n(tj)})/(${n(tk)}-${n(tk1)}))/(${n(tk)}-${n(t1)})^2`;
}
