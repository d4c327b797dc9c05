/**
 * The service's use of src/screening: the API's member becomes the model's input record (modelInput.ts),
 * buildScreeningResult scores and explains it under the configured policy, and a member that cannot be
 * scored comes back as field errors in the API's own field names.
 */
import type { MemberInput } from '../../screening/member/memberSchema.js';
import { apiFieldOfColumn, toModelRecord } from '../../screening/member/modelInput.js';
import type { LoadedModel } from '../models/modelRegistry.js';
import type { FieldError } from '../problem.js';
import { buildScreeningResult, scoreForScreening, ScreeningInputError, type ScreeningOutcome, type ScreeningScore } from '../../screening/screeningResult.js';
import type { ScreeningPolicy } from '../../screening/policy.js';

export type { ScreeningOutcome } from '../../screening/screeningResult.js';
export type { ScreeningPolicy } from '../../screening/policy.js';

/** Screens one member with a model under the policy; field errors name the API's fields (member.age). */
export function screenMember(model: LoadedModel, input: MemberInput, policy: ScreeningPolicy): Screened<ScreeningOutcome> {
  return withFieldErrors(() => buildScreeningResult(model.scorer, toModelRecord(input), policy, screeningOptions(input)));
}

/** Scores one member (probability, group, referral) without the explanation and activities. */
export function scoreMember(model: LoadedModel, input: MemberInput, policy: ScreeningPolicy): Screened<ScreeningScore> {
  return withFieldErrors(() => scoreForScreening(model.scorer, toModelRecord(input), policy, screeningOptions(input)));
}

/** A screening result, or the API fields that prevented it. */
export type Screened<T> = { ok: true; outcome: T } | { ok: false; errors: FieldError[] };

function screeningOptions(input: MemberInput) {
  const jobGoal = input.member.jobGoalWithinTradeAreas;
  return jobGoal == null ? {} : { jobGoalWithinTradeAreas: jobGoal };
}

function withFieldErrors<T>(screen: () => T): Screened<T> {
  try {
    return { ok: true, outcome: screen() };
  } catch (err) {
    if (!(err instanceof ScreeningInputError)) throw err;
    return { ok: false, errors: err.problems.map((p) => ({ field: apiFieldOfColumn(p.field), reason: p.reason })) };
  }
}
