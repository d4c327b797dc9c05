/**
 * The factors behind a score: the model's per-term contributions grouped into things a caseworker
 * recognises ("55-59 år", "Fysiske helbredsproblemer"), each measured against a stated baseline.
 *
 * - Indicator terms (categorical levels, age bands, booleans, "(missing)") are measured against the
 *   reference level: the contribution is β·x, zero for a member at the reference.
 * - Numeric terms (linear, spline, polynomial) are measured against the training mean from
 *   `artifact.termMeans`: β·(x − mean). Measuring against 0 would call "12 years of experience" a
 *   strong factor merely because nobody has 0.
 * - A feature's terms are summed into one factor, except a multi-select question (Q10), where each
 *   ticked option is its own factor: "Fysiske helbredsproblemer" and "Sprogbarrierer" are separate
 *   things to talk about, not one "Q10" factor. An interaction is one factor of its own (β·x).
 *
 * With these baselines the linear predictor is exactly
 *   baseline + Σ factor contributions, baseline = β₀ + Σ over numeric terms β·mean,
 * the log-odds of a member at every reference level and every numeric mean; tests check the identity.
 */
import { z } from 'zod';
import { factorComparisonDa, factorLabelDa, INTERACTION_COMPARISON_DA, interactionLabelDa, type FactorSubject } from '../i18n/da.js';
import type { ModelArtifact } from '../model/artifact/artifactSchema.js';
import { MISSING_LEVEL, type FittedFeature } from '../model/encoding/encoding.js';
import { parseFeatureValue, type ParsedValue } from '../model/encoding/parseValue.js';
import { featureColumn } from '../model/spec/featureSpec.js';
import type { TermContribution } from '../model/scorer.js';

/** Zod schema of a factor as returned and stored with a screening. */
export const factorSchema = z
  .object({
    /** The feature (model input) the factor comes from; "a:b" for an interaction. */
    feature: z.string(),
    /** The design terms summed into this factor. */
    terms: z.array(z.string()).min(1),
    /** Contribution to the linear predictor (log-odds) relative to the baseline described in `comparedWith`. */
    contribution: z.number(),
    /** exp(contribution): how many times this factor multiplies the odds. */
    oddsRatio: z.number().positive(),
    direction: z.enum(['raises', 'lowers']),
    /** Danish label, e.g. "55-59 år". */
    label: z.string(),
    /** Danish statement of the baseline, e.g. "Sammenlignet med: 30-39 år". */
    comparedWith: z.string(),
    /** The feature is marked sensitive (gender, origin) in the specification. */
    sensitive: z.boolean(),
  })
  .strict();

/** A factor behind a score. */
export type Factor = z.infer<typeof factorSchema>;

/** Every factor of a member, before ranking, and the baseline they are measured from. */
export interface Explanation {
  /** Log-odds of a member at every reference level and every numeric training mean. */
  baselineLinearPredictor: number;
  /** All factors with a non-zero contribution, in design order. */
  factors: Factor[];
}

/** A modelled feature's parsed value, by the feature's index in `artifact.encoding.features`. */
type FeatureValue = (feature: number) => ParsedValue;

/** Groups a scored member's term contributions into factors; the member record is parsed again for the numeric labels. */
export function explainContributions(
  artifact: ModelArtifact,
  beta: ArrayLike<number>,
  contributions: readonly TermContribution[],
  member: Readonly<Record<string, unknown>>,
): Explanation {
  const features = artifact.encoding.features;
  return explain(artifact, beta, contributions, (k) => parseFeatureValue(features[k].spec, member[featureColumn(features[k].spec)]));
}

/** Groups a score's term contributions into factors, labelling numbers with the values the scorer parsed (nothing is parsed twice). */
export function explainScore(
  artifact: ModelArtifact,
  beta: ArrayLike<number>,
  scored: { readonly contributions: readonly TermContribution[]; readonly values: readonly ParsedValue[] },
): Explanation {
  return explain(artifact, beta, scored.contributions, (k) => scored.values[k]);
}

