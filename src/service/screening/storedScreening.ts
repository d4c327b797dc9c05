/**
 * How a screening is kept in the repository and turned back into the API's view. The repository has
 * columns for the scalar results, JSON arrays for `factors` and `activities`, and a JSON object
 * `details` for what else the outcome holds (simulated data, policy version, cut-off, baseline,
 * referral reasons), so the stored row holds everything that was shown and can be shown again exactly.
 */
import { z } from 'zod';
import { factorSchema } from '../../screening/factors.js';
import { currentResult } from '../../screening/currentResult.js';
import { memberSummary } from '../../screening/memberSummary.js';
import type { ScreeningPolicy } from '../../screening/policy.js';
import { referralReasonSchema, suggestedActivitySchema } from '../../screening/rules.js';
import type { Occasion } from '../../screening/occasion.js';
import { probabilityIntervalSchema, type ScreeningOutcome } from '../../screening/screeningResult.js';
import type { NewScreening, ScreeningWithAssessments } from '../../storage/repository.js';
import { storedMemberInputSchema, type MemberInput } from '../../screening/member/memberSchema.js';
import type { ScreeningResponse, StatisticalResult } from '../schemas/screening.js';

/** The outcome fields the screenings table has no column of its own for. */
const screeningDetailsSchema = z.object({
  simulatedData: z.boolean(),
  policyVersion: z.string(),
  cutoff: z.number(),
  baselineLinearPredictor: z.number(),
  referralReasons: z.array(referralReasonSchema),
  // Absent in screenings stored before the interval was computed: they read back with null.
  probabilityInterval: probabilityIntervalSchema.nullable().default(null),
});
type ScreeningDetails = z.infer<typeof screeningDetailsSchema>;

// Screenings stored before the details column (migration 2) carry the details as a first, tagged
// entry of `activities`, with the activities tagged too, and `{}` as details. They are still read so
// they show exactly as they did; nothing writes this form any more.
const legacyEntrySchema = z.discriminatedUnion('kind', [
  screeningDetailsSchema.extend({ kind: z.literal('screening') }),
  suggestedActivitySchema.extend({ kind: z.literal('activity') }),
]);

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

/** When a screening happened, as the request said (null: left out, storage fills in the defaults). */
export interface RequestedTiming {
  occasion: Occasion | null;
  benefitPeriodStart: string | null;
  screeningDate: string | null;
}

/** The timing fields of a create request as storage takes them: what was left out is left to its defaults. */
export function timingForStorage(t: RequestedTiming): {
  occasion?: Occasion;
  benefitPeriodStart: string | null;
  screeningDate: string | null;
} {
  return { ...(t.occasion !== null && { occasion: t.occasion }), benefitPeriodStart: t.benefitPeriodStart, screeningDate: t.screeningDate };
}

/** The record to store for a screening just computed. */
export function toNewScreening(
  citizenKey: string,
  input: MemberInput,
  o: ScreeningOutcome,
  caseworkerId: string | null,
  timing: RequestedTiming,
): NewScreening {
  const details: ScreeningDetails = {
    simulatedData: o.simulatedData,
    policyVersion: o.policyVersion,
    cutoff: o.cutoff,
    baselineLinearPredictor: o.baselineLinearPredictor,
    referralReasons: o.referralReasons,
    probabilityInterval: o.probabilityInterval,
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
    activities: o.activities,
    details,
    caseworkerId,
    ...timingForStorage(timing),
  };
}

/** Details and activities of a stored screening, from `details` or, for one stored before it existed, from the tagged activities. */
function storedDetailsAndActivities(
  stored: ScreeningWithAssessments['screening'],
): { details: ScreeningDetails; activities: z.infer<typeof suggestedActivitySchema>[] } | null {
  if (Object.keys(stored.details).length > 0) {
    const details = screeningDetailsSchema.safeParse(stored.details);
    const activities = z.array(suggestedActivitySchema).safeParse(stored.activities);
    return details.success && activities.success ? { details: details.data, activities: activities.data } : null;
  }
  const entries = z.array(legacyEntrySchema).safeParse(stored.activities);
  if (!entries.success) return null;
  const meta = entries.data.find((e) => e.kind === 'screening');
  if (meta === undefined) return null;
  const { kind: _m, ...details } = meta;
  const activities = entries.data.flatMap((e) => (e.kind === 'activity' ? [(({ kind: _k, ...a }) => a)(e)] : []));
  return { details, activities };
}

/** The outcome a stored screening recorded, exactly as it was returned when it was made. */
export function storedOutcome(stored: ScreeningWithAssessments['screening']): { outcome: ScreeningOutcome; input: MemberInput } {
  const input = storedMemberInputSchema.safeParse(stored.input);
  const factors = z.array(factorSchema).safeParse(stored.factors);
  const rest = storedDetailsAndActivities(stored);
  if (!input.success || !factors.success || rest === null) {
    throw new StoredScreeningError(`stored screening ${stored.id} does not have the shape this version writes`);
  }
  const { details, activities } = rest;
  return {
    input: input.data,
    outcome: {
      modelVersion: stored.modelVersion,
      simulatedData: details.simulatedData,
      policyVersion: details.policyVersion,
      probability: stored.probability,
      probabilityInterval: details.probabilityInterval,
      linearPredictor: stored.linearPredictor,
      baselineLinearPredictor: details.baselineLinearPredictor,
      cutoff: details.cutoff,
      targetGroup: stored.targetGroup,
      subgroup: stored.subgroup,
      jobCentreReferral: stored.jobCentreReferral,
      referralReasons: details.referralReasons,
      factors: factors.data,
      activities,
    },
  };
}

/**
 * A stored screening with its assessments as the API shows it; the stored columns are validated as they
 * are read back. `policy` gives the activities of a corrected group (see currentResult).
 */
export function toScreeningResponse(stored: ScreeningWithAssessments, policy: ScreeningPolicy): ScreeningResponse {
  const { outcome, input } = storedOutcome(stored.screening);
  return screeningResponse(stored.screening, outcome, input, stored.assessments, stored.currentAssessment, policy);
}

/**
 * The API's view of a screening just stored, from the outcome and input just computed and validated
 * rather than rebuilt from the columns: the same answer a GET gives, without parsing it all again.
 */
export function createdScreeningResponse(
  created: ScreeningWithAssessments['screening'],
  input: MemberInput,
  outcome: ScreeningOutcome,
  policy: ScreeningPolicy,
): ScreeningResponse {
  return screeningResponse(created, outcome, input, [], null, policy);
}

function screeningResponse(
  s: ScreeningWithAssessments['screening'],
  outcome: ScreeningOutcome,
  input: MemberInput,
  assessments: ScreeningWithAssessments['assessments'],
  current: ScreeningWithAssessments['currentAssessment'],
  policy: ScreeningPolicy,
): ScreeningResponse {
  return {
    ...statisticalResult(outcome),
    id: s.id,
    createdAt: s.createdAt,
    caseworkerId: s.caseworkerId,
    clientId: s.clientId,
    occasion: s.occasion,
    benefitPeriodStart: s.benefitPeriodStart,
    screeningDate: s.screeningDate,
    member: input.member,
    questionnaire: input.questionnaire,
    assessment: current,
    assessments,
    currentTargetGroup: current?.correctedTargetGroup ?? outcome.targetGroup,
    currentSubgroup: current ? current.correctedSubgroup : outcome.subgroup,
    current: currentResult(outcome, input, current, policy),
  };
}
