/**
 * How a screening is kept in the repository and turned back into the API's view. The repository
 * stores `factors` and `activities` as JSON arrays; the referral's rule and reasons travel in the
 * activities array as a tagged entry, so the stored row holds everything that was shown.
 */
import { z } from 'zod';
import type { NewScreening, ScreeningWithAssessments } from '../../storage/repository.js';
import { memberInputSchema, type MemberInput } from '../member/memberSchema.js';
import type { ModelRegistry } from '../models/modelRegistry.js';
import { activitySchema, factorSchema, referralSchema, type ScreeningResponse, type StatisticalResult } from '../schemas/screening.js';
import type { ScreeningOutcome } from './engine.js';

const storedFactorSchema = factorSchema.extend({ direction: z.enum(['raising', 'lowering']) });
const storedActivityEntrySchema = z.discriminatedUnion('kind', [
  activitySchema.extend({ kind: z.literal('activity') }),
  referralSchema.extend({ kind: z.literal('jobCentreReferral') }),
]);

/** Raised when a stored screening cannot be read back in the shape this version writes. */
export class StoredScreeningError extends Error {}

/** The statistical result as the API shows it, for a model version. */
export function statisticalResult(modelVersion: string, simulatedModel: boolean, o: ScreeningOutcome): StatisticalResult {
  return {
    modelVersion,
    simulatedModel,
    probability: o.probability,
    linearPredictor: o.linearPredictor,
    targetGroup: o.targetGroup,
    subgroup: o.subgroup,
    jobCentreReferral: o.jobCentreReferral,
    factors: o.factors,
    activities: o.activities,
  };
}

/** The record to store for a screening just computed. */
export function toNewScreening(citizenKey: string, modelVersion: string, input: MemberInput, o: ScreeningOutcome, caseworkerId: string | null): NewScreening {
  return {
    citizenKey,
    modelVersion,
    input: JSON.parse(JSON.stringify(input)),
    probability: o.probability,
    linearPredictor: o.linearPredictor,
    targetGroup: o.targetGroup,
    subgroup: o.subgroup,
    jobCentreReferral: o.jobCentreReferral.referred,
    factors: [
      ...o.factors.raising.map((f) => ({ ...f, direction: 'raising' as const })),
      ...o.factors.lowering.map((f) => ({ ...f, direction: 'lowering' as const })),
    ],
    activities: [{ kind: 'jobCentreReferral', ...o.jobCentreReferral }, ...o.activities.map((a) => ({ kind: 'activity', ...a }))],
    caseworkerId,
  };
}

/** A stored screening with its assessments as the API shows it. */
export function toScreeningResponse(stored: ScreeningWithAssessments, models: ModelRegistry): ScreeningResponse {
  const s = stored.screening;
  const input = memberInputSchema.safeParse(s.input);
  const factors = z.array(storedFactorSchema).safeParse(s.factors);
  const entries = z.array(storedActivityEntrySchema).safeParse(s.activities);
  if (!input.success || !factors.success || !entries.success) {
    throw new StoredScreeningError(`stored screening ${s.id} does not have the shape this version writes`);
  }
  const referral = entries.data.find((e) => e.kind === 'jobCentreReferral');
  const current = stored.currentAssessment;
  const strip = <T extends { direction?: unknown; kind?: unknown }>({ direction: _d, kind: _k, ...rest }: T) => rest;
  return {
    id: s.id,
    createdAt: s.createdAt,
    modelVersion: s.modelVersion,
    // A model no longer loaded is assumed simulated: it cannot be shown to be otherwise.
    simulatedModel: models.get(s.modelVersion)?.artifact.simulatedData ?? true,
    probability: s.probability,
    linearPredictor: s.linearPredictor,
    targetGroup: s.targetGroup,
    subgroup: s.subgroup,
    jobCentreReferral: referral
      ? { referred: referral.referred, rule: referral.rule, reasons: referral.reasons }
      : { referred: s.jobCentreReferral, rule: '', reasons: [] },
    factors: {
      raising: factors.data.filter((f) => f.direction === 'raising').map(strip),
      lowering: factors.data.filter((f) => f.direction === 'lowering').map(strip),
    },
    activities: entries.data.filter((e) => e.kind === 'activity').map(strip) as ScreeningResponse['activities'],
    caseworkerId: s.caseworkerId,
    clientId: s.clientId,
    member: input.data.member,
    questionnaire: input.data.questionnaire,
    assessment: current,
    assessments: stored.assessments,
    currentTargetGroup: current?.correctedTargetGroup ?? s.targetGroup,
    currentSubgroup: current ? current.correctedSubgroup : s.subgroup,
  };
}
