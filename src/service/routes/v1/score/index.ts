import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { EXAMPLE_MEMBER_INPUT, memberInputSchema } from '../../../../screening/member/memberSchema.js';
import { HttpProblem, type FieldError } from '../../../problem.js';
import { probabilityIntervalSchema } from '../../../../screening/screeningResult.js';
import { statisticalResultSchema } from '../../../schemas/screening.js';
import { scoreMember, screenMember, type ScreeningOutcome } from '../../../screening/engine.js';
import { statisticalResult } from '../../../screening/storedScreening.js';
import { limitScoredMembers } from '../../../plugins/rateLimit.js';
import { AUTH_PROBLEMS, json, problem, PROBLEMS, requireRole, SECURITY } from '../../common.js';

/** POST /v1/score: one or many members scored with the active model; nothing is stored, nothing audited per citizen (no CPR is sent). */
export const scoreRoutes: FastifyPluginAsyncZod = async (app) => {
  const limit = app.config.scoreBatchLimit;
  const bodySchema = z
    .object({
      members: z
        .array(memberInputSchema)
        .min(1)
        .max(limit, `at most ${limit} members per request`)
        .describe(`The members to score, 1 to ${limit} (SCORE_BATCH_LIMIT); no CPR numbers`),
    })
    .strict()
    .meta({ id: 'ScoreRequest', example: { members: [EXAMPLE_MEMBER_INPUT] } });
  const querySchema = z
    .object({
      explain: z
        .enum(['true', 'false'])
        .default('false')
        .describe('true: add the factors, suggested activities and member summary to each result (about ten times the work and the bytes)'),
    })
    .strict();
  // Without explain=true a result carries the score, group and referral only; the explanation fields are then absent.
  // A fresh score always has its interval (only stored screenings from before it may lack one), and a
  // non-null object keeps the response on the fast serializer.
  const resultSchema = statisticalResultSchema
    .partial({ baselineLinearPredictor: true, factors: true, activities: true, memberSummary: true })
    .extend({
      probabilityInterval: probabilityIntervalSchema.describe(
        "The probability's 95 % confidence interval, logistic(η ± 1.96·se) with se² = xᵀΣx from the model's covariance (the delta method on the log-odds)",
      ),
    })
    .meta({ id: 'ScoreResult' });
  const responseSchema = z
    .object({
      results: z.array(resultSchema).describe('One result per member, in request order'),
    })
    .meta({ id: 'ScoreResponse' });

  app.post(
    '/v1/score',
    {
      config: requireRole('screening:create'),
      schema: {
        tags: ['scoring'],
        operationId: 'scoreMembers',
        summary: `Stateless scoring of 1 to ${limit} members with the active model: probability, target group and job-centre referral; with ?explain=true also factors and activities. Nothing is stored`,
        security: SECURITY,
        querystring: querySchema,
        body: bodySchema,
        response: {
          200: json('One result per member, in request order', responseSchema),
          400: PROBLEMS[400],
          413: PROBLEMS[413],
          415: PROBLEMS[415],
          422: problem('The active model cannot score some member (unscorable-member); `errors` names members.<i>.<field>'),
          ...AUTH_PROBLEMS,
        },
      },
    },
    async (request, reply) => {
      const limited = limitScoredMembers(app, request, reply, request.body.members.length);
      if (limited !== undefined) await limited;
      const model = app.models.active;
      const errors: FieldError[] = [];
      const explain = request.query.explain === 'true';
      const results = request.body.members.map((m, i) => {
        const r = explain ? screenMember(model, m, app.screeningPolicy) : scoreMember(model, m, app.screeningPolicy);
        if (!r.ok) {
          for (const e of r.errors) errors.push({ field: `members.${i}.${e.field}`, reason: e.reason });
          return null;
        }
        return explain ? statisticalResult(r.outcome as ScreeningOutcome) : r.outcome;
      });
      if (errors.length > 0) throw new HttpProblem('unscorable-member', `model ${model.version} cannot score every member`, { errors });
      app.metrics.membersScored.inc({ model_version: model.version }, results.length);
      // Every result is there (an unscorable member threw above), each with the interval the scorer computes.
      return { results: results as z.output<typeof resultSchema>[] };
    },
  );
};
