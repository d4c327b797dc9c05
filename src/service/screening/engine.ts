/**
 * The service's use of src/screening: the API's validated member is screened as it is (its model record
 * built and encoded once, see screenMemberInput) under the configured policy, and a member that cannot be
 * scored comes back as field errors in the API's own field names.
 */
import type { MemberInput } from '../../screening/member/memberSchema.js';
import { apiFieldOfColumn } from '../../screening/member/modelInput.js';
import type { LoadedModel } from '../models/modelRegistry.js';
import type { FieldError } from '../problem.js';
import {
  scoreMemberInput,
  ScreeningInputError,
  screenMemberInput,
  type ScreeningOutcome,
  type ScreeningScore,
} from '../../screening/screeningResult.js';
import type { ScreeningPolicy } from '../../screening/policy.js';

export type { ScreeningOutcome } from '../../screening/screeningResult.js';
export type { ScreeningPolicy } from '../../screening/policy.js';

/** Screens one member with a model under the policy; field errors name the API's fields (member.age). */
export function screenMember(model: LoadedModel, input: MemberInput, policy: ScreeningPolicy): Screened<ScreeningOutcome> {
  return withFieldErrors(() => screenMemberInput(model.scorer, input, policy));
}

/** Scores one member (probability, group, referral) without the explanation and activities. */
export function scoreMember(model: LoadedModel, input: MemberInput, policy: ScreeningPolicy): Screened<ScreeningScore> {
  return withFieldErrors(() => scoreMemberInput(model.scorer, input, policy));
}

/** A screening result, or the API fields that prevented it. */
export type Screened<T> = { ok: true; outcome: T } | { ok: false; errors: FieldError[] };

function withFieldErrors<T>(screen: () => T): Screened<T> {
  try {
    return { ok: true, outcome: screen() };
  } catch (err) {
    if (!(err instanceof ScreeningInputError)) throw err;
    return { ok: false, errors: err.problems.map((p) => ({ field: apiFieldOfColumn(p.field), reason: p.reason })) };
  }
}
