/**
 * PROVISIONAL: stands in for src/screening (being written in parallel) until it lands; then this
 * module only adapts buildScreeningResult to the service.
 */
import { z } from 'zod';
import type { LoadedModel } from '../models/modelRegistry.js';
import type { MemberInput } from '../member/memberSchema.js';
import { apiFieldOfColumn, toModelRecord } from '../member/modelInput.js';
import type { FieldError } from '../problem.js';

export const screeningPolicySchema = z.object({ topFactors: z.number().int().min(1).max(10).default(3) });
export type ScreeningPolicy = z.infer<typeof screeningPolicySchema>;
export const DEFAULT_SCREENING_POLICY: ScreeningPolicy = screeningPolicySchema.parse({});

export interface Factor {
  term: string;
  label: string;
  contribution: number;
}
export interface Activity {
  code: string;
  label: string;
  reason: string;
}
export interface ScreeningOutcome {
  probability: number;
  linearPredictor: number;
  targetGroup: 1 | 2;
  subgroup: '2a' | '2b' | null;
  jobCentreReferral: { referred: boolean; rule: string; reasons: string[] };
  factors: { raising: Factor[]; lowering: Factor[] };
  activities: Activity[];
}

/** Scores and explains one member with a model under the policy. */
export function screenMember(model: LoadedModel, input: MemberInput, policy: ScreeningPolicy): { ok: true; outcome: ScreeningOutcome } | { ok: false; errors: FieldError[] } {
  const r = model.scorer.score(toModelRecord(input));
  if (!r.ok) return { ok: false, errors: r.problems.map((p) => ({ field: apiFieldOfColumn(p.field), reason: p.reason })) };
  const sorted = [...r.contributions].sort((a, b) => b.contribution - a.contribution);
  const f = (c: { term: string; contribution: number }) => ({ term: c.term, label: c.term, contribution: c.contribution });
  const referred = input.questionnaire.q10Barriers.some((b) => ['fysisk_helbred', 'psykisk_helbred', 'misbrug', 'personlige_sociale'].includes(b));
  return {
    ok: true,
    outcome: {
      probability: r.probability,
      linearPredictor: r.linearPredictor,
      targetGroup: model.scorer.targetGroup(r.probability),
      subgroup: null,
      jobCentreReferral: { referred, rule: 'provisional', reasons: referred ? ['provisional'] : [] },
      factors: {
        raising: sorted.filter((c) => c.contribution > 0).slice(0, policy.topFactors).map(f),
        lowering: sorted.filter((c) => c.contribution < 0).reverse().slice(0, policy.topFactors).map(f),
      },
      activities: [],
    },
  };
}
