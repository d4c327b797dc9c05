/**
 * The member's characteristics and questionnaire answers as the API takes them: one zod schema, from
 * which validation, the TypeScript types and the OpenAPI document all come. Codes are those of
 * src/data/cohort/levels.ts. The mapping to the model's input columns is in modelInput.ts, and nowhere else.
 */
import { z } from 'zod';
import { EDUCATION_LEVELS, GENDERS, INDUSTRIES, ORIGINS, Q10_BARRIERS, Q2_ANSWERS, REGIONS } from '../../data/cohort/levels.js';
import { FEATURE_NAMES_DA } from '../../i18n/da.js';
import { municipalityByCode } from '../../data/cohort/municipalities.js';
import { DISCO_CODE_PATTERN, DISCO_CODE_RULE } from '../../data/discoCode.js';

/**
 * Plausibility: nobody under 13 may work in Denmark (Arbejdsmiljøloven), and ATP-based experience counts
 * from the year a member turns 16, so `age − 14` leaves a margin and refuses only what cannot be true
 * (`age: 20, experienceYears: 50`). Other cross-field limits were weighed and left out because they are
 * not certainly true: prior dagpenge hours against experience (the entitlement can stem from an earlier
 * membership and be resumed), earlier spells against age (spells may be short), a dimittend's age.
 */
const MIN_WORKING_AGE = 14;

/** The member's fields, each checked on its own. */
const memberFieldsSchema = z
  .object({
    age: z.number().int().min(15).max(100).describe('Age in whole years on the first day of the benefit period'),
    gender: z
      .enum(GENDERS)
      .nullable()
      .optional()
      .describe(
        "Sensitive. Optional. Not used by the bundled model; stored with the screening only so that the model's " +
          'calibration and error rates can be audited by gender (fairness audit). Never affects the result of a model ' +
          'trained without it.',
      ),
    experienceYears: z.number().min(0).max(60).describe('Years of work experience (ATP-based)'),
    education: z
      .enum(EDUCATION_LEVELS)
      .nullable()
      .describe('Highest completed education; null when unknown (common for immigrants), which the model treats as its own level'),
    fromSicknessBenefit: z.boolean().describe('Came to dagpenge directly from sickness benefit (sygedagpenge)'),
    priorDagpengeHours: z
      .number()
      .min(0)
      .max(10_000)
      .describe('Dagpenge hours already used of the current entitlement (37 hours = one week)'),
    earlierSpells: z.number().int().min(0).max(100).describe('Number of earlier benefit spells in the last 5 years'),
    municipality: z
      .string()
      .regex(/^\d{3}$/, 'must be a 3-digit municipality code')
      .refine((c) => municipalityByCode(c) !== undefined, 'is not a Danish municipality code')
      .nullable()
      .optional()
      .describe(
        'Municipality of residence, the official 3-digit code (e.g. "101" København); the region is derived from it when not given',
      ),
    region: z.enum(REGIONS).nullable().optional().describe('Region of residence; may be left out when `municipality` is given'),
    origin: z
      .enum(ORIGINS)
      .nullable()
      .optional()
      .describe(
        'Sensitive ("herkomst"). Optional. Not used by the bundled model; stored with the screening only for the fairness audit ' +
          '(calibration and error rates by origin).',
      ),
    discoCode: z
      .string({
        // A number cannot carry the leading zero of major group 0 (210 for "0210"): say so rather than "expected string".
        error: (issue) =>
          typeof issue.input === 'number' ? `must be a string, not a number: ${DISCO_CODE_RULE} ("0210", not 210)` : undefined,
      })
      .regex(DISCO_CODE_PATTERN, `must be a DISCO-08 code: ${DISCO_CODE_RULE} ("0210", not "210")`)
      .nullable()
      .describe(
        'DISCO-08 code of the last occupation: 4 digits, or 6 (the Danish job-function level), as a string with its leading zero ' +
          '("0210", not "210" or 210). The model uses its first digit, the major group; null when unknown',
      ),
    industry: z.enum(INDUSTRIES).nullable().describe('Industry (branche) of the last employer, DB07 10-group; null when unknown'),
    dimittend: z.boolean().describe('New graduate on the dimittend rate'),
    previousIncome: z.number().min(0).max(100_000_000).describe('Income from work in the year before, DKK'),
    childrenAtHome: z.boolean().describe('Children under 18 living at home'),
    jobGoalWithinTradeAreas: z
      .boolean()
      .nullable()
      .optional()
      .describe(
        "Whether the member's primary job goal lies within the fund's own trade areas. Not a model input: in målgruppe 2 it " +
          'decides the subgroup (true → 2a, false → 2b "brancheskiftere"); left out, no subgroup is given',
      ),
  })
  .strict();

