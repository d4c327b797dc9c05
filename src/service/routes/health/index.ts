import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { json } from '../common.js';

const liveSchema = z.object({ status: z.literal('ok') });
const readySchema = z.object({
  status: z.enum(['ok', 'unavailable']),
  database: z.enum(['ok', 'unreachable']).describe('Whether the database answered a trivial query'),
  databaseKind: z.enum(['sqlite', 'postgres']),
  activeModel: z.string().describe('The model version new screenings use'),
  activeModelSimulatedData: z.boolean().describe('True when the active model was trained on simulated data'),
  shadowModel: z.string().nullable().describe('The model scoring new screenings in the shadow (never shown), or null'),
});

/** Liveness (the process answers) and readiness (database reachable, model loaded); public, not rate-limited. */
export const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  const config = { auth: 'public' as const, rateLimit: false as const };
  app.get(
    '/health/live',
    {
      config,
      schema: {
        tags: ['health'],
        operationId: 'getLiveness',
        summary: 'Liveness probe',
        response: { 200: json('The process answers', liveSchema) },
      },
    },
    async () => ({ status: 'ok' as const }),
  );
  app.get(
    '/health/ready',
    {
      config,
      schema: {
        tags: ['health'],
        operationId: 'getReadiness',
        summary: 'Readiness probe: database reachable and model loaded',
        // The 503 is the probe's own answer, not a problem: a load balancer reads the status, a person the body.
        response: {
          200: json('Ready: the database answered and the active model is loaded', readySchema),
          503: json('Not ready: the database did not answer; the body says which part is down', readySchema),
        },
      },
    },
    async (request, reply) => {
      const database = await app.repository.ping().then(
        () => 'ok' as const,
        (err: unknown) => {
          request.log.warn({ err }, 'database not reachable');
          return 'unreachable' as const;
        },
      );
      const ok = database === 'ok';
      const active = app.models.active;
      return reply.code(ok ? 200 : 503).send({
        status: ok ? 'ok' : 'unavailable',
        database,
        databaseKind: app.repository.kind,
        activeModel: active.version,
        activeModelSimulatedData: active.artifact.simulatedData,
        shadowModel: app.models.shadow?.version ?? null,
      });
    },
  );
};
