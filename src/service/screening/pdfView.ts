/**
 * The caseworker's PDF of a stored screening: the stored outcome (exactly as it was returned when made),
 * the member's validated input, the current assessment and the earlier ones, the activities of a
 * corrected group, the fund's branding, and the CPR number masked; the PDF module refuses anything but
 * the masked form.
 */
import { currentResult } from '../../screening/currentResult.js';
import { pdfViewFromOutcome } from '../../screening/pdf/buildView.js';
import { renderScreeningPdf } from '../../screening/pdf/renderScreeningPdf.js';
import { renderMemberLetter } from '../../screening/memberLetter/renderMemberLetter.js';
import { memberLetterView } from '../../screening/memberLetter/view.js';
import type { MemberLetterForm } from '../../i18n/daMemberLetter.js';
import type { PdfCorrection } from '../../screening/pdf/view.js';
import type { ScreeningPolicy } from '../../screening/policy.js';
import type { Assessment, ScreeningWithAssessments } from '../../storage/repository.js';
import { maskCpr } from '../../privacy/cprMask.js';
import type { FundBranding } from '../config.js';
import { storedOutcome } from './storedScreening.js';

const asCorrection = (a: Assessment): PdfCorrection => ({
  correctedTargetGroup: a.correctedTargetGroup,
  correctedSubgroup: a.correctedSubgroup,
  reason: a.reason,
  comment: a.comment,
  caseworkerId: a.caseworkerId,
  createdAt: a.createdAt,
});

/** Renders a stored screening as the one-page Danish PDF; `policy` gives the activities of a corrected group. */
export async function renderStoredScreeningPdf(
  stored: ScreeningWithAssessments,
  cpr: string,
  policy: ScreeningPolicy,
  fund: FundBranding | undefined,
): Promise<Buffer> {
  const { outcome, input } = storedOutcome(stored.screening);
  const a = stored.currentAssessment;
  const current = currentResult(outcome, input, a, policy);
  return renderScreeningPdf(
    pdfViewFromOutcome(outcome, {
      maskedCpr: maskCpr(cpr),
      screenedAt: stored.screening.createdAt,
      screeningId: stored.screening.id,
      member: input,
      timing: {
        occasion: stored.screening.occasion,
        screeningDate: stored.screening.screeningDate,
        benefitPeriodStart: stored.screening.benefitPeriodStart,
      },
      correction: a ? asCorrection(a) : null,
      earlierCorrections: stored.assessments.filter((e) => e.id !== a?.id).map(asCorrection),
      current: current.source === 'assessment' ? current : null,
      fund: fund ?? {},
    }),
  );
}

/** Renders a stored screening as the member's one-page letter: the support in force after any correction, the CPR number masked. */
export async function renderStoredMemberLetter(
  stored: ScreeningWithAssessments,
  cpr: string,
  form: MemberLetterForm,
  policy: ScreeningPolicy,
  fund: FundBranding | undefined,
): Promise<Buffer> {
  const { outcome, input } = storedOutcome(stored.screening);
  const current = currentResult(outcome, input, stored.currentAssessment, policy);
  return renderMemberLetter(
    memberLetterView(outcome, input, current, {
      form,
      maskedCpr: maskCpr(cpr),
      screenedAt: stored.screening.createdAt,
      fund: { name: fund?.name ?? null, contact: fund?.contact ?? null },
    }),
  );
}
