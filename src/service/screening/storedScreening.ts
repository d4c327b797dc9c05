/**
 * How a screening is kept in the repository and turned back into the API's view. The repository has
 * columns for the scalar results and JSON arrays for `factors` and `activities`; what else the outcome
 * holds (policy version, cut-off, baseline, referral reasons) travels as the first, tagged entry of the
 * activities array, so the stored row holds everything that was shown and can be shown again exactly.
 */
import { z } from 'zod';
import { factorSchema } from '../../screening/factors.js';
import { memberSummary } from '../../screening/memberSummary.js';
import { referralReasonSchema, suggestedActivitySchema } from '../../screening/rules.js';
import type { ScreeningOutcome } from '../../screening/screeningResult.js';
import type { NewScreening, ScreeningWithAssessments } from '../../storage/repository.js';
import { memberInputSchema, type MemberInput } from '../member/memberSchema.js';
import type { ScreeningResponse, StatisticalResult } from '../schemas/screening.js';

const screeningMetaSchema = z.object({
  kind: z.literal('screening'),
  simulatedData: z.boolean(),
  policyVersion: z.string(),
  cutoff: z.number(),
  baselineLinearPredictor: z.number(),
  referralReasons: z.array(referralReasonSchema),
});
const storedEntrySchema = z.discriminatedUnion('kind', [screeningMetaSchema, suggestedActivitySchema.extend({ kind: z.literal('activity') })]);

/** Raised when a stored screening cannot be read back in the shape this version writes. */
export class StoredScreeningError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoredScreeningError';
  }
}

/** The statistical result as the API shows it. */
export function statisticalResult(o: ScreeningOutcome): StatisticalResult {
  return { ...o, memberSummary: memberSummary(o) };
}

/** The record to store for a screening just computed. */
export function toNewScreening(citizenKey: string, input: MemberInput, o: ScreeningOutcome, caseworkerId: string | null): NewScreening {
  const meta: z.infer<typeof screeningMetaSchema> = {
    kind: 'screening',
    simulatedData: o.simulatedData,
    policyVersion: o.policyVersion,
    cutoff: o.cutoff,
    baselineLinearPredictor: o.baselineLinearPredictor,
    referralReasons: o.referralReasons,
  };
  return {
    citizenKey,
    modelVersion: o.modelVersion,
    input: JSON.parse(JSON.stringify(input)),
    probability: o.probability,
    linearPredictor: o.linearPredictor,
    targetGroup: o.targetGroup,
    subgroup: o.subgroup,
    jobCentreReferral: o.jobCentreReferral,
    factors: o.factors,
    activities: [meta, ...o.activities.map((a) => ({ kind: 'activity', ...a }))],
    caseworkerId,
  };
}

/** The outcome a stored screening recorded, exactly as it was returned when it was made. */
export function storedOutcome(stored: ScreeningWithAssessments['screening']): { outcome: ScreeningOutcome; input: MemberInput } {
  const input = memberInputSchema.safeParse(stored.input);
  const factors = z.array(factorSchema).safeParse(stored.factors);
  const entries = z.array(storedEntrySchema).safeParse(stored.activities);
  const meta = entries.success ? entries.data.find((e) => e.kind === 'screening') : undefined;
  if (!input.success || !factors.success || !entries.success || meta === undefined) {
    throw new StoredScreeningError(`stored screening ${stored.id} does not have the shape this version writes`);
  }
  const activities = entries.data.flatMap((e) => (e.kind === 'activity' ? [(({ kind: _k, ...a }) => a)(e)] : []));
  return {
    input: input.data,
    outcome: {
      modelVersion: stored.modelVersion,
      simulatedData: meta.simulatedData,
      policyVersion: meta.policyVersion,
      probability: stored.probability,
      linearPredictor: stored.linearPredictor,
      baselineLinearPredictor: meta.baselineLinearPredictor,
      cutoff: meta.cutoff,
      targetGroup: stored.targetGroup,
      subgroup: stored.subgroup,
      jobCentreReferral: stored.jobCentreReferral,
      referralReasons: meta.referralReasons,
      factors: factors.data,
      activities,
    },
  };
}

/** A stored screening with its assessments as the API shows it. */
export function toScreeningResponse(stored: ScreeningWithAssessments): ScreeningResponse {
  const s = stored.screening;
  const { outcome, input } = storedOutcome(s);
  const current = stored.currentAssessment;
  return {
    ...statisticalResult(outcome),
    id: s.id,
    createdAt: s.createdAt,
    caseworkerId: s.caseworkerId,
    clientId: s.clientId,
    member: input.member,
    questionnaire: input.questionnaire,
    assessment: current,
    assessments: stored.assessments,
    currentTargetGroup: current?.correctedTargetGroup ?? s.targetGroup,
    currentSubgroup: current ? current.correctedSubgroup : s.subgroup,
  };
}
