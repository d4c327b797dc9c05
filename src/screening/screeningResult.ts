/**
 * The result of a screening: what the service returns for a member and stores. Pure: the model
 * (a Scorer), the member (the API's validated member, or a record keyed by model columns) and the
 * policy in, a JSON-serialisable outcome out.
 */
import { z } from 'zod';
import type { FieldProblem } from '../model/encoding/compileEncoder.js';
import type { Scorer, ScoreResult } from '../model/scorer.js';
import type { MemberFacts } from './conditions.js';
import { explainScore, factorSchema, rankFactors } from './factors.js';
import type { MemberInput } from './member/memberSchema.js';
import { toModelRecord } from './member/modelInput.js';
import { memberInputFacts, readMemberFacts, type MemberOwnFacts } from './memberFacts.js';
import { DEFAULT_SCREENING_POLICY, type ScreeningPolicy } from './policy.js';
import { evaluateReferral, referralReasonSchema, suggestActivities, suggestedActivitySchema } from './rules.js';
import { subgroupSchema, targetGroupSchema, type TargetGroup } from './targetGroup.js';

/** Zod schema of a probability's confidence interval (the delta method on the log-odds, see src/model/predictionInterval.ts). */
export const probabilityIntervalSchema = z
  .object({
    lower: z.number().min(0).max(1),
    upper: z.number().min(0).max(1),
    level: z.number().gt(0).lt(1),
  })
  .strict();

/** Zod schema of a screening outcome (e.g. for a route's response schema, or to read one back). */
export const screeningOutcomeSchema = z
  .object({
    modelVersion: z.string(),
    /** The model was trained on simulated data: every display of the result must say so. */
    simulatedData: z.boolean(),
    /** The policy (referral rule, activity table) that produced referral and activities. */
    policyVersion: z.string(),
    /** Probability of long-term unemployment (caseworker only; never shown to the member). */
    probability: z.number().min(0).max(1),
    /** The probability's 95 % interval from the coefficients' covariance; null for a screening stored before it was computed. */
    probabilityInterval: probabilityIntervalSchema.nullable(),
    linearPredictor: z.number(),
    /** Log-odds of a member at every reference level and numeric mean: linearPredictor = this + Σ factor contributions. */
    baselineLinearPredictor: z.number(),
    /** The cut-off used: members at or above it are in målgruppe 2. */
    cutoff: z.number().gt(0).lt(1),
    targetGroup: targetGroupSchema,
    /** 2a/2b within målgruppe 2 when the job goal was given; otherwise null. */
    subgroup: subgroupSchema.nullable(),
    jobCentreReferral: z.boolean(),
    /** The referral rules that fired; empty when not referred. */
    referralReasons: z.array(referralReasonSchema),
    /** Top raising factors (largest first), then top lowering factors (most negative first). */
    factors: z.array(factorSchema),
    activities: z.array(suggestedActivitySchema),
  })
  .strict();

/** The result of screening one member. */
export type ScreeningOutcome = z.infer<typeof screeningOutcomeSchema>;

/** Facts about the screening that are not model inputs. */
export interface ScreeningOptions {
  /**
   * Whether the member's primary job goal lies within the fund's own trade areas (fagområder). When
   * given and the member is in målgruppe 2, it decides the subgroup: true → 2a, false → 2b
   * ("brancheskiftere", who get brancheskift guidance). Left out, the subgroup is null and no 2b
   * activities are suggested. It has no effect in målgruppe 1.
   */
  jobGoalWithinTradeAreas?: boolean;
}

/** The member record could not be scored; `problems` names each field and why (never the CPR number: it is not a model input). */
export class ScreeningInputError extends Error {
  readonly problems: FieldProblem[];

  constructor(problems: FieldProblem[]) {
    super(`the member record cannot be screened: ${problems.map((p) => `${p.field}: ${p.reason}`).join('; ')}`);
    this.name = 'ScreeningInputError';
    this.problems = problems;
  }
}

/** Zod schema of the score part of an outcome: everything but the explanation and the activities. */
export const screeningScoreSchema = screeningOutcomeSchema.pick({
  modelVersion: true,
  simulatedData: true,
  policyVersion: true,
  probability: true,
  probabilityInterval: true,
  linearPredictor: true,
  cutoff: true,
  targetGroup: true,
  subgroup: true,
  jobCentreReferral: true,
  referralReasons: true,
});

/** The score of a member without factors and activities: what batch scoring returns by default. */
export type ScreeningScore = z.infer<typeof screeningScoreSchema>;

/**
 * Scores one member record for a screening: probability, target group (and subgroup) and job-centre
 * referral, without the explanation and activities (which cost most of a screening's time). Throws a
 * ScreeningInputError when a field is missing or invalid.
 */
