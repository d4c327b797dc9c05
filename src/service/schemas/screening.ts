/**
 * The API's view of a screening and of a statistical result, as zod schemas (types inferred, OpenAPI
 * generated). Shared by the screening, citizen and score routes.
 */
import { z } from 'zod';
import { memberSchema, questionnaireSchema } from '../member/memberSchema.js';
import { caseworkerIdSchema } from '../../storage/records.js';
import { cprSchema } from './cpr.js';

/** Zod schema of one factor behind a score. */
export const factorSchema = z
  .object({
    term: z.string().describe('The model term (e.g. "age:55-59"), for analysts'),
    label: z.string().describe('What it says about the member, in Danish ("55 år eller ældre")'),
    contribution: z.number().describe('Contribution to the log-odds relative to the reference (positive raises the score)'),
  })
  .meta({ id: 'Factor' });

/** Zod schema of one suggested activity. */
export const activitySchema = z
  .object({
    code: z.string().describe('Stable code of the activity in the policy\'s table'),
    label: z.string().describe('The activity, in Danish'),
    reason: z.string().describe('Why it is suggested, in Danish'),
  })
  .meta({ id: 'Activity' });

/** Zod schema of the job-centre referral flag. */
export const referralSchema = z
  .object({
    referred: z.boolean().describe('Whether the member should also be referred to the job centre (complex problems)'),
    rule: z.string().describe('The configured rule that decided it'),
    reasons: z.array(z.string()).describe('What in the member\'s answers triggered it, in Danish'),
  })
  .meta({ id: 'JobCentreReferral' });

/** Zod schema of the statistical result of scoring one member. */
export const statisticalResultSchema = z.object({
  modelVersion: z.string().describe('The model version that produced this result'),
  simulatedModel: z.boolean().describe('True when that model was trained on SIMULATED data (demonstration only)'),
  probability: z.number().min(0).max(1).describe('Estimated probability of long-term unemployment (≥ 80 % of 52 weeks on dagpenge)'),
  linearPredictor: z.number().describe('The log-odds, Xβ'),
  targetGroup: z.union([z.literal(1), z.literal(2)]).describe('Målgruppe by the model\'s cut-off: 2 at or above it'),
  subgroup: z.enum(['2a', '2b']).nullable().describe('Within målgruppe 2: 2a job goal inside the fund\'s trade areas, 2b outside (brancheskift)'),
  jobCentreReferral: referralSchema,
  factors: z.object({
    raising: z.array(factorSchema).describe('The factors that raise the score most, largest first'),
    lowering: z.array(factorSchema).describe('The factors that lower the score most, largest first'),
  }),
  activities: z.array(activitySchema).describe('Suggested activities from the configured table'),
});

/** A statistical result. */
export type StatisticalResult = z.infer<typeof statisticalResultSchema>;

/** Zod schema of a caseworker's assessment as returned. */
export const assessmentSchema = z
  .object({
    id: z.uuid(),
    createdAt: z.string(),
    correctedTargetGroup: z.union([z.literal(1), z.literal(2)]),
    correctedSubgroup: z.enum(['2a', '2b']).nullable(),
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
    member: memberSchema,
    questionnaire: questionnaireSchema,
    assessment: assessmentSchema.nullable().describe('The caseworker\'s current assessment (the latest), or null'),
    assessments: z.array(assessmentSchema).describe('Every assessment, oldest first: the history is kept'),
    currentTargetGroup: z.union([z.literal(1), z.literal(2)]).describe('The assessment\'s target group if any, else the statistical one'),
    currentSubgroup: z.enum(['2a', '2b']).nullable(),
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
    caseworkerId: caseworkerIdSchema.nullable().optional().describe('The caseworker\'s user id in the fund\'s case system (not a CPR number)'),
  })
  .strict()
  .meta({ id: 'CreateScreeningRequest' });
