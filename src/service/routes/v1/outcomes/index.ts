import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { weeksOfText } from '../../../../data/weeksText.js';
import { calendarDateSchema } from '../../../../screening/occasion.js';
import { OutcomeConflictError, OutcomePeriodNotFoundError } from '../../../../storage/errors.js';
import { idempotencyKeySchema } from '../../../../storage/records.js';
import type { NewOutcome, Outcome, RecordedOutcome } from '../../../../storage/repository.js';
import { readContext, writeContext } from '../../../plugins/audit.js';
import { HttpProblem, type FieldError } from '../../../problem.js';
import { toNewOutcome, toNewOutcomes } from '../../../outcomes/outcomeRecord.js';
import { CPR_HEADER, cprSchema } from '../../../schemas/cpr.js';
import { outcomeBatchBodySchema, outcomeBatchResponseSchema, outcomeBodySchema, outcomeResponseSchema } from '../../../schemas/outcome.js';
import { AUTH_PROBLEMS, json, problem, requireFundRole, SECURITY } from '../../common.js';

/**
 * A batch of the most records (OUTCOME_BATCH_LIMIT) with a year of weekly hours each fits: about 2 kB a
 * record as compact JSON (53 weeks of `{"week":"202551","hours":"37.5"}`), so about 20 MB in all.
 */
const BATCH_BODY_LIMIT = 32 * 1024 * 1024;

/** Headers of the single operation: the CPR number and an optional Idempotency-Key; others pass through. */
const outcomeHeadersSchema = z.looseObject({
  [CPR_HEADER]: cprSchema,
  'idempotency-key': idempotencyKeySchema
    .optional()
    .describe('Makes a retry safe: the same key with the same record returns the first result instead of storing twice'),
});

const historyQuerySchema = z
  .object({ benefitPeriodStart: calendarDateSchema.optional().describe('Only this benefit period (its first day, YYYY-MM-DD)') })
  .strict();

/** The API's view of a stored revision: no citizen key, no fund; the weeks as a list. */
function toResponse(o: Outcome) {
  const { citizenKey: _c, fundId: _f, ...rest } = o;
  return { ...rest, weeklyHours: rest.weeklyHours === null ? null : weeksOfText(rest.weeklyHours) };
}

const NOT_FOUND = 'the fund has no screening of this citizen with this benefit period start';
const CONFLICT = 'the period already has a different outcome; send it with correction: true and a correctionReason to replace it';

/**
 * Outcomes of benefit periods (issue 9.2): one over the API with the CPR number in the header, a
 * register extract as a batch (all or nothing), and a period's history. A fund records outcomes only
 * for periods it has screened.
 */
