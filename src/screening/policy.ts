/**
 * The screening policy: everything about a screening result that is the fund's choice rather than the
 * model's — the job-centre referral rule, the activity table, how many factors to show — in one
 * validated object. The default lives here; a fund loads an override from JSON with
 * {@link loadScreeningPolicy}. docs/screening-policy.md documents the rules in prose.
 *
 * Override semantics: `version` is required (it is recorded with every screening, so a result can be
 * traced to the rules that produced it). Sections left out keep their defaults; a section that is
 * given replaces the default section entirely (rule lists are not merged), so the file says all
 * there is to know about its rules.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { MEMBER_SUMMARY_FORBIDDEN_WORDS } from '../i18n/da.js';
import { ACTIVITY_TEXTS_DA } from '../i18n/daActivities.js';
import { conditionSchema } from './conditions.js';

const code = (what: string) =>
  z
    .string()
    .min(1)
    .max(64)
    .regex(/^[a-z0-9][a-z0-9_-]*$/, `${what} must be lowercase letters, digits, "_" and "-"`);

/** Zod schema of a referral rule: when its condition holds the member is flagged for the job centre. */
export const referralRuleSchema = z
  .object({
    id: code('a rule id'),
    when: conditionSchema,
    /** Danish reason shown to the caseworker; by default written from the matched condition. */
    reason: z.string().min(1).max(300).optional(),
  })
  .strict();

/** Zod schema of an activity rule: when its condition holds the listed activities are suggested. */
export const activityRuleSchema = z
  .object({
    id: code('a rule id'),
    when: conditionSchema,
    suggest: z.array(code('an activity code')).min(1, 'must suggest at least one activity'),
    /** Danish reason shown to the caseworker; by default written from the matched condition. */
    reason: z.string().min(1).max(300).optional(),
  })
  .strict();

/** Zod schema of a catalogue entry; built-in codes take their texts from i18n/daActivities.ts unless given here. */
export const catalogueEntrySchema = z
  .object({
    code: code('an activity code'),
    title: z.string().min(1).max(120).optional(),
    description: z.string().min(1).max(400).optional(),
    memberText: z.string().min(1).max(200).optional(),
  })
  .strict();

type PolicySections = {
  referral: { rules: z.input<typeof referralRuleSchema>[] };
  activities: { catalogue: z.input<typeof catalogueEntrySchema>[]; rules: z.input<typeof activityRuleSchema>[] };
};

/** The default referral rule: "members with complex problems are referred to the job centre". */
const DEFAULT_REFERRAL: PolicySections['referral'] = {
  rules: [
    { id: 'misbrug', when: { anyBarriers: ['misbrug'] } },
    { id: 'psykisk_helbred', when: { anyBarriers: ['psykisk_helbred'] } },
    { id: 'personlige_sociale_maalgruppe_2', when: { anyBarriers: ['personlige_sociale'], targetGroups: [2] } },
  ],
};

/** The default activity table; the catalogue order is the order suggestions are listed in. */
const DEFAULT_ACTIVITIES: PolicySections['activities'] = {
  catalogue: (Object.keys(ACTIVITY_TEXTS_DA) as (keyof typeof ACTIVITY_TEXTS_DA)[]).map((c) => ({ code: c })),
  rules: [
    { id: 'alle', when: {}, suggest: ['jobformidling'] },
    { id: 'maalgruppe_2', when: { targetGroups: [2] }, suggest: ['fokussamtaler', 'webinarer', 'temamoeder', 'virksomhedsrettet_tilbud'] },
    { id: 'laese_skrive_regne', when: { anyBarriers: ['laese_skrive_regne'] }, suggest: ['laese_skrive_regnetest', 'fvu'] },
    { id: 'it', when: { anyBarriers: ['it'] }, suggest: ['it_kursus'] },
    { id: 'sprog', when: { anyBarriers: ['sprog'] }, suggest: ['danskundervisning'] },
    { id: 'brancheskift_2b', when: { subgroups: ['2b'] }, suggest: ['brancheskift_vejledning', 'sporskifte', 'jobrettet_uddannelse'] },
    { id: 'dimittend', when: { dimittend: true }, suggest: ['trainee_forloeb'] },
    { id: 'fra_sygedagpenge', when: { fromSicknessBenefit: true }, suggest: ['realkompetencevurdering', 'voksenlaerling'] },
    { id: 'ufaglaert_25_maalgruppe_2', when: { targetGroups: [2], educations: ['grundskole'], minAge: 25 }, suggest: ['voksenlaerling'] },
    { id: 'henvisning', when: { referred: true }, suggest: ['henvisning_jobcenter'] },
  ],
};

