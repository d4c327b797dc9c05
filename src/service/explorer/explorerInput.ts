/**
 * What the explorer's public scoring operation accepts: one member as POST /v1/score takes it, minus
 * everything personal. The member schema is strict, so a `cpr` field (or any other unknown field) is
 * refused, and none of its text fields admits ten digits (municipality: 3, DISCO-08: 4 or 6), so no CPR
 * number can be sent in one; the sensitive fields gender and origin, which the model does not use, are
 * refused as well, so the page never receives special-category data.
 */
import { EXAMPLE_MEMBER_INPUT, memberInputSchema, type MemberInput } from '../../screening/member/memberSchema.js';

/** The sensitive member fields the explorer refuses. */
const SENSITIVE_FIELDS = ['gender', 'origin'] as const;

/** The example member without its sensitive fields and with its region instead of a municipality: the form's first state. */
export const EXPLORER_DEFAULT_INPUT: MemberInput = (() => {
  const { gender: _gender, origin: _origin, municipality: _municipality, ...member } = EXAMPLE_MEMBER_INPUT.member;
  return { member: { ...member, region: 'hovedstaden' }, questionnaire: EXAMPLE_MEMBER_INPUT.questionnaire };
})();

/** Zod schema of the explorer's request: one member, no CPR number, no gender or origin. */
export const explorerScoreBodySchema = memberInputSchema
  .superRefine((input, ctx) => {
    for (const name of SENSITIVE_FIELDS) {
      if (input.member[name] !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['member', name],
          message: 'is sensitive personal data, which the public explorer does not take (the model does not use it)',
        });
      }
    }
  })
  .describe('One member as POST /v1/score takes it, without CPR number, gender or origin')
  .meta({ id: 'ExplorerScoreRequest', example: EXPLORER_DEFAULT_INPUT });
