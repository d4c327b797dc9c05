/**
 * The small rule language of the screening policy: a condition on the member's facts (target group,
 * Q10 barriers, Q2 answer, dimittend, sickness benefit, education, age, referral). All parts given
 * must hold; an empty condition holds for everyone. A condition that holds yields the parts it
 * matched, from which the Danish reason ("Læse-, stave- eller regneproblemer (spørgsmål 10)") is
 * written, so that a suggestion always says why it was made.
 */
import { z } from 'zod';
import { EDUCATION_LEVELS, Q10_BARRIERS, Q2_ANSWERS, type EducationLevel, type Q10Barrier, type Q2Answer } from '../data/cohort/levels.js';
import type { ReasonPart } from '../i18n/reasonPart.js';
import { subgroupSchema, targetGroupSchema, type Subgroup, type TargetGroup } from './targetGroup.js';

/** The facts about a member that rules look at; null where the member record does not say. */
export interface MemberFacts {
  targetGroup: TargetGroup;
  subgroup: Subgroup | null;
  /** Q10 barriers ticked, in the questionnaire's order; empty when none (or Q10 unanswered). */
  barriers: Q10Barrier[];
  q2: Q2Answer | null;
  dimittend: boolean | null;
  fromSicknessBenefit: boolean | null;
  education: EducationLevel | null;
  age: number | null;
  /** Whether the referral rule fired; activity rules may depend on it, referral rules may not. */
  referred: boolean;
}

const nonEmpty = <T extends z.ZodType>(item: T) => z.array(item).min(1, 'must list at least one value');

/** Zod schema of a condition; unknown keys and codes are rejected so a typo cannot silently match nobody. */
export const conditionSchema = z
  .object({
    /** Target group is one of these. */
    targetGroups: nonEmpty(targetGroupSchema).optional(),
    /** Subgroup of målgruppe 2 is one of these (only known when the job goal was given). */
    subgroups: nonEmpty(subgroupSchema).optional(),
    /** At least one of these Q10 barriers is ticked. */
    anyBarriers: nonEmpty(z.enum(Q10_BARRIERS)).optional(),
    /** All of these Q10 barriers are ticked. */
    allBarriers: nonEmpty(z.enum(Q10_BARRIERS)).optional(),
    /** At least this many Q10 barriers are ticked. */
    minBarriers: z.number().int().min(1).max(Q10_BARRIERS.length).optional(),
    /** The Q2 answer is one of these. */
    q2Answers: nonEmpty(z.enum(Q2_ANSWERS)).optional(),
    dimittend: z.boolean().optional(),
    fromSicknessBenefit: z.boolean().optional(),
    /** Highest education is one of these (an unknown education matches none). */
    educations: nonEmpty(z.enum(EDUCATION_LEVELS)).optional(),
    /** Age in years at least / at most this (an unknown age matches neither). */
    minAge: z.number().min(0).max(120).optional(),
    maxAge: z.number().min(0).max(120).optional(),
    /** The job-centre referral rule fired (or, with false, did not); only for activity rules. */
    referred: z.boolean().optional(),
  })
  .strict()
  .refine((c) => c.minAge === undefined || c.maxAge === undefined || c.minAge <= c.maxAge, {
    message: 'minAge must not be above maxAge',
    path: ['maxAge'],
  });

/** A condition of the policy. */
export type Condition = z.infer<typeof conditionSchema>;

/** The parts of the condition the member matched, or null when some part does not hold. */
export function evaluateCondition(c: Condition, facts: MemberFacts): ReasonPart[] | null {
  const parts: ReasonPart[] = [];
  // The member's own answers and facts come first in the reason, the target group after them.
  const groupParts: ReasonPart[] = [];
  if (c.targetGroups) {
    if (!c.targetGroups.includes(facts.targetGroup)) return null;
    groupParts.push({ kind: 'targetGroup', group: facts.targetGroup });
  }
  if (c.subgroups) {
    if (facts.subgroup === null || !c.subgroups.includes(facts.subgroup)) return null;
    // The subgroup implies group 2; saying both would repeat it.
    groupParts.splice(0, groupParts.length, { kind: 'subgroup', subgroup: facts.subgroup });
  }
  const matchedBarriers = new Set<Q10Barrier>();
  if (c.anyBarriers) {
    const hit = c.anyBarriers.filter((b) => facts.barriers.includes(b));
    if (hit.length === 0) return null;
    hit.forEach((b) => matchedBarriers.add(b));
  }
  if (c.allBarriers) {
    if (!c.allBarriers.every((b) => facts.barriers.includes(b))) return null;
    c.allBarriers.forEach((b) => matchedBarriers.add(b));
  }
  if (matchedBarriers.size > 0) {
    parts.push({ kind: 'barriers', barriers: facts.barriers.filter((b) => matchedBarriers.has(b)) });
  }
  if (c.minBarriers !== undefined) {
    if (facts.barriers.length < c.minBarriers) return null;
    parts.push({ kind: 'barrierCount', count: facts.barriers.length });
  }
  if (c.q2Answers) {
    if (facts.q2 === null || !c.q2Answers.includes(facts.q2)) return null;
    parts.push({ kind: 'q2', answer: facts.q2 });
  }
  if (c.dimittend !== undefined) {
    if (facts.dimittend !== c.dimittend) return null;
    parts.push({ kind: 'dimittend', value: c.dimittend });
  }
  if (c.fromSicknessBenefit !== undefined) {
    if (facts.fromSicknessBenefit !== c.fromSicknessBenefit) return null;
    parts.push({ kind: 'fromSicknessBenefit', value: c.fromSicknessBenefit });
  }
  if (c.educations) {
    if (facts.education === null || !c.educations.includes(facts.education)) return null;
    parts.push({ kind: 'education', level: facts.education });
  }
  if (c.minAge !== undefined || c.maxAge !== undefined) {
    if (facts.age === null) return null;
    if (c.minAge !== undefined && facts.age < c.minAge) return null;
    if (c.maxAge !== undefined && facts.age > c.maxAge) return null;
    parts.push({ kind: 'age', age: facts.age });
  }
  parts.push(...groupParts);
  if (c.referred !== undefined) {
    if (facts.referred !== c.referred) return null;
    parts.push({ kind: 'referred', value: c.referred });
  }
  return parts;
}
