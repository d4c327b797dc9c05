import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ASSESSMENT_REASONS, assessmentReasonSchema } from '../../../../screening/assessmentReason.js';
import { subgroupSchema, targetGroupSchema } from '../../../../screening/targetGroup.js';
import { caseworkerIdSchema } from '../../../../storage/records.js';
import { readContext, writeContext } from '../../../plugins/audit.js';
import { HttpProblem } from '../../../problem.js';
import { screenMember, shadowScore } from '../../../screening/engine.js';
import { createdScreeningResponse, timingForStorage, toNewScreening, toScreeningResponse } from '../../../screening/storedScreening.js';
import { assessmentSchema, createScreeningBodySchema, screeningResponseSchema } from '../../../schemas/screening.js';
import { AUTH_PROBLEMS, idempotencyHeadersSchema, json, problem, PROBLEMS, requireFundRole, SECURITY } from '../../common.js';

const idParams = z.object({
  id: z
    .uuid('must be a screening id (a UUID)')
    .describe("The screening's id, as createScreening answers it")
    .meta({ example: '3f2b8c1e-6d4a-4f5e-9a7b-2c1d0e9f8a76' }),
});

/** Zod schema of a caseworker's assessment. */
export const assessmentBodySchema = z
  .object({
    correctedTargetGroup: targetGroupSchema.describe('The target group the caseworker decides on'),
    correctedSubgroup: subgroupSchema.nullable().optional().describe('Within group 2: 2a or 2b'),
    reason: assessmentReasonSchema.describe(
      `Why the caseworker assesses the member so, from a fixed list (counted in the metrics): ${ASSESSMENT_REASONS.join(', ')}; \`andet\` needs a comment`,
    ),
    comment: z.string().max(10_000).nullable().optional().describe("The caseworker's comment (must not contain CPR numbers)"),
    caseworkerId: caseworkerIdSchema.describe("The caseworker's user id in the fund's case system"),
  })
  .strict()
  .refine((a) => a.correctedSubgroup == null || a.correctedTargetGroup === 2, {
    message: 'a subgroup (2a/2b) is only given within target group 2',
    path: ['correctedSubgroup'],
  })
  .refine((a) => a.reason !== 'andet' || (a.comment ?? '').trim() !== '', {
    message: 'the reason "andet" needs a comment saying what it is',
    path: ['comment'],
  })
  .meta({
    id: 'AssessmentRequest',
    example: {
      correctedTargetGroup: 2,
      correctedSubgroup: '2a',
      reason: 'jobtilbud_i_sigte',
      comment: 'Medlemmet ønsker at blive i faget; aftalt fokussamtale.',
      caseworkerId: 'sb-17',
    },
  });

