/**
 * The translation between the service's own shapes and STAR's: results into PascalCase members, problems
 * into problems carrying STAR's error code. Nothing here decides anything the native routes do not.
 */
import type { z } from 'zod';
import type { ProblemFacts } from '../../plugins/errorHandler.js';
import { HttpProblem, type ProblemType } from '../../problem.js';
import type { ScreeningResponse } from '../../schemas/screening.js';
import type { starScreeningResultSchema } from './schemas.js';

/** STAR's error codes that this layer answers. */
export const STAR_ERROR_CODES = {
  unknownCpr: 1010,
  failedToValidateMessage: 1014,
  noFundRegistration: 4385,
  notAuthorized: 4575,
} as const;

/** A STAR error code. */
export type StarErrorCode = (typeof STAR_ERROR_CODES)[keyof typeof STAR_ERROR_CODES];

/** A problem whose STAR code depends on more than its type (a 404 is 1010 only when the citizen has no result). */
export class StarProblem extends HttpProblem {
  readonly starErrorCode: StarErrorCode | undefined;

  constructor(type: ProblemType, detail: string, starErrorCode: StarErrorCode | undefined) {
    super(type, detail);
    this.starErrorCode = starErrorCode;
  }
}

/**
 * STAR's code for each kind of problem; kinds without one (a repeated request id answers 412 and
 * nothing else, rate limits, outages) carry no ErrorCode, since STAR's codes for them are not known.
 */
const CODE_BY_TYPE: Partial<Record<ProblemFacts['type'], StarErrorCode>> = {
  'validation-error': STAR_ERROR_CODES.failedToValidateMessage,
  'invalid-json': STAR_ERROR_CODES.failedToValidateMessage,
  'unsupported-media-type': STAR_ERROR_CODES.failedToValidateMessage,
  'payload-too-large': STAR_ERROR_CODES.failedToValidateMessage,
  'personal-data-in-text': STAR_ERROR_CODES.failedToValidateMessage,
  unauthenticated: STAR_ERROR_CODES.notAuthorized,
  forbidden: STAR_ERROR_CODES.notAuthorized,
  'no-fund-registration': STAR_ERROR_CODES.noFundRegistration,
};

/** The problem with STAR's error code added as the `ErrorCode` extension member, where one applies. */
export function withStarErrorCode(p: ProblemFacts, error: Error): ProblemFacts {
  // A plain 400 from the framework (a request it could not read) failed validation too.
  const byStatus = p.type === 'http' && p.status === 400 ? STAR_ERROR_CODES.failedToValidateMessage : undefined;
  const code = error instanceof StarProblem ? error.starErrorCode : (CODE_BY_TYPE[p.type] ?? byStatus);
  return code === undefined ? p : { ...p, extensions: { ...p.extensions, ErrorCode: code } };
}

/** GetScreeningResult's answer for a stored screening as the native API shows it. */
export function toStarScreeningResult(r: ScreeningResponse): z.infer<typeof starScreeningResultSchema> {
  const a = r.assessment;
  return {
    ScreeningResultId: r.id,
    CreatedDate: r.createdAt,
    ModelVersion: r.modelVersion,
    SimulatedData: r.simulatedData,
    Probability: r.probability,
    TargetGroup: r.targetGroup,
    Subgroup: r.subgroup,
    CurrentTargetGroup: r.currentTargetGroup,
    CurrentSubgroup: r.currentSubgroup,
    JobCentreReferral: r.jobCentreReferral,
    ReferralReasons: r.referralReasons.map((x) => ({ Rule: x.rule, Reason: x.reason })),
    Factors: r.factors.map((f) => ({
      Feature: f.feature,
      Label: f.label,
      ComparedWith: f.comparedWith,
      Direction: f.direction,
      Contribution: f.contribution,
      OddsRatio: f.oddsRatio,
    })),
    Activities: r.activities.map((x) => ({
      Code: x.code,
      Title: x.title,
      Description: x.description,
      MemberText: x.memberText,
      Reasons: x.reasons,
    })),
    MemberSummary: r.memberSummary,
    Answers: {
      JobExpectation: r.questionnaire.q2JobExpectation,
      HasBarriers: r.questionnaire.q10HasBarriers,
      Barriers: r.questionnaire.q10Barriers,
    },
    CaseworkerId: r.caseworkerId,
    Assessment: a
      ? {
          AssessmentId: a.id,
          CreatedDate: a.createdAt,
          CorrectedTargetGroup: a.correctedTargetGroup,
          CorrectedSubgroup: a.correctedSubgroup,
          Comment: a.comment,
          CaseworkerId: a.caseworkerId,
        }
      : null,
  };
}
