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
import type { ShadowScore } from '../../storage/repository.js';

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

/**
 * The shadow model's score of a member for storage beside the screening, or why it could not score
 * (an unscorable member or a failing model must never fail the screening itself).
 */
export function shadowScore(
  model: LoadedModel,
  input: MemberInput,
  policy: ScreeningPolicy,
): { ok: true; score: ShadowScore } | { ok: false; outcome: 'unscorable' | 'error'; reason: string } {
  try {
    const r = scoreMember(model, input, policy);
    if (!r.ok) return { ok: false, outcome: 'unscorable', reason: r.errors.map((e) => `${e.field}: ${e.reason}`).join('; ') };
    const { probability, linearPredictor, targetGroup } = r.outcome;
    return { ok: true, score: { modelVersion: model.version, probability, linearPredictor, targetGroup } };
  } catch (err) {
    return { ok: false, outcome: 'error', reason: (err as Error).message };
  }
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
