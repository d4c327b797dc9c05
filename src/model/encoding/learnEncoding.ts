import { defaultBandLabels, type Feature, type FeatureSpec } from '../spec/featureSpec.js';
import { INTERCEPT, MISSING_LEVEL, OTHER_LEVEL, type Encoding, type FittedFeature } from './encoding.js';

/** What the encoder needs to know about one feature's values in the training rows. */
export interface FeatureSummary {
  /** Rows where the value is missing. */
  missing: number;
  /** Categorical: rows per observed level (after `prefix`). */
  levelCounts?: Map<string, number>;
  /** Numeric: median of the non-missing values (NaN when all are missing). */
  median?: number;
}

/** A specification could not be applied to the data (e.g. the reference level never occurs). */
export class EncodingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EncodingError';
  }
}

/**
 * Fixes the encoding from the specification and summaries of the training rows: which levels are
 * modelled (observed ones, rare ones pooled), the reference level, whether a "(missing)" term exists,
 * and the term names. `includeSensitive` overrides the specification's `excludeSensitive` when given.
 */
export function learnEncoding(spec: FeatureSpec, summaries: Map<string, FeatureSummary>, includeSensitive?: boolean): Encoding {
  const exclude = includeSensitive === undefined ? spec.excludeSensitive : !includeSensitive;
  const modelled = spec.features.filter((f) => !(exclude && f.sensitive));
  const auditOnly = spec.features.filter((f) => exclude && f.sensitive).map((f) => f.name);
  const features = modelled.map((f) => {
    const summary = summaries.get(f.name);
    if (!summary) throw new EncodingError(`no summary of feature "${f.name}"`);
    return fitFeature(f, summary);
  });
  const byName = new Map(features.map((ff) => [ff.spec.name, ff]));
  const interactions = spec.interactions.flatMap(([a, b]) => {
    const fa = byName.get(a);
    const fb = byName.get(b);
    // An interaction with a feature left out (sensitive) is left out with it.
    if (!fa || !fb) return [];
    const terms = fa.terms.flatMap((ta) => fb.terms.map((tb) => `${ta}:${tb}`));
    return [{ features: [a, b] as [string, string], terms }];
  });
  const terms = [INTERCEPT, ...features.flatMap((f) => f.terms), ...interactions.flatMap((i) => i.terms)];
  return { spec, features, auditOnly, interactions, terms };
}

function fitFeature(f: Feature, s: FeatureSummary): FittedFeature {
  const missingTerm = f.type !== 'multiselect' && f.missing === 'level' && s.missing > 0;
  const missingTerms = missingTerm ? [`${f.name}=${MISSING_LEVEL}`] : [];
  switch (f.type) {
    case 'boolean':
      return { spec: f, missingTerm, terms: [f.name, ...missingTerms] };
    case 'multiselect':
      return { spec: f, missingTerm: false, terms: f.options.map((o) => `${f.name}=${o}`) };
    case 'numeric': {
      const t = f.transform;
      const fill = missingTerm && t.kind !== 'bands' ? s.median : undefined;
      if (fill !== undefined && !Number.isFinite(fill)) throw new EncodingError(`feature "${f.name}": every training value is missing`);
      if (t.kind === 'bands') {
        const levels = t.labels ?? defaultBandLabels(t.breaks);
        const terms = levels.filter((l) => l !== t.reference).map((l) => `${f.name}=${l}`);
        return { spec: f, levels, reference: t.reference, missingTerm, terms: [...terms, ...missingTerms] };
      }
      let terms: string[];
      if (t.kind === 'spline') terms = t.knots.slice(0, -1).map((_, j) => f.name + "'".repeat(j));
      else if (t.kind === 'polynomial') terms = Array.from({ length: t.degree }, (_, j) => (j === 0 ? f.name : `${f.name}^${j + 1}`));
      else terms = [f.name];
      return { spec: f, missingTerm, fill, terms: [...terms, ...missingTerms] };
    }
    case 'categorical': {
      const counts = s.levelCounts ?? new Map<string, number>();
      const observed = f.levels ? f.levels.filter((l) => counts.has(l)) : [...counts.keys()].sort();
      const reference = f.reference ?? observed[0];
      if (reference === undefined) throw new EncodingError(`feature "${f.name}": no non-missing values in the training rows`);
      if (!counts.has(reference))
        throw new EncodingError(`feature "${f.name}": the reference level "${reference}" does not occur in the training rows`);
      const minCount = f.poolRare?.minCount ?? 0;
      const pooled = observed.filter((l) => l !== reference && (counts.get(l) ?? 0) < minCount);
      const kept = observed.filter((l) => !pooled.includes(l));
      const levels = [...kept, ...(pooled.length > 0 ? [OTHER_LEVEL] : [])];
      if (levels.length < 2 && !missingTerm) {
        throw new EncodingError(
          `feature "${f.name}": only the level "${reference}" occurs in the training rows, so it cannot be estimated`,
        );
      }
      const terms = levels.filter((l) => l !== reference).map((l) => `${f.name}=${l}`);
      return { spec: f, levels, reference, pooled, missingTerm, terms: [...terms, ...missingTerms] };
    }
  }
}
