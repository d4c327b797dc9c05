import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** GET /metrics in Prometheus text format, for the admin role (Prometheus sends the key as a bearer token). */
export const metricsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/metrics',
    { config: { auth: { roles: ['admin'] }, rateLimit: false }, schema: { hide: true, operationId: 'getMetrics' } },
    async (_request, reply) => {
      reply.type(app.metricsRegistry.contentType);
      return app.metricsRegistry.metrics();
    },
  );
};
