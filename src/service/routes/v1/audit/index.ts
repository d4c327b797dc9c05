import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemSchema } from '../../../problem.js';
import { cprSchema } from '../../../schemas/cpr.js';
import { AUTH_PROBLEMS, requireRole, SECURITY } from '../../common.js';

const entrySchema = z
  .object({
    id: z.string(),
    at: z.string(),
    clientId: z.string(),
    action: z.string(),
    outcome: z.string(),
    citizenKey: z.string().nullable().describe("The keyed hash of the citizen's CPR number; never the number"),
    screeningId: z.string().nullable(),
    requestId: z.string().nullable(),
    detail: z.string().nullable(),
  })
  .meta({ id: 'AuditEntry' });

/** GET /v1/audit: the audit log, newest first, for the admin role; reading it is itself audited. */
export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/v1/audit',
    {
      config: requireRole('admin'),
      schema: {
        tags: ['audit'],
        summary: 'The audit log: who created, read, assessed or erased which (hashed) citizen, when',
        security: SECURITY,
        querystring: z
          .object({
            cpr: cprSchema.optional().describe('Only entries about this citizen (matched by the keyed hash)'),
            clientId: z.string().max(100).optional(),
            action: z.string().max(100).optional(),
            outcome: z.string().max(100).optional(),
            screeningId: z.uuid().optional(),
            from: z.iso.datetime({ offset: true }).optional().describe('Inclusive lower bound on the time'),
            to: z.iso.datetime({ offset: true }).optional().describe('Exclusive upper bound on the time'),
            limit: z.coerce.number().int().min(1).max(1000).default(100),
            cursor: z
              .string()
              .regex(/^\d{1,19}$/)
              .optional()
              .describe('nextCursor of the previous page'),
          })
          .strict(),
        response: {
          200: z.object({ entries: z.array(entrySchema), nextCursor: z.string().nullable() }),
          400: problemSchema,
          ...AUTH_PROBLEMS,
        },
      },
    },
    async (request) => {
      const { cpr, ...q } = request.query;
      const citizenKey = cpr === undefined ? undefined : app.citizenKeyOf(cpr);
      const page = await app.repository.listAudit({ ...q, citizenKey });
      await app.repository.appendAudit({
        clientId: request.client!.id,
        action: 'audit.read',
        outcome: 'success',
        citizenKey: citizenKey ?? null,
        requestId: request.id,
      });
      return page;
    },
  );
};
