/**
 * The wire shapes of the STAR compatibility layer, as zod schemas (OpenAPI is generated from them).
 * Member names are PascalCase, as STAR's SOAP and REST services name theirs; the ones STAR's published
 * version 4 is known to have (`Exists`, `CreatedDate`) are mirrored, the rest are this layer's choice
 * (docs/star-compatibility.md lists which is which).
 */
import { z } from 'zod';
import { Q10_BARRIERS, Q2_ANSWERS } from '../../../data/cohort/levels.js';
import { containsCpr } from '../../../privacy/cprInText.js';
import { subgroupSchema, targetGroupSchema } from '../../../screening/targetGroup.js';
import { problemSchema } from '../../problem.js';
import { problem } from '../common.js';
import { CPR_HEADER, cprSchema } from '../../schemas/cpr.js';

/** Where the layer's routes live: a case system built against STAR switches by changing its base URL to this. */
export const STAR_PREFIX = '/star/screening/v4';

/** The request id header (Node lowercases header names). */
export const STAR_REQUEST_ID_HEADER = 'x-request-id';

/** The longest request id STAR accepts. */
export const STAR_REQUEST_ID_MAX = 46;

/**
 * Zod schema of the request id: 1–46 visible ASCII characters (a GUID fits), never holding a CPR
 * number, since the id is logged, echoed and stored. The messages never repeat the value.
 */
export const starRequestIdSchema = z
  .string()
  .min(1, `must be 1–${STAR_REQUEST_ID_MAX} visible ASCII characters`)
  .max(STAR_REQUEST_ID_MAX, `must be at most ${STAR_REQUEST_ID_MAX} characters`)
  .regex(/^[\x21-\x7e]+$/, `must be 1–${STAR_REQUEST_ID_MAX} visible ASCII characters`)
  .refine((v) => !containsCpr(v), 'must not contain a CPR number')
  .describe(
    `A new id for every request, at most ${STAR_REQUEST_ID_MAX} characters; a repeat by the same client within 30 days is refused with 412`,
  )
  .meta({ example: '5f0c6a52-3b9e-4a51-9d43-7f3e2c1b8a90' });

/** Zod schema of the headers of every STAR operation (loose: the other headers pass through). */
export const starHeadersSchema = z.looseObject({
  [CPR_HEADER]: cprSchema,
  [STAR_REQUEST_ID_HEADER]: starRequestIdSchema,
});

/** Zod schema of ScreeningResultExists's answer. */
export const starExistsSchema = z
  .object({
    Exists: z.boolean().describe('Whether the citizen has a screening result, whatever its age'),
    CreatedDate: z.string().optional().describe('When the latest result was made (UTC, ISO 8601); absent when Exists is false'),
  })
  .meta({ id: 'StarScreeningResultExists' });

const starFactorSchema = z.object({
  Feature: z.string(),
  Label: z.string().describe('Danish label, e.g. "55-59 år"'),
  ComparedWith: z.string(),
  Direction: z.enum(['raises', 'lowers']),
  Contribution: z.number().describe('Contribution to the log-odds'),
  OddsRatio: z.number(),
});

const starActivitySchema = z.object({
  Code: z.string(),
  Title: z.string(),
  Description: z.string(),
  MemberText: z.string(),
  Reasons: z.array(z.string()),
});

const starAssessmentSchema = z.object({
  AssessmentId: z.uuid(),
  CreatedDate: z.string(),
  CorrectedTargetGroup: targetGroupSchema,
  CorrectedSubgroup: subgroupSchema.nullable(),
  Comment: z.string().nullable(),
  CaseworkerId: z.string(),
});

/** Zod schema of GetScreeningResult's answer: the latest result in STAR-style members. */
export const starScreeningResultSchema = z
  .object({
    ScreeningResultId: z.uuid().describe('The id GetScreeningResultAsPdf takes as ScreeningResultId'),
    CreatedDate: z.string().describe('When the screening was made (UTC, ISO 8601)'),
    ModelVersion: z.string(),
    SimulatedData: z.boolean().describe('True when the model was trained on SIMULATED data: for demonstration only'),
    Probability: z.number().describe('Estimated probability of long-term unemployment; for the caseworker, never shown to the member'),
    TargetGroup: targetGroupSchema.describe('The statistical målgruppe'),
    Subgroup: subgroupSchema.nullable(),
    CurrentTargetGroup: targetGroupSchema.describe("The caseworker's målgruppe if assessed, else the statistical one"),
    CurrentSubgroup: subgroupSchema.nullable(),
    JobCentreReferral: z.boolean(),
    ReferralReasons: z.array(z.object({ Rule: z.string(), Reason: z.string() })),
    Factors: z.array(starFactorSchema),
    Activities: z.array(starActivitySchema),
    MemberSummary: z.string().describe('Danish text the member may read'),
    Answers: z.object({
      JobExpectation: z.enum(Q2_ANSWERS).describe('Question 2'),
      HasBarriers: z.boolean().describe('Question 10'),
      Barriers: z.array(z.enum(Q10_BARRIERS)),
    }),
    CaseworkerId: z.string().nullable(),
    Assessment: starAssessmentSchema.nullable().describe("The caseworker's current assessment, or null"),
  })
  .meta({ id: 'StarScreeningResult' });

/** Zod schema of GetScreeningResultAsPdf's query: a result id, or nothing for the latest. */
export const starPdfQuerySchema = z.object({
  ScreeningResultId: z.uuid().optional().describe("One of the citizen's results; left out, the latest"),
});

/** Zod schema of GetScreeningResultAsPdf's answer. */
export const starPdfSchema = z
  .object({
    ScreeningResultId: z.uuid(),
    CreatedDate: z.string(),
    FileName: z.string(),
    Pdf: z.string().meta({ format: 'byte' }).describe('The one-page Danish PDF, base64'),
  })
  .meta({ id: 'StarScreeningResultPdf' });

/** Zod schema of the layer's problems: RFC 9457 with STAR's error code as an extension member. */
export const starProblemSchema = problemSchema
  .extend({
    ErrorCode: z
      .number()
      .int()
      .min(1000)
      .max(9999)
      .optional()
      .describe(
        'STAR error code: 1010 unknown cpr, 1014 failed to validate message, 4385 no fund registration, 4575 not authorized; absent where STAR has none known',
      ),
  })
  .meta({ id: 'StarProblem' });

/** The problem responses every STAR operation can give. */
export const STAR_PROBLEMS = {
  400: problem('A header or the query is not valid (validation-error, ErrorCode 1014); `errors` names the field', starProblemSchema),
  401: problem('No API key, or a key that is not known (unauthenticated, ErrorCode 4575)', starProblemSchema),
  403: problem(
    "The client's key lacks the read role (forbidden, ErrorCode 4575), or the client has no fund registration (no-fund-registration, ErrorCode 4385)",
    starProblemSchema,
  ),
  404: problem(
    "The citizen has no screening result in the client's fund (not-found, ErrorCode 1010), or none with the ScreeningResultId given (no ErrorCode)",
    starProblemSchema,
  ),
  412: problem('The X-Request-Id was used before by this client within 30 days (request-id-repeated)', starProblemSchema),
  429: problem('Too many requests (too-many-requests); `Retry-After` says when to try again', starProblemSchema),
} as const;
