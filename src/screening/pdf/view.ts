/**
 * What the caseworker's PDF shows, as one validated object. The service builds it from a stored
 * screening (its outcome fields and input), the model's cut-off and simulatedData flag, the current
 * correction if any, and the CPR number masked with maskCpr (src/service/security/cpr.ts): the
 * schema refuses anything but DDMMYY-XXXX, so a full CPR number cannot reach the page.
 * Unknown keys are dropped, so a stored screening or assessment can be passed as it is.
 */
import { z } from 'zod';
import { factorSchema } from '../factors.js';
import { referralReasonSchema, suggestedActivitySchema } from '../rules.js';
import type { ScreeningOutcome } from '../screeningResult.js';
import { subgroupSchema, targetGroupSchema } from '../targetGroup.js';

/** A CPR number as shown: birth date and the last four digits hidden. */
export const MASKED_CPR_PATTERN = /^\d{6}-XXXX$/;

const targetGroup = targetGroupSchema;
const subgroup = subgroupSchema.nullable();

/** Zod schema of a caseworker's correction as the PDF shows it (a stored assessment fits). */
export const pdfCorrectionSchema = z.object({
  correctedTargetGroup: targetGroup,
  correctedSubgroup: subgroup.default(null),
  comment: z.string().nullable().default(null),
  caseworkerId: z.string().min(1),
  createdAt: z.iso.datetime({ offset: true }),
});

/** Zod schema of everything the PDF shows. */
export const screeningPdfViewSchema = z.object({
  maskedCpr: z.string().regex(MASKED_CPR_PATTERN, 'must be the masked CPR number DDMMYY-XXXX (use maskCpr), never the full number'),
  screeningId: z.string().max(100).nullable().default(null),
  screenedAt: z.iso.datetime({ offset: true }),
  modelVersion: z.string().min(1),
  simulatedData: z.boolean(),
  policyVersion: z.string().nullable().default(null),
  probability: z.number().min(0).max(1),
  cutoff: z.number().gt(0).lt(1),
  targetGroup,
  subgroup: subgroup.default(null),
  jobCentreReferral: z.boolean(),
  referralReasons: z.array(referralReasonSchema).default([]),
  factors: z.array(factorSchema),
  activities: z.array(suggestedActivitySchema),
  /** The member record as screened (characteristics and Q2/Q10 answers). */
  member: z.record(z.string(), z.unknown()),
  correction: pdfCorrectionSchema.nullable().default(null),
  /** The fund's name for the header. */
  fundName: z.string().max(100).nullable().default(null),
  /** When the PDF is printed; null leaves it off and keeps the file identical for the same screening. */
  printedAt: z.iso.datetime({ offset: true }).nullable().default(null),
});

/** What renderScreeningPdf takes (defaults not yet applied). */
export type ScreeningPdfView = z.input<typeof screeningPdfViewSchema>;
/** The view after validation. */
export type ValidScreeningPdfView = z.infer<typeof screeningPdfViewSchema>;
/** A caseworker's correction as the PDF shows it. */
export type PdfCorrection = z.input<typeof pdfCorrectionSchema>;

/** The PDF view of a fresh outcome. */
export function pdfViewFromOutcome(
  outcome: ScreeningOutcome,
  extra: {
    maskedCpr: string;
    screenedAt: string;
    member: Readonly<Record<string, unknown>>;
    screeningId?: string | null;
    correction?: PdfCorrection | null;
    fundName?: string | null;
    printedAt?: string | null;
  },
): ScreeningPdfView {
  return { ...outcome, ...extra, member: { ...extra.member } };
}
