/**
 * Why a caseworker assessed the member as they did, from a fixed list so that assessments can be
 * counted by reason; `andet` says it with the comment. Danish labels: ASSESSMENT_REASONS_DA in
 * src/i18n/da.ts. Used by the PDF, storage and the API.
 */
import { z } from 'zod';

/** The reasons, in the order a form lists them. */
export const ASSESSMENT_REASONS = [
  'kendskab_til_helbred',
  'jobtilbud_i_sigte',
  'oensker_brancheskift',
  'sprog',
  'enig_i_vurderingen',
  'andet',
] as const;

/** Zod schema of an assessment's reason. */
export const assessmentReasonSchema = z.enum(ASSESSMENT_REASONS);
/** An assessment's reason. */
export type AssessmentReason = z.infer<typeof assessmentReasonSchema>;