export function scoreForScreening(
  scorer: Scorer,
  member: Readonly<Record<string, unknown>>,
  policy: ScreeningPolicy = DEFAULT_SCREENING_POLICY,
  options: ScreeningOptions = {},
): ScreeningScore {
  return assess(scorer, scorer.score(member), readMemberFacts(member), policy, options).score;
}

/**
 * Screens one member record: score, target group (and subgroup), job-centre referral, main factors and
 * suggested activities. `member` is keyed by the model's input columns, as `scorer.score` takes it (a
 * CSV row, say); the API's validated member goes through {@link screenMemberInput} instead. Throws a
 * ScreeningInputError when a field is missing or invalid.
 */
export function buildScreeningResult(
  scorer: Scorer,
  member: Readonly<Record<string, unknown>>,
  policy: ScreeningPolicy = DEFAULT_SCREENING_POLICY,
  options: ScreeningOptions = {},
): ScreeningOutcome {
  return explainAndSuggest(scorer, assess(scorer, scorer.score(member), readMemberFacts(member), policy, options), policy);
}

/**
 * Screens the API's validated member: its model record is built and encoded once, the rules read its
 * facts as they are, and the factors are labelled with the values the scorer parsed. Throws a
 * ScreeningInputError when the model cannot score it (a level it never saw, say).
 */
export function screenMemberInput(
  scorer: Scorer,
  input: MemberInput,
  policy: ScreeningPolicy = DEFAULT_SCREENING_POLICY,
): ScreeningOutcome {
  return explainAndSuggest(scorer, assessInput(scorer, input, policy), policy);
}

/** The score of the API's validated member, without factors and activities; see {@link screenMemberInput}. */
export function scoreMemberInput(scorer: Scorer, input: MemberInput, policy: ScreeningPolicy = DEFAULT_SCREENING_POLICY): ScreeningScore {
  return assessInput(scorer, input, policy).score;
}

/** The screening options the member's own answers give: the job goal decides the subgroup when stated. */
export function screeningOptionsOf(input: MemberInput): ScreeningOptions {
  const jobGoal = input.member.jobGoalWithinTradeAreas;
  return jobGoal == null ? {} : { jobGoalWithinTradeAreas: jobGoal };
}

function assessInput(scorer: Scorer, input: MemberInput, policy: ScreeningPolicy): Assessed {
  return assess(scorer, scorer.score(toModelRecord(input)), { facts: memberInputFacts(input) }, policy, screeningOptionsOf(input));
}

/** What the first half of a screening hands the second: the score and what the explanation and the activity table need. */
interface Assessed {
  score: ScreeningScore;
  scored: Extract<ScoreResult, { ok: true }>;
  facts: Omit<MemberFacts, 'referred'>;
}

/** The shared first half of a screening: problems, score, group, referral. */
function assess(
  scorer: Scorer,
  scored: ScoreResult,
  read: { facts: MemberOwnFacts } | { problems: FieldProblem[] },
  policy: ScreeningPolicy,
  options: ScreeningOptions,
): Assessed {
  const problems = [...(scored.ok ? [] : scored.problems), ...('problems' in read ? read.problems : [])];
  const unique = problems.filter((p, i) => problems.findIndex((q) => q.field === p.field) === i);
  if (!scored.ok || 'problems' in read) throw new ScreeningInputError(unique);

  const artifact = scorer.artifact;
  const cutoff = policy.cutoffOverride ?? artifact.cutoff.probability;
  const targetGroup: TargetGroup = scored.probability >= cutoff ? 2 : 1;
  const subgroup =
    targetGroup === 2 && options.jobGoalWithinTradeAreas !== undefined ? (options.jobGoalWithinTradeAreas ? '2a' : '2b') : null;
  const facts = { ...read.facts, targetGroup, subgroup } as const;
  const referralReasons = evaluateReferral(policy, facts);
  const score: ScreeningScore = {
    modelVersion: artifact.version,
    simulatedData: artifact.simulatedData,
    policyVersion: policy.version,
    probability: scored.probability,
    probabilityInterval: scored.probabilityInterval,
    linearPredictor: scored.linearPredictor,
    cutoff,
    targetGroup,
    subgroup,
    jobCentreReferral: referralReasons.length > 0,
    referralReasons,
  };
  return { score, scored, facts };
}

/** The second half: factors from the score's own parsed values, and the activity table. */
function explainAndSuggest(scorer: Scorer, { score, scored, facts }: Assessed, policy: ScreeningPolicy): ScreeningOutcome {
  const explanation = explainScore(scorer.artifact, scorer.beta, scored);
  return {
    ...score,
    baselineLinearPredictor: explanation.baselineLinearPredictor,
    factors: rankFactors(explanation.factors, policy.factors),
    activities: suggestActivities(policy, { ...facts, referred: score.jobCentreReferral }, score.referralReasons),
  };
}
