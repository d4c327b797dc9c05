/**
 * The API's view of a screening and of a statistical result, as zod schemas (types inferred, OpenAPI
 * generated). The result is src/screening's own outcome schema, with descriptions added for the
 * documentation; a stored screening adds identity, input and the caseworker's assessments.
 */
import { z } from 'zod';
import { assessmentReasonSchema } from '../../screening/assessmentReason.js';
import { currentResultSchema } from '../../screening/currentResult.js';
import { screeningOutcomeSchema } from '../../screening/screeningResult.js';
import { subgroupSchema, targetGroupSchema } from '../../screening/targetGroup.js';
import { caseworkerIdSchema } from '../../storage/records.js';
import { EXAMPLE_MEMBER_INPUT, memberSchema, questionnaireSchema, storedMemberSchema } from '../../screening/member/memberSchema.js';
import { calendarDateSchema, copenhagenDate, occasionSchema, screeningTimingIssues } from '../../screening/occasion.js';
import { cprSchema, FICTITIOUS_CPR } from './cpr.js';

const o = screeningOutcomeSchema.shape;

/** Zod schema of the statistical result of screening one member. */
export const statisticalResultSchema = screeningOutcomeSchema
  .extend({
    modelVersion: o.modelVersion.describe('The model version that produced this result'),
    simulatedData: o.simulatedData.describe('True when that model was trained on SIMULATED data: for demonstration and testing only'),
    policyVersion: o.policyVersion.describe('The screening policy (referral rule, activity table) that produced referral and activities'),
    probability: o.probability.describe(
      'Estimated probability of long-term unemployment (≥ 80 % of 52 weeks on dagpenge); for the caseworker, never shown to the member',
    ),
    probabilityInterval: o.probabilityInterval.describe(
      "The probability's 95 % confidence interval, logistic(η ± 1.96·se) with se² = xᵀΣx from the model's covariance (the delta method on the log-odds); null for a screening stored before it was computed",
    ),
    linearPredictor: o.linearPredictor.describe('The log-odds, Xβ'),
    baselineLinearPredictor: o.baselineLinearPredictor.describe(
      'Log-odds of a member at every reference level and numeric training mean: linearPredictor = this + Σ factor contributions',
    ),
    cutoff: o.cutoff.describe('The cut-off used: målgruppe 2 at or above it'),
    targetGroup: o.targetGroup.describe('Målgruppe by the cut-off: 1 not at risk, 2 at risk of long-term unemployment'),
    subgroup: o.subgroup.describe(
      "Within målgruppe 2: 2a job goal inside the fund's trade areas, 2b outside (brancheskift); null when not known",
    ),
    jobCentreReferral: o.jobCentreReferral.describe(
      "Whether the member should also be referred to the job centre (complex problems), by the policy's referral rule",
    ),
    referralReasons: o.referralReasons.describe('The referral rules that fired, each with its Danish reason'),
    factors: o.factors.describe('The factors that raise the score most (largest first), then those that lower it most; Danish labels'),
    activities: o.activities.describe("Suggested activities from the policy's table, each with its reasons"),
    memberSummary: z.string().describe('Danish text the member may read: the support offered, never probability, target group or risk'),
  })
  .meta({ id: 'ScreeningOutcome' });

/** A statistical result. */
export type StatisticalResult = z.infer<typeof statisticalResultSchema>;

/** Zod schema of a caseworker's assessment as returned. */
export const assessmentSchema = z
  .object({
    id: z.uuid(),
    createdAt: z.string(),
    correctedTargetGroup: targetGroupSchema,
    correctedSubgroup: subgroupSchema.nullable(),
    reason: assessmentReasonSchema
      .nullable()
      .describe('The reason from the fixed list; null for an assessment stored before reasons were recorded'),
    comment: z.string().nullable(),
    caseworkerId: z.string(),
    clientId: z.string(),
  })
  .meta({ id: 'Assessment' });

/** Zod schema of a stored screening as returned. */
export const screeningResponseSchema = statisticalResultSchema
  .extend({
    id: z.uuid(),
    createdAt: z.string().describe('When the screening was made (UTC, ISO 8601)'),
    caseworkerId: z.string().nullable(),
    clientId: z.string().describe('The API client that created it'),
    occasion: occasionSchema.describe("When in the member's course it was made ('other' when the request did not say)"),
    benefitPeriodStart: z.iso
      .date()
      .nullable()
      .describe('First day of the benefit period it belongs to (YYYY-MM-DD), or null when not known'),
    screeningDate: z.iso.date().describe('The day it was made (YYYY-MM-DD, Danish date): what orders the history'),
    // As stored: a screening accepted under an earlier rule is shown as it was, not refused with a 500.
    member: storedMemberSchema,
    questionnaire: questionnaireSchema,
    assessment: assessmentSchema.nullable().describe("The caseworker's current assessment (the latest), or null"),
    assessments: z.array(assessmentSchema).describe('Every assessment, oldest first: the history is kept'),
    currentTargetGroup: targetGroupSchema.describe("The assessment's target group if any, else the statistical one"),
    currentSubgroup: subgroupSchema.nullable(),
    current: currentResultSchema
      .meta({ id: 'CurrentResult' })
      .describe(
        "What is in force now: the statistical result's referral, activities and member summary, or, once the latest assessment corrects the group, those the service's policy gives for the corrected group (the statistical ones stay in the fields above)",
      ),
  })
  .meta({ id: 'Screening' });

/** A stored screening as returned. */
export type ScreeningResponse = z.infer<typeof screeningResponseSchema>;

/** Zod schema of the request to create a screening. */
export const createScreeningBodySchema = z
  .object({
    cpr: cprSchema,
    member: memberSchema,
    questionnaire: questionnaireSchema,
    caseworkerId: caseworkerIdSchema
      .nullable()
      .optional()
      .describe("The caseworker's user id in the fund's case system (not a CPR number)"),
    occasion: occasionSchema
      .optional()
      .describe(
        "When in the member's course: notice_period (before the benefit period starts), first_interview (the CV interview within 14 days), week_9, week_13 or other (the default)",
      ),
    benefitPeriodStart: calendarDateSchema
      .nullable()
      .optional()
      .describe(
        'First day of the benefit period the screening belongs to (YYYY-MM-DD); a new period starts a new series. Default: null, not known',
      ),
    screeningDate: calendarDateSchema
      .nullable()
      .optional()
      .describe("The day of the screening (YYYY-MM-DD), not in the future; default: today's date in Denmark"),
  })
  .strict()
  .superRefine((b, ctx) => {
    // The timing's rules, checked here too so the answer names the field; storage checks them again.
    if (b.screeningDate === undefined && b.benefitPeriodStart == null) return;
    const today = copenhagenDate(new Date());
    const timing = {
      occasion: b.occasion ?? 'other',
      benefitPeriodStart: b.benefitPeriodStart ?? null,
      screeningDate: b.screeningDate ?? today,
    };
    for (const issue of screeningTimingIssues(timing, today)) ctx.addIssue({ code: 'custom', path: [issue.path], message: issue.message });
  })
  .meta({
    id: 'CreateScreeningRequest',
    example: {
      cpr: FICTITIOUS_CPR,
      ...EXAMPLE_MEMBER_INPUT,
      caseworkerId: 'sb-17',
      occasion: 'first_interview',
      benefitPeriodStart: '2026-11-02',
      screeningDate: '2026-11-09',
    },
  });
