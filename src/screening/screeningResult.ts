/**
 * The result of a screening: what the service returns for a member and stores. Pure: the model
 * (a Scorer), the member record and the policy in, a JSON-serialisable outcome out.
 */
import { z } from 'zod';
import type { FieldProblem } from '../model/encoding/compileEncoder.js';
import type { Scorer } from '../model/scorer.js';
import { explainContributions, factorSchema, rankFactors } from './factors.js';
import { readMemberFacts } from './memberFacts.js';
import { DEFAULT_SCREENING_POLICY, type ScreeningPolicy } from './policy.js';
import { evaluateReferral, referralReasonSchema, suggestActivities, suggestedActivitySchema } from './rules.js';
import { subgroupSchema, targetGroupSchema } from './targetGroup.js';

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
 * Scores one member for a screening: probability, target group (and subgroup) and job-centre referral,
 * without the explanation and activities (which cost most of a screening's time). Throws a
 * ScreeningInputError when a field is missing or invalid.
 */
export function scoreForScreening(
  scorer: Scorer,
  member: Readonly<Record<string, unknown>>,
  policy: ScreeningPolicy = DEFAULT_SCREENING_POLICY,
  options: ScreeningOptions = {},
): ScreeningScore {
  return assess(scorer, member, policy, options).score;
}

/**
 * Screens one member: score, target group (and subgroup), job-centre referral, main factors and
 * suggested activities. `member` is keyed by the model's input columns, as `scorer.score` takes it.
 * Throws a ScreeningInputError when a field is missing or invalid.
 */
export function buildScreeningResult(
  scorer: Scorer,
  member: Readonly<Record<string, unknown>>,
  policy: ScreeningPolicy = DEFAULT_SCREENING_POLICY,
  options: ScreeningOptions = {},
): ScreeningOutcome {
  const { score, contributions, facts } = assess(scorer, member, policy, options);
  const explanation = explainContributions(scorer.artifact, scorer.beta, contributions, member);
  return {
    ...score,
    baselineLinearPredictor: explanation.baselineLinearPredictor,
    factors: rankFactors(explanation.factors, policy.factors),
    activities: suggestActivities(policy, { ...facts, referred: score.jobCentreReferral }, score.referralReasons),
  };
}

/** The shared first half of a screening: validation, score, group, referral, and what the explanation needs. */
function assess(scorer: Scorer, member: Readonly<Record<string, unknown>>, policy: ScreeningPolicy, options: ScreeningOptions) {
  const scored = scorer.score(member);
  const read = readMemberFacts(member);
  const problems = [...(scored.ok ? [] : scored.problems), ...('problems' in read ? read.problems : [])];
  const unique = problems.filter((p, i) => problems.findIndex((q) => q.field === p.field) === i);
  if (!scored.ok || 'problems' in read) throw new ScreeningInputError(unique);

  const artifact = scorer.artifact;
  const cutoff = policy.cutoffOverride ?? artifact.cutoff.probability;
  const targetGroup: 1 | 2 = scored.probability >= cutoff ? 2 : 1;
  const subgroup = targetGroup === 2 && options.jobGoalWithinTradeAreas !== undefined ? (options.jobGoalWithinTradeAreas ? '2a' : '2b') : null;
  const facts = { ...read.facts, targetGroup, subgroup } as const;
  const referralReasons = evaluateReferral(policy, facts);
  const score: ScreeningScore = {
    modelVersion: artifact.version,
    simulatedData: artifact.simulatedData,
    policyVersion: policy.version,
    probability: scored.probability,
    linearPredictor: scored.linearPredictor,
    cutoff,
    targetGroup,
    subgroup,
    jobCentreReferral: referralReasons.length > 0,
    referralReasons,
  };
  return { score, contributions: scored.contributions, facts };
}