/** Factors measured against reference levels and training means (see the module's comment). */
function explain(
  artifact: ModelArtifact,
  beta: ArrayLike<number>,
  contributions: readonly TermContribution[],
  featureValue: FeatureValue,
): Explanation {
  const terms = artifact.encoding.terms;
  const means = artifact.termMeans;
  const termIndex = new Map(terms.map((t, j) => [t, j]));
  const value = new Map(contributions.map((c) => [c.term, c.value]));
  const x = (term: string) => value.get(term) ?? 0;
  const b = (term: string) => beta[termIndex.get(term)!];
  const features = new Map(artifact.encoding.features.map((ff, k) => [ff.spec.name, { ff, k }]));

  let baseline = beta[0];
  const factors: Factor[] = [];
  const push = (f: Omit<Factor, 'oddsRatio' | 'direction'>) => {
    if (f.contribution === 0 || !Number.isFinite(f.contribution)) return;
    factors.push({
      feature: f.feature,
      terms: f.terms,
      label: f.label,
      contribution: f.contribution,
      oddsRatio: Math.exp(f.contribution),
      direction: f.contribution > 0 ? 'raises' : 'lowers',
      comparedWith: f.comparedWith,
      sensitive: f.sensitive,
    });
  };

  for (const [k, ff] of artifact.encoding.features.entries()) {
    const spec = ff.spec;
    const missingTerm = ff.missingTerm ? ff.terms[ff.terms.length - 1] : null;
    const base = { feature: spec.name, sensitive: spec.sensitive };
    const isNumeric = spec.type === 'numeric' && spec.transform.kind !== 'bands';

    if (isNumeric) {
      const numericTerms = ff.terms.filter((t) => t !== missingTerm);
      let contribution = 0;
      for (const t of numericTerms) {
        const j = termIndex.get(t)!;
        baseline += beta[j] * means[j];
        contribution += beta[j] * (x(t) - means[j]);
      }
      const missing = missingTerm !== null && x(missingTerm) !== 0;
      if (missing) contribution += b(missingTerm) * x(missingTerm);
      const raw = featureValue(k);
      const subject: FactorSubject = missing || raw === null ? { kind: 'missing' } : { kind: 'value', value: raw as number };
      push({
        ...base,
        terms: missing ? [...numericTerms, missingTerm] : numericTerms,
        contribution,
        label: factorLabelDa(spec, subject),
        comparedWith: factorComparisonDa(spec, { kind: 'mean', mean: rawMean(ff, means[termIndex.get(numericTerms[0])!]) }),
      });
      continue;
    }

    const active = ff.terms.filter((t) => x(t) !== 0);
    if (spec.type === 'multiselect') {
      for (const t of active) {
        push({
          ...base,
          terms: [t],
          contribution: b(t) * x(t),
          label: factorLabelDa(spec, { kind: 'level', level: levelOf(t) }),
          comparedWith: factorComparisonDa(spec, { kind: 'absent' }),
        });
      }
      continue;
    }
    if (active.length === 0) continue;
    const t = active[0];
    const contribution = active.reduce((s, term) => s + b(term) * x(term), 0);
    if (spec.type === 'boolean') {
      const subject: FactorSubject = t === missingTerm ? { kind: 'missing' } : { kind: 'flag' };
      push({
        ...base,
        terms: active,
        contribution,
        label: factorLabelDa(spec, subject),
        comparedWith: factorComparisonDa(spec, { kind: 'absent' }),
      });
      continue;
    }
    // Categorical levels and numeric bands: exactly one indicator is active.
    const level = levelOf(t);
    const subject: FactorSubject = level === MISSING_LEVEL ? { kind: 'missing' } : { kind: 'level', level };
    push({
      ...base,
      terms: active,
      contribution,
      label: factorLabelDa(spec, subject),
      comparedWith: factorComparisonDa(spec, { kind: 'level', reference: ff.reference ?? '' }),
    });
  }

  for (const it of artifact.encoding.interactions) {
    const active = it.terms.filter((t) => x(t) !== 0);
    if (active.length === 0) continue;
    const labels = [...new Set(active.map((t) => interactionTermLabel(t, features, featureValue)))];
    push({
      feature: it.features.join(':'),
      terms: active,
      contribution: active.reduce((s, t) => s + b(t) * x(t), 0),
      label: labels.join('; '),
      comparedWith: INTERACTION_COMPARISON_DA,
      sensitive: it.features.some((n) => features.get(n)?.ff.spec.sensitive === true),
    });
  }
  return { baselineLinearPredictor: baseline, factors };
}

/** The top `count` raising factors (largest first) followed by the top `count` lowering ones (most negative first). */
export function rankFactors(factors: readonly Factor[], options: { count: number; minAbsContribution: number }): Factor[] {
  const big = factors.filter((f) => Math.abs(f.contribution) >= options.minAbsContribution);
  // Array.prototype.sort is stable, so ties keep design order.
  const raising = big.filter((f) => f.contribution > 0).sort((a, b) => b.contribution - a.contribution);
  const lowering = big.filter((f) => f.contribution < 0).sort((a, b) => a.contribution - b.contribution);
  return [...raising.slice(0, options.count), ...lowering.slice(0, options.count)];
}

/** The level in a term name "feature=level". */
function levelOf(term: string): string {
  return term.slice(term.indexOf('=') + 1);
}

/** A numeric feature's training mean in the column's own units (terms are value / scale, splines unscaled). */
function rawMean(ff: FittedFeature, firstTermMean: number): number {
  const spec = ff.spec;
  if (spec.type !== 'numeric' || spec.transform.kind === 'spline') return firstTermMean;
  return firstTermMean * spec.scale;
}

/** Label of one interaction term "a=x:b" from the labels of its parts. */
function interactionTermLabel(term: string, features: Map<string, { ff: FittedFeature; k: number }>, featureValue: FeatureValue): string {
  const [a, b] = term.split(':').map((part) => {
    const eq = part.indexOf('=');
    const name = (eq < 0 ? part : part.slice(0, eq)).replace(/'+$|\^\d+$/, '');
    const feature = features.get(name);
    if (!feature) return part;
    const spec = feature.ff.spec;
    if (eq >= 0) {
      const level = part.slice(eq + 1);
      return factorLabelDa(spec, level === MISSING_LEVEL ? { kind: 'missing' } : { kind: 'level', level });
    }
    if (spec.type === 'boolean') return factorLabelDa(spec, { kind: 'flag' });
    const raw = featureValue(feature.k);
    return factorLabelDa(spec, raw === null ? { kind: 'missing' } : { kind: 'value', value: raw as number });
  });
  return b === undefined ? a : interactionLabelDa(a, b);
}
