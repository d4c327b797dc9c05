/**
 * Applies the policy's referral rule and activity table to a member's facts. Each fired rule keeps
 * its id and a Danish reason, so the caseworker (and an auditor) can see why a member was flagged or
 * an activity suggested.
 */
import { z } from 'zod';
import { reasonTextDa } from '../i18n/da.js';
import { ACTIVITY_TEXTS_DA } from '../i18n/daActivities.js';
import { evaluateCondition, type MemberFacts } from './conditions.js';
import type { ScreeningPolicy } from './policy.js';

/** Zod schema of a fired referral rule. */
export const referralReasonSchema = z.object({ rule: z.string(), reason: z.string() }).strict();
/** A fired referral rule with its Danish reason. */
export type ReferralReason = z.infer<typeof referralReasonSchema>;

/** Zod schema of a suggested activity as returned and stored with a screening. */
export const suggestedActivitySchema = z
  .object({
    code: z.string(),
    title: z.string(),
    description: z.string(),
    /** Text the member may read (no talk of risk). */
    memberText: z.string(),
    /** Danish reasons, one per rule that suggested it. */
    reasons: z.array(z.string()).min(1),
    /** Ids of the rules that suggested it. */
    rules: z.array(z.string()).min(1),
  })
  .strict();
/** A suggested activity. */
export type SuggestedActivity = z.infer<typeof suggestedActivitySchema>;

/** The referral rules that fire for the member (the member is referred when any does). */
export function evaluateReferral(policy: ScreeningPolicy, facts: Omit<MemberFacts, 'referred'>): ReferralReason[] {
  const reasons: ReferralReason[] = [];
  for (const rule of policy.referral.rules) {
    const parts = evaluateCondition(rule.when, { ...facts, referred: false });
    if (parts !== null) reasons.push({ rule: rule.id, reason: rule.reason ?? reasonTextDa(parts) });
  }
  return reasons;
}

/**
 * The activities the table suggests for the member, each once, in catalogue order, with every reason.
 * A rule that fires because of the referral gives the referral's own reasons.
 */
export function suggestActivities(
  policy: ScreeningPolicy,
  facts: MemberFacts,
  referralReasons: readonly ReferralReason[] = [],
): SuggestedActivity[] {
  const fired = new Map<string, { reasons: string[]; rules: string[] }>();
  for (const rule of policy.activities.rules) {
    const parts = evaluateCondition(rule.when, facts)?.map((p) =>
      p.kind === 'referred' && p.value ? { ...p, because: referralReasons.map((r) => r.reason) } : p,
    );
    if (parts === undefined) continue;
    const reason = rule.reason ?? reasonTextDa(parts);
    for (const code of rule.suggest) {
      const entry = fired.get(code) ?? { reasons: [], rules: [] };
      if (!entry.reasons.includes(reason)) entry.reasons.push(reason);
      entry.rules.push(rule.id);
      fired.set(code, entry);
    }
  }
  const out: SuggestedActivity[] = [];
  for (const item of policy.activities.catalogue) {
    const entry = fired.get(item.code);
    if (!entry) continue;
    const builtIn = (ACTIVITY_TEXTS_DA as Record<string, { title: string; description: string; memberText: string } | undefined>)[
      item.code
    ];
    out.push({
      code: item.code,
      // The policy validated that a non-built-in activity brings all three texts.
      title: item.title ?? builtIn!.title,
      description: item.description ?? builtIn!.description,
      memberText: item.memberText ?? builtIn!.memberText,
      reasons: entry.reasons,
      rules: entry.rules,
    });
  }
  return out;
}