/** POST /v1/screenings (Create), GET /v1/screenings/{id}, PUT /v1/screenings/{id}/assessment. */
export const screeningRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/v1/screenings',
    {
      config: requireFundRole('screening:create'),
      schema: {
        tags: ['screenings'],
        operationId: 'createScreening',
        summary: 'Create a screening (CitizenScreeningService Create): score the member with the active model and store the result',
        security: SECURITY,
        headers: idempotencyHeadersSchema,
        body: createScreeningBodySchema,
        response: {
          200: json(
            'A retry with the same Idempotency-Key: the screening the first request stored (header Idempotent-Replayed: true)',
            screeningResponseSchema,
          ),
          201: json(
            "The stored screening; its `id` is the one the caseworker's assessment is addressed to (PUT /v1/screenings/{id}/assessment)",
            screeningResponseSchema,
          ),
          400: PROBLEMS[400],
          409: PROBLEMS[409],
          410: problem('A retry whose Idempotency-Key created a screening that has since been erased under GDPR (erased)'),
          413: PROBLEMS[413],
          415: PROBLEMS[415],
          422: problem(
            'The active model cannot score this member (unscorable-member), or caseworkerId or the Idempotency-Key holds a CPR number (personal-data-in-text)',
          ),
          ...AUTH_PROBLEMS,
        },
      },
    },
    async (request, reply) => {
      const { cpr, member, questionnaire, caseworkerId } = request.body;
      const timing = {
        occasion: request.body.occasion ?? null,
        benefitPeriodStart: request.body.benefitPeriodStart ?? null,
        screeningDate: request.body.screeningDate ?? null,
      };
      const { current: citizenKey, previous } = app.citizenLookupOf(cpr);
      const context = { ...writeContext(request, request.headers['idempotency-key']), previousCitizenKey: previous };
      // A retry is answered from storage before scoring: the active model may have changed since and
      // be unable to score this member, but the first result stands. The input goes in as
      // toNewScreening stores it (plain JSON), so the fingerprints match.
      if (context.idempotencyKey != null) {
        const replayInput = JSON.parse(JSON.stringify({ member, questionnaire }));
        const replay = await app.repository.replayScreening(
          { citizenKey, input: replayInput, caseworkerId: caseworkerId ?? null, ...timingForStorage(timing) },
          context,
        );
        if (replay) {
          reply.header('location', `/v1/screenings/${replay.screening.id}`).header('idempotent-replayed', 'true');
          return reply.code(200).send(toScreeningResponse(replay, app.screeningPolicy));
        }
      }
      // Both read once: a switch while this request runs must not mix two models in one screening.
      const model = app.models.active;
      const candidate = app.models.shadow;
      const r = screenMember(model, { member, questionnaire }, app.screeningPolicy);
      if (!r.ok) throw new HttpProblem('unscorable-member', `model ${model.version} cannot score this member`, { errors: r.errors });
      let shadow = null;
      if (candidate !== null && candidate.version !== model.version) {
        const s = shadowScore(candidate, { member, questionnaire }, app.screeningPolicy);
        if (s.ok) shadow = s.score;
        else {
          // The reason names fields and rules, never the member's values.
          request.log.warn(
            { shadowModel: candidate.version, outcome: s.outcome, reason: s.reason },
            'the shadow model could not score the member',
          );
          app.metrics.shadowScores.inc({ model_version: candidate.version, outcome: s.outcome });
        }
      }
      const created = await app.repository.createScreening(
        toNewScreening(citizenKey, { member, questionnaire }, r.outcome, caseworkerId ?? null, timing),
        context,
        shadow,
      );
      if (shadow !== null && !created.replayed) app.metrics.shadowScores.inc({ model_version: shadow.modelVersion, outcome: 'stored' });
      const id = created.screening.id;
      reply.header('location', `/v1/screenings/${id}`);
      if (created.replayed) {
        reply.header('idempotent-replayed', 'true');
        const stored = await app.repository.getScreening(id, readContext(request));
        if (!stored) throw new HttpProblem('not-found', 'the screening this Idempotency-Key created has been erased');
        return reply.code(200).send(toScreeningResponse(stored, app.screeningPolicy));
      }
      app.metrics.screeningsCreated.inc({ model_version: model.version, target_group: String(created.screening.targetGroup) });
      return reply.code(201).send(createdScreeningResponse(created.screening, { member, questionnaire }, r.outcome, app.screeningPolicy));
    },
  );

  app.get(
    '/v1/screenings/:id',
    {
      config: requireFundRole('screening:read'),
      schema: {
        tags: ['screenings'],
        operationId: 'getScreening',
        summary: "One screening by id, with the caseworker's assessments",
        security: SECURITY,
        params: idParams,
        response: {
          200: json(
            "The screening with every assessment; `current` is what is in force after the caseworker's correction",
            screeningResponseSchema,
          ),
          400: problem('The id is not a UUID (validation-error)'),
          404: problem("No screening with this id in the client's fund (not-found)"),
          ...AUTH_PROBLEMS,
        },
      },
    },
    async (request) => {
      const stored = await app.repository.getScreening(request.params.id, readContext(request));
      if (!stored) throw new HttpProblem('not-found', 'no screening with this id');
      return toScreeningResponse(stored, app.screeningPolicy);
    },
  );

  app.put(
    '/v1/screenings/:id/assessment',
    {
      config: requireFundRole('screening:assess'),
      schema: {
        tags: ['screenings'],
        operationId: 'recordAssessment',
        summary:
          "Record the caseworker's assessment: corrected target group and comment. The statistical result is never changed; every assessment is kept",
        description:
          "The {id} is the screening's `id`, as createScreening answers it (also `screeningId` of screeningResultExists and `id` of getScreeningResult).",
        security: SECURITY,
        params: idParams,
        headers: idempotencyHeadersSchema,
        body: assessmentBodySchema,
        response: {
          200: json(
            'A retry with the same Idempotency-Key: the assessment the first request stored (header Idempotent-Replayed: true)',
            assessmentSchema,
          ),
          201: json('The stored assessment; the screening now shows it as its current assessment', assessmentSchema),
          400: PROBLEMS[400],
          404: problem("No screening with this id in the client's fund (not-found)"),
          409: PROBLEMS[409],
          413: PROBLEMS[413],
          415: PROBLEMS[415],
          422: problem('The comment, caseworkerId or Idempotency-Key holds a CPR number (personal-data-in-text)'),
          ...AUTH_PROBLEMS,
        },
      },
    },
    async (request, reply) => {
      const b = request.body;
      const r = await app.repository.addAssessment(
        {
          screeningId: request.params.id,
          correctedTargetGroup: b.correctedTargetGroup,
          correctedSubgroup: b.correctedSubgroup ?? null,
          reason: b.reason,
          comment: b.comment ?? null,
          caseworkerId: b.caseworkerId,
        },
        writeContext(request, request.headers['idempotency-key']),
      );
      if (r.replayed) reply.header('idempotent-replayed', 'true');
      else
        app.metrics.assessmentsCreated.inc({
          reason: r.assessment.reason ?? 'none',
          target_group: String(r.assessment.correctedTargetGroup),
        });
      return reply.code(r.replayed ? 200 : 201).send(r.assessment);
    },
  );
};