/** The region must be given or derivable, and agree with the municipality. */
function regionRule(m: z.infer<typeof memberFieldsSchema>, ctx: z.RefinementCtx): void {
  const municipality = m.municipality ?? null;
  const region = m.region ?? null;
  if (municipality === null && region === null) {
    ctx.addIssue({ code: 'custom', path: ['region'], message: 'give the region or the municipality' });
    return;
  }
  const derived = municipality === null ? undefined : municipalityByCode(municipality)?.region;
  if (region !== null && derived !== undefined && derived !== region) {
    ctx.addIssue({ code: 'custom', path: ['region'], message: `does not match the municipality (which is in ${derived})` });
  }
}

/** Zod schema of the member's characteristics (register data, or as the caseworker records them). */
export const memberSchema = memberFieldsSchema
  .superRefine((m, ctx) => {
    if (m.experienceYears > m.age - MIN_WORKING_AGE) {
      ctx.addIssue({
        code: 'custom',
        path: ['experienceYears'],
        message: `is more than age − ${MIN_WORKING_AGE} (${m.age - MIN_WORKING_AGE} years), which no member can have`,
      });
    }
  })
  .superRefine(regionRule)
  .describe("The member's characteristics")
  .meta({ id: 'Member' });

/** The member's characteristics. */
export type Member = z.infer<typeof memberSchema>;

/** Zod schema of the answers to Jobnet's forberedelsesskema questions 2 and 10 (or as recorded at the interview). */
export const questionnaireSchema = z
  .object({
    q2JobExpectation: z.enum(Q2_ANSWERS).describe(`Q2 "${FEATURE_NAMES_DA.q2_job_expectation}"`),
    q10HasBarriers: z.boolean().describe(`Q10 "${FEATURE_NAMES_DA.q10_barriers}" (yes/no)`),
    q10Barriers: z
      .array(z.enum(Q10_BARRIERS))
      .max(Q10_BARRIERS.length)
      .default([])
      .describe('Q10 follow-up: the barriers ticked; empty when the answer is no'),
  })
  .strict()
  .superRefine((q, ctx) => {
    if (!q.q10HasBarriers && q.q10Barriers.length > 0) {
      ctx.addIssue({ code: 'custom', path: ['q10Barriers'], message: 'must be empty when q10HasBarriers is false' });
    }
    if (new Set(q.q10Barriers).size !== q.q10Barriers.length) {
      ctx.addIssue({ code: 'custom', path: ['q10Barriers'], message: 'lists a barrier twice' });
    }
  })
  .describe('Answers to questions 2 and 10 of the forberedelsesskema')
  .meta({ id: 'Questionnaire' });

/** The questionnaire answers. */
export type Questionnaire = z.infer<typeof questionnaireSchema>;

/** Zod schema of what is scored: the member and the answers. */
export const memberInputSchema = z.object({ member: memberSchema, questionnaire: questionnaireSchema }).strict();

/**
 * The member of a stored screening: held to the rules it was stored under, so the plausibility rule
 * and the 4-or-6-digit DISCO-08 rule, which came later, cannot make a screening accepted before them
 * unreadable (a code of 1 to 6 digits was accepted until then).
 */
export const storedMemberSchema = memberFieldsSchema
  .extend({
    discoCode: z
      .string()
      .regex(/^\d{1,6}$/, 'must be a DISCO-08 code of 1 to 6 digits')
      .nullable()
      .describe('DISCO-08 code of the last occupation as stored: 4 or 6 digits, or 1 to 6 digits in screenings stored before that rule'),
  })
  .superRefine(regionRule)
  .describe("The member's characteristics, as stored with the screening")
  .meta({ id: 'StoredMember' });

/** What is re-read from a stored screening, under the rules it was stored under (see storedMemberSchema). */
export const storedMemberInputSchema = z.object({ member: storedMemberSchema, questionnaire: questionnaireSchema }).strict();

/**
 * A complete example member and answers, shown in the API documentation ("Try it out" works with it).
 * The sensitive fields (gender, origin) are left out: the documentation shows what a fund should send
 * by default, and they are optional.
 */
export const EXAMPLE_MEMBER_INPUT: MemberInput = {
  member: {
    age: 57,
    experienceYears: 20,
    education: 'grundskole',
    fromSicknessBenefit: true,
    priorDagpengeHours: 800,
    earlierSpells: 3,
    municipality: '101',
    discoCode: '9112',
    industry: 'handel_transport',
    dimittend: false,
    previousIncome: 250000,
    childrenAtHome: false,
    jobGoalWithinTradeAreas: true,
  },
  questionnaire: { q2JobExpectation: 'over_6_maaneder', q10HasBarriers: true, q10Barriers: ['fysisk_helbred', 'laese_skrive_regne'] },
};

/** What is scored. */
export type MemberInput = z.infer<typeof memberInputSchema>;
