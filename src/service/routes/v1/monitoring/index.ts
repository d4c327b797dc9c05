import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { MIN_CELL_COUNT } from '../../../../monitoring/monitor.js';
import { calendarDateSchema, copenhagenDate } from '../../../../screening/occasion.js';
import { fundIdSchema } from '../../../../storage/records.js';
import { HttpProblem } from '../../../problem.js';
import { json, problem, PROBLEMS, requireRole, SECURITY } from '../../common.js';

/** The bound of every count in the answer (a documented limit, not zod's 2^53 − 1). */
const COUNT_MAX = 1_000_000_000;

const nullableNumber = z.number().nullable();

/** `calibrate`'s figures; the main ones named here, every other key of `calibrate --json` alongside. */
const calibrationSchema = z
  .looseObject({
    n: z.number().int().min(0).max(COUNT_MAX),
    events: z.number().int().min(0).max(COUNT_MAX),
    auc: nullableNumber,
    auc_ci_low: nullableNumber,
    auc_ci_high: nullableNumber,
    calibration_intercept: nullableNumber,
    calibration_intercept_ci_low: nullableNumber,
    calibration_intercept_ci_high: nullableNumber,
    calibration_slope: nullableNumber,
    calibration_slope_ci_low: nullableNumber,
    calibration_slope_ci_high: nullableNumber,
    brier: z.number(),
    warnings: z.array(z.string()),
  })
  .describe("The figures of the calibrate command (rms::val.prob's, DeLong's AUC interval, Wald intervals), under its JSON keys")
  .meta({ id: 'LiveCalibration' });

const overrideCellSchema = z.object({
  screenings: z.number().int().min(0).max(COUNT_MAX).nullable(),
  assessed: z.number().int().min(0).max(COUNT_MAX).nullable().describe('Screenings a caseworker assessed'),
  overridden: z.number().int().min(0).max(COUNT_MAX).nullable().describe('Assessments that changed the target group'),
  rate: nullableNumber.describe('overridden / screenings'),
  suppressed: z.boolean().describe('True when the cell has fewer periods than the minimum cell count; its figures are null'),
});

const versionSchema = z
  .object({
    model_version: z.string(),
    artifact_loaded: z.boolean(),
    screenings: z.number().int().min(0).max(COUNT_MAX).describe('Benefit periods whose first screening used this version'),
    outcomes_known: z.number().int().min(0).max(COUNT_MAX).describe('Of them, with a known outcome and the 52 weeks over'),
    pending: z.number().int().min(0).max(COUNT_MAX),
    pending_reasons: z.object({
      label_delay: z.number().int().min(0).max(COUNT_MAX),
      outcome_pending: z.number().int().min(0).max(COUNT_MAX),
      outcome_not_given: z.number().int().min(0).max(COUNT_MAX),
      no_outcome: z.number().int().min(0).max(COUNT_MAX),
    }),
    input_unreadable: z.number().int().min(0).max(COUNT_MAX),
    calibration: calibrationSchema.nullable(),
    groups: z
      .looseObject({
        cutoff: z.number(),
        attributes: z.array(z.looseObject({ attribute: z.string(), groups: z.array(z.looseObject({ group: z.string() })) })),
      })
      .nullable()
      .describe(
        "The calibration report's figures per sensitive attribute, age band and region; a group under the minimum cell count shows only its name",
      ),
    target_group_2_by_month: z.array(
      z.object({
        month: z.string(),
        screenings: z.number().int().min(0).max(COUNT_MAX),
        target_group_2: z.number().int().min(0).max(COUNT_MAX),
        share: z.number(),
      }),
    ),
    overrides: z.object({
      overall: overrideCellSchema,
      by_target_group: z.array(overrideCellSchema.extend({ target_group: z.number().int().min(0).max(COUNT_MAX) })),
      by_attribute: z.array(z.object({ attribute: z.string(), groups: z.array(overrideCellSchema.extend({ group: z.string() })) })),
    }),
    drift: z
      .looseObject({ available: z.boolean(), modelVersion: z.string() })
      .describe(
        'Population stability index of every input and of the score against the training distribution (a reading from minRowsForReading periods on), or why it is unavailable',
      ),
    shadows: z.array(
      z.object({
        model_version: z.string(),
        screenings: z.number().int().min(0).max(COUNT_MAX),
        target_group_2_share: z.number(),
        outcomes_known: z.number().int().min(0).max(COUNT_MAX),
        calibration: calibrationSchema.nullable(),
        active_calibration: calibrationSchema.nullable().describe("The active model's figures on the same periods"),
      }),
    ),
  })
  .meta({ id: 'VersionMonitoring' });

