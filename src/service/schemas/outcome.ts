/**
 * The API's outcome of a benefit period (issue 9.2): the follow-up statuses at 13 and 26 weeks and the
 * 52-week outcome, given (long-term yes/no) or as the weekly dagpenge hours from which the service
 * computes it with `ledighedsprofil label`'s rule. Hours are checked by the rule's own parsers after
 * this schema, so a malformed week or hours value is a 422 naming its index and field.
 */
import { z } from 'zod';
import { calendarDateSchema } from '../../screening/occasion.js';
import { FOLLOW_UP_STATUSES, followUpStatusSchema } from '../../storage/records.js';
import { cprSchema, FICTITIOUS_CPR } from './cpr.js';

/** Most records in one batch; the batch route's body limit is sized for this many with a year of weeks each. */
export const OUTCOME_BATCH_LIMIT = 10_000;

/** Most weeks sent for one period (ten years: more than any window needs). */
const MAX_WEEKS = 520;

const yearWeekSchema = z
  .union([z.string().max(10), z.number().int().min(0).max(999_999)])
  .describe('ISO year and week, YYYYWW (text or a whole number), e.g. 202603')
  .meta({ example: '202603' });

/** Zod schema of one week of dagpenge hours as the DUR register delivers it. */
const weekHoursSchema = z
  .object({
    week: yearWeekSchema,
    hours: z
      .union([z.string().max(40), z.number()])
      .describe('Dagpenge hours paid that week, 0–37, a plain decimal (37, 12.5); a week left out counts as 0 hours')
      .meta({ example: 37 }),
  })
  .strict();

const statusField = (week: 13 | 26) =>
  followUpStatusSchema
    .nullable()
    .optional()
    .describe(`The member's status at the ${week}-week follow-up: ${FOLLOW_UP_STATUSES.join(', ')}; left out: not given in this record`);

/** The fields of one outcome record, shared by the single and the batch operation. */
export const outcomeFields = {
  benefitPeriodStart: calendarDateSchema.describe(
    'The first day of the benefit period (YYYY-MM-DD), as on the screenings of the period: it names the period',
  ),
  statusWeek13: statusField(13),
  statusWeek26: statusField(26),
  longTerm: z
    .boolean()
    .nullable()
    .optional()
    .describe('The 52-week outcome as the fund has it: true when on dagpenge for at least 80 % of the 52 weeks. Not with weeklyHours'),
  weeklyHours: z
    .array(weekHoursSchema)
    .max(MAX_WEEKS)
    .optional()
    .describe(
      'The weekly dagpenge hours; the service computes the 52-week outcome as `ledighedsprofil label` does (≥ 1,539.2 hours in the 52 weeks from the ISO week of benefitPeriodStart), and stores it as pending while the 52 weeks are not over by hoursThroughWeek. Not with longTerm',
    ),
  hoursThroughWeek: yearWeekSchema
    .optional()
    .describe('The last ISO week the extract covers (YYYYWW); default: the last week sent (in a batch: the last week of the whole batch)'),
  correction: z
    .boolean()
    .optional()
    .describe('Replace a different outcome already recorded (a new revision; the history is kept). Needs correctionReason'),
  correctionReason: z
    .string()
    .min(1)
    .max(2000)
    .optional()
    .describe('Why the earlier outcome was wrong (sealed at rest; must not contain CPR numbers)'),
};

const outcomeRules = <
  T extends z.ZodType<{ longTerm?: boolean | null; weeklyHours?: unknown; correction?: boolean; correctionReason?: string }>,
>(
  schema: T,
) =>
  schema
    .refine((o) => o.longTerm == null || o.weeklyHours === undefined, {
      message: 'give the 52-week outcome either as longTerm or as weeklyHours, not both',
      path: ['weeklyHours'],
    })
    .refine((o) => o.correction !== true || (o.correctionReason ?? '').trim() !== '', {
      message: 'a correction needs a correctionReason',
      path: ['correctionReason'],
    });

