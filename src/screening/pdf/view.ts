/**
 * What the caseworker's PDF shows, as one validated object: the outcome's fields, the member already
 * turned into the Danish rows the page prints (buildView.ts), the current correction if any, and the
 * CPR number masked with maskCpr (src/privacy/cprMask.ts): the schema refuses anything but
 * DDMMYY-XXXX, so a full CPR number cannot reach the page. Unknown keys are dropped, so a stored
 * screening or assessment can be passed as it is.
 */
import { z } from 'zod';
import { assessmentReasonSchema } from '../assessmentReason.js';
import { factorSchema } from '../factors.js';
import { referralReasonSchema, suggestedActivitySchema } from '../rules.js';
import { occasionSchema } from '../occasion.js';
import { subgroupSchema, targetGroupSchema } from '../targetGroup.js';

/** A CPR number as shown: birth date and the last four digits hidden. */
export const MASKED_CPR_PATTERN = /^\d{6}-XXXX$/;

const subgroup = subgroupSchema.nullable();

/** Zod schema of a caseworker's correction as the PDF shows it (a stored assessment fits). */
export const pdfCorrectionSchema = z.object({
  correctedTargetGroup: targetGroupSchema,
  correctedSubgroup: subgroup.default(null),
  /** Null for an assessment stored before reasons were recorded. */
  reason: assessmentReasonSchema.nullable().default(null),
  comment: z.string().nullable().default(null),
  caseworkerId: z.string().min(1),
  createdAt: z.iso.datetime({ offset: true }),
});

/** Zod schema of one printed characteristic: its Danish label and its value as text. */
export const pdfRowSchema = z.object({ label: z.string(), value: z.string() });

/** Zod schema of the member as the page prints it: Danish text, formatted before rendering. */
export const pdfMemberSchema = z.object({
  /** The answer to questionnaire question 2. */
  q2Answer: z.string(),
  /** The answer to question 10 itself: yes may come with no barrier ticked. */
  q10HasBarriers: z.boolean(),
  /** The question 10 barriers ticked, in the questionnaire's order; empty when none. */
  q10Barriers: z.array(z.string()),
  /** The characteristics shown, in the page's order. */
  characteristics: z.array(pdfRowSchema),
});

/** Zod schema of the result in force after a correction of the group: the policy's referral, activities and member summary for the corrected group. */
export const pdfCurrentSchema = z.object({
  targetGroup: targetGroupSchema,
  subgroup: subgroup.default(null),
  jobCentreReferral: z.boolean(),
  referralReasons: z.array(referralReasonSchema).default([]),
  activities: z.array(suggestedActivitySchema),
  memberSummary: z.string(),
});

/** Zod schema of the fund's branding: its name, contact line and logo (PNG or JPEG bytes). */
export const pdfFundSchema = z.object({
  name: z.string().max(100).nullable().default(null),
  contact: z.string().max(200).nullable().default(null),
  logo: z
    .custom<Uint8Array>((v) => v instanceof Uint8Array, "must be the logo's bytes")
    .nullable()
    .default(null),
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
  /** The probability's 95 % interval; null for a screening stored before it was computed. */
  probabilityInterval: z.object({ lower: z.number(), upper: z.number(), level: z.number() }).nullable().default(null),
  cutoff: z.number().gt(0).lt(1),
  targetGroup: targetGroupSchema,
  subgroup: subgroup.default(null),
  jobCentreReferral: z.boolean(),
  referralReasons: z.array(referralReasonSchema).default([]),
  factors: z.array(factorSchema),
  activities: z.array(suggestedActivitySchema),
  /** The member as screened (characteristics and Q2/Q10 answers), as printed. */
  member: pdfMemberSchema,
  /** The current (latest) assessment, if any. */
  correction: pdfCorrectionSchema.nullable().default(null),
  /** When the screening happened; null (a view built without it) leaves the line off. */
  timing: z
    .object({ occasion: occasionSchema, screeningDate: z.iso.date(), benefitPeriodStart: z.iso.date().nullable() })
    .nullable()
    .default(null),
  /** The assessments before the current one, oldest first. */
  earlierCorrections: z.array(pdfCorrectionSchema).default([]),
  /** Set when the current assessment changes the group: what the policy gives for the corrected group. */
  current: pdfCurrentSchema.nullable().default(null),
  /** The fund's branding for the header (FUND_NAME, FUND_CONTACT, FUND_LOGO_FILE). */
  fund: pdfFundSchema.prefault({}),
  /** When the PDF is printed; null leaves it off and keeps the file identical for the same screening. */
  printedAt: z.iso.datetime({ offset: true }).nullable().default(null),
});

/** What renderScreeningPdf takes (defaults not yet applied). */
export type ScreeningPdfView = z.input<typeof screeningPdfViewSchema>;
/** The view after validation. */
export type ValidScreeningPdfView = z.infer<typeof screeningPdfViewSchema>;
/** A caseworker's correction as the PDF shows it. */
export type PdfCorrection = z.input<typeof pdfCorrectionSchema>;
/** The current result after a correction, as the PDF takes it. */
export type PdfCurrent = z.input<typeof pdfCurrentSchema>;
/** The fund's branding as the PDF takes it. */
export type PdfFund = z.input<typeof pdfFundSchema>;
/** The member as the page prints it. */
export type PdfMember = z.infer<typeof pdfMemberSchema>;
