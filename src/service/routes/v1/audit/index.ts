import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { HttpProblem } from '../../../problem.js';
import { CPR_HEADER, optionalCprHeadersSchema } from '../../../schemas/cpr.js';
import { AUTH_PROBLEMS, json, PROBLEMS, requireRole, SECURITY } from '../../common.js';

const entrySchema = z
  .object({
    id: z.string(),
    at: z.string(),
    clientId: z.string(),
    fundId: z
      .string()
      .nullable()
      .describe("The acting client's fund (a-kasse number); null for a client without one; '' for entries written before tenancy"),
    action: z.string(),
    outcome: z.string(),
    citizenKey: z.string().nullable().describe("The keyed hash of the citizen's CPR number; never the number"),
    screeningId: z.string().nullable(),
    requestId: z.string().nullable(),
    detail: z.string().nullable(),
  })
  .meta({ id: 'AuditEntry' });

/**
 * A time bound of the audit query. The storage compares UTC ISO text: PostgreSQL has no year 0
 * (`0000-01-01T00:00:00Z`), and a time past 9999 after its offset (`9999-12-31T23:59:59-23:59`) spells a
 * signed six-digit year it cannot read; both were 500s. No audit entry predates 1970, so that is the floor.
 */
const auditTimeSchema = z.iso.datetime({ offset: true, abort: true }).refine((s) => {
  const t = Date.parse(s);
  return Number.isFinite(t) && t >= 0 && t < Date.UTC(10000, 0, 1);
}, 'must lie between 1970-01-01T00:00:00Z and 9999-12-31T23:59:59Z (UTC, after the offset)');

/**
 * GET /v1/audit: the audit log, newest first, for the admin role; reading it is itself audited. A fund's
 * admin sees its fund's entries only. An admin without a fund (the operator) sees the entries of clients
 * without a fund and those written before tenancy, and may not ask by citizen: that is a fund's business.
 */
export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/v1/audit',
    {
      config: requireRole('admin'),
      schema: {
        tags: ['audit'],
        operationId: 'listAuditEntries',
        summary: 'The audit log: who created, read, assessed or erased which (hashed) citizen, when',
        security: SECURITY,
        headers: optionalCprHeadersSchema,
        querystring: z
          .object({
            clientId: z.string().max(100).optional(),
            action: z.string().max(100).optional(),
            outcome: z.string().max(100).optional(),
            screeningId: z.uuid().optional(),
            from: auditTimeSchema.optional().describe('Inclusive lower bound on the time'),
            to: auditTimeSchema.optional().describe('Exclusive upper bound on the time'),
            limit: z.coerce.number().int().min(1).max(1000).default(100),
            cursor: z
              .string()
              .regex(/^\d{1,19}$/, { abort: true })
              // Past the bigint's range the storage failed with a 500; ids are positive safe integers.
              .refine((c) => Number(c) >= 1 && Number.isSafeInteger(Number(c)), 'must be a positive safe integer')
              .optional()
              .describe('nextCursor of the previous page'),
          })
          .strict()
          .superRefine((q, ctx) => {
            if (q.from !== undefined && q.to !== undefined && Date.parse(q.from) > Date.parse(q.to)) {
              ctx.addIssue({ code: 'custom', path: ['to'], message: 'must not be before from' });
            }
          }),
        response: {
          200: json(
            'One page of entries, newest first',
            z.object({
              entries: z.array(entrySchema),
              nextCursor: z.string().nullable().describe('Pass as `cursor` for the next page; null on the last'),
            }),
          ),
          400: PROBLEMS[400],
          ...AUTH_PROBLEMS,
        },
      },
    },
    async (request) => {
      const q = request.query;
      const client = request.client!;
      const cpr = request.headers[CPR_HEADER];
      if (cpr !== undefined && client.fund === null) {
        throw new HttpProblem(
          'no-fund-registration',
          `client ${client.id} has no unemployment-fund registration, so it may not ask by citizen`,
        );
      }
      const lookup = cpr === undefined ? undefined : app.citizenLookupOf(cpr);
      const citizenKey = lookup?.current;
      // Entries under the previous CPR secret's key, and under keys since moved to these, are the citizen's too.
      const citizenKeys =
        lookup === undefined ? undefined : lookup.previous === null ? [lookup.current] : [lookup.current, lookup.previous];
      const page = await app.repository.listAudit({ ...q, citizenKeys, fundId: client.fund });
      await app.repository.appendAudit({
        clientId: client.id,
        fundId: client.fund,
        action: 'audit.read',
        outcome: 'success',
        citizenKey: citizenKey ?? null,
        requestId: request.id,
      });
      return page;
    },
  );
};