const monitoringSchema = z
  .object({
    as_of: z.string(),
    selection: z.object({ fund: z.string().nullable(), from: z.string().nullable(), to: z.string().nullable() }),
    label_delay_days: z.number().int().min(0).max(COUNT_MAX),
    min_cell_count: z.number().int().min(0).max(COUNT_MAX),
    screenings: z.number().int().min(0).max(COUNT_MAX),
    versions: z.array(versionSchema),
  })
  .describe('Counts and statistics per model version; no citizen key, CPR number or per-person row')
  .meta({
    id: 'Monitoring',
    examples: [
      {
        as_of: '2026-12-01',
        selection: { fund: '15', from: '2025-01-01', to: null },
        label_delay_days: 364,
        min_cell_count: MIN_CELL_COUNT,
        screenings: 1840,
        versions: [],
      },
    ],
  });

/**
 * GET /v1/monitoring: live monitoring for the `monitor:read` role, from one streamed pass over the
 * stored periods, shared with identical requests on unchanged data (see monitoringPasses.ts). A fund's client sees its own fund; a client without a fund (the
 * operator) sees every fund, or one with `fund`. Audited as `monitoring.read`.
 */
export const monitoringRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/v1/monitoring',
    {
      config: requireRole('monitor:read'),
      schema: {
        operationId: 'getMonitoring',
        tags: ['monitoring'],
        summary: 'Live monitoring: outcomes, calibration, overrides and drift per model version',
        description:
          'For the benefit periods whose first screening falls in [from, to]: screenings, outcomes known and pending; on ' +
          'periods with a known outcome whose 52 weeks are over by asOf the figures of `calibrate` and per group; the ' +
          'share in målgruppe 2 by month; caseworker override rates; and the PSI of every input and of the score.',
        security: SECURITY,
        querystring: z
          .object({
            from: calendarDateSchema.optional().describe('First screening date of the periods (inclusive)'),
            to: calendarDateSchema.optional().describe('Last screening date of the periods (inclusive)'),
            asOf: calendarDateSchema
              .optional()
              .describe('The day whose completed 52 weeks count (default today in Denmark); not after today'),
            fund: fundIdSchema.optional().describe('For a client without a fund: one fund only'),
          })
          .strict()
          .superRefine((q, ctx) => {
            if (q.from !== undefined && q.to !== undefined && q.from > q.to)
              ctx.addIssue({ code: 'custom', path: ['to'], message: 'must not be before from' });
            // A later day would count outcomes whose 52 weeks are not over.
            if (q.asOf !== undefined && q.asOf > copenhagenDate(new Date()))
              ctx.addIssue({ code: 'custom', path: ['asOf'], message: 'must not be after today' });
          }),
        response: {
          200: json('The monitoring figures', monitoringSchema),
          400: problem('A query parameter is not valid; `errors` names it'),
          401: PROBLEMS[401],
          403: problem('The client lacks the monitor:read role, or asked for another fund than its own'),
          429: PROBLEMS[429],
        },
      },
    },
    async (request) => {
      const client = request.client!;
      const q = request.query;
      if (client.fund !== null && q.fund !== undefined && q.fund !== client.fund) {
        throw new HttpProblem('forbidden', `client ${client.id} sees its own fund only`);
      }
      const selection = { fundId: client.fund ?? q.fund ?? null, from: q.from, to: q.to };
      const report = await app.monitoringPasses.report(selection, q.asOf ?? copenhagenDate(new Date()));
      await app.repository.appendAudit({
        clientId: client.id,
        fundId: client.fund,
        action: 'monitoring.read',
        outcome: 'success',
        citizenKey: null,
        requestId: request.id,
        detail: `fund=${selection.fundId ?? 'all'} from=${q.from ?? ''} to=${q.to ?? ''}`,
      });
      // The schema names the main keys and passes the rest (an interface has no index signature, so TypeScript cannot see that it fits).
      return report as unknown as z.infer<typeof monitoringSchema>;
    },
  );
};
