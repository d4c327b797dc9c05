import { featureSpecSchema, type FeatureSpec } from './featureSpec.js';

/** The column lists of the generic `train --outcome … --numeric … --categorical …` form. */
export interface GenericSpecOptions {
  outcome: string;
  numeric?: string[];
  categorical?: string[];
  boolean?: string[];
  /** Reference level per categorical column; otherwise the first in sorted order, as R does. */
  references?: Record<string, string>;
  weight?: string;
}

/** Builds a feature specification for data that has no specification file, as R's formula would. */
export function genericSpec(o: GenericSpecOptions): FeatureSpec {
  const features = [
    ...(o.numeric ?? []).map((name) => ({ name, type: 'numeric' as const })),
    ...(o.categorical ?? []).map((name) => ({ name, type: 'categorical' as const, reference: o.references?.[name] })),
    ...(o.boolean ?? []).map((name) => ({ name, type: 'boolean' as const })),
  ];
  for (const name of Object.keys(o.references ?? {})) {
    if (!(o.categorical ?? []).includes(name)) throw new Error(`--reference ${name}=…: "${name}" is not one of the --categorical columns`);
  }
  const parsed = featureSpecSchema.safeParse({ specVersion: 1, name: 'generic', outcome: o.outcome, weight: o.weight, features });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${issue.path.join('.')}: ${issue.message}`);
  }
  return parsed.data;
}
