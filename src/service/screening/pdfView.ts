/**
 * The caseworker's PDF of a stored screening: the stored outcome (exactly as it was returned when made),
 * the member's validated input, the current assessment, and the CPR number masked; the PDF module
 * refuses anything but the masked form.
 */
import { pdfViewFromOutcome } from '../../screening/pdf/buildView.js';
import { renderScreeningPdf } from '../../screening/pdf/renderScreeningPdf.js';
import type { ScreeningWithAssessments } from '../../storage/repository.js';
import { maskCpr } from '../../privacy/cprMask.js';
import { storedOutcome } from './storedScreening.js';

/** Renders a stored screening as the one-page Danish PDF. */
export async function renderStoredScreeningPdf(stored: ScreeningWithAssessments, cpr: string): Promise<Buffer> {
  const { outcome, input } = storedOutcome(stored.screening);
  const a = stored.currentAssessment;
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
      correction: a
        ? {
            correctedTargetGroup: a.correctedTargetGroup,
            correctedSubgroup: a.correctedSubgroup,
            comment: a.comment,
            caseworkerId: a.caseworkerId,
            createdAt: a.createdAt,
          }
        : null,
    }),
  );
}