/** Zod schema of one outcome (the CPR number travels in the X-Civil-Registration-Identifier header). */
export const outcomeBodySchema = outcomeRules(z.object(outcomeFields).strict()).meta({
  id: 'OutcomeRequest',
  example: {
    benefitPeriodStart: '2026-01-05',
    statusWeek13: 'on_dagpenge',
    statusWeek26: 'in_work',
    weeklyHours: [
      { week: '202602', hours: 37 },
      { week: '202603', hours: 37 },
      { week: '202604', hours: 18.5 },
    ],
    hoursThroughWeek: '202701',
  },
});

/** An outcome as the API receives it. */
export type OutcomeBody = z.infer<typeof outcomeBodySchema>;

/** Zod schema of one record of a batch: the outcome and the member's CPR number (never echoed or logged). */
export const outcomeBatchItemSchema = outcomeRules(z.object({ cpr: cprSchema, ...outcomeFields }).strict());

/** Zod schema of a batch: a JSON array of records, stored all or nothing. */
export const outcomeBatchBodySchema = z
  .array(outcomeBatchItemSchema)
  .min(1)
  .max(OUTCOME_BATCH_LIMIT)
  .meta({
    id: 'OutcomeBatchRequest',
    example: [
      { cpr: FICTITIOUS_CPR, benefitPeriodStart: '2025-01-06', statusWeek13: 'on_dagpenge', statusWeek26: 'on_dagpenge', longTerm: true },
      { cpr: FICTITIOUS_CPR, benefitPeriodStart: '2025-02-03', statusWeek13: 'in_work', weeklyHours: [{ week: '202506', hours: 37 }] },
    ],
  });

/** Zod schema of a stored outcome revision as the API shows it (never the CPR number or the citizen key). */
export const outcomeResponseSchema = z
  .object({
    id: z.uuid(),
    benefitPeriodStart: z.iso.date(),
    revision: z.number().int().min(1).max(1_000_000).describe('1 for the period’s first record; the highest is the current outcome'),
    createdAt: z.string(),
    statusWeek13: followUpStatusSchema.nullable(),
    statusWeek26: followUpStatusSchema.nullable(),
    longTermState: z
      .enum(['known', 'pending', 'not_given'])
      .describe(
        'known: longTerm holds the outcome; pending: the 52 weeks are not over (censored, not "no"); not_given: no 52-week outcome yet',
      ),
    longTerm: z.boolean().nullable(),
    longTermSource: z.enum(['given', 'hours']).nullable(),
    labelCode: z.string().nullable().describe('The rule that computed the label from hours'),
    benefitHours: z.number().nullable().describe('Hours in the 52-week window (from hours)'),
    weeksReported: z.number().int().min(0).max(10_000).nullable().describe('Weeks sent that fall inside the window (from hours)'),
    weeklyHours: z.array(z.object({ week: z.string(), hours: z.string() })).nullable(),
    hoursThroughWeek: z.string().nullable(),
    correctionReason: z.string().nullable(),
    clientId: z.string(),
  })
  .meta({ id: 'Outcome' });

/** Zod schema of a batch's answer: counts, and per record its index, what happened and the resulting state. */
export const outcomeBatchResponseSchema = z
  .object({
    records: z.number().int().min(0).max(10_000),
    created: z.number().int().min(0).max(10_000).describe('Periods that got their first outcome'),
    updated: z
      .number()
      .int()
      .min(0)
      .max(10_000)
      .describe('New revisions that add to the current outcome (a status given, a pending outcome now known)'),
    corrected: z.number().int().min(0).max(10_000).describe('New revisions sent as corrections'),
    unchanged: z.number().int().min(0).max(10_000).describe('Records equal to the current outcome: nothing stored'),
    results: z.array(
      z.object({
        index: z.number().int().min(0).max(10_000),
        status: z.enum(['created', 'updated', 'corrected', 'unchanged']),
        revision: z.number().int().min(1).max(1_000_000),
        longTermState: z.enum(['known', 'pending', 'not_given']),
        longTerm: z.boolean().nullable(),
      }),
    ),
  })
  .meta({ id: 'OutcomeBatchResult' });
