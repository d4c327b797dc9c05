/**
 * What the member's letter shows, already in Danish: the support offered (the current result's
 * activities, after any correction), the answers registered, and for the explanation form the main
 * factors as plain phrases with their direction only. No number from the model reaches the view.
 */
import { z } from 'zod';
import { CODE_LABELS_DA } from '../../i18n/da.js';
import { MEMBER_LETTER_FORMS } from '../../i18n/daMemberLetter.js';
import { Q10_BARRIERS } from '../../data/cohort/levels.js';
import { MASKED_CPR_PATTERN } from '../pdf/view.js';
import type { CurrentResult } from '../currentResult.js';
import type { MemberInput } from '../member/memberSchema.js';
import type { ScreeningOutcome } from '../screeningResult.js';

/** Zod schema of the letter's view. */
export const memberLetterViewSchema = z.object({
  form: z.enum(MEMBER_LETTER_FORMS),
  maskedCpr: z.string().regex(MASKED_CPR_PATTERN, 'must be the masked CPR number DDMMYY-XXXX (use maskCpr), never the full number'),
  /** When the interview's screening was made (ISO). */
  screenedAt: z.string(),
  fund: z.object({ name: z.string().max(100).nullable(), contact: z.string().max(200).nullable() }),
  q2Answer: z.string(),
  q10Barriers: z.array(z.string()),
  /** The member's line of each activity offered. */
  activities: z.array(z.string()),
  /** The main factors in plain words; empty in the summary form. */
  factors: z.array(z.object({ label: z.string(), direction: z.enum(['raises', 'lowers']) })),
});

/** The letter's view. */
export type MemberLetterView = z.infer<typeof memberLetterViewSchema>;

/**
 * The letter's view of a screening: `current` gives the support in force (the corrected group's
 * after a caseworker's correction); the factors, only in the explanation form, keep label and
 * direction and drop every number.
 */
export function memberLetterView(
  outcome: Pick<ScreeningOutcome, 'factors'>,
  input: MemberInput,
  current: Pick<CurrentResult, 'activities'>,
  extra: Pick<MemberLetterView, 'form' | 'maskedCpr' | 'screenedAt' | 'fund'>,
): MemberLetterView {
  const q = input.questionnaire;
  const ticked = q.q10HasBarriers ? q.q10Barriers : [];
  return {
    ...extra,
    q2Answer: CODE_LABELS_DA.q2[q.q2JobExpectation],
    q10Barriers: Q10_BARRIERS.filter((b) => ticked.includes(b)).map((b) => CODE_LABELS_DA.q10[b]),
    activities: current.activities.map((a) => a.memberText),
    factors: extra.form === 'explanation' ? outcome.factors.map((f) => ({ label: f.label, direction: f.direction })) : [],
  };
}