/** Zod schema of a screening policy (the default and any override file). */
export const screeningPolicySchema = z
  .object({
    /** Name and version of the rules, recorded with every screening. */
    version: z
      .string({
        error: (issue) =>
          issue.input === undefined
            ? 'is required: name this policy (e.g. "fund-2027.1") so every screening records which rules produced it'
            : undefined,
      })
      .min(1)
      .max(100)
      .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'letters, digits, ".", "_" and "-"'),
    /** Use this cut-off instead of the model's (null: the model's `cutoff.probability`). Prefer publishing a model with the wanted cut-off. */
    cutoffOverride: z.number().gt(0).lt(1).nullable().default(null),
    factors: z
      .object({
        /** How many raising and how many lowering factors to return. */
        count: z.number().int().min(1).max(5).default(3),
        /** Factors smaller than this on the log-odds scale are left out (0.05 ≈ a 5 % change in the odds). */
        minAbsContribution: z.number().min(0).max(5).default(0.05),
      })
      .strict()
      .prefault({}),
    referral: z
      .object({ rules: z.array(referralRuleSchema).max(50) })
      .strict()
      .prefault(DEFAULT_REFERRAL),
    activities: z
      .object({
        catalogue: z.array(catalogueEntrySchema).min(1).max(20),
        rules: z.array(activityRuleSchema).max(100),
      })
      .strict()
      .prefault(DEFAULT_ACTIVITIES),
  })
  .strict()
  .superRefine((p, ctx) => {
    const duplicates = (values: string[], path: (i: number) => (string | number)[], what: string) => {
      const seen = new Set<string>();
      values.forEach((v, i) => {
        if (seen.has(v)) ctx.addIssue({ code: 'custom', path: path(i), message: `${what} "${v}" is given twice` });
        seen.add(v);
      });
    };
    duplicates(
      p.referral.rules.map((r) => r.id),
      (i) => ['referral', 'rules', i, 'id'],
      'rule id',
    );
    duplicates(
      p.activities.rules.map((r) => r.id),
      (i) => ['activities', 'rules', i, 'id'],
      'rule id',
    );
    duplicates(
      p.activities.catalogue.map((a) => a.code),
      (i) => ['activities', 'catalogue', i, 'code'],
      'activity',
    );
    p.referral.rules.forEach((r, i) => {
      if (r.when.referred !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['referral', 'rules', i, 'when', 'referred'],
          message: 'a referral rule cannot depend on the referral itself',
        });
      }
    });
    const catalogue = new Set(p.activities.catalogue.map((a) => a.code));
    p.activities.rules.forEach((r, i) =>
      r.suggest.forEach((c, j) => {
        if (!catalogue.has(c)) {
          ctx.addIssue({
            code: 'custom',
            path: ['activities', 'rules', i, 'suggest', j],
            message: `unknown activity "${c}": add it to activities.catalogue`,
          });
        }
      }),
    );
    p.activities.catalogue.forEach((a, i) => {
      // The member summary is built from these texts; it must not speak of risk or probability.
      const forbidden = MEMBER_SUMMARY_FORBIDDEN_WORDS.find((w) => a.memberText?.toLowerCase().includes(w));
      if (forbidden) {
        ctx.addIssue({
          code: 'custom',
          path: ['activities', 'catalogue', i, 'memberText'],
          message: `a member may read this text; it must not contain "${forbidden}"`,
        });
      }
      if (a.code in ACTIVITY_TEXTS_DA) return;
      for (const field of ['title', 'description', 'memberText'] as const) {
        if (a[field] === undefined) {
          ctx.addIssue({
            code: 'custom',
            path: ['activities', 'catalogue', i, field],
            message: `is required for "${a.code}", which is not a built-in activity`,
          });
        }
      }
    });
  });

/** A validated screening policy. */
export type ScreeningPolicy = z.infer<typeof screeningPolicySchema>;
/** A screening policy as written in JSON (defaults not yet applied). */
export type ScreeningPolicyInput = z.input<typeof screeningPolicySchema>;
/** A referral rule. */
export type ReferralRule = z.infer<typeof referralRuleSchema>;
/** An activity rule. */
export type ActivityRule = z.infer<typeof activityRuleSchema>;
/** A catalogue entry. */
export type CatalogueEntry = z.infer<typeof catalogueEntrySchema>;

/** Version of the built-in policy; bump it whenever a default rule or text of the table changes. */
export const DEFAULT_POLICY_VERSION = 'standard-2026.11';

/** The built-in policy: the model's cut-off, the referral rule and activity table above, 3 factors each way. */
export const DEFAULT_SCREENING_POLICY: ScreeningPolicy = screeningPolicySchema.parse({ version: DEFAULT_POLICY_VERSION });

/** A policy that failed validation; `issues` lists every problem with its JSON path. */
export class ScreeningPolicyError extends Error {
  readonly issues: { path: string; message: string }[];

  constructor(source: string, issues: { path: string; message: string }[]) {
    super(`invalid screening policy (${source}):\n` + issues.map((i) => `  ${i.path}: ${i.message}`).join('\n'));
    this.name = 'ScreeningPolicyError';
    this.issues = issues;
  }
}

/** Validates parsed JSON as a screening policy, applying defaults; throws a ScreeningPolicyError listing all problems. */
export function parseScreeningPolicy(json: unknown, source = 'policy'): ScreeningPolicy {
  const result = screeningPolicySchema.safeParse(json);
  if (result.success) return result.data;
  throw new ScreeningPolicyError(
    source,
    result.error.issues.map((i) => ({ path: i.path.length > 0 ? i.path.join('.') : '(top level)', message: i.message })),
  );
}

/** Reads a policy override file (JSON) and validates it. */
export async function loadScreeningPolicy(file: string): Promise<ScreeningPolicy> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new ScreeningPolicyError(file, [
      { path: '(file)', message: code === 'ENOENT' ? 'file not found' : `cannot read the file (${code})` },
    ]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new ScreeningPolicyError(file, [{ path: '(file)', message: `not valid JSON: ${(err as Error).message}` }]);
  }
  return parseScreeningPolicy(json, file);
}
