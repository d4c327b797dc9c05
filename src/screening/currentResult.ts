/**
 * What the screening amounts to now: the statistical result until a caseworker corrects the target
 * group, and after that the referral, activities and member summary the policy gives for the
 * corrected group. The statistical result itself is never changed; this is shown beside it.
 */
import { z } from 'zod';
import type { MemberInput } from './member/memberSchema.js';
import { memberInputFacts } from './memberFacts.js';
import { memberSummary } from './memberSummary.js';
import type { ScreeningPolicy } from './policy.js';
import { evaluateReferral, referralReasonSchema, suggestActivities, suggestedActivitySchema } from './rules.js';
import type { ScreeningOutcome } from './screeningResult.js';
import { subgroupSchema, targetGroupSchema, type Subgroup, type TargetGroup } from './targetGroup.js';

/** Zod schema of the current result: the group in force and what the policy gives for it. */
export const currentResultSchema = z.object({
  /** `statistical` while no assessment changes the group, `assessment` once the caseworker's corrected group is in force. */
  source: z.enum(['statistical', 'assessment']),
  targetGroup: targetGroupSchema,
  subgroup: subgroupSchema.nullable(),
  /** The policy that produced referral and activities: the screening's own, or the service's when recomputed. */
  policyVersion: z.string(),
  jobCentreReferral: z.boolean(),
  referralReasons: z.array(referralReasonSchema),
  activities: z.array(suggestedActivitySchema),
  memberSummary: z.string(),
});

/** The current result of a screening. */
export type CurrentResult = z.infer<typeof currentResultSchema>;

/** A caseworker's corrected group. */
export interface GroupCorrection {
  correctedTargetGroup: TargetGroup;
  correctedSubgroup: Subgroup | null;
}

/**
 * The current result: the statistical one when there is no correction or it keeps the statistical
 * group and subgroup; otherwise referral and activities recomputed under `policy` with the corrected
 * group (the referral too, since a rule may depend on the group), and the member summary from them.
 */
export function currentResult(
  outcome: ScreeningOutcome,
  input: MemberInput,
  correction: GroupCorrection | null,
  policy: ScreeningPolicy,
): CurrentResult {
  const unchanged =
    correction === null || (correction.correctedTargetGroup === outcome.targetGroup && correction.correctedSubgroup === outcome.subgroup);
  if (unchanged) {
    return {
      source: 'statistical',
      targetGroup: outcome.targetGroup,
      subgroup: outcome.subgroup,
      policyVersion: outcome.policyVersion,
      jobCentreReferral: outcome.jobCentreReferral,
      referralReasons: outcome.referralReasons,
      activities: outcome.activities,
      memberSummary: memberSummary(outcome),
    };
  }
  const facts = { ...memberInputFacts(input), targetGroup: correction.correctedTargetGroup, subgroup: correction.correctedSubgroup };
  const referralReasons = evaluateReferral(policy, facts);
  const jobCentreReferral = referralReasons.length > 0;
  const activities = suggestActivities(policy, { ...facts, referred: jobCentreReferral }, referralReasons);
  return {
    source: 'assessment',
    targetGroup: correction.correctedTargetGroup,
    subgroup: correction.correctedSubgroup,
    policyVersion: policy.version,
    jobCentreReferral,
    referralReasons,
    activities,
    memberSummary: memberSummary({ activities }),
  };
}