export const outcomeRoutes: FastifyPluginAsyncZod = async (app) => {
  app.put(
    '/v1/citizen/outcome',
    {
      config: requireFundRole('outcome:write'),
      schema: {
        operationId: 'recordOutcome',
        tags: ['outcomes'],
        summary:
          "Record the outcome of one of the citizen's benefit periods (follow-up statuses, the 52-week outcome given or as weekly hours)",
        description:
          'The period is named by its first day and must have a screening in the fund. A record equal to the current outcome is a replay (200, nothing stored); one that adds to it (a status given, a pending outcome now known) is a new revision (201); one that changes what was known is refused (409) unless sent with correction: true and a reason, which stores a new revision and keeps the history.',
        security: SECURITY,
        headers: outcomeHeadersSchema,
        body: outcomeBodySchema,
        response: {
          200: json('The record equals the current outcome: nothing was stored (Idempotent-Replayed: true)', outcomeResponseSchema),
          201: json('A new revision, now the current outcome', outcomeResponseSchema),
          400: problem('The record is not valid (each bad field named)'),
          404: problem('The fund has no screening of this citizen with this benefit period start'),
          409: problem('The period has a different outcome (send a correction), or the Idempotency-Key was used for another record'),
          413: problem('The body is too large'),
          415: problem('The body is not JSON'),
          422: problem('The weekly hours are not valid (each bad week named by index and field), or free text holds a CPR number'),
          ...AUTH_PROBLEMS,
        },
      },
    },
    async (request, reply) => {
      const { current, previous } = app.citizenLookupOf(request.headers[CPR_HEADER]);
      const built = toNewOutcome(current, request.body);
      if (!built.ok) throw invalidHours(built.errors);
      let recorded: RecordedOutcome;
      try {
        [recorded] = await app.repository.recordOutcomes(
          [{ outcome: built.outcome, previousCitizenKey: previous }],
          writeContext(request, request.headers['idempotency-key']),
        );
      } catch (err) {
        if (err instanceof OutcomePeriodNotFoundError) throw new HttpProblem('not-found', NOT_FOUND);
        if (err instanceof OutcomeConflictError) throw new HttpProblem('outcome-conflict', CONFLICT);
        throw err;
      }
      if (recorded.status === 'unchanged') reply.header('idempotent-replayed', 'true');
      return reply.code(recorded.status === 'unchanged' ? 200 : 201).send(toResponse(recorded.outcome));
    },
  );

  app.post(
    '/v1/outcomes/batch',
    {
      config: requireFundRole('outcome:write'),
      bodyLimit: BATCH_BODY_LIMIT,
      schema: {
        operationId: 'recordOutcomeBatch',
        tags: ['outcomes'],
        summary: "Record a register extract's outcomes: a JSON array of records, each with the member's CPR number, stored all or nothing",
        description:
          "Each record is as in PUT /v1/citizen/outcome, with the CPR number in `cpr` (never echoed, logged or stored in clear). A record without hoursThroughWeek is judged against the last week of the whole batch, as `ledighedsprofil label` judges against the hours file's last week. One bad record refuses the batch and nothing is stored: the problem names it by its index.",
        security: SECURITY,
        body: outcomeBatchBodySchema,
        response: {
          200: json('Every record stored (or a replay): counts, and per record its index and resulting state', outcomeBatchResponseSchema),
          400: problem('A record is not valid (fields named as index.field); nothing stored'),
          404: problem('A record names a period the fund has not screened (named by index); nothing stored'),
          409: problem('A record changes a known outcome without correction (named by index); nothing stored'),
          413: problem('The body is too large'),
          415: problem('The body is not JSON'),
          422: problem('Weekly hours are not valid (index.weeklyHours.week.field), or free text holds a CPR number; nothing stored'),
          ...AUTH_PROBLEMS,
        },
      },
    },
    async (request) => {
      const body = request.body;
      const lookups = body.map((r) => app.citizenLookupOf(r.cpr));
      const { results: built } = toNewOutcomes(
        lookups.map((k) => k.current),
        body,
      );
      const errors: FieldError[] = [];
      const items: { outcome: NewOutcome; previousCitizenKey: string | null }[] = [];
      built.forEach((b, index) => {
        if (b.ok) items.push({ outcome: b.outcome, previousCitizenKey: lookups[index].previous });
        else for (const e of b.errors) errors.push({ field: `${index}.${e.field}`, reason: e.reason });
      });
      if (errors.length > 0) throw invalidHours(errors);
      let recorded: RecordedOutcome[];
      try {
        recorded = await app.repository.recordOutcomes(items, writeContext(request), { batch: true });
      } catch (err) {
        if (err instanceof OutcomePeriodNotFoundError) {
          throw new HttpProblem('not-found', `record ${err.index}: ${NOT_FOUND}; nothing was stored`, {
            errors: [{ field: String(err.index), reason: NOT_FOUND }],
          });
        }
        if (err instanceof OutcomeConflictError) {
          throw new HttpProblem('outcome-conflict', `record ${err.index}: ${CONFLICT}; nothing was stored`, {
            errors: [{ field: String(err.index), reason: CONFLICT }],
          });
        }
        throw err;
      }
      const count = (s: RecordedOutcome['status']) => recorded.filter((r) => r.status === s).length;
      return {
        records: recorded.length,
        created: count('created'),
        updated: count('updated'),
        corrected: count('corrected'),
        unchanged: count('unchanged'),
        results: recorded.map((r, index) => ({
          index,
          status: r.status,
          revision: r.outcome.revision,
          longTermState: r.outcome.longTermState,
          longTerm: r.outcome.longTerm,
        })),
      };
    },
  );

  app.get(
    '/v1/citizen/outcomes',
    {
      config: requireFundRole('screening:read'),
      schema: {
        operationId: 'listOutcomes',
        tags: ['outcomes'],
        summary: "Every recorded revision of the citizen's outcomes in the fund, oldest first (of one benefit period, or all)",
        security: SECURITY,
        headers: z.looseObject({ [CPR_HEADER]: cprSchema }),
        querystring: historyQuerySchema,
        response: {
          200: json('The revisions; empty when none is recorded', z.object({ outcomes: z.array(outcomeResponseSchema) })),
          400: problem('The CPR header or the query is not valid'),
          ...AUTH_PROBLEMS,
        },
      },
    },
    async (request) => {
      const list = await app.repository.outcomeHistory(
        app.citizenLookupOf(request.headers[CPR_HEADER]),
        request.query.benefitPeriodStart ?? null,
        readContext(request),
      );
      return { outcomes: list.map(toResponse) };
    },
  );
};

/** A 422 naming each bad hours field; nothing was stored. */
function invalidHours(errors: FieldError[]): HttpProblem {
  return new HttpProblem('invalid-hours', `the weekly hours are not valid: ${errors.map((e) => e.field).join(', ')}; nothing was stored`, {
    errors,
  });
}
