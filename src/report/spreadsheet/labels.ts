/**
 * Danish texts of the workbook that depend on the model's features. The names of features, levels and
 * factors come from src/i18n/da.ts, so the workbook speaks as the PDF and the service do; features
 * that file does not know fall back to their technical names. The labels of the intercept and of
 * numeric transformations are in src/i18n/daSpreadsheet.ts.
 */
import { codeLabelForFeatureDa, factorLabelDa, FEATURE_NAMES_DA, numericValueDa } from '../../i18n/da.js';
import { TERM_LABELS_DA } from '../../i18n/daSpreadsheet.js';
import type { FittedFeature } from '../../model/encoding/encoding.js';
import type { TermDescription } from './termFormulas.js';

/** The Danish name of a feature, shown next to its input cell. */
export function featureLabel(ff: FittedFeature): string {
  return FEATURE_NAMES_DA[ff.spec.name] ?? ff.spec.name;
}

/** A level or option of a feature in Danish ("Erhvervsfaglig uddannelse"), or the code itself when unknown. */
export function levelLabel(ff: FittedFeature, level: string): string {
  return codeLabelForFeatureDa(ff.spec.name, level);
}

/**
 * The unit of a numeric feature ("år", "timer", "kr."), or "" when it has none. Taken from how da.ts
 * writes a value, so that the unit is stated in one place only.
 */
export function unitOf(ff: FittedFeature): string {
  return numericValueDa(ff.spec.name, 1).replace(/^[-\d.,]+\s*/, '');
}

/** A term in Danish: the factor label da.ts gives it, or a description of the numeric transformation. */
export function termLabel(d: TermDescription, all: readonly TermDescription[]): string {
  switch (d.kind) {
    case 'intercept':
      return TERM_LABELS_DA.intercept;
    case 'interaction':
      return `${termLabel(all[d.left], all)} × ${termLabel(all[d.right], all)}`;
    case 'level':
    case 'band':
      return factorLabelDa(d.feature.spec, { kind: 'level', level: d.level });
    case 'option':
      return factorLabelDa(d.feature.spec, { kind: 'level', level: d.option });
    case 'flag':
      return factorLabelDa(d.feature.spec, { kind: 'flag' });
    case 'missing':
      return factorLabelDa(d.feature.spec, { kind: 'missing' });
    case 'linear':
      return featureLabel(d.feature) + perUnit(d.feature, d.scale);
    case 'power':
      return featureLabel(d.feature) + perUnit(d.feature, d.scale) + TERM_LABELS_DA.power(d.power);
    case 'spline':
      return TERM_LABELS_DA.spline(featureLabel(d.feature), d.index);
  }
}

/** " (pr. 100 timer)", " (pr. år)", or "" for a count without a unit. */
function perUnit(ff: FittedFeature, scale: number): string {
  return TERM_LABELS_DA.perUnit(unitOf(ff), scale);
}
