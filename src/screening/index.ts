/**
 * The screening domain for the service: build a result from a scorer, a member record and a policy;
 * write the member's text; render the caseworker's PDF. Everything here is pure (no I/O) except
 * loadScreeningPolicy, which reads a file.
 */
export { buildScreeningResult, scoreForScreening, ScreeningInputError, screeningOutcomeSchema, screeningScoreSchema, type ScreeningOptions, type ScreeningOutcome, type ScreeningScore } from './screeningResult.js';
export { explainContributions, factorSchema, rankFactors, type Explanation, type Factor } from './factors.js';
export { evaluateReferral, referralReasonSchema, suggestActivities, suggestedActivitySchema, type ReferralReason, type SuggestedActivity } from './rules.js';
export {
  DEFAULT_POLICY_VERSION,
  DEFAULT_SCREENING_POLICY,
  loadScreeningPolicy,
  parseScreeningPolicy,
  ScreeningPolicyError,
  screeningPolicySchema,
  type ScreeningPolicy,
  type ScreeningPolicyInput,
} from './policy.js';
export { conditionSchema, evaluateCondition, type Condition, type MemberFacts, type ReasonPart } from './conditions.js';
export { MEMBER_FACT_COLUMNS, parseBarriers, readMemberFacts } from './memberFacts.js';
export { memberSummary } from './memberSummary.js';
export { renderScreeningPdf } from './pdf/renderScreeningPdf.js';
export { MASKED_CPR_PATTERN, pdfViewFromOutcome, screeningPdfViewSchema, type PdfCorrection, type ScreeningPdfView } from './pdf/view.js';
