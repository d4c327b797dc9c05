/**
 * The text a member may read, e.g. in the interview summary handed over after the CV interview. The
 * fund does not want to tell a newly unemployed member that they will probably become long-term
 * unemployed, so it lists the support offered and says nothing of probability, target group or risk.
 */
import { MEMBER_SUMMARY_DA } from '../i18n/da.js';
import type { ScreeningOutcome } from './screeningResult.js';

/** Danish text for the member about the support offered; never the probability, the target group or a predicted fate. */
export function memberSummary(outcome: Pick<ScreeningOutcome, 'activities'>): string {
  if (outcome.activities.length === 0) return MEMBER_SUMMARY_DA.noActivities;
  const lines = outcome.activities.map((a) => MEMBER_SUMMARY_DA.bullet + a.memberText);
  return [MEMBER_SUMMARY_DA.intro, ...lines, MEMBER_SUMMARY_DA.closing].join('\n');
}
